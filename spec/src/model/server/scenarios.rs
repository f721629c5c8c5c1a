//! Generated sessions of the reference server, one family per flow, each aimed at the rules of
//! that flow: shares of peers, created bots, prepared Mini App buttons, callback presses and
//! their answers. Every strategy yields traces of the reference (valid by construction).

use std::ops::RangeInclusive;

use proptest::prelude::*;

use crate::model::answer::CallbackAnswer;
use crate::model::button::{Button, ButtonKind};
use crate::model::call::Call;
use crate::model::subject::Subject;

use super::drive::{run, Act};
use super::gen::*;
use super::session::SENT_ME_LAYER;

/// Every layer of the suite's eras.
pub const ALL_LAYERS: RangeInclusive<u32> = 152..=230;
pub const SENT_ME_LAYERS: RangeInclusive<u32> = SENT_ME_LAYER..=230;
pub const BEFORE_SENT_ME: RangeInclusive<u32> = 152..=SENT_ME_LAYER - 1;
/// Layers with managed bots and Mini App peer requests.
pub const MANAGED_LAYERS: RangeInclusive<u32> = 224..=230;

fn call(from: i64, call: Call) -> Act {
    Act::Call { from, call }
}

fn share(from: i64, peer: i64, msg_id: i32, button_id: i32, peers: Vec<i64>) -> Act {
    call(
        from,
        Call::SendBotRequestedPeer {
            peer,
            msg_id: Some(msg_id),
            webapp_req_id: None,
            button_id,
            requested_peers: peers,
        },
    )
}

fn user() -> impl Strategy<Value = i64> {
    prop_oneof![Just(ALICE), Just(BOB)]
}

fn bot() -> impl Strategy<Value = i64> {
    prop_oneof![Just(SHOP_BOT), Just(HELPER_BOT)]
}

/// A user shares peers through the keyboard's button, or (from layer 224, when `via_web_app`
/// comes up) through a button the bot prepared for a Mini App. `name_requested` pins that flag.
pub fn shares(layers: RangeInclusive<u32>, name_requested: Option<bool>) -> BoxedStrategy<Subject> {
    (
        layer_and_request(layers),
        variation(),
        any::<[bool; 3]>(),
        any::<bool>(),
        user(),
    )
        .prop_map(
            move |((layer, mut button), variation, choice, via_web_app, user)| {
                if let Some(name_requested) = name_requested {
                    button.name_requested = name_requested;
                }
                let peers = pick_peers(&button.peer_type, button.max_quantity, &choice);
                let setup = world(layer, &variation, &button);
                let acts = if via_web_app && layer >= *MANAGED_LAYERS.start() {
                    let prepared = Button {
                        text: "share".to_owned(),
                        style: None,
                        kind: ButtonKind::RequestPeer(button.clone()),
                    };
                    vec![
                        call(
                            SHOP_BOT,
                            Call::RequestWebViewButton {
                                user_id: user,
                                button: prepared,
                            },
                        ),
                        Act::GetPrepared {
                            user,
                            bot: SHOP_BOT,
                        },
                        Act::ShareViaWebApp {
                            user,
                            bot: SHOP_BOT,
                            button_id: button.button_id,
                            peers,
                        },
                    ]
                } else {
                    vec![share(user, SHOP_BOT, KEYBOARD_MSG, button.button_id, peers)]
                };
                Subject::Server(run(layer, setup, acts))
            },
        )
        .boxed()
}

/// A bot calls sendBotRequestedPeer with arguments a user could have used.
pub fn bot_shares() -> BoxedStrategy<Subject> {
    (
        layer_and_request(ALL_LAYERS),
        variation(),
        any::<[bool; 3]>(),
        bot(),
    )
        .prop_map(|((layer, button), variation, choice, bot)| {
            let peers = pick_peers(&button.peer_type, button.max_quantity, &choice);
            let acts = vec![share(bot, SHOP_BOT, KEYBOARD_MSG, button.button_id, peers)];
            Subject::Server(run(layer, world(layer, &variation, &button), acts))
        })
        .boxed()
}

/// A user shares through a message that is not in the chat (`unknown_peer`: or through a
/// chat that does not exist).
pub fn bad_share_target(unknown_peer: bool) -> BoxedStrategy<Subject> {
    let peer = prop_oneof![Just(SHOP_BOT), Just(GROUP)];
    (
        layer_and_request(ALL_LAYERS),
        variation(),
        user(),
        peer,
        100i32..200,
        NOBODY..NOBODY + 50,
    )
        .prop_map(
            move |((layer, button), variation, user, peer, missing_msg, missing_peer)| {
                let (peer, msg_id) = if unknown_peer {
                    (missing_peer, KEYBOARD_MSG)
                } else {
                    (peer, missing_msg)
                };
                let peers = pick_peers(&button.peer_type, button.max_quantity, &[true; 3]);
                Subject::Server(run(
                    layer,
                    world(layer, &variation, &button),
                    vec![share(user, peer, msg_id, button.button_id, peers)],
                ))
            },
        )
        .boxed()
}

fn fresh_username() -> impl Strategy<Value = String> {
    "new_[a-z]{3,8}_bot"
}

/// A user checks a username, creates a bot managed by the shop bot and shares it through the
/// create-bot button of the keyboard or of a Mini App.
pub fn creates_and_shares() -> BoxedStrategy<Subject> {
    (
        layer_and_request(MANAGED_LAYERS),
        variation(),
        fresh_username(),
        "[A-Z][a-z]{2,10}",
        any::<bool>(),
    )
        .prop_map(
            |((layer, button), variation, username, name, via_web_app)| {
                let mut acts = Vec::new();
                if via_web_app {
                    let prepared = Button {
                        text: "new bot".to_owned(),
                        style: None,
                        kind: ButtonKind::RequestPeer(create_bot_button()),
                    };
                    acts.push(call(
                        SHOP_BOT,
                        Call::RequestWebViewButton {
                            user_id: ALICE,
                            button: prepared,
                        },
                    ));
                    acts.push(Act::GetPrepared {
                        user: ALICE,
                        bot: SHOP_BOT,
                    });
                }
                acts.push(call(
                    ALICE,
                    Call::CheckUsername {
                        username: username.clone(),
                    },
                ));
                acts.push(call(
                    ALICE,
                    Call::CreateBot {
                        name,
                        username,
                        manager: SHOP_BOT,
                    },
                ));
                let msg_id = (!via_web_app).then_some(KEYBOARD_MSG);
                acts.push(Act::ShareCreated {
                    user: ALICE,
                    bot: SHOP_BOT,
                    msg_id,
                    button_id: CREATE_BOT_BUTTON,
                });
                Subject::Server(run(layer, world(layer, &variation, &button), acts))
            },
        )
        .boxed()
}

/// A bot calls bots.checkUsername or bots.createBot.
pub fn bot_creates() -> BoxedStrategy<Subject> {
    (
        layer_and_request(MANAGED_LAYERS),
        variation(),
        bot(),
        fresh_username(),
        any::<bool>(),
    )
        .prop_map(|((layer, button), variation, bot, username, create)| {
            let act = if create {
                call(
                    bot,
                    Call::CreateBot {
                        name: "Clone".to_owned(),
                        username,
                        manager: SHOP_BOT,
                    },
                )
            } else {
                call(bot, Call::CheckUsername { username })
            };
            Subject::Server(run(layer, world(layer, &variation, &button), vec![act]))
        })
        .boxed()
}

/// A creation the server must refuse: a manager that may not manage bots, a user at the bot
/// limit, a username already taken (by a peer, or by a bot created just before).
pub fn refused_creations() -> BoxedStrategy<Subject> {
    let taken = prop_oneof![
        Just(HELPER_BOT_USERNAME.to_owned()),
        Just("Shop_Bot".to_owned()),
        Just("alice".to_owned())
    ];
    (
        layer_and_request(MANAGED_LAYERS),
        variation(),
        0..4usize,
        fresh_username(),
        taken,
    )
        .prop_map(|((layer, button), variation, case, username, taken)| {
            let create = |from, username: &str, manager| {
                call(
                    from,
                    Call::CreateBot {
                        name: "Robo".to_owned(),
                        username: username.to_owned(),
                        manager,
                    },
                )
            };
            let acts = match case {
                0 => vec![create(ALICE, &username, HELPER_BOT)],
                1 => vec![create(BOB, &username, SHOP_BOT)],
                2 => vec![create(ALICE, &taken, SHOP_BOT)],
                _ => vec![
                    call(
                        ALICE,
                        Call::CheckUsername {
                            username: username.clone(),
                        },
                    ),
                    create(ALICE, &username, SHOP_BOT),
                    create(ALICE, &username, SHOP_BOT),
                ],
            };
            Subject::Server(run(layer, world(layer, &variation, &button), acts))
        })
        .boxed()
}

/// Bots prepare Mini App buttons for users.
pub fn prepares() -> BoxedStrategy<Subject> {
    let one = (bot(), prop_oneof![Just(ALICE), Just(BOB), Just(CAROL)]);
    (
        layer_and_request(MANAGED_LAYERS),
        variation(),
        proptest::collection::vec(one, 1..4),
    )
        .prop_map(|((layer, button), variation, calls)| {
            let prepared = Button {
                text: "share".to_owned(),
                style: None,
                kind: ButtonKind::RequestPeer(button.clone()),
            };
            let acts = calls
                .into_iter()
                .map(|(bot, user)| {
                    call(
                        bot,
                        Call::RequestWebViewButton {
                            user_id: user,
                            button: prepared.clone(),
                        },
                    )
                })
                .collect();
            Subject::Server(run(layer, world(layer, &variation, &button), acts))
        })
        .boxed()
}

/// A preparation the server must refuse: by a user, of a button that is no peer request, or
/// for someone who is no user.
pub fn refused_preparations() -> BoxedStrategy<Subject> {
    let not_a_user = prop_oneof![Just(NOBODY), Just(HELPER_BOT), Just(GROUP)];
    (
        layer_and_request(MANAGED_LAYERS),
        variation(),
        0..3usize,
        not_a_user,
    )
        .prop_map(|((layer, button), variation, case, not_a_user)| {
            let request = Button {
                text: "share".to_owned(),
                style: None,
                kind: ButtonKind::RequestPeer(button.clone()),
            };
            // A reply-keyboard button (the method's KeyboardButton has no URL type from 229), but no peer request.
            let web_view = Button {
                text: "site".to_owned(),
                style: None,
                kind: ButtonKind::SimpleWebView {
                    url: "https://example.com".to_owned(),
                },
            };
            let (from, user_id, prepared) = match case {
                0 => (ALICE, BOB, request),
                1 => (SHOP_BOT, ALICE, web_view),
                _ => (SHOP_BOT, not_a_user, request),
            };
            Subject::Server(run(
                layer,
                world(layer, &variation, &button),
                vec![call(
                    from,
                    Call::RequestWebViewButton {
                        user_id,
                        button: prepared,
                    },
                )],
            ))
        })
        .boxed()
}

/// The shop bot prepares a button for Alice (who may fetch it), then someone asks for it who
/// may not: another user, Alice from another or an unknown bot, or a bot.
pub fn foreign_prepared_requests() -> BoxedStrategy<Subject> {
    (
        layer_and_request(MANAGED_LAYERS),
        variation(),
        any::<bool>(),
        0..4usize,
    )
        .prop_map(|((layer, button), variation, fetch_first, case)| {
            let prepared = Button {
                text: "share".to_owned(),
                style: None,
                kind: ButtonKind::RequestPeer(button.clone()),
            };
            let mut acts = vec![call(
                SHOP_BOT,
                Call::RequestWebViewButton {
                    user_id: ALICE,
                    button: prepared,
                },
            )];
            if fetch_first {
                acts.push(Act::GetPrepared {
                    user: ALICE,
                    bot: SHOP_BOT,
                });
            }
            acts.push(match case {
                0 => Act::GetPrepared {
                    user: BOB,
                    bot: SHOP_BOT,
                },
                1 => Act::GetPrepared {
                    user: ALICE,
                    bot: HELPER_BOT,
                },
                2 => Act::GetPrepared {
                    user: ALICE,
                    bot: NOBODY,
                },
                _ => Act::GetPrepared {
                    user: HELPER_BOT,
                    bot: SHOP_BOT,
                },
            });
            Subject::Server(run(layer, world(layer, &variation, &button), acts))
        })
        .boxed()
}

/// Which button a press names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    PrivateData,
    PrivateGame,
    GroupData,
    InlineData,
    InlineGame,
    BusinessData,
}

impl Target {
    fn is_game(self) -> bool {
        matches!(self, Target::PrivateGame | Target::InlineGame)
    }

    fn press(self, from: i64, variation: &Variation) -> Act {
        let (peer, msg_id) = match self {
            Target::PrivateData | Target::PrivateGame => (SHOP_BOT, PRIVATE_MSG),
            Target::GroupData => (GROUP, GROUP_MSG),
            Target::InlineData | Target::InlineGame => (GROUP, INLINE_MSG),
            Target::BusinessData => (DAVE, BUSINESS_MSG),
        };
        let data = (!self.is_game()).then(|| variation.data.clone());
        call(
            from,
            Call::GetBotCallbackAnswer {
                peer,
                msg_id,
                data,
                game: self.is_game(),
                password: false,
            },
        )
    }
}

pub fn bot_origin() -> BoxedStrategy<Target> {
    prop_oneof![
        Just(Target::PrivateData),
        Just(Target::PrivateGame),
        Just(Target::GroupData)
    ]
    .boxed()
}

pub fn inline_origin() -> BoxedStrategy<Target> {
    prop_oneof![Just(Target::InlineData), Just(Target::InlineGame)].boxed()
}

pub fn bot_or_inline_origin() -> BoxedStrategy<Target> {
    prop_oneof![bot_origin(), inline_origin()].boxed()
}

pub fn business_origin() -> BoxedStrategy<Target> {
    Just(Target::BusinessData).boxed()
}

/// A URL the shop bot may answer with: a link to itself, or to its game for a game press.
fn own_url(game_press: bool) -> BoxedStrategy<Option<String>> {
    let mut urls = vec![
        "https://t.me/shop_bot".to_owned(),
        "https://t.me/shop_bot?start=promo".to_owned(),
        "tg://resolve?domain=shop_bot".to_owned(),
    ];
    if game_press {
        urls.push(format!("https://t.me/{SHOP_BOT_USERNAME}?game={SHOP_GAME}"));
    }
    proptest::option::of(proptest::sample::select(urls)).boxed()
}

/// The bot's `messages.setBotCallbackAnswer`: it has no `native_ui` flag, so a bot cannot set it.
fn answer(url: Option<String>) -> impl Strategy<Value = CallbackAnswer> {
    (
        any::<bool>(),
        proptest::option::of("[a-z ]{1,20}"),
        0i32..=3600,
    )
        .prop_map(move |(alert, message, cache_time)| CallbackAnswer {
            alert,
            native_ui: false,
            message,
            url: url.clone(),
            has_url: false,
            cache_time,
        })
}

/// How a press ends.
#[derive(Debug, Clone)]
pub enum Ending {
    /// The bot answers.
    Answer(CallbackAnswer),
    /// Nobody answers; time passes in these steps until the timeout.
    Timeout(Vec<u32>),
}

/// Which endings a press may have.
#[derive(Debug, Clone, Copy)]
pub enum Ends {
    Answered,
    TimedOut,
    Either,
}

fn ending(game_press: bool, ends: Ends) -> BoxedStrategy<Ending> {
    let answered = own_url(game_press)
        .prop_flat_map(answer)
        .prop_map(Ending::Answer);
    let timed_out = proptest::collection::vec(0u32..10, 0..3).prop_map(Ending::Timeout);
    match ends {
        Ends::Answered => answered.boxed(),
        Ends::TimedOut => timed_out.boxed(),
        Ends::Either => prop_oneof![answered, timed_out].boxed(),
    }
}

fn end(acts: &mut Vec<Act>, ending: Ending, timeout: u32) {
    match ending {
        Ending::Answer(answer) => acts.push(Act::Answer {
            caller: SHOP_BOT,
            bot: SHOP_BOT,
            answer,
        }),
        Ending::Timeout(waits) => {
            let mut waited = 0;
            for seconds in waits.into_iter().filter(|seconds| *seconds < timeout) {
                if waited + seconds >= timeout {
                    break;
                }
                waited += seconds;
                acts.push(Act::Wait { seconds });
            }
            acts.push(Act::Wait {
                seconds: timeout - waited,
            });
        }
    }
}

/// A user presses a button of `targets`; the bot answers or the press times out, as `ends`
/// allows.
pub fn presses(
    layers: RangeInclusive<u32>,
    targets: BoxedStrategy<Target>,
    ends: Ends,
) -> BoxedStrategy<Subject> {
    (
        layer_and_request(layers),
        variation(),
        targets,
        prop_oneof![Just(ALICE), Just(BOB), Just(CAROL)],
    )
        .prop_flat_map(move |((layer, button), variation, target, from)| {
            (
                Just((layer, variation, button, target, from)),
                ending(target.is_game(), ends),
            )
        })
        .prop_map(|((layer, variation, button, target, from), ending)| {
            let mut acts = vec![target.press(from, &variation)];
            end(&mut acts, ending, variation.callback_timeout);
            Subject::Server(run(layer, world(layer, &variation, &button), acts))
        })
        .boxed()
}

/// A press on the password button: `who` and `password` decide whether it passes.
pub fn password_presses(cases: &'static [(i64, bool)]) -> BoxedStrategy<Subject> {
    (
        layer_and_request(ALL_LAYERS),
        variation(),
        proptest::sample::select(cases),
        ending(false, Ends::Either),
    )
        .prop_map(|((layer, button), variation, (from, password), ending)| {
            let press = Call::GetBotCallbackAnswer {
                peer: SHOP_BOT,
                msg_id: PRIVATE_MSG,
                data: Some(variation.password_data.clone()),
                game: false,
                password,
            };
            let mut acts = vec![call(from, press)];
            if password && from == ALICE {
                end(&mut acts, ending, variation.callback_timeout);
            }
            Subject::Server(run(layer, world(layer, &variation, &button), acts))
        })
        .boxed()
}

/// A press the bot answers with a URL that is not its own (or a game link for a plain
/// press); then it may answer properly.
pub fn foreign_urls() -> BoxedStrategy<Subject> {
    let foreign = prop_oneof![
        Just("https://example.com/".to_owned()),
        Just(format!("https://t.me/{HELPER_BOT_USERNAME}")),
        Just(format!("https://t.me/{SHOP_BOT_USERNAME}?game=chess")),
        Just(format!("https://t.me/{SHOP_BOT_USERNAME}?game={SHOP_GAME}")),
    ];
    (
        layer_and_request(ALL_LAYERS),
        variation(),
        prop_oneof![Just(Target::PrivateData), Just(Target::InlineData)],
        foreign,
        answer(None),
        any::<bool>(),
    )
        .prop_map(|((layer, button), variation, target, url, bad, retry)| {
            let mut acts = vec![
                target.press(ALICE, &variation),
                Act::Answer {
                    caller: SHOP_BOT,
                    bot: SHOP_BOT,
                    answer: CallbackAnswer {
                        url: Some(url),
                        ..bad.clone()
                    },
                },
            ];
            if retry {
                acts.push(Act::Answer {
                    caller: SHOP_BOT,
                    bot: SHOP_BOT,
                    answer: bad,
                });
            }
            Subject::Server(run(layer, world(layer, &variation, &button), acts))
        })
        .boxed()
}

/// A press, then an answer from someone who may not give it: the user, another bot, or the
/// bot with a query ID it never got; then the bot answers properly.
pub fn foreign_answers() -> BoxedStrategy<Subject> {
    let wrong = prop_oneof![
        Just((ALICE, SHOP_BOT)),
        Just((HELPER_BOT, SHOP_BOT)),
        Just((SHOP_BOT, HELPER_BOT))
    ];
    (
        layer_and_request(ALL_LAYERS),
        variation(),
        bot_origin(),
        wrong,
        answer(None),
    )
        .prop_map(
            |((layer, button), variation, target, (caller, bot), answer)| {
                let acts = vec![
                    target.press(ALICE, &variation),
                    Act::Answer {
                        caller,
                        bot,
                        answer: answer.clone(),
                    },
                    Act::Answer {
                        caller: SHOP_BOT,
                        bot: SHOP_BOT,
                        answer,
                    },
                ];
                Subject::Server(run(layer, world(layer, &variation, &button), acts))
            },
        )
        .boxed()
}
