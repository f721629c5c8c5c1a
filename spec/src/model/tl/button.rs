//! `Button` ↔ the TL button of a layer.
//!
//! Before layer 229 every kind is its own `KeyboardButton` constructor, and reply and
//! inline rows both hold them ([`legacy`](super::legacy_button)). From 229 a reply row holds
//! `keyboardButton{text, type: ButtonType}` and an inline row holds
//! `keyboardInlineButton{text, type: InlineButtonType}` ([`button_type`](super::button_type)),
//! so the row decides which form a button takes, and a kind without a type of that row's
//! family has no form there. A button on its own (`bots.requestWebViewButton`,
//! `bots.getRequestedWebViewButton`) is a `KeyboardButton`: the reply form.

use serde_json::Value as Json;

use crate::model::button::Button;

use super::error::TlError;
use super::read::Obj;
use super::{button_type, layer, legacy_button, style, write};
use super::{FromTl, ToTl};

/// Which row family a button sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// `replyKeyboardMarkup` rows, and a lone `KeyboardButton`.
    Reply,
    /// `replyInlineMarkup` rows.
    Inline,
}

/// The TL form of `button` in a row of `row`'s family at `layer`.
pub fn to_tl(button: &Button, layer: u32, row: Row) -> Result<Json, TlError> {
    let style = button.style.as_ref().map(|s| s.to_tl(layer)).transpose()?;
    if !layer::reworked_buttons(layer)? {
        return legacy_button::to_tl(button, style, layer);
    }
    let (name, ty) = match row {
        Row::Reply => (
            "keyboardButton",
            button_type::reply_type(&button.kind, layer)?,
        ),
        Row::Inline => (
            "keyboardInlineButton",
            button_type::inline_type(&button.kind, layer)?,
        ),
    };
    Ok(write::Obj::new(name)
        .opt("style", style)
        .string("text", &button.text)
        .field("type", ty)
        .build())
}

/// Reads a button of `row`'s family at `layer`.
pub fn from_tl(json: &Json, layer: u32, row: Row) -> Result<Button, TlError> {
    read(json, "", layer, row)
}

impl ToTl for Button {
    fn to_tl(&self, layer: u32) -> Result<Json, TlError> {
        to_tl(self, layer, Row::Reply)
    }
}

impl FromTl for Button {
    fn from_tl(json: &Json, layer: u32) -> Result<Button, TlError> {
        from_tl(json, layer, Row::Reply)
    }
}

pub(super) fn read(json: &Json, path: &str, layer: u32, row: Row) -> Result<Button, TlError> {
    layer::era(layer)?;
    let o = Obj::open(json, path)?;
    layer::require(layer, o.name())
        .map_err(|_| o.unknown(&format!("a button of layer {layer}")))?;
    let style = o
        .get("style")
        .map(|j| style::read(j, &o.at("style"), layer))
        .transpose()?;
    let text = o.string("text")?;
    let kind = if !layer::reworked_buttons(layer)? {
        legacy_button::read_kind(&o, layer)?
    } else {
        match (row, o.name()) {
            (Row::Reply, "keyboardButton") => {
                button_type::read_reply_type(o.req("type")?, &o.at("type"), layer)?
            }
            (Row::Inline, "keyboardInlineButton") => {
                button_type::read_inline_type(o.req("type")?, &o.at("type"), layer)?
            }
            (Row::Reply, _) => return Err(o.unknown("keyboardButton")),
            (Row::Inline, _) => return Err(o.unknown("keyboardInlineButton")),
        }
    };
    o.finish()?;
    Ok(Button { text, style, kind })
}
