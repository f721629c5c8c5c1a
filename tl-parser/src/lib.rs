//! Parser, printer and constructor-id checker for Telegram's TL schema files
//! (`api.tl`, `mtproto.tl` and their copies in client libraries).
//!
//! ```
//! let schema = tl_parser::parse_schema(
//!     "keyboardButtonStyle#4fdd3430 flags:# bg_primary:flags.0?true icon:flags.3?long = KeyboardButtonStyle;\n\
//!      ---functions---\n\
//!      messages.sendVote#10ea6184 peer:InputPeer msg_id:int options:Vector<bytes> = Updates;\n\
//!      // LAYER 230",
//! )?;
//! assert_eq!(schema.layer, Some(230));
//! assert_eq!(schema.functions().next().unwrap().full_name(), "messages.sendVote");
//! let report = schema.check_ids();
//! assert_eq!((report.verified, report.mismatches.len()), (2, 0));
//! # Ok::<(), tl_parser::ParseError>(())
//! ```
//!
//! * One concept per module; [`Schema`], [`Definition`], [`Parameter`], [`Type`] and
//!   [`Flag`] implement `FromStr` and a canonical `Display` that parses back to an
//!   equal value (spans aside, which equality ignores).
//! * Constructor ids are recomputed from the parsed definition; the rule, with its
//!   sources, is documented in [`id`] and the real-schema exceptions in
//!   [`known_exceptions`].
//! * Errors carry a 1-based line and column, the offending text and what was
//!   expected. No input makes the parser panic: nesting, flag bits and repetition
//!   counts are bounded, and every scan moves forward.
//! * The scanner works on bytes and never copies the file or allocates per token;
//!   names are [`CompactString`](compact_str::CompactString)s, inline when short.

mod category;
mod definition;
mod errors;
mod flag;
mod generic;
pub mod id;
pub mod known_exceptions;
mod layer;
mod lexer;
mod parameter;
mod schema;
mod span;
mod ty;

pub use category::Category;
pub use definition::{Definition, MAX_PARAMETERS};
pub use errors::{ParseError, ParseErrorKind, END_OF_INPUT, MAX_FOUND_CHARS};
pub use flag::{Flag, MAX_FLAG_INDEX};
pub use generic::Generic;
pub use known_exceptions::{known_exception, KnownException};
pub use parameter::{Parameter, ParameterType, MAX_MULTIPLICITY};
pub use schema::{parse_schema, IdMismatch, IdReport, Schema};
pub use span::{line_col, LineCol, LineIndex, Span};
pub use ty::{Type, MAX_TYPE_DEPTH};
