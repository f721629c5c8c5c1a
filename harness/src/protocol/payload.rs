//! The one place where the model's values become protocol JSON and back.
//!
//! Setups, inputs and outputs travel in the model's own JSON form (the serde form of
//! `tgconf_spec::model`), except for the members that are TL objects: calls, reply markups,
//! updates and call results travel as the canonical JSON of their TL objects at the session's
//! layer (`tgconf_spec::model::tl`, docs/canonical-json.md). docs/adapter-protocol.md lists
//! those members ("TL members"); [`Payload::tl_members`] is that list in code.
//!
//! Writing a TL member can fail: the layer cannot say what the model value says (a button
//! style before 222, a callback button in a 229 reply row, an update no era schema carries).
//! Such a subject cannot be put to an adapter at its layer, so it is UNSUPPORTED for process
//! adapters ([`Unwritable`]), never an error. A member that is written but reads back as
//! another model value (the TL form drops what the model says) is unwritable too: an
//! adapter must see exactly the subject the checker judges.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use tgconf_spec::model::bot::{BotInput, BotSetup};
use tgconf_spec::model::call::{Call, Outcome};
use tgconf_spec::model::client::input::ClientInput;
use tgconf_spec::model::client::output::ClientOutput;
use tgconf_spec::model::client::setup::ClientSetup;
use tgconf_spec::model::markup::Markup;
use tgconf_spec::model::mini_app::{MiniAppInput, MiniAppOutput, MiniAppSetup};
use tgconf_spec::model::server::{ServerInput, ServerOutput, ServerSetup};
use tgconf_spec::model::tl::{FromTl, ToTl};
use tgconf_spec::model::update::Update;
use thiserror::Error;

/// A value from an adapter that is not a value of the model.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{what} is not valid: {message}")]
pub struct PayloadError {
    pub what: String,
    pub message: String,
}

/// A model value with no faithful protocol form at a layer: the subject carrying it is
/// unsupported for process adapters.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{what} has no TL form at layer {layer}: {message}")]
pub struct Unwritable {
    pub what: String,
    pub layer: u32,
    pub message: String,
}

/// The TL types a member of a payload can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tl {
    /// `Call`: the TL function call (`messages.sendMessage`, …).
    Call,
    /// `Markup`: a `ReplyMarkup` (`null` stays `null` where the member is optional).
    Markup,
    /// `Update`: an `Update`.
    Update,
    /// `Outcome`: the call's result object, or `rpc_error`.
    Outcome,
}

/// A session value as the protocol carries it: which of its members are TL objects.
pub trait Payload: Serialize + DeserializeOwned + PartialEq {
    /// JSON pointers (RFC 6901) to the TL members of `value` and their types; `value` is the
    /// model's serde form or the protocol form (the tags and the other members are the same in
    /// both). `""` is the whole value.
    fn tl_members(value: &Value) -> Vec<(String, Tl)>;
}

/// A model value as the protocol carries it at `layer`, checked to read back as itself.
pub fn to_protocol<T: Payload>(layer: u32, what: &str, value: &T) -> Result<Value, Unwritable> {
    let json = write(layer, what, value)?;
    let unwritable = |message: String| Unwritable {
        what: what.to_owned(),
        layer,
        message,
    };
    match from_protocol::<T>(layer, what, json.clone()) {
        Ok(back) if back == *value => Ok(json),
        Ok(_) => Err(unwritable(
            "its TL form reads back as another value (the layer drops part of it)".to_owned(),
        )),
        Err(e) => Err(unwritable(format!(
            "its TL form does not read back: {}",
            e.message
        ))),
    }
}

/// [`to_protocol`] without the read-back check: for outputs, which only reports show.
pub fn write<T: Payload>(layer: u32, what: &str, value: &T) -> Result<Value, Unwritable> {
    // The model's types are plain data (no maps with non-string keys, no floats): serializing
    // them cannot fail, and a failure would be a bug in the model, not in any input.
    let mut json = serde_json::to_value(value).expect("model values serialize to JSON");
    for (pointer, tl) in T::tl_members(&json) {
        let Some(slot) = json.pointer_mut(&pointer) else {
            continue;
        };
        if slot.is_null() && tl == Tl::Markup {
            continue;
        }
        let model = slot.take();
        *slot = write_member(tl, model, layer).map_err(|message| Unwritable {
            what: format!("{what}{}", member_path(&pointer)),
            layer,
            message,
        })?;
    }
    Ok(json)
}

/// For reports of in-process adapters: the protocol form, or, for a value that has none,
/// `{"unwritable": reason, "model": the model's form}`.
pub fn write_or_model<T: Payload>(layer: u32, what: &str, value: &T) -> Value {
    write(layer, what, value).unwrap_or_else(|e| {
        serde_json::json!({
            "unwritable": e.to_string(),
            "model": serde_json::to_value(value).expect("model values serialize to JSON"),
        })
    })
}

/// A model value read from the protocol; `what` names it in the error.
pub fn from_protocol<T: Payload>(
    layer: u32,
    what: &str,
    mut value: Value,
) -> Result<T, PayloadError> {
    for (pointer, tl) in T::tl_members(&value) {
        let Some(slot) = value.pointer_mut(&pointer) else {
            continue;
        };
        if slot.is_null() && tl == Tl::Markup {
            continue;
        }
        *slot = read_member(tl, slot, layer).map_err(|message| PayloadError {
            what: format!("{what}{}", member_path(&pointer)),
            message,
        })?;
    }
    serde_json::from_value(value).map_err(|e| PayloadError {
        what: what.to_owned(),
        message: e.to_string(),
    })
}

/// `/message/markup` → `.message.markup`, for messages.
fn member_path(pointer: &str) -> String {
    pointer.replace('/', ".")
}

fn write_member(tl: Tl, model: Value, layer: u32) -> Result<Value, String> {
    fn go<T: DeserializeOwned + ToTl>(model: Value, layer: u32) -> Result<Value, String> {
        let value: T = serde_json::from_value(model).map_err(|e| e.to_string())?;
        value.to_tl(layer).map_err(|e| e.to_string())
    }
    match tl {
        Tl::Call => go::<Call>(model, layer),
        Tl::Markup => go::<Markup>(model, layer),
        Tl::Update => go::<Update>(model, layer),
        Tl::Outcome => go::<Outcome>(model, layer),
    }
}

fn read_member(tl: Tl, json: &Value, layer: u32) -> Result<Value, String> {
    fn go<T: FromTl + Serialize>(json: &Value, layer: u32) -> Result<Value, String> {
        let value = T::from_tl(json, layer).map_err(|e| e.to_string())?;
        Ok(serde_json::to_value(value).expect("model values serialize to JSON"))
    }
    match tl {
        Tl::Call => go::<Call>(json, layer),
        Tl::Markup => go::<Markup>(json, layer),
        Tl::Update => go::<Update>(json, layer),
        Tl::Outcome => go::<Outcome>(json, layer),
    }
}

/// The value's tag member (`input`, `output`), when it is a string.
fn tag<'a>(value: &'a Value, member: &str) -> Option<&'a str> {
    value.get(member).and_then(Value::as_str)
}

fn one(pointer: &str, tl: Tl) -> Vec<(String, Tl)> {
    vec![(pointer.to_owned(), tl)]
}

impl Payload for ClientSetup {
    fn tl_members(_: &Value) -> Vec<(String, Tl)> {
        Vec::new()
    }
}

impl Payload for ClientInput {
    fn tl_members(value: &Value) -> Vec<(String, Tl)> {
        match tag(value, "input") {
            Some("receive") => one("/message/markup", Tl::Markup),
            Some("result") => one("/outcome", Tl::Outcome),
            _ => Vec::new(),
        }
    }
}

impl Payload for ClientOutput {
    fn tl_members(value: &Value) -> Vec<(String, Tl)> {
        match tag(value, "output") {
            Some("call") => one("/call", Tl::Call),
            _ => Vec::new(),
        }
    }
}

impl Payload for BotSetup {
    fn tl_members(_: &Value) -> Vec<(String, Tl)> {
        Vec::new()
    }
}

impl Payload for BotInput {
    fn tl_members(value: &Value) -> Vec<(String, Tl)> {
        match tag(value, "input") {
            Some("update") => one("/update", Tl::Update),
            Some("send") => one("/markup", Tl::Markup),
            Some("result") => one("/outcome", Tl::Outcome),
            _ => Vec::new(),
        }
    }
}

/// A bot's output: the call itself.
impl Payload for Call {
    fn tl_members(_: &Value) -> Vec<(String, Tl)> {
        one("", Tl::Call)
    }
}

impl Payload for ServerSetup {
    fn tl_members(value: &Value) -> Vec<(String, Tl)> {
        let messages = value
            .get("messages")
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        (0..messages)
            .map(|i| (format!("/messages/{i}/markup"), Tl::Markup))
            .collect()
    }
}

impl Payload for ServerInput {
    fn tl_members(value: &Value) -> Vec<(String, Tl)> {
        match tag(value, "input") {
            Some("call") => one("/call", Tl::Call),
            _ => Vec::new(),
        }
    }
}

impl Payload for ServerOutput {
    fn tl_members(value: &Value) -> Vec<(String, Tl)> {
        match tag(value, "output") {
            Some("result") => one("/outcome", Tl::Outcome),
            Some("deliver") => one("/update", Tl::Update),
            _ => Vec::new(),
        }
    }
}

impl Payload for MiniAppSetup {
    fn tl_members(_: &Value) -> Vec<(String, Tl)> {
        Vec::new()
    }
}

impl Payload for MiniAppInput {
    fn tl_members(_: &Value) -> Vec<(String, Tl)> {
        Vec::new()
    }
}

impl Payload for MiniAppOutput {
    fn tl_members(_: &Value) -> Vec<(String, Tl)> {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tgconf_spec::model::call::Reply;

    #[test]
    fn a_bot_call_is_its_tl_function() {
        let call = Call::CheckUsername {
            username: "a_bot".into(),
        };
        let json = to_protocol(230, "output", &call).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"_": "bots.checkUsername", "username": "a_bot"})
        );
        assert_eq!(from_protocol::<Call>(230, "output", json).unwrap(), call);
        // bots.checkUsername starts at 224: unwritable before, not an error.
        let error = to_protocol(200, "output", &call).unwrap_err();
        assert!(error.to_string().contains("layer 200"), "{error}");
    }

    #[test]
    fn results_are_tl_objects_inside_model_inputs() {
        let input = ClientInput::Result {
            outcome: Ok(Reply::Bool { value: true }),
        };
        let json = to_protocol(230, "input", &input).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"input": "result", "outcome": true})
        );
        assert_eq!(
            from_protocol::<ClientInput>(230, "input", json).unwrap(),
            input
        );
    }

    #[test]
    fn bad_tl_from_an_adapter_names_the_member() {
        let bad = serde_json::json!({"output": "call", "call": {"_": "messages.bogus"}});
        let error = from_protocol::<ClientOutput>(230, "steps[0].outputs[1]", bad).unwrap_err();
        assert_eq!(error.what, "steps[0].outputs[1].call");
    }
}

#[cfg(test)]
mod doc_example {
    use super::*;
    use crate::protocol::Request;
    use crate::protocol::Response;

    /// The client example in docs/adapter-protocol.md is what tgconf sends and reads.
    #[test]
    fn the_documented_client_step_is_valid() {
        let doc = include_str!("../../../docs/adapter-protocol.md");
        let lines: Vec<&str> = doc
            .lines()
            .filter(|l| l.contains(r#""case":"CB-01/client-…#1""#))
            .collect();
        assert_eq!(lines.len(), 4);
        for line in lines {
            if let Ok(Request::Input { input, .. }) = serde_json::from_str(line) {
                let value: ClientInput = from_protocol(230, "input", input.clone()).unwrap();
                assert_eq!(to_protocol(230, "input", &value).unwrap(), input, "{line}");
            } else if let Ok(Response::Outputs { outputs, .. }) = serde_json::from_str(line) {
                for output in outputs {
                    let value: ClientOutput = from_protocol(230, "output", output.clone()).unwrap();
                    assert_eq!(
                        to_protocol(230, "output", &value).unwrap(),
                        output,
                        "{line}"
                    );
                }
            } else {
                panic!("not an input or outputs line: {line}");
            }
        }
    }
}
