//! The checker on random sessions: the reference's own traces pass, and traces with
//! arbitrary outputs never make it panic.

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;

use crate::model::call::Call;
use crate::model::client::gen::{self, BOT, FIRST_PEER, GROUP};
use crate::model::client::{ClientInput, ClientOutput, ClientSession, MiniAppEvent, Ui};
use crate::model::trace::{record, Step, Trace};

fn call(layer: u32) -> impl Strategy<Value = Call> {
    let chat = select(&[BOT, GROUP, 0][..]);
    let peers = vec(FIRST_PEER - 1..FIRST_PEER + 9, 0..4);
    prop_oneof![
        (chat.clone(), gen::word(), proptest::option::of(-1i32..4)).prop_map(
            |(peer, text, reply_to)| Call::SendMessage {
                peer,
                text,
                reply_to,
                markup: None
            }
        ),
        (
            chat.clone(),
            -1i32..4,
            proptest::option::of(gen::data()),
            any::<[bool; 2]>()
        )
            .prop_map(|(peer, msg_id, data, [game, password])| {
                Call::GetBotCallbackAnswer {
                    peer,
                    msg_id,
                    data,
                    game,
                    password,
                }
            }),
        (
            chat,
            proptest::option::of(-1i32..4),
            proptest::option::of(gen::req_id()),
            -1i32..5,
            peers
        )
            .prop_map(
                |(peer, msg_id, webapp_req_id, button_id, requested_peers)| {
                    Call::SendBotRequestedPeer {
                        peer,
                        msg_id,
                        webapp_req_id,
                        button_id,
                        requested_peers,
                    }
                }
            ),
        gen::bot_form().prop_map(|(_, username)| Call::CheckUsername { username }),
        (gen::bot_form(), select(&[BOT, 1][..])).prop_map(|((name, username), manager)| {
            Call::CreateBot {
                name,
                username,
                manager,
            }
        }),
        gen::req_id().prop_map(|webapp_req_id| Call::GetRequestedWebViewButton {
            bot: BOT,
            webapp_req_id
        }),
        gen::request_peer_button(layer, gen::peer_type(layer))
            .prop_map(|button| Call::RequestWebViewButton { user_id: 1, button }),
    ]
}

fn ui(layer: u32) -> impl Strategy<Value = Ui> {
    let chat = select(&[BOT, GROUP][..]);
    let text = proptest::option::of(gen::word());
    prop_oneof![
        (chat.clone(), any::<bool>(), text.clone()).prop_map(|(chat, persistent, placeholder)| {
            Ui::KeyboardShown {
                chat,
                persistent,
                placeholder,
            }
        }),
        (chat.clone(), any::<bool>())
            .prop_map(|(chat, reopenable)| Ui::KeyboardHidden { chat, reopenable }),
        (chat, 0i32..4, text).prop_map(|(chat, msg_id, placeholder)| Ui::ReplyOpened {
            chat,
            msg_id,
            placeholder
        }),
        gen::word().prop_map(|text| Ui::Toast { text }),
        gen::word().prop_map(|text| Ui::Alert { text }),
        (gen::url(), any::<bool>()).prop_map(|(url, confirm)| Ui::OpenUrl { url, confirm }),
        (gen::url(), any::<bool>()).prop_map(|(url, native)| Ui::OpenGame { url, native }),
        Just(Ui::BotNotResponding),
        (
            gen::peer_type(layer),
            vec(FIRST_PEER..FIRST_PEER + 9, 0..4),
            -1i32..4
        )
            .prop_map(|(peer_type, candidates, max)| Ui::PeerSelection {
                button_id: 0,
                peer_type,
                candidates,
                max
            }),
        Just(Ui::BotCreation {
            suggested_name: None,
            suggested_username: None
        }),
        (gen::word(), proptest::option::of(Just(BOT))).prop_map(|(query, chat)| Ui::InlineQuery {
            bot: BOT,
            query,
            chat
        }),
        (gen::req_id(), any::<bool>()).prop_map(|(req_id, sent)| Ui::MiniApp {
            bot: BOT,
            event: if sent {
                MiniAppEvent::RequestedChatSent { req_id }
            } else {
                MiniAppEvent::RequestedChatFailed { req_id }
            }
        }),
    ]
}

fn output(layer: u32) -> impl Strategy<Value = ClientOutput> {
    prop_oneof![
        call(layer).prop_map(|call| ClientOutput::Call { call }),
        ui(layer).prop_map(|ui| ClientOutput::Ui { ui })
    ]
}

proptest! {
    #[test]
    fn reference_traces_break_no_rule((layer, setup, inputs) in gen::session()) {
        let trace = record::<ClientSession>(layer, setup, inputs);
        let violations = super::check(&trace);
        prop_assert!(violations.is_empty(), "{violations:#?}\n{trace:#?}");
    }

    #[test]
    fn arbitrary_outputs_never_panic(
        (layer, setup, steps) in gen::session().prop_flat_map(|(layer, setup, inputs)| {
            let steps: Vec<_> = inputs.into_iter().map(|input| (Just(input), vec(output(layer), 0..4))).collect();
            (Just(layer), Just(setup), steps)
        })
    ) {
        let steps = steps.into_iter().map(|(input, outputs): (ClientInput, Vec<ClientOutput>)| Step { input, outputs }).collect();
        // Whatever it finds, it must return.
        let _ = super::check(&Trace { layer, setup, steps });
    }
}

/// A press whose own last answer had cache_time 0, served the answer still cached for the
/// other button of the message: the lookup ignored the data, so the blame is the cache key's,
/// not the zero cache_time's.
#[test]
fn another_buttons_answer_is_blamed_on_the_cache_key() {
    use crate::model::answer::CallbackAnswer;
    use crate::model::button::{Button, ButtonKind};
    use crate::model::call::Reply;
    use crate::model::client::setup::ClientSetup;
    use crate::model::markup::Markup;

    let button = |data: &[u8]| Button {
        text: "Go".to_owned(),
        style: None,
        kind: ButtonKind::Callback {
            data: data.to_vec(),
            requires_password: false,
        },
    };
    let message = gen::private_message(
        7,
        Some(Markup::Inline {
            rows: vec![vec![button(b"a"), button(b"b")]],
        }),
    );
    let answer = |text: &str, cache_time| Reply::BotCallbackAnswer {
        answer: CallbackAnswer {
            message: Some(text.to_owned()),
            cache_time,
            ..CallbackAnswer::default()
        },
    };
    let press = |column| ClientInput::Press {
        chat: BOT,
        msg_id: 7,
        row: 0,
        column,
    };
    let inputs = vec![
        ClientInput::Receive { message },
        press(0),
        ClientInput::Result {
            outcome: Ok(answer("first", 0)),
        },
        press(1),
        ClientInput::Result {
            outcome: Ok(answer("second", 30)),
        },
        press(0),
    ];
    let mut trace = record::<ClientSession>(
        224,
        ClientSetup {
            me: gen::ME,
            has_password: false,
            peers: vec![],
        },
        inputs,
    );
    let Some(last) = trace.steps.last_mut() else {
        panic!("six steps recorded")
    };
    last.outputs = vec![ClientOutput::Ui {
        ui: Ui::Toast {
            text: "second".to_owned(),
        },
    }];
    let rules: Vec<String> = super::check(&trace).into_iter().map(|v| v.rule).collect();
    assert_eq!(rules, ["CB-21"]);
}
