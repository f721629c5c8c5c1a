//! tgconf's codec adapter over grammers-tl-types 0.11.0 (layer 230), process protocol v1
//! (docs/adapter-protocol.md).
//!
//! Bytes are read with grammers' `Deserializable` and written with its `Serializable`, as the
//! grammers client does. Values cross between tgconf's canonical JSON and grammers' Rust
//! values through grammers' own serde derives (feature `impl-serde`) and `convert`, which
//! rewrites one JSON shape into the other using grammers' api.tl: it never reads or writes TL
//! bytes itself.
//!
//! The adapter is faithful to the library: what grammers decodes is answered as decoded, even
//! where a strict decoder would refuse it (bytes left over); `consumed` says how far it read.

mod convert;

use std::io::{self, BufRead, Write};

use grammers_tl_types::{Cursor, Deserializable, Identifiable, Serializable};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

use convert::Ctx;

pub struct Request {
    kind: String,
    tl_type: String,
    hex: Option<String>,
    value: Option<Value>,
}

pub enum Answer {
    Decoded(Value, usize),
    Encoded(String),
    Rejected(String),
    Unsupported(String),
    Error(String),
}

include!(concat!(env!("OUT_DIR"), "/dispatch.rs"));

/// Decodes or encodes one value of the Rust type `T` (boxed enum, bare struct or function).
fn run<T: Deserializable + Serializable + Serialize + DeserializeOwned>(req: &Request, ctx: &Ctx, bare: bool) -> Answer {
    let shape = match ctx.shape(&req.tl_type, bare) {
        Some(shape) => shape,
        None => return Answer::Unsupported(format!("{} is not in grammers' layer-230 schema", req.tl_type)),
    };
    match req.kind.as_str() {
        "decode" => {
            let Some(bytes) = req.hex.as_deref().and_then(unhex) else {
                return Answer::Error("bad decode request: hex".into());
            };
            let mut cursor = Cursor::from_slice(&bytes);
            match <T as Deserializable>::deserialize(&mut cursor) {
                Err(e) => Answer::Rejected(format!("grammers: {e:?}")),
                Ok(value) => {
                    let consumed = cursor.pos();
                    let serde_value = match serde_json::to_value(&value) {
                        Ok(v) => v,
                        Err(e) => return Answer::Error(format!("serde_json of the decoded value: {e}")),
                    };
                    match ctx.to_canonical(&shape, &serde_value) {
                        Ok(v) => Answer::Decoded(v, consumed),
                        Err(e) => Answer::Error(format!("no canonical form for grammers' value: {e}")),
                    }
                }
            }
        }
        "encode" => {
            let Some(value) = req.value.as_ref() else {
                return Answer::Error("bad encode request: value".into());
            };
            let serde_value = match ctx.from_canonical(&shape, value) {
                Ok(v) => v,
                Err(convert::Error::NotOfType(e)) => return Answer::Rejected(e),
                Err(convert::Error::Unsupported(e)) => return Answer::Unsupported(e),
            };
            match serde_json::from_value::<T>(serde_value) {
                Ok(v) => Answer::Encoded(hex(&v.to_bytes())),
                Err(e) => Answer::Rejected(format!("grammers cannot hold the value: {e}")),
            }
        }
        other => Answer::Error(format!("unknown request type {other:?}")),
    }
}

/// A function call: grammers' `Deserializable` for a function reads the arguments only (the
/// caller, like grammers' own request dispatch, reads the constructor id first), while
/// `Serializable` writes the id; so the id is read and checked here.
fn run_call<T: Identifiable + Deserializable + Serializable + Serialize + DeserializeOwned>(req: &Request, ctx: &Ctx) -> Answer {
    if req.kind != "decode" {
        return run::<T>(req, ctx, false);
    }
    let Some(bytes) = req.hex.as_deref().and_then(unhex) else {
        return Answer::Error("bad decode request: hex".into());
    };
    let mut cursor = Cursor::from_slice(&bytes);
    match u32::deserialize(&mut cursor) {
        Err(e) => return Answer::Rejected(format!("grammers: {e:?}")),
        Ok(id) if id != T::CONSTRUCTOR_ID => return Answer::Rejected(format!("constructor id {id:#010x} is not {:#010x}", T::CONSTRUCTOR_ID)),
        Ok(_) => {}
    }
    let rest = Request { kind: req.kind.clone(), tl_type: req.tl_type.clone(), hex: Some(hex(&bytes[4..])), value: None };
    match run::<T>(&rest, ctx, false) {
        Answer::Decoded(v, consumed) => Answer::Decoded(v, consumed + 4),
        other => other,
    }
}

fn base(req: &Request, ctx: &Ctx) -> Option<Answer> {
    Some(match req.tl_type.as_str() {
        "Bool" => run::<bool>(req, ctx, false),
        "int" => run::<i32>(req, ctx, false),
        "long" => run::<i64>(req, ctx, false),
        "double" => run::<f64>(req, ctx, false),
        "string" => run::<String>(req, ctx, false),
        "bytes" => run::<Vec<u8>>(req, ctx, false),
        _ => return None,
    })
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if s.len() % 2 != 0 || s.bytes().any(|c| !matches!(c, b'0'..=b'9' | b'a'..=b'f')) {
        return None;
    }
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).ok()).collect()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn answer(ctx: &Ctx, request: &Value) -> Value {
    let kind = request["type"].as_str().unwrap_or("").to_owned();
    let case = request.get("case").cloned().unwrap_or(Value::Null);
    if kind == "hello" {
        return json!({"type": "hello", "protocol": 1, "name": "grammers-tl-types", "version": "0.11.0",
                      "roles": ["codec"], "layers": [{"from": grammers_tl_types::LAYER, "to": grammers_tl_types::LAYER}]});
    }
    let result = if !matches!(kind.as_str(), "decode" | "encode") {
        Answer::Unsupported("only the codec role's decode and encode are offered (grammers reads no schema at run time)".into())
    } else if request.get("schema").is_some_and(|s| !s.is_null()) {
        Answer::Unsupported("grammers has only its built-in schema".into())
    } else if request["layer"].as_i64() != Some(grammers_tl_types::LAYER as i64) {
        Answer::Unsupported(format!("grammers-tl-types 0.11.0 speaks layer {} only", grammers_tl_types::LAYER))
    } else {
        let req = Request {
            kind: kind.clone(),
            tl_type: request["tl_type"].as_str().unwrap_or("").to_owned(),
            hex: request["hex"].as_str().map(str::to_owned),
            value: request.get("value").cloned(),
        };
        base(&req, ctx)
            .or_else(|| dispatch(&req.tl_type, &req, ctx))
            .unwrap_or_else(|| Answer::Unsupported(format!("the adapter does not map {} to a grammers type", req.tl_type)))
    };
    match result {
        Answer::Decoded(value, consumed) => json!({"type": "decoded", "case": case, "value": value, "consumed": consumed}),
        Answer::Encoded(hex) => json!({"type": "encoded", "case": case, "hex": hex}),
        Answer::Rejected(reason) => json!({"type": "rejected", "case": case, "reason": reason}),
        Answer::Unsupported(reason) => json!({"type": "unsupported", "case": case, "reason": reason}),
        Answer::Error(message) => json!({"type": "error", "case": case, "message": message}),
    }
}

fn main() {
    let ctx = Ctx::new();
    let stdin = io::stdin();
    let mut out = io::stdout().lock();
    for line in stdin.lock().lines() {
        let Ok(line) = line else { break };
        let reply = match serde_json::from_str::<Value>(&line) {
            Ok(request) if request.is_object() => answer(&ctx, &request),
            _ => json!({"type": "error", "case": null, "message": "unreadable request"}),
        };
        if writeln!(out, "{reply}").and_then(|()| out.flush()).is_err() {
            break;
        }
    }
}
