//! `tgconf decode` and `tgconf encode`: TL wire bytes to canonical JSON and back, with the
//! dynamic codec of `tgconf_spec::dynamic` over an era schema or any TL file.

use std::io::{BufRead, Write};
use std::path::PathBuf;

use clap::Args;
use serde_json::json;
use tgconf_spec::codec::{DecodeError, DecodeOptions, EncodeError};
use tgconf_spec::dynamic::{
    decode_in, encode_as, from_json, parse_strict, to_json, Arena, JsonError, JsonErrorKind,
    Registry, TypeSpec,
};
use tgconf_spec::era::{era_for_layer, Era};

use crate::exit::{write_failed, Exit};

/// What both commands' long help says about schemas and types.
macro_rules! schema_help {
    () => {
        "Schema: --layer N uses the era schema that holds at API layer N (152 to 230, see
spec/schema/README.md); --schema FILE reads TL files (give it twice for api.tl and
mtproto.tl together). With neither, the newest era is used: layer 230.

Types (--type, default Object): Object is any boxed constructor or function call of the
schema (or a boxed Bool); a boxed type (InputPeer, messages.BotCallbackAnswer) is one of
its constructors; a function name (messages.sendBotRequestedPeer) is a call of it; base
types are int, long, double, int128, int256, string, bytes, Bool; Vector<T> and vector<T>
nest; %T and lowercase constructor names are bare (no constructor id).

The JSON is the canonical form of docs/canonical-json.md."
    };
}

/// Where the schema comes from and what type the value has.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Use the era schema for API layer N.
    #[arg(long, value_name = "N", conflicts_with = "schema")]
    layer: Option<u32>,
    /// Use this TL schema file (repeat to combine files).
    #[arg(long, value_name = "FILE")]
    schema: Vec<PathBuf>,
    /// The TL type of the value.
    #[arg(long = "type", value_name = "T", default_value = "Object")]
    ty: String,
}

/// Decode TL bytes and print their canonical JSON.
#[derive(Debug, Args)]
#[command(after_long_help = DECODE_HELP)]
pub struct DecodeArgs {
    #[command(flatten)]
    schema: SchemaArgs,
    /// Accept what real peers send: non-zero padding, long-form short lengths, invalid
    /// UTF-8, unknown flag bits, trailing bytes.
    #[arg(long)]
    lenient: bool,
    /// Read the bytes from a binary file instead of HEX.
    #[arg(long, value_name = "FILE", conflicts_with = "hex")]
    raw: Option<PathBuf>,
    /// The bytes in hex (spaces allowed), or `-` to decode one hex value per line of
    /// standard input.
    #[arg(value_name = "HEX", required_unless_present = "raw")]
    hex: Option<String>,
}

const DECODE_HELP: &str = concat!(
    "Prints the canonical JSON of the value on one line.

Exit status: 0 when every input decodes; 1 when one does not (the message names the error
kind and the byte offset); 2 for usage errors: bad hex, both --layer and --schema, an
unknown --type, a schema that cannot be read.

With `-`, each line of standard input is one value and each gives one line of output: the
JSON, or {\"error\": <kind>, \"offset\": <byte>, \"message\": …} for a line that fails;
the exit status is 1 if any line failed.

",
    schema_help!()
);

/// Encode canonical JSON and print the TL bytes in hex.
#[derive(Debug, Args)]
#[command(after_long_help = ENCODE_HELP)]
pub struct EncodeArgs {
    #[command(flatten)]
    schema: SchemaArgs,
    /// The value as canonical JSON, or `-` to encode one JSON value per line of standard
    /// input.
    #[arg(value_name = "JSON")]
    json: String,
}

const ENCODE_HELP: &str = concat!(
    "Prints the wire bytes in lowercase hex on one line.

Exit status: 0 when every value encodes; 1 when one does not fit the schema (the message
gives the JSON path, what was expected and what was found); 2 for usage errors: text that
is not JSON, both --layer and --schema, an unknown --type, a schema that cannot be read.

With `-`, each line of standard input is one value and each gives one line of output: the
hex, or {\"error\": <kind>, \"path\": <JSON pointer>, \"message\": …} for a line that
fails; the exit status is 1 if any line failed.

",
    schema_help!()
);

/// A failure that ends the command before any value is processed.
struct Usage(String);

impl SchemaArgs {
    /// The registry and the type: `--layer`, `--schema`, or the newest era.
    fn load(&self) -> Result<(Registry, TypeSpec), Usage> {
        let registry = if !self.schema.is_empty() {
            let mut schemas = Vec::new();
            for path in &self.schema {
                let text = std::fs::read_to_string(path)
                    .map_err(|e| Usage(format!("{}: {e}", path.display())))?;
                let schema = tl_parser::parse_schema(&text)
                    .map_err(|e| Usage(format!("{}:{e}", path.display())))?;
                schemas.push(schema);
            }
            let refs: Vec<_> = schemas.iter().collect();
            Registry::build_from(&refs).map_err(|e| Usage(format!("schema: {e}")))?
        } else {
            let (era, layer) = match self.layer {
                Some(layer) => (
                    era_for_layer(layer).map_err(|e| Usage(e.to_string()))?,
                    layer,
                ),
                None => (newest_era(), newest_era().last_layer()),
            };
            let schema = era
                .schema_at(layer)
                .map_err(|e| Usage(format!("era {era}: {e}")))?;
            Registry::build(schema).map_err(|e| Usage(format!("era {era}: {e}")))?
        };
        let ty = registry
            .type_spec(&self.ty)
            .map_err(|e| Usage(format!("--type: {e}")))?;
        Ok((registry, ty))
    }
}

/// The default schema: the era of the highest supported layer (230).
pub fn newest_era() -> Era {
    Era::ALL[Era::ALL.len() - 1]
}

/// Runs `tgconf decode`.
pub fn decode(args: DecodeArgs) -> Exit {
    let (registry, ty) = match args.schema.load() {
        Ok(loaded) => loaded,
        Err(Usage(message)) => return usage(&message),
    };
    let options = if args.lenient {
        DecodeOptions::lenient()
    } else {
        DecodeOptions::default()
    };
    // Each value is printed before the next is read, so one arena, emptied each time,
    // holds every decoded tree in turn.
    let mut arena = Arena::new();
    let mut one = |bytes: &[u8]| {
        arena.reset();
        decode_in(&arena, &registry, &ty, bytes, options).map(|v| to_json(&v).to_string())
    };
    match (&args.raw, args.hex.as_deref()) {
        (Some(path), _) => match std::fs::read(path) {
            Ok(bytes) => single(one(&bytes).map_err(|e| decode_message(&e))),
            Err(e) => usage(&format!("{}: {e}", path.display())),
        },
        (None, Some("-")) => batch(|line| match parse_hex(line) {
            Ok(bytes) => one(&bytes).map_err(|e| {
                json!({"error": e.kind.code(), "offset": e.offset, "message": e.to_string()})
                    .to_string()
            }),
            Err(message) => Err(json!({"error": "bad_hex", "message": message}).to_string()),
        }),
        (None, Some(text)) => match parse_hex(text) {
            Ok(bytes) => single(one(&bytes).map_err(|e| decode_message(&e))),
            Err(message) => usage(&message),
        },
        (None, None) => usage("give HEX, `-` or --raw FILE"),
    }
}

/// Runs `tgconf encode`.
pub fn encode(args: EncodeArgs) -> Exit {
    let (registry, ty) = match args.schema.load() {
        Ok(loaded) => loaded,
        Err(Usage(message)) => return usage(&message),
    };
    let one = |text: &str| -> Result<String, (JsonErrorKind, String, String)> {
        let json =
            parse_strict(text).map_err(|e| (e.kind, e.path.as_str().to_owned(), e.to_string()))?;
        let value = from_json(&registry, &ty, &json).map_err(|e| json_failure(&e))?;
        let bytes = encode_as(&registry, &ty, &value).map_err(|e| encode_failure(&e))?;
        Ok(tgconf_spec::dynamic::hex::encode(&bytes))
    };
    if args.json == "-" {
        return batch(|line| {
            one(line).map_err(|(kind, path, message)| {
                json!({"error": kind.code(), "path": path, "message": message}).to_string()
            })
        });
    }
    match one(&args.json) {
        Err((JsonErrorKind::Syntax, _, message)) => usage(&format!("not JSON: {message}")),
        other => single(other.map_err(|(kind, _, message)| format!("{message} ({})", kind.code()))),
    }
}

fn json_failure(e: &JsonError) -> (JsonErrorKind, String, String) {
    (e.kind, e.path.as_str().to_owned(), e.to_string())
}

/// Encoding errors after a successful JSON read: the value cannot be written (a string
/// too long for TL). Reported like a JSON error of the wrong type.
fn encode_failure(e: &EncodeError) -> (JsonErrorKind, String, String) {
    let path = match e {
        EncodeError::Value(v) => v.path.as_str().to_owned(),
        _ => String::new(),
    };
    (JsonErrorKind::WrongType, path, e.to_string())
}

fn decode_message(e: &DecodeError) -> String {
    format!("{} ({})", e, e.kind.code())
}

/// Hex as people write it: either case, spaces and newlines anywhere.
fn parse_hex(text: &str) -> Result<Vec<u8>, String> {
    let digits: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    if digits.len() % 2 != 0 {
        return Err(format!("bad hex: {} digits, an odd number", digits.len()));
    }
    let digit = |d: u8| (d as char).to_digit(16).map(|v| v as u8);
    digits
        .chunks(2)
        .map(|pair| match (digit(pair[0]), digit(pair[1])) {
            (Some(hi), Some(lo)) => Ok(hi << 4 | lo),
            _ => Err(format!(
                "bad hex: {:?} is not a pair of hex digits",
                String::from_utf8_lossy(pair)
            )),
        })
        .collect()
}

fn usage(message: &str) -> Exit {
    eprintln!("tgconf: {message}");
    Exit::Usage
}

/// Prints one result: the output on stdout, or the error on stderr with exit status 1.
fn single(result: Result<String, String>) -> Exit {
    match result {
        Ok(line) => write_line(&mut std::io::stdout().lock(), &line).unwrap_or(Exit::Ok),
        Err(message) => {
            eprintln!("tgconf: {message}");
            Exit::Failed
        }
    }
}

/// One result line per input line of stdin; failures are lines too. Exit 1 if any failed.
fn batch(mut one: impl FnMut(&str) -> Result<String, String>) -> Exit {
    let stdin = std::io::stdin().lock();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut failed = false;
    for line in stdin.lines() {
        let line = match line {
            Ok(line) => line,
            Err(e) => {
                eprintln!("tgconf: cannot read standard input: {e}");
                return Exit::Failed;
            }
        };
        let text = match one(line.trim_end_matches('\r')) {
            Ok(text) => text,
            Err(text) => {
                failed = true;
                text
            }
        };
        if let Some(exit) = write_line(&mut out, &text) {
            return exit;
        }
    }
    if let Err(e) = out.flush() {
        if write_failed(&e) == Exit::Failed {
            return Exit::Failed;
        }
    }
    if failed {
        Exit::Failed
    } else {
        Exit::Ok
    }
}

/// Writes a line; `Some(exit)` when output is no longer possible (a closed pipe is not a
/// failure of the input).
fn write_line(out: &mut impl Write, line: &str) -> Option<Exit> {
    writeln!(out, "{line}").err().map(|e| write_failed(&e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_as_people_write_it() {
        assert_eq!(
            parse_hex("30 34 DD 4f\n01000000"),
            Ok(vec![0x30, 0x34, 0xdd, 0x4f, 1, 0, 0, 0])
        );
        assert_eq!(parse_hex(""), Ok(vec![]));
        assert!(parse_hex("abc").is_err());
        assert!(parse_hex("zz").is_err());
        assert!(parse_hex("+1").is_err());
    }

    #[test]
    fn the_default_is_layer_230() {
        assert!(newest_era().contains(230));
        assert_eq!(era_for_layer(230), Ok(newest_era()));
    }
}
