//! Bot traces of any shape, valid or not: what an adapter of a broken bot might record. The
//! checker must judge every one of them without panicking. Public so that fuzzers and the
//! harness can reuse them.

use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::select;

use crate::model::admin_rights::AdminRights;
use crate::model::answer::CallbackAnswer;
use crate::model::button::{Button, ButtonKind, RequestPeerButton};
use crate::model::call::{Call, Reply, RpcError};
use crate::model::chat::ChatKind;
use crate::model::markup::{Markup, ReplyKeyboard};
use crate::model::peer_type::PeerType;
use crate::model::style::Style;
use crate::model::trace::{Step, Trace};
use crate::model::update::Update;

use super::{BotChat, BotInput, BotSetup, BotTrace};

/// Small pools, so that IDs of chats, queries and buttons collide often.
const IDS: [i64; 4] = [-200, 1, 100, i64::MAX];
const KINDS: [ChatKind; 3] = [
    ChatKind::Private,
    ChatKind::BasicGroup,
    ChatKind::Supergroup,
];

/// Any string: empty, short, or long enough to break every length limit.
fn any_text() -> BoxedStrategy<String> {
    prop_oneof![Just(String::new()), "\\PC{0,8}", "[a\u{1F600}]{60,70}"].boxed()
}

fn any_style() -> BoxedStrategy<Option<Style>> {
    option::of((any::<[bool; 3]>(), option::of(any::<i64>())).prop_map(
        |([bg_primary, bg_danger, bg_success], icon)| Style {
            bg_primary,
            bg_danger,
            bg_success,
            icon,
        },
    ))
    .boxed()
}

fn any_peer_type() -> BoxedStrategy<PeerType> {
    let rights = || option::of(any::<u32>().prop_map(AdminRights));
    prop_oneof![
        (option::of(any::<bool>()), option::of(any::<bool>()))
            .prop_map(|(bot, premium)| PeerType::User { bot, premium }),
        (
            any::<[bool; 2]>(),
            option::of(any::<bool>()),
            option::of(any::<bool>()),
            rights(),
            rights()
        )
            .prop_map(
                |(
                    [creator, bot_participant],
                    has_username,
                    forum,
                    user_admin_rights,
                    bot_admin_rights,
                )| PeerType::Chat {
                    creator,
                    bot_participant,
                    has_username,
                    forum,
                    user_admin_rights,
                    bot_admin_rights
                }
            ),
        (any::<bool>(), option::of(any::<bool>()), rights(), rights()).prop_map(
            |(creator, has_username, user_admin_rights, bot_admin_rights)| {
                PeerType::Broadcast {
                    creator,
                    has_username,
                    user_admin_rights,
                    bot_admin_rights,
                }
            }
        ),
        (
            any::<bool>(),
            option::of(any_text()),
            option::of(any_text())
        )
            .prop_map(|(bot_managed, suggested_name, suggested_username)| {
                PeerType::CreateBot {
                    bot_managed,
                    suggested_name,
                    suggested_username,
                }
            }),
    ]
    .boxed()
}

fn any_kind() -> BoxedStrategy<ButtonKind> {
    prop_oneof![
        Just(ButtonKind::Text),
        any_text().prop_map(|url| ButtonKind::Url { url }),
        (vec(any::<u8>(), 0..=70), any::<bool>()).prop_map(|(data, requires_password)| {
            ButtonKind::Callback {
                data,
                requires_password,
            }
        }),
        (any_text(), any::<bool>())
            .prop_map(|(query, same_peer)| ButtonKind::SwitchInline { query, same_peer }),
        Just(ButtonKind::Game),
        Just(ButtonKind::Buy),
        (any_text(), any::<i32>(), any::<bool>()).prop_map(|(url, button_id, input)| {
            ButtonKind::UrlAuth {
                url,
                button_id,
                input,
            }
        }),
        Just(ButtonKind::RequestPhone),
        Just(ButtonKind::RequestGeoLocation),
        option::of(any::<bool>()).prop_map(|quiz| ButtonKind::RequestPoll { quiz }),
        (
            0i32..3,
            any_peer_type(),
            prop_oneof![Just(i32::MIN), -1i32..=12, Just(i32::MAX)],
            any::<[bool; 4]>()
        )
            .prop_map(
                |(
                    button_id,
                    peer_type,
                    max_quantity,
                    [name_requested, username_requested, photo_requested, input],
                )| {
                    ButtonKind::RequestPeer(RequestPeerButton {
                        button_id,
                        peer_type,
                        max_quantity,
                        name_requested,
                        username_requested,
                        photo_requested,
                        input,
                    })
                }
            ),
        any_text().prop_map(|url| ButtonKind::WebView { url }),
        any_text().prop_map(|url| ButtonKind::SimpleWebView { url }),
        any::<i64>().prop_map(|user_id| ButtonKind::UserProfile { user_id }),
        any_text().prop_map(|copy_text| ButtonKind::Copy { copy_text }),
    ]
    .boxed()
}

pub fn any_button() -> BoxedStrategy<Button> {
    (any_text(), any_style(), any_kind())
        .prop_map(|(text, style, kind)| Button { text, style, kind })
        .boxed()
}

/// Any markup: any button in any keyboard, any flags, any placeholder.
pub fn any_markup() -> BoxedStrategy<Markup> {
    let rows = || vec(vec(any_button(), 0..3), 0..3);
    prop_oneof![
        (rows(), any::<[bool; 4]>(), option::of(any_text())).prop_map(
            |(rows, [resize, single_use, selective, persistent], placeholder)| {
                Markup::Keyboard(ReplyKeyboard {
                    rows,
                    resize,
                    single_use,
                    selective,
                    persistent,
                    placeholder,
                })
            }
        ),
        any::<bool>().prop_map(|selective| Markup::Hide { selective }),
        (any::<[bool; 2]>(), option::of(any_text())).prop_map(
            |([single_use, selective], placeholder)| Markup::ForceReply {
                single_use,
                selective,
                placeholder
            }
        ),
        rows().prop_map(|rows| Markup::Inline { rows }),
    ]
    .boxed()
}

fn any_answer() -> BoxedStrategy<CallbackAnswer> {
    (
        any::<[bool; 3]>(),
        option::of(any_text()),
        option::of(any_text()),
        any::<i32>(),
    )
        .prop_map(
            |([alert, native_ui, has_url], message, url, cache_time)| CallbackAnswer {
                alert,
                native_ui,
                message,
                url,
                has_url,
                cache_time,
            },
        )
        .boxed()
}

/// Any call a bot might make.
pub fn any_call() -> BoxedStrategy<Call> {
    prop_oneof![
        3 => (select(&IDS[..]), any_text(), option::of(any::<i32>()), option::of(any_markup()))
            .prop_map(|(peer, text, reply_to, markup)| Call::SendMessage { peer, text, reply_to, markup }),
        3 => (select(&IDS[..]), any_answer()).prop_map(|(query_id, answer)| Call::SetBotCallbackAnswer { query_id, answer }),
        1 => (select(&IDS[..]), any_button()).prop_map(|(user_id, button)| Call::RequestWebViewButton { user_id, button }),
        1 => (any_text(), any_text(), any::<i64>()).prop_map(|(name, username, manager)| Call::CreateBot { name, username, manager }),
        1 => any_text().prop_map(|username| Call::CheckUsername { username }),
    ]
    .boxed()
}

fn any_input() -> BoxedStrategy<BotInput> {
    let data_or_game = || (option::of(vec(any::<u8>(), 0..70)), option::of(any_text()));
    prop_oneof![
        (
            select(&IDS[..]),
            select(&IDS[..]),
            any::<i32>(),
            data_or_game()
        )
            .prop_map(|(query_id, peer, msg_id, (data, game_short_name))| {
                BotInput::Update {
                    update: Update::BotCallbackQuery {
                        query_id,
                        user_id: 100,
                        peer,
                        msg_id,
                        data,
                        game_short_name,
                    },
                }
            }),
        (select(&IDS[..]), any_text(), data_or_game()).prop_map(
            |(query_id, inline_msg_id, (data, game_short_name))| BotInput::Update {
                update: Update::InlineBotCallbackQuery {
                    query_id,
                    user_id: 100,
                    inline_msg_id,
                    data,
                    game_short_name
                }
            }
        ),
        any::<i64>().prop_map(|bot_id| BotInput::Update {
            update: Update::ManagedBot { bot_id }
        }),
        (select(&IDS[..]), any_text(), any_markup())
            .prop_map(|(chat, text, markup)| BotInput::Send { chat, text, markup }),
        any::<u32>().prop_map(|seconds| BotInput::Advance { seconds }),
        prop_oneof![
            Just(Ok(Reply::Done)),
            Just(Err(RpcError::new(400, "QUERY_ID_INVALID")))
        ]
        .prop_map(|outcome| BotInput::Result { outcome }),
    ]
    .boxed()
}

/// Any bot trace: any layer (also outside the suite's span), any chats, inputs and outputs
/// unrelated to each other.
pub fn any_trace() -> BoxedStrategy<BotTrace> {
    let chats = vec(
        (select(&IDS[..]), select(&KINDS[..])).prop_map(|(id, kind)| BotChat { id, kind }),
        0..4,
    );
    let steps = vec(
        (any_input(), vec(any_call(), 0..3)).prop_map(|(input, outputs)| Step { input, outputs }),
        0..6,
    );
    (
        prop_oneof![0u32..400, Just(u32::MAX)],
        any::<bool>(),
        chats,
        steps,
    )
        .prop_map(|(layer, can_use_icons, chats, steps)| Trace {
            layer,
            setup: BotSetup {
                bot: 1,
                can_use_icons,
                chats,
            },
            steps,
        })
        .boxed()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use std::sync::OnceLock;

    use super::any_trace;
    use crate::model::bot::check::check;
    use crate::rules::{Catalogue, Party};

    fn catalogue() -> &'static Catalogue {
        static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
        CATALOGUE.get_or_init(|| Catalogue::load().expect("catalogue loads"))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// The checker judges any trace without panicking, and names only rules of the bot.
        #[test]
        fn checker_never_panics(trace in any_trace()) {
            for violation in check(&trace) {
                let rule = catalogue().rule(&violation.rule);
                prop_assert!(rule.is_some_and(|rule| rule.party == Party::Bot), "{violation}");
            }
        }
    }
}
