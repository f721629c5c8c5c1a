//! Buttons, independent of layer: what a button is and does, whichever constructor carries it.

use serde::{Deserialize, Serialize};

use super::peer_type::PeerType;
use super::style::Style;

/// One button of a keyboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Button {
    pub text: String,
    /// `None` is the style field absent (flags.10 clear); `Some` of an empty style is what
    /// a bot must not send.
    pub style: Option<Style>,
    pub kind: ButtonKind,
}

/// What pressing the button does. Each variant is one constructor before layer 229 and one
/// `ButtonType` / `InlineButtonType` from 229.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ButtonKind {
    /// Sends its text (reply keyboards).
    Text,
    Url {
        url: String,
    },
    Callback {
        data: Vec<u8>,
        requires_password: bool,
    },
    SwitchInline {
        query: String,
        same_peer: bool,
    },
    Game,
    Buy,
    /// Login URL; `input` is the bot-side form (`inputKeyboardButtonUrlAuth`).
    UrlAuth {
        url: String,
        button_id: i32,
        input: bool,
    },
    RequestPhone,
    RequestGeoLocation,
    RequestPoll {
        quiz: Option<bool>,
    },
    RequestPeer(RequestPeerButton),
    /// Opens a Mini App (inline keyboards).
    WebView {
        url: String,
    },
    /// Opens a Mini App (reply keyboards).
    SimpleWebView {
        url: String,
    },
    UserProfile {
        user_id: i64,
    },
    Copy {
        copy_text: String,
    },
}

/// A peer-request button (`keyboardButtonRequestPeer` / `inputKeyboardButtonRequestPeer`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestPeerButton {
    pub button_id: i32,
    pub peer_type: PeerType,
    pub max_quantity: i32,
    pub name_requested: bool,
    pub username_requested: bool,
    pub photo_requested: bool,
    /// Whether this is the bot-side form (`inputKeyboardButtonRequestPeer`), which
    /// alone carries the three `*_requested` flags.
    pub input: bool,
}

/// Which keyboards a button kind may appear in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Placement {
    ReplyOnly,
    InlineOnly,
    Either,
}

impl ButtonKind {
    pub fn placement(&self) -> Placement {
        match self {
            ButtonKind::Text
            | ButtonKind::RequestPhone
            | ButtonKind::RequestGeoLocation
            | ButtonKind::RequestPoll { .. }
            | ButtonKind::RequestPeer(_)
            | ButtonKind::SimpleWebView { .. } => Placement::ReplyOnly,
            ButtonKind::Url { .. }
            | ButtonKind::Callback { .. }
            | ButtonKind::SwitchInline { .. }
            | ButtonKind::Game
            | ButtonKind::Buy
            | ButtonKind::UrlAuth { .. }
            | ButtonKind::WebView { .. } => Placement::InlineOnly,
            ButtonKind::UserProfile { .. } | ButtonKind::Copy { .. } => Placement::Either,
        }
    }

    /// The kind's name in messages and reports (the TL constructor of layers 224–228, without
    /// the `keyboardButton` prefix).
    pub fn name(&self) -> &'static str {
        match self {
            ButtonKind::Text => "text",
            ButtonKind::Url { .. } => "url",
            ButtonKind::Callback { .. } => "callback",
            ButtonKind::SwitchInline { .. } => "switch_inline",
            ButtonKind::Game => "game",
            ButtonKind::Buy => "buy",
            ButtonKind::UrlAuth { .. } => "url_auth",
            ButtonKind::RequestPhone => "request_phone",
            ButtonKind::RequestGeoLocation => "request_geo_location",
            ButtonKind::RequestPoll { .. } => "request_poll",
            ButtonKind::RequestPeer(_) => "request_peer",
            ButtonKind::WebView { .. } => "web_view",
            ButtonKind::SimpleWebView { .. } => "simple_web_view",
            ButtonKind::UserProfile { .. } => "user_profile",
            ButtonKind::Copy { .. } => "copy",
        }
    }
}
