//! Buttons before layer 229: one `KeyboardButton` constructor per kind.
//!
//! What the model does not carry has one fixed TL form, and anything else read back is
//! [`TlError::Unrepresentable`]:
//! - `keyboardButtonSwitchInline.peer_types` and every `fwd_text`: absent;
//! - the bot-side login button (`inputKeyboardButtonUrlAuth`, `UrlAuth{input: true}`) has no
//!   button ID (the server assigns one), so its model form has `button_id: 0`; it asks for no
//!   write access, and its `bot` is `inputUserSelf` (the sending bot);
//! - `keyboardButtonRequestPeer` (the form users receive) carries no `*_requested` flags,
//!   and before layer 169 it has no `max_quantity`, which is then 1;
//! - `inputKeyboardButtonUserProfile` (the bot-side form) reads as `UserProfile` with the
//!   user's ID; `UserProfile` is always written as `keyboardButtonUserProfile`.

use serde_json::Value as Json;

use crate::model::button::{Button, ButtonKind, RequestPeerButton};

use super::error::TlError;
use super::read::Obj;
use super::ToTl;
use super::{layer, peer_id, peer_type, write};

/// Layers before this one have no `max_quantity`: one peer per request.
const FIRST_MAX_QUANTITY_LAYER: u32 = 169;

fn name(kind: &ButtonKind) -> &'static str {
    match kind {
        ButtonKind::Text => "keyboardButton",
        ButtonKind::Url { .. } => "keyboardButtonUrl",
        ButtonKind::Callback { .. } => "keyboardButtonCallback",
        ButtonKind::SwitchInline { .. } => "keyboardButtonSwitchInline",
        ButtonKind::Game => "keyboardButtonGame",
        ButtonKind::Buy => "keyboardButtonBuy",
        ButtonKind::UrlAuth { input: false, .. } => "keyboardButtonUrlAuth",
        ButtonKind::UrlAuth { input: true, .. } => "inputKeyboardButtonUrlAuth",
        ButtonKind::RequestPhone => "keyboardButtonRequestPhone",
        ButtonKind::RequestGeoLocation => "keyboardButtonRequestGeoLocation",
        ButtonKind::RequestPoll { .. } => "keyboardButtonRequestPoll",
        ButtonKind::RequestPeer(RequestPeerButton { input: false, .. }) => {
            "keyboardButtonRequestPeer"
        }
        ButtonKind::RequestPeer(RequestPeerButton { input: true, .. }) => {
            "inputKeyboardButtonRequestPeer"
        }
        ButtonKind::WebView { .. } => "keyboardButtonWebView",
        ButtonKind::SimpleWebView { .. } => "keyboardButtonSimpleWebView",
        ButtonKind::UserProfile { .. } => "keyboardButtonUserProfile",
        ButtonKind::Copy { .. } => "keyboardButtonCopy",
    }
}

pub(super) fn to_tl(button: &Button, style: Option<Json>, layer: u32) -> Result<Json, TlError> {
    let name = name(&button.kind);
    layer::require(layer, name)?;
    let o = write::Obj::new(name);
    let text = button.text.as_str();
    Ok(match &button.kind {
        ButtonKind::Text
        | ButtonKind::Game
        | ButtonKind::Buy
        | ButtonKind::RequestPhone
        | ButtonKind::RequestGeoLocation => o.opt("style", style).string("text", text),
        ButtonKind::Url { url } | ButtonKind::WebView { url } | ButtonKind::SimpleWebView { url } => {
            o.opt("style", style).string("text", text).string("url", url)
        }
        ButtonKind::Callback { data, requires_password } => {
            o.flag("requires_password", *requires_password).opt("style", style).string("text", text).bytes("data", data)
        }
        ButtonKind::SwitchInline { query, same_peer } => {
            o.flag("same_peer", *same_peer).opt("style", style).string("text", text).string("query", query)
        }
        ButtonKind::UrlAuth { url, button_id, input: false } => {
            o.opt("style", style).string("text", text).string("url", url).int("button_id", *button_id)
        }
        ButtonKind::UrlAuth { url, button_id, input: true } => {
            if *button_id != 0 {
                return Err(TlError::unrepresentable(format!(
                    "inputKeyboardButtonUrlAuth carries no button ID (the model's is {button_id}, not 0)"
                )));
            }
            o.opt("style", style)
                .string("text", text)
                .string("url", url)
                .field("bot", write::Obj::new("inputUserSelf").build())
        }
        ButtonKind::RequestPoll { quiz } => o.opt("style", style).opt("quiz", quiz.map(Json::Bool)).string("text", text),
        ButtonKind::RequestPeer(request) => request_peer(o, request, style, text, layer)?,
        ButtonKind::UserProfile { user_id } => {
            o.opt("style", style).string("text", text).long("user_id", peer_id::user_id(*user_id)?)
        }
        ButtonKind::Copy { copy_text } => o.opt("style", style).string("text", text).string("copy_text", copy_text),
    }
    .build())
}

fn request_peer(
    o: write::Obj,
    request: &RequestPeerButton,
    style: Option<Json>,
    text: &str,
    layer: u32,
) -> Result<write::Obj, TlError> {
    let o = if request.input {
        o.flag("name_requested", request.name_requested)
            .flag("username_requested", request.username_requested)
            .flag("photo_requested", request.photo_requested)
    } else if request.name_requested || request.username_requested || request.photo_requested {
        return Err(TlError::unrepresentable(
            "keyboardButtonRequestPeer carries no *_requested flags (only the bot-side inputKeyboardButtonRequestPeer does)",
        ));
    } else {
        o
    };
    let o = o
        .opt("style", style)
        .string("text", text)
        .int("button_id", request.button_id)
        .field("peer_type", request.peer_type.to_tl(layer)?);
    if layer >= FIRST_MAX_QUANTITY_LAYER {
        Ok(o.int("max_quantity", request.max_quantity))
    } else if request.max_quantity == 1 {
        Ok(o)
    } else {
        Err(TlError::unrepresentable(format!(
            "layer {layer} has no max_quantity (one peer per request), the model asks for {}",
            request.max_quantity
        )))
    }
}

/// The kind of a pre-229 button whose `style` and `text` the caller has read.
pub(super) fn read_kind(o: &Obj<'_>, layer: u32) -> Result<ButtonKind, TlError> {
    Ok(match o.name() {
        "keyboardButton" => ButtonKind::Text,
        "keyboardButtonUrl" => ButtonKind::Url {
            url: o.string("url")?,
        },
        "keyboardButtonCallback" => ButtonKind::Callback {
            data: o.bytes("data")?,
            requires_password: o.flag("requires_password")?,
        },
        "keyboardButtonSwitchInline" => {
            o.absent(
                "peer_types",
                "the model has no peer_types on switch-inline buttons",
            )?;
            ButtonKind::SwitchInline {
                query: o.string("query")?,
                same_peer: o.flag("same_peer")?,
            }
        }
        "keyboardButtonGame" => ButtonKind::Game,
        "keyboardButtonBuy" => ButtonKind::Buy,
        "keyboardButtonUrlAuth" => {
            o.absent("fwd_text", "the model has no fwd_text on login buttons")?;
            ButtonKind::UrlAuth {
                url: o.string("url")?,
                button_id: o.int("button_id")?,
                input: false,
            }
        }
        "inputKeyboardButtonUrlAuth" => {
            o.absent("fwd_text", "the model has no fwd_text on login buttons")?;
            o.absent(
                "request_write_access",
                "the model has no request_write_access on login buttons",
            )?;
            self_bot(o, true)?;
            ButtonKind::UrlAuth {
                url: o.string("url")?,
                button_id: 0,
                input: true,
            }
        }
        "keyboardButtonRequestPhone" => ButtonKind::RequestPhone,
        "keyboardButtonRequestGeoLocation" => ButtonKind::RequestGeoLocation,
        "keyboardButtonRequestPoll" => ButtonKind::RequestPoll {
            quiz: o.opt_bool("quiz")?,
        },
        "keyboardButtonRequestPeer" => ButtonKind::RequestPeer(read_request_peer(o, layer, false)?),
        "inputKeyboardButtonRequestPeer" => {
            ButtonKind::RequestPeer(read_request_peer(o, layer, true)?)
        }
        "keyboardButtonWebView" => ButtonKind::WebView {
            url: o.string("url")?,
        },
        "keyboardButtonSimpleWebView" => ButtonKind::SimpleWebView {
            url: o.string("url")?,
        },
        "keyboardButtonUserProfile" => ButtonKind::UserProfile {
            user_id: user(o, o.long("user_id")?)?,
        },
        "inputKeyboardButtonUserProfile" => ButtonKind::UserProfile {
            user_id: peer_id::read_input_user(o.req("user_id")?, &o.at("user_id"))?,
        },
        "keyboardButtonCopy" => ButtonKind::Copy {
            copy_text: o.string("copy_text")?,
        },
        _ => return Err(o.unknown("a KeyboardButton")),
    })
}

fn user(o: &Obj<'_>, id: i64) -> Result<i64, TlError> {
    peer_id::join(peer_id::Peer::User(id), &o.at("user_id"))
}

/// The `bot` of a bot-side login button: the sending bot (`inputUserSelf`), which is
/// required before layer 229 and optional from 229.
pub(super) fn self_bot(o: &Obj<'_>, required: bool) -> Result<(), TlError> {
    let bot = if required {
        Some(o.object("bot")?)
    } else {
        o.opt_object("bot")?
    };
    match bot {
        None => Ok(()),
        Some(bot) if bot.name() == "inputUserSelf" => bot.finish(),
        Some(bot) => Err(TlError::Unrepresentable {
            path: bot.path().to_owned(),
            what: format!(
                "the model's login buttons are for the sending bot (inputUserSelf), not {}",
                bot.name()
            ),
        }),
    }
}

fn read_request_peer(o: &Obj<'_>, layer: u32, input: bool) -> Result<RequestPeerButton, TlError> {
    Ok(RequestPeerButton {
        name_requested: input && o.flag("name_requested")?,
        username_requested: input && o.flag("username_requested")?,
        photo_requested: input && o.flag("photo_requested")?,
        button_id: o.int("button_id")?,
        peer_type: peer_type::read(o.req("peer_type")?, &o.at("peer_type"), layer)?,
        max_quantity: if layer >= FIRST_MAX_QUANTITY_LAYER {
            o.int("max_quantity")?
        } else {
            1
        },
        input,
    })
}
