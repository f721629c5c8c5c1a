//! The generator of the typed codec: any parsed TL schema in, formatted Rust source out.
//!
//! ```
//! let schema = tl_parser::parse_schema(
//!     "keyboardButtonStyle#4fdd3430 flags:# bg_primary:flags.0?true icon:flags.3?long = KeyboardButtonStyle;",
//! )?;
//! let rust = tgconf_spec::typed::gen::generate(&schema, &Default::default()).unwrap();
//! assert!(rust.contains("pub struct KeyboardButtonStyle {"));
//! assert!(rust.contains("pub icon: Option<i64>,"));
//! # Ok::<(), tl_parser::ParseError>(())
//! ```
//!
//! The pipeline, one module per step:
//!
//! 1. [`model`] resolves every definition against the schema: constructors grouped into
//!    boxed types, parameters into fields with a wire type, flag bits into conditions.
//!    Everything it cannot map is collected into one [`GenError`].
//! 2. [`layout`] decides what depends on the whole schema: lifetimes, `Box`es for
//!    recursion, lower bounds on encoded sizes.
//! 3. [`items`] and [`wire`] write each struct and enum with its codec, [`file`] arranges
//!    them in modules with the era-wide tables, [`code`] keeps the indentation.
//!
//! The output is deterministic (schema order, namespaces alphabetical) and already in
//! rustfmt's layout, so it is checked in and compared byte for byte.

pub mod code;
pub mod error;
pub mod file;
pub mod items;
pub mod layout;
pub mod model;
pub mod naming;
pub mod wire;

pub use error::{GenError, Problem};

use tl_parser::Schema;

use crate::era::Era;

/// What the generated file says about itself.
#[derive(Debug, Clone)]
pub struct GenOptions<'s> {
    /// What the header calls the file's contents: "era 224-228".
    pub title: &'s str,
    /// The schema file it was generated from, as a path from the repository root.
    pub source: &'s str,
    /// The layers the schema holds for (`FIRST_LAYER`, `LAST_LAYER` in the output);
    /// `None` takes the schema's own `// LAYER` line, if any.
    pub layers: Option<(u32, u32)>,
    /// The path of this crate's `typed` module as seen from the generated code:
    /// `crate::typed` inside `tgconf-spec`, `tgconf_spec::typed` anywhere else.
    pub runtime: &'s str,
}

impl Default for GenOptions<'_> {
    fn default() -> Self {
        Self {
            title: "a TL schema",
            source: "a TL schema",
            layers: None,
            runtime: "crate::typed",
        }
    }
}

/// The eras whose generated code is checked in, with the file each one lives in under
/// `spec/src/typed/generated/`.
pub const GENERATED_ERAS: [(Era, &str); 4] = [
    (Era::L177To221, "era_177_221.rs"),
    (Era::L224To228, "era_224_228.rs"),
    (Era::L229, "era_229.rs"),
    (Era::L230, "era_230.rs"),
];

/// The generated module of one era, exactly as it is checked in.
pub fn generate_era(era: Era) -> Result<String, GenError> {
    let schema = era.schema().map_err(|e| GenError {
        problems: vec![Problem {
            definition: format!("spec/schema/{}.tl", era.name()),
            reason: e.to_string(),
        }],
    })?;
    let title = format!("era {}", era.name());
    let source = format!("spec/schema/{}.tl", era.name());
    let layers = Some((era.first_layer(), era.last_layer()));
    generate(
        schema,
        &GenOptions {
            title: &title,
            source: &source,
            layers,
            ..GenOptions::default()
        },
    )
}

/// Rust source for every definition of `schema`.
pub fn generate(schema: &Schema, options: &GenOptions<'_>) -> Result<String, GenError> {
    let mut model = model::Model::build(schema).map_err(|problems| GenError { problems })?;
    layout::lay_out(&mut model);
    Ok(file::emit_file(&model, options))
}
