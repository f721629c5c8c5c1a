//! Property tests: values of key generated types of era 224-228 encode to bytes that
//! decode (strictly) back to an equal value, and `serialized_len` is the exact size.

use std::borrow::Cow;

use proptest::prelude::*;
use tgconf_spec::codec::DecodeOptions;
use tgconf_spec::typed::generated::era_224_228::{enums, functions, types};
use tgconf_spec::typed::{from_bytes, to_bytes, Deserialize, Serialize};

/// encode → strict decode → equal value; the size is announced exactly; and encoding
/// the decoded value gives the same bytes again.
fn check<'a, T>(value: &T, bytes: &'a mut Vec<u8>) -> Result<(), TestCaseError>
where
    T: Serialize + Deserialize<'a> + PartialEq + std::fmt::Debug,
{
    *bytes = to_bytes(value).map_err(|e| TestCaseError::fail(format!("encoding failed: {e}")))?;
    let bytes: &'a [u8] = bytes;
    prop_assert_eq!(bytes.len(), value.serialized_len());
    prop_assert_eq!(bytes.len() % 4, 0, "TL values fill whole 32-bit words");
    let back: T = from_bytes(bytes, DecodeOptions::default())
        .map_err(|e| TestCaseError::fail(format!("{e}")))?;
    prop_assert_eq!(&back, value);
    prop_assert_eq!(to_bytes(&back).unwrap(), bytes);
    Ok(())
}

fn text() -> impl Strategy<Value = Cow<'static, str>> {
    // Short strings mostly, and some past the 254-byte switch to the long length form.
    prop_oneof![4 => ".{0,12}", 1 => ".{250,300}"].prop_map(Cow::Owned)
}

fn blob() -> impl Strategy<Value = Cow<'static, [u8]>> {
    prop::collection::vec(any::<u8>(), 0..300).prop_map(Cow::Owned)
}

fn style() -> impl Strategy<Value = types::KeyboardButtonStyle> {
    (
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<Option<i64>>(),
    )
        .prop_map(
            |(bg_primary, bg_danger, bg_success, icon)| types::KeyboardButtonStyle {
                bg_primary,
                bg_danger,
                bg_success,
                icon,
            },
        )
}

fn opt_style() -> impl Strategy<Value = Option<enums::KeyboardButtonStyle>> {
    prop::option::of(style().prop_map(enums::KeyboardButtonStyle::from))
}

fn input_peer() -> impl Strategy<Value = enums::InputPeer> {
    let leaf = prop_oneof![
        Just(types::InputPeerEmpty.into()),
        Just(types::InputPeerSelf.into()),
        any::<i64>().prop_map(|chat_id| types::InputPeerChat { chat_id }.into()),
        any::<(i64, i64)>().prop_map(|(user_id, access_hash)| types::InputPeerUser {
            user_id,
            access_hash
        }
        .into()),
        any::<(i64, i64)>().prop_map(|(channel_id, access_hash)| types::InputPeerChannel {
            channel_id,
            access_hash
        }
        .into()),
    ];
    // inputPeerUserFromMessage holds an InputPeer: the recursive (boxed) variants.
    leaf.prop_recursive(3, 8, 1, |inner| {
        prop_oneof![
            (inner.clone(), any::<i32>(), any::<i64>()).prop_map(|(peer, msg_id, user_id)| {
                types::InputPeerUserFromMessage {
                    peer,
                    msg_id,
                    user_id,
                }
                .into()
            }),
            (inner, any::<i32>(), any::<i64>()).prop_map(|(peer, msg_id, channel_id)| {
                types::InputPeerChannelFromMessage {
                    peer,
                    msg_id,
                    channel_id,
                }
                .into()
            }),
        ]
    })
}

fn request_peer_type() -> impl Strategy<Value = enums::RequestPeerType<'static>> {
    prop_oneof![
        any::<(Option<bool>, Option<bool>)>()
            .prop_map(|(bot, premium)| types::RequestPeerTypeUser { bot, premium }.into()),
        any::<(bool, bool, Option<bool>, Option<bool>)>().prop_map(
            |(creator, bot_participant, has_username, forum)| {
                types::RequestPeerTypeChat {
                    creator,
                    bot_participant,
                    has_username,
                    forum,
                    user_admin_rights: None,
                    bot_admin_rights: None,
                }
                .into()
            }
        ),
        (
            any::<bool>(),
            prop::option::of(text()),
            prop::option::of(text())
        )
            .prop_map(|(bot_managed, suggested_name, suggested_username)| {
                types::RequestPeerTypeCreateBot {
                    bot_managed,
                    suggested_name,
                    suggested_username,
                }
                .into()
            }),
    ]
}

fn button() -> impl Strategy<Value = enums::KeyboardButton<'static>> {
    prop_oneof![
        (opt_style(), text())
            .prop_map(|(style, text)| types::KeyboardButton { style, text }.into()),
        (opt_style(), text(), text()).prop_map(|(style, text, url)| types::KeyboardButtonUrl {
            style,
            text,
            url
        }
        .into()),
        (any::<bool>(), opt_style(), text(), blob()).prop_map(
            |(requires_password, style, text, data)| {
                types::KeyboardButtonCallback {
                    requires_password,
                    style,
                    text,
                    data,
                }
                .into()
            }
        ),
        (opt_style(), text())
            .prop_map(|(style, text)| types::KeyboardButtonGame { style, text }.into()),
        (opt_style(), text(), text()).prop_map(|(style, text, copy_text)| {
            types::KeyboardButtonCopy {
                style,
                text,
                copy_text,
            }
            .into()
        }),
        (
            opt_style(),
            text(),
            any::<i32>(),
            request_peer_type(),
            any::<i32>()
        )
            .prop_map(|(style, text, button_id, peer_type, max_quantity)| {
                types::KeyboardButtonRequestPeer {
                    style,
                    text,
                    button_id,
                    peer_type,
                    max_quantity,
                }
                .into()
            }),
    ]
}

fn rows() -> impl Strategy<Value = Vec<enums::KeyboardButtonRow<'static>>> {
    let row = prop::collection::vec(button(), 0..4)
        .prop_map(|buttons| types::KeyboardButtonRow { buttons }.into());
    prop::collection::vec(row, 0..4)
}

fn reply_markup() -> impl Strategy<Value = enums::ReplyMarkup<'static>> {
    prop_oneof![
        any::<bool>().prop_map(|selective| types::ReplyKeyboardHide { selective }.into()),
        (any::<bool>(), any::<bool>(), prop::option::of(text())).prop_map(
            |(single_use, selective, placeholder)| {
                types::ReplyKeyboardForceReply {
                    single_use,
                    selective,
                    placeholder,
                }
                .into()
            }
        ),
        (any::<[bool; 4]>(), rows(), prop::option::of(text())).prop_map(
            |([resize, single_use, selective, persistent], rows, placeholder)| {
                types::ReplyKeyboardMarkup {
                    resize,
                    single_use,
                    selective,
                    persistent,
                    rows,
                    placeholder,
                }
                .into()
            }
        ),
        rows().prop_map(|rows| types::ReplyInlineMarkup { rows }.into()),
    ]
}

proptest! {
    #[test]
    fn keyboard_button_style(style in style()) {
        check(&style, &mut Vec::new())?;
        check(&enums::KeyboardButtonStyle::from(style), &mut Vec::new())?;
    }

    #[test]
    fn reply_markups(markup in reply_markup()) {
        check(&markup, &mut Vec::new())?;
    }

    #[test]
    fn send_bot_requested_peer(
        peer in input_peer(),
        msg_id in any::<Option<i32>>(),
        webapp_req_id in prop::option::of(text()),
        button_id in any::<i32>(),
        requested_peers in prop::collection::vec(input_peer(), 0..5),
    ) {
        let call = functions::messages::SendBotRequestedPeer { peer, msg_id, webapp_req_id, button_id, requested_peers };
        check(&call, &mut Vec::new())?;
    }

    #[test]
    fn bot_callback_answer(
        flags in any::<[bool; 3]>(),
        message in prop::option::of(text()),
        url in prop::option::of(text()),
        cache_time in any::<i32>(),
    ) {
        let [alert, has_url, native_ui] = flags;
        let answer = types::messages::BotCallbackAnswer { alert, has_url, native_ui, message, url, cache_time };
        check(&answer, &mut Vec::new())?;
        check(&enums::messages::BotCallbackAnswer::from(answer), &mut Vec::new())?;
    }

    /// requestedPeerUser's first and last name share flags.0: present together or the
    /// encoder refuses.
    #[test]
    fn requested_peer_user_names(user_id in any::<i64>(), first in prop::option::of(text()), last in prop::option::of(text())) {
        let both = first.is_some() == last.is_some();
        let peer = types::RequestedPeerUser { user_id, first_name: first, last_name: last, username: None, photo: None };
        if both {
            check(&peer, &mut Vec::new())?;
        } else {
            prop_assert!(to_bytes(&peer).is_err());
        }
    }
}
