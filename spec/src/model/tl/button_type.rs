//! From layer 229: what a button does is its `ButtonType` (reply rows) or
//! `InlineButtonType` (inline rows).
//!
//! Reply rows have types for text, phone, location, poll, peer request and simple web view
//! buttons; inline rows for URL, login, web view, callback, game, buy, switch-inline, user
//! profile and copy buttons. A kind outside the row's family has no form at these layers.
//! What the model does not carry has one fixed form, as before 229: no `fwd_text`,
//! `peer_types` or `request_write_access`; the bot-side login type leaves `bot` out (it is
//! optional here; `inputUserSelf` reads the same); `inlineButtonTypeDisabled` has no model
//! kind.

use serde_json::Value as Json;

use crate::model::button::{ButtonKind, RequestPeerButton};

use super::error::TlError;
use super::legacy_button::self_bot;
use super::read::Obj;
use super::ToTl;
use super::{layer, peer_id, peer_type, write};

fn missing(kind: &ButtonKind, family: &str, layer: u32) -> TlError {
    TlError::unrepresentable(format!(
        "layer {layer} has no {family} for {} buttons",
        kind.name()
    ))
}

/// The `ButtonType` of a reply-row button.
pub(super) fn reply_type(kind: &ButtonKind, layer: u32) -> Result<Json, TlError> {
    Ok(match kind {
        ButtonKind::Text => write::Obj::new("buttonTypeDefault"),
        ButtonKind::RequestPhone => write::Obj::new("buttonTypeRequestPhone"),
        ButtonKind::RequestGeoLocation => write::Obj::new("buttonTypeRequestGeoLocation"),
        ButtonKind::RequestPoll { quiz } => {
            write::Obj::new("buttonTypeRequestPoll").opt("quiz", quiz.map(Json::Bool))
        }
        ButtonKind::RequestPeer(request) => request_peer(request, layer)?,
        ButtonKind::SimpleWebView { url } => {
            write::Obj::new("buttonTypeSimpleWebView").string("url", url)
        }
        _ => return Err(missing(kind, "ButtonType", layer)),
    }
    .build())
}

fn request_peer(request: &RequestPeerButton, layer: u32) -> Result<write::Obj, TlError> {
    let o = if request.input {
        write::Obj::new("inputButtonTypeRequestPeer")
            .flag("name_requested", request.name_requested)
            .flag("username_requested", request.username_requested)
            .flag("photo_requested", request.photo_requested)
    } else if request.name_requested || request.username_requested || request.photo_requested {
        return Err(TlError::unrepresentable(
            "buttonTypeRequestPeer carries no *_requested flags (only the bot-side inputButtonTypeRequestPeer does)",
        ));
    } else {
        write::Obj::new("buttonTypeRequestPeer")
    };
    Ok(o.int("button_id", request.button_id)
        .field("peer_type", request.peer_type.to_tl(layer)?)
        .int("max_quantity", request.max_quantity))
}

/// The `InlineButtonType` of an inline-row button.
pub(super) fn inline_type(kind: &ButtonKind, layer: u32) -> Result<Json, TlError> {
    Ok(match kind {
        ButtonKind::Url { url } => write::Obj::new("inlineButtonTypeUrl").string("url", url),
        ButtonKind::UrlAuth { url, button_id, input: false } => {
            write::Obj::new("inlineButtonTypeUrlAuth").string("url", url).int("button_id", *button_id)
        }
        ButtonKind::UrlAuth { url, button_id, input: true } => {
            if *button_id != 0 {
                return Err(TlError::unrepresentable(format!(
                    "inputInlineButtonTypeUrlAuth carries no button ID (the model's is {button_id}, not 0)"
                )));
            }
            write::Obj::new("inputInlineButtonTypeUrlAuth").string("url", url)
        }
        ButtonKind::WebView { url } => write::Obj::new("inlineButtonTypeWebView").string("url", url),
        ButtonKind::Callback { data, requires_password } => {
            write::Obj::new("inlineButtonTypeCallback").flag("requires_password", *requires_password).bytes("data", data)
        }
        ButtonKind::Game => write::Obj::new("inlineButtonTypeGame"),
        ButtonKind::Buy => write::Obj::new("inlineButtonTypeBuy"),
        ButtonKind::SwitchInline { query, same_peer } => {
            write::Obj::new("inlineButtonTypeSwitchInline").flag("same_peer", *same_peer).string("query", query)
        }
        ButtonKind::UserProfile { user_id } => {
            write::Obj::new("inlineButtonTypeUserProfile").long("user_id", peer_id::user_id(*user_id)?)
        }
        ButtonKind::Copy { copy_text } => write::Obj::new("inlineButtonTypeCopy").string("copy_text", copy_text),
        _ => return Err(missing(kind, "InlineButtonType", layer)),
    }
    .build())
}

pub(super) fn read_reply_type(json: &Json, path: &str, layer: u32) -> Result<ButtonKind, TlError> {
    let o = Obj::open(json, path)?;
    let kind = match o.name() {
        "buttonTypeDefault" => ButtonKind::Text,
        "buttonTypeRequestPhone" => ButtonKind::RequestPhone,
        "buttonTypeRequestGeoLocation" => ButtonKind::RequestGeoLocation,
        "buttonTypeRequestPoll" => ButtonKind::RequestPoll {
            quiz: o.opt_bool("quiz")?,
        },
        "buttonTypeRequestPeer" => ButtonKind::RequestPeer(read_request_peer(&o, layer, false)?),
        "inputButtonTypeRequestPeer" => {
            ButtonKind::RequestPeer(read_request_peer(&o, layer, true)?)
        }
        "buttonTypeSimpleWebView" => ButtonKind::SimpleWebView {
            url: o.string("url")?,
        },
        _ => return Err(o.unknown("a ButtonType")),
    };
    o.finish()?;
    Ok(kind)
}

fn read_request_peer(o: &Obj<'_>, layer: u32, input: bool) -> Result<RequestPeerButton, TlError> {
    Ok(RequestPeerButton {
        name_requested: input && o.flag("name_requested")?,
        username_requested: input && o.flag("username_requested")?,
        photo_requested: input && o.flag("photo_requested")?,
        button_id: o.int("button_id")?,
        peer_type: peer_type::read(o.req("peer_type")?, &o.at("peer_type"), layer)?,
        max_quantity: o.int("max_quantity")?,
        input,
    })
}

pub(super) fn read_inline_type(json: &Json, path: &str, layer: u32) -> Result<ButtonKind, TlError> {
    layer::era(layer)?;
    let o = Obj::open(json, path)?;
    let kind = match o.name() {
        "inlineButtonTypeUrl" => ButtonKind::Url {
            url: o.string("url")?,
        },
        "inlineButtonTypeUrlAuth" => {
            o.absent("fwd_text", "the model has no fwd_text on login buttons")?;
            ButtonKind::UrlAuth {
                url: o.string("url")?,
                button_id: o.int("button_id")?,
                input: false,
            }
        }
        "inputInlineButtonTypeUrlAuth" => {
            o.absent("fwd_text", "the model has no fwd_text on login buttons")?;
            o.absent(
                "request_write_access",
                "the model has no request_write_access on login buttons",
            )?;
            self_bot(&o, false)?;
            ButtonKind::UrlAuth {
                url: o.string("url")?,
                button_id: 0,
                input: true,
            }
        }
        "inlineButtonTypeWebView" => ButtonKind::WebView {
            url: o.string("url")?,
        },
        "inlineButtonTypeCallback" => ButtonKind::Callback {
            data: o.bytes("data")?,
            requires_password: o.flag("requires_password")?,
        },
        "inlineButtonTypeGame" => ButtonKind::Game,
        "inlineButtonTypeBuy" => ButtonKind::Buy,
        "inlineButtonTypeSwitchInline" => {
            o.absent(
                "peer_types",
                "the model has no peer_types on switch-inline buttons",
            )?;
            ButtonKind::SwitchInline {
                query: o.string("query")?,
                same_peer: o.flag("same_peer")?,
            }
        }
        "inlineButtonTypeUserProfile" => {
            let id = o.long("user_id")?;
            ButtonKind::UserProfile {
                user_id: peer_id::join(peer_id::Peer::User(id), &o.at("user_id"))?,
            }
        }
        "inputInlineButtonTypeUserProfile" => ButtonKind::UserProfile {
            user_id: peer_id::read_input_user(o.req("user_id")?, &o.at("user_id"))?,
        },
        "inlineButtonTypeCopy" => ButtonKind::Copy {
            copy_text: o.string("copy_text")?,
        },
        "inlineButtonTypeDisabled" => {
            return Err(TlError::Unrepresentable {
                path: path.to_owned(),
                what: "the model has no disabled button kind".into(),
            })
        }
        _ => return Err(o.unknown("an InlineButtonType")),
    };
    o.finish()?;
    Ok(kind)
}
