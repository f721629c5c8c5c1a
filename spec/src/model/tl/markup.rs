//! `Markup` ↔ `ReplyMarkup`.
//!
//! From layer 229 both keyboard constructors have a `force_reply` flag the model does not
//! carry: it is written clear, and a set one reads as [`TlError::Unrepresentable`].

use serde_json::Value as Json;

use crate::model::button::Button;
use crate::model::markup::{Markup, ReplyKeyboard};

use super::button::{self, Row};
use super::error::TlError;
use super::read::Obj;
use super::{layer, write};
use super::{FromTl, ToTl};

fn rows(rows: &[Vec<Button>], layer: u32, row: Row) -> Result<Json, TlError> {
    let row_name = match row {
        Row::Inline if layer::reworked_buttons(layer)? => "keyboardInlineButtonRow",
        _ => "keyboardButtonRow",
    };
    let rows = rows
        .iter()
        .map(|buttons| {
            let buttons = buttons
                .iter()
                .map(|b| button::to_tl(b, layer, row))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(write::Obj::new(row_name)
                .field("buttons", Json::Array(buttons))
                .build())
        })
        .collect::<Result<Vec<_>, TlError>>()?;
    Ok(Json::Array(rows))
}

impl ToTl for Markup {
    fn to_tl(&self, layer: u32) -> Result<Json, TlError> {
        layer::era(layer)?;
        Ok(match self {
            Markup::Keyboard(k) => write::Obj::new("replyKeyboardMarkup")
                .flag("resize", k.resize)
                .flag("single_use", k.single_use)
                .flag("selective", k.selective)
                .flag("persistent", k.persistent)
                .field("rows", rows(&k.rows, layer, Row::Reply)?)
                .opt("placeholder", k.placeholder.as_deref().map(write::string)),
            Markup::Hide { selective } => {
                write::Obj::new("replyKeyboardHide").flag("selective", *selective)
            }
            Markup::ForceReply {
                single_use,
                selective,
                placeholder,
            } => write::Obj::new("replyKeyboardForceReply")
                .flag("single_use", *single_use)
                .flag("selective", *selective)
                .opt("placeholder", placeholder.as_deref().map(write::string)),
            Markup::Inline { rows: r } => {
                write::Obj::new("replyInlineMarkup").field("rows", rows(r, layer, Row::Inline)?)
            }
        }
        .build())
    }
}

impl FromTl for Markup {
    fn from_tl(json: &Json, layer: u32) -> Result<Markup, TlError> {
        read(json, "", layer)
    }
}

fn read_rows(o: &Obj<'_>, layer: u32, row: Row) -> Result<Vec<Vec<Button>>, TlError> {
    let row_name = match row {
        Row::Inline if layer::reworked_buttons(layer)? => "keyboardInlineButtonRow",
        _ => "keyboardButtonRow",
    };
    o.array("rows")?
        .into_iter()
        .map(|(json, path)| {
            let r = Obj::open(json, &path)?;
            if r.name() != row_name {
                return Err(r.unknown(row_name));
            }
            let buttons = r
                .array("buttons")?
                .into_iter()
                .map(|(json, path)| button::read(json, &path, layer, row))
                .collect::<Result<Vec<_>, _>>()?;
            r.finish()?;
            Ok(buttons)
        })
        .collect()
}

pub(super) fn read(json: &Json, path: &str, layer: u32) -> Result<Markup, TlError> {
    layer::era(layer)?;
    let o = Obj::open(json, path)?;
    let no_force_reply = "the model has no force_reply flag on keyboards";
    let markup = match o.name() {
        "replyKeyboardMarkup" => {
            o.absent("force_reply", no_force_reply)?;
            Markup::Keyboard(ReplyKeyboard {
                resize: o.flag("resize")?,
                single_use: o.flag("single_use")?,
                selective: o.flag("selective")?,
                persistent: o.flag("persistent")?,
                rows: read_rows(&o, layer, Row::Reply)?,
                placeholder: o.opt_string("placeholder")?,
            })
        }
        "replyKeyboardHide" => Markup::Hide {
            selective: o.flag("selective")?,
        },
        "replyKeyboardForceReply" => Markup::ForceReply {
            single_use: o.flag("single_use")?,
            selective: o.flag("selective")?,
            placeholder: o.opt_string("placeholder")?,
        },
        "replyInlineMarkup" => {
            o.absent("force_reply", no_force_reply)?;
            Markup::Inline {
                rows: read_rows(&o, layer, Row::Inline)?,
            }
        }
        _ => return Err(o.unknown("a ReplyMarkup")),
    };
    o.finish()?;
    Ok(markup)
}
