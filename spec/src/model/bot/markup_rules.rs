//! The rules a bot's markup must obey: styles, placeholders, callback data, which button goes
//! in which keyboard and chat, and the peer-request buttons' fields. Each problem is reported
//! under the rule that forbids it, and only at the layers where that rule applies.

use std::collections::BTreeMap;

use super::applies::applies;
use crate::model::button::{Button, ButtonKind, RequestPeerButton};
use crate::model::chat::ChatKind;
use crate::model::markup::Markup;
use crate::model::peer_type::PeerType;
use crate::model::style::Style;
use crate::model::violation::Violation;

/// Where a markup is going: what the rules need to know besides the markup itself.
#[derive(Debug, Clone, Copy)]
pub struct Target {
    pub layer: u32,
    /// The kind of the chat it is sent to; `None` when the bot's setup does not know the chat,
    /// and then the rules about chat kinds are not checked.
    pub chat_kind: Option<ChatKind>,
    /// Whether the bot may set icons.
    pub can_use_icons: bool,
}

/// Every rule `markup`, sent as described by `target`, breaks. `path` locates the markup.
pub fn check_markup(target: &Target, markup: &Markup, path: &str) -> Vec<Violation> {
    let mut out = Vec::new();
    let private = target.chat_kind.map(|kind| kind == ChatKind::Private);
    if private == Some(true) && markup.is_selective() && applies("KB-13", target.layer) {
        out.push(Violation::new(
            "KB-13",
            format!("{path}.selective"),
            "expected selective clear in a private chat; got it set",
        ));
    }
    if let Markup::Keyboard(keyboard) = markup {
        check_placeholder(
            target.layer,
            keyboard.placeholder.as_deref(),
            &format!("{path}.placeholder"),
            &mut out,
        );
    }
    if let Markup::ForceReply { placeholder, .. } = markup {
        check_placeholder(
            target.layer,
            placeholder.as_deref(),
            &format!("{path}.placeholder"),
            &mut out,
        );
    }
    let inline = matches!(markup, Markup::Inline { .. });
    let mut peer_request_ids: BTreeMap<i32, String> = BTreeMap::new();
    for (r, row) in markup.rows().iter().enumerate() {
        for (c, button) in row.iter().enumerate() {
            let at = format!("{path}.rows[{r}][{c}]");
            check_button(target, button, &at, &mut out);
            check_placement(target.layer, inline, button, &at, &mut out);
            check_chat(target.layer, private, inline, button, &at, &mut out);
            if let ButtonKind::RequestPeer(request) = &button.kind {
                if let Some(first) = peer_request_ids.get(&request.button_id) {
                    if applies("RP-24", target.layer) {
                        let message = format!(
                            "expected a button_id unique among the message's peer-request buttons; got {} again (first at {first})",
                            request.button_id
                        );
                        out.push(Violation::new("RP-24", format!("{at}.button_id"), message));
                    }
                } else {
                    peer_request_ids.insert(request.button_id, at);
                }
            }
        }
    }
    out
}

/// The rules about one button in itself, wherever it is sent (a keyboard, or
/// `bots.requestWebViewButton`).
pub fn check_button(target: &Target, button: &Button, path: &str, out: &mut Vec<Violation>) {
    if let Some(style) = &button.style {
        check_style(target, style, &format!("{path}.style"), out);
    }
    match &button.kind {
        ButtonKind::Callback { data, .. }
            if !(1..=64).contains(&data.len()) && applies("KB-18", target.layer) =>
        {
            let message = format!(
                "expected callback data of 1 to 64 bytes; got {} bytes",
                data.len()
            );
            out.push(Violation::new("KB-18", format!("{path}.data"), message));
        }
        ButtonKind::RequestPeer(request) => check_request_peer(target.layer, request, path, out),
        _ => {}
    }
}

fn check_style(target: &Target, style: &Style, path: &str, out: &mut Vec<Violation>) {
    let layer = target.layer;
    if style.background_count() > 1 && applies("ST-01", layer) {
        let message = format!(
            "expected at most one background flag; got {} of bg_primary, bg_danger, bg_success",
            style.background_count()
        );
        out.push(Violation::new("ST-01", path, message));
    }
    if style.is_empty() {
        if applies("ST-02", layer) {
            out.push(Violation::new(
                "ST-02",
                path,
                "expected a style with a background flag or an icon; got a keyboardButtonStyle with neither",
            ));
        }
        if applies("ST-03", layer) {
            out.push(Violation::new(
                "ST-03",
                path,
                "expected no style (flags.10 clear) on a button without colour or icon; got an empty style attached",
            ));
        }
    }
    if style.icon.is_some() && !target.can_use_icons && applies("ST-06", layer) {
        out.push(Violation::new(
            "ST-06",
            format!("{path}.icon"),
            "expected no icon from a bot without Fragment usernames or a Premium owner; got an icon",
        ));
    }
}

/// A placeholder's length in characters, counted as Unicode scalar values.
fn check_placeholder(layer: u32, placeholder: Option<&str>, path: &str, out: &mut Vec<Violation>) {
    match placeholder {
        // An empty string is the specific mistake of setting flags.3 without a placeholder.
        Some("") if applies("KB-15", layer) => {
            out.push(Violation::new("KB-15", path, "expected flags.3 clear when there is no placeholder; got an empty placeholder string"));
        }
        Some(text) if text.chars().count() > 64 && applies("KB-14", layer) => {
            let message = format!(
                "expected a placeholder of 1 to 64 characters; got {}",
                text.chars().count()
            );
            out.push(Violation::new("KB-14", path, message));
        }
        _ => {}
    }
}

/// Each kind only in the keyboard it belongs to.
fn check_placement(
    layer: u32,
    inline: bool,
    button: &Button,
    path: &str,
    out: &mut Vec<Violation>,
) {
    let kind = &button.kind;
    let (rule, belongs) = match kind {
        ButtonKind::Text
        | ButtonKind::RequestPhone
        | ButtonKind::RequestGeoLocation
        | ButtonKind::RequestPoll { .. }
        | ButtonKind::RequestPeer(_)
            if inline =>
        {
            ("KB-19", "reply keyboards")
        }
        ButtonKind::Url { .. }
        | ButtonKind::Callback { .. }
        | ButtonKind::SwitchInline { .. }
        | ButtonKind::Game
        | ButtonKind::Buy
        | ButtonKind::UrlAuth { .. }
            if !inline =>
        {
            ("KB-20", "inline keyboards")
        }
        ButtonKind::WebView { .. } if !inline => ("KB-21", "inline keyboards"),
        ButtonKind::SimpleWebView { .. } if inline => ("KB-21", "reply keyboards"),
        _ => return,
    };
    if applies(rule, layer) {
        let found = if inline {
            "an inline keyboard"
        } else {
            "a reply keyboard"
        };
        out.push(Violation::new(
            rule,
            path,
            format!(
                "expected a {} button only in {belongs}; got it in {found}",
                kind.name()
            ),
        ));
    }
}

/// Request buttons only in private chats; peer requests, moreover, only in reply keyboards.
/// `private` is `None` when the chat is unknown.
fn check_chat(
    layer: u32,
    private: Option<bool>,
    inline: bool,
    button: &Button,
    path: &str,
    out: &mut Vec<Violation>,
) {
    match &button.kind {
        ButtonKind::RequestPhone
        | ButtonKind::RequestGeoLocation
        | ButtonKind::RequestPoll { .. }
            if private == Some(false) && applies("KB-22", layer) =>
        {
            let message = format!(
                "expected a {} button only in a private chat; got it in a group",
                button.kind.name()
            );
            out.push(Violation::new("KB-22", path, message));
        }
        ButtonKind::RequestPeer(_)
            if (inline || private == Some(false)) && applies("RP-02", layer) =>
        {
            let found = match (inline, private == Some(false)) {
                (true, true) => "an inline keyboard in a group",
                (true, false) => "an inline keyboard",
                _ => "a reply keyboard in a group",
            };
            out.push(Violation::new(
                "RP-02",
                path,
                format!("expected a peer-request button only in a reply keyboard of a private chat; got it in {found}"),
            ));
        }
        _ => {}
    }
}

fn check_request_peer(
    layer: u32,
    request: &RequestPeerButton,
    path: &str,
    out: &mut Vec<Violation>,
) {
    if !request.input && applies("RP-01", layer) {
        out.push(Violation::new("RP-01", path, "expected inputKeyboardButtonRequestPeer (the bot's form); got keyboardButtonRequestPeer"));
    }
    let quantity = request.max_quantity;
    match &request.peer_type {
        PeerType::User { .. } if !(1..=10).contains(&quantity) && applies("RP-07", layer) => {
            let message =
                format!("expected max_quantity 1 to 10 for requestPeerTypeUser; got {quantity}");
            out.push(Violation::new(
                "RP-07",
                format!("{path}.max_quantity"),
                message,
            ));
        }
        PeerType::Chat { .. } | PeerType::Broadcast { .. }
            if quantity != 1 && applies("RP-08", layer) =>
        {
            let message =
                format!("expected max_quantity 1 for a chat or channel request; got {quantity}");
            out.push(Violation::new(
                "RP-08",
                format!("{path}.max_quantity"),
                message,
            ));
        }
        PeerType::CreateBot { bot_managed, .. } => {
            let asked: Vec<&str> = [
                (request.name_requested, "name_requested"),
                (request.username_requested, "username_requested"),
                (request.photo_requested, "photo_requested"),
            ]
            .into_iter()
            .filter_map(|(set, name)| set.then_some(name))
            .collect();
            if !asked.is_empty() && applies("MB-01", layer) {
                let message = format!(
                    "expected no *_requested flag on a create-bot request; got {}",
                    asked.join(", ")
                );
                out.push(Violation::new("MB-01", path, message));
            }
            if !bot_managed && applies("MB-02", layer) {
                out.push(Violation::new(
                    "MB-02",
                    format!("{path}.peer_type.bot_managed"),
                    "expected bot_managed set on requestPeerTypeCreateBot; got it clear",
                ));
            }
        }
        _ => {}
    }
}
