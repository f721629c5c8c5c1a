//! Custom reply keyboards: shown, hidden, reopened, removed, and who they are for.

use crate::model::markup::Markup;

use super::super::keyboard::{ChatKeyboard, Visibility};
use super::super::{ClientInput, Ui};
use super::Ctx;

pub(super) fn check(ctx: &mut Ctx) {
    match ctx.input {
        ClientInput::Receive { message } => {
            let applies = message.markup_applies_to(ctx.before.setup().me);
            match &message.markup {
                Some(Markup::Keyboard(keyboard)) if applies => {
                    let shown = shown(ctx, message.chat);
                    if shown.is_empty() {
                        ctx.report("KB-03", None, format!("expected the custom keyboard of message {} shown in chat {}; got no KeyboardShown", message.msg_id, message.chat));
                    }
                    let current = ChatKeyboard {
                        msg_id: message.msg_id,
                        keyboard: keyboard.clone(),
                        visibility: Visibility::Shown,
                    };
                    shown_as_current(ctx, &current, &shown);
                }
                Some(Markup::Keyboard(_)) => {
                    for (j, ui) in for_chat(ctx, message.chat, |ui| {
                        matches!(ui, Ui::KeyboardShown { .. } | Ui::KeyboardHidden { .. })
                    }) {
                        ctx.report("KB-10", Some(j), format!("a selective keyboard in a group is not for this user (neither mentioned nor the replied-to sender): expected the current keyboard kept; got {ui:?}"));
                    }
                }
                Some(Markup::Hide { .. }) if applies => {
                    let hidden = hidden(ctx, message.chat);
                    if ctx.before.keyboard(message.chat).is_some() && hidden.is_empty() {
                        ctx.report("KB-04", None, format!("expected the custom keyboard of chat {} hidden on replyKeyboardHide; got no KeyboardHidden", message.chat));
                    }
                    for (j, _) in hidden.into_iter().filter(|(_, reopenable)| *reopenable) {
                        ctx.report("KB-17", Some(j), "expected the keyboard removed for good by replyKeyboardHide; got KeyboardHidden with reopenable: true".to_owned());
                    }
                }
                Some(Markup::Hide { .. }) => {
                    for (j, ui) in for_chat(ctx, message.chat, |ui| {
                        matches!(ui, Ui::KeyboardShown { .. } | Ui::KeyboardHidden { .. })
                    }) {
                        ctx.report("KB-11", Some(j), format!("a selective replyKeyboardHide in a group is not for this user: expected the current keyboard kept; got {ui:?}"));
                    }
                }
                Some(Markup::ForceReply { placeholder, .. }) if applies => {
                    let opened: Vec<(usize, Option<String>)> = ctx
                        .uis()
                        .filter_map(|(j, ui)| match ui {
                            Ui::ReplyOpened {
                                chat,
                                msg_id,
                                placeholder,
                            } if *chat == message.chat && *msg_id == message.msg_id => {
                                Some((j, placeholder.clone()))
                            }
                            _ => None,
                        })
                        .collect();
                    if opened.is_empty() {
                        ctx.report("KB-05", None, format!("expected the reply interface opened for message {} of chat {}; got no ReplyOpened", message.msg_id, message.chat));
                    }
                    for (j, shown) in opened.into_iter().filter(|(_, shown)| shown != placeholder) {
                        ctx.report("KB-16", Some(j), format!("expected the placeholder {placeholder:?} in the input field; got {shown:?}"));
                    }
                }
                Some(Markup::ForceReply { .. }) => {
                    for (j, ui) in
                        for_chat(ctx, message.chat, |ui| matches!(ui, Ui::ReplyOpened { .. }))
                    {
                        ctx.report("KB-12", Some(j), format!("a selective force reply in a group is not for this user: expected no reply interface; got {ui:?}"));
                    }
                }
                Some(Markup::Inline { .. }) | None => {}
            }
        }
        ClientInput::Press { chat, .. } => {
            // Pressing a shown single_use keyboard is what makes the reference hide it.
            let single_use = ctx
                .expected_uis()
                .any(|ui| matches!(ui, Ui::KeyboardHidden { chat: hidden, .. } if hidden == chat));
            if single_use {
                let hidden = hidden(ctx, *chat);
                if hidden.is_empty() {
                    ctx.report("KB-06", None, format!("expected the single_use keyboard of chat {chat} hidden after the press; got no KeyboardHidden"));
                }
                for (j, _) in hidden.into_iter().filter(|(_, reopenable)| !reopenable) {
                    ctx.report("KB-07", Some(j), "expected the single_use keyboard hidden but reopenable after the press; got KeyboardHidden with reopenable: false".to_owned());
                }
            }
        }
        ClientInput::ReopenKeyboard { chat } => match ctx.before.keyboard(*chat).cloned() {
            Some(current) if current.visibility != Visibility::Shown => {
                let shown = shown(ctx, *chat);
                if shown.is_empty() {
                    if current.visibility == Visibility::HiddenByPress {
                        ctx.report("KB-07", None, format!("expected the single_use keyboard hidden after a press shown again on reopening chat {chat}'s keyboard; got no KeyboardShown"));
                    } else {
                        ctx.report("KB-09", None, format!("expected the keyboard the user hid shown again on reopening chat {chat}'s keyboard; got no KeyboardShown"));
                    }
                }
                shown_as_current(ctx, &current, &shown);
            }
            None if ctx.before.removed(*chat) => {
                for (j, ui) in for_chat(ctx, *chat, |ui| matches!(ui, Ui::KeyboardShown { .. })) {
                    ctx.report("KB-17", Some(j), format!("chat {chat}'s keyboard was removed by replyKeyboardHide and cannot be summoned; got {ui:?}"));
                }
            }
            _ => {}
        },
        ClientInput::HideKeyboard { chat } => {
            if let Some(current) = ctx
                .before
                .keyboard(*chat)
                .filter(|k| k.visibility == Visibility::Shown)
                .cloned()
            {
                let hidden = hidden(ctx, *chat);
                if current.keyboard.persistent {
                    for (j, _) in hidden {
                        ctx.report("KB-09", Some(j), format!("chat {chat}'s keyboard is persistent: expected it to stay shown when the user hides the keyboard; got KeyboardHidden"));
                    }
                } else if hidden.is_empty() {
                    ctx.report("KB-09", None, format!("expected chat {chat}'s non-persistent keyboard hidden (reopenable) when the user hides it; got no KeyboardHidden"));
                } else {
                    for (j, _) in hidden.into_iter().filter(|(_, reopenable)| !reopenable) {
                        ctx.report("KB-09", Some(j), "expected the keyboard the user hid to stay reopenable; got KeyboardHidden with reopenable: false".to_owned());
                    }
                }
            }
        }
        _ => {}
    }
    kept(ctx);
}

/// A keyboard without single_use stays until the bot sends another reply markup: no step
/// that leaves it current and shown in the reference may hide it.
fn kept(ctx: &mut Ctx) {
    let dropped: Vec<(usize, i64)> = ctx
        .uis()
        .filter_map(|(j, ui)| match ui {
            Ui::KeyboardHidden { chat, .. } => Some((j, *chat)),
            _ => None,
        })
        .collect();
    for (j, chat) in dropped {
        // The user's own hiding and a bot's (selective) markup are judged above.
        let judged = match ctx.input {
            ClientInput::HideKeyboard { chat: hidden } => *hidden == chat,
            ClientInput::Receive { message } => {
                message.chat == chat
                    && matches!(
                        message.markup,
                        Some(Markup::Keyboard(_) | Markup::Hide { .. })
                    )
            }
            _ => false,
        };
        let stays = |k: Option<&ChatKeyboard>| {
            k.is_some_and(|k| k.visibility == Visibility::Shown && !k.keyboard.single_use)
        };
        let (before, after) = (ctx.before.keyboard(chat), ctx.after.keyboard(chat));
        if !judged
            && stays(before)
            && stays(after)
            && before.map(|k| k.msg_id) == after.map(|k| k.msg_id)
        {
            ctx.report("KB-08", Some(j), format!("chat {chat}'s keyboard has no single_use and no new reply markup came: expected it kept; got KeyboardHidden"));
        }
    }
}

/// The KeyboardShown effects for `chat`: (output, persistent, placeholder).
fn shown(ctx: &Ctx, chat: i64) -> Vec<(usize, bool, Option<String>)> {
    ctx.uis()
        .filter_map(|(j, ui)| match ui {
            Ui::KeyboardShown {
                chat: shown,
                persistent,
                placeholder,
            } if *shown == chat => Some((j, *persistent, placeholder.clone())),
            _ => None,
        })
        .collect()
}

/// The KeyboardHidden effects for `chat`: (output, reopenable).
fn hidden(ctx: &Ctx, chat: i64) -> Vec<(usize, bool)> {
    ctx.uis()
        .filter_map(|(j, ui)| match ui {
            Ui::KeyboardHidden {
                chat: hidden,
                reopenable,
            } if *hidden == chat => Some((j, *reopenable)),
            _ => None,
        })
        .collect()
}

/// Effects on `chat` that `select` picks, with their output index.
fn for_chat(ctx: &Ctx, chat: i64, select: fn(&Ui) -> bool) -> Vec<(usize, Ui)> {
    ctx.uis()
        .filter(|(_, ui)| select(ui))
        .filter(|(_, ui)| match ui {
            Ui::KeyboardShown { chat: c, .. }
            | Ui::KeyboardHidden { chat: c, .. }
            | Ui::ReplyOpened { chat: c, .. } => *c == chat,
            _ => false,
        })
        .map(|(j, ui)| (j, ui.clone()))
        .collect()
}

/// A shown keyboard says what the current one asks for: persistence and placeholder.
fn shown_as_current(
    ctx: &mut Ctx,
    current: &ChatKeyboard,
    shown: &[(usize, bool, Option<String>)],
) {
    for (j, persistent, placeholder) in shown {
        if *persistent != current.keyboard.persistent {
            ctx.report(
                "KB-09",
                Some(*j),
                format!(
                    "expected the keyboard shown with persistent: {}; got persistent: {persistent}",
                    current.keyboard.persistent
                ),
            );
        }
        if *placeholder != current.keyboard.placeholder {
            ctx.report(
                "KB-16",
                Some(*j),
                format!(
                    "expected the placeholder {:?} in the input field; got {placeholder:?}",
                    current.keyboard.placeholder
                ),
            );
        }
    }
}
