//! The server party's own tests: the reference conforms on any session (not only the ones the
//! properties aim at), the checker survives any trace, and every server and Mini App property
//! holds (the registry-wide test needs every party; this one needs only ours).

use std::collections::BTreeSet;

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::{Config, TestRunner};

use crate::model::answer::CallbackAnswer;
use crate::model::button::{Button, ButtonKind};
use crate::model::call::{Call, Reply, RpcError};
use crate::model::chat::{ChatKind, Message, MessageOrigin};
use crate::model::property;
use crate::model::subject::Subject;
use crate::model::update::{Action, RequestedPeer, Update};
use crate::rules::{Catalogue, Party};

use super::check::check;
use super::drive::{run, Act};
use super::gen::*;
use super::{ServerOutput, ServerTrace};

const IDS: [i64; 14] = [
    ALICE, BOB, CAROL, DAVE, 111, 112, 113, SHOP_BOT, HELPER_BOT, GROUP, CHANNEL, NOBODY, 0, 1000,
];
const MSG_IDS: [i32; 7] = [
    PRIVATE_MSG,
    GROUP_MSG,
    INLINE_MSG,
    BUSINESS_MSG,
    KEYBOARD_MSG,
    1,
    500,
];
const URLS: [&str; 6] = [
    "https://t.me/shop_bot",
    "https://t.me/shop_bot?game=tetris",
    "https://t.me/helper_bot",
    "tg://resolve?domain=helper_bot",
    "https://example.com",
    "",
];

fn id() -> impl Strategy<Value = i64> + Clone {
    select(IDS.to_vec())
}

/// Callback data: the plain button's, the password button's, or other bytes (resolved
/// against the case's variation).
#[derive(Debug, Clone)]
enum Data {
    Plain,
    Password,
    Other(Vec<u8>),
}

/// An act whose details depend on the case's variation, resolved once it is drawn.
#[derive(Debug, Clone)]
enum Planned {
    Act(Act),
    Press {
        from: i64,
        peer: i64,
        msg_id: i32,
        data: Option<Data>,
        game: bool,
        password: bool,
    },
    /// A share through the keyboard's peer-request button (`None`) or another button ID.
    KeyboardShare {
        from: i64,
        button_id: Option<i32>,
        peers: Vec<i64>,
    },
}

fn answer() -> impl Strategy<Value = CallbackAnswer> {
    (
        any::<bool>(),
        proptest::option::of(select(URLS.to_vec())),
        -1i32..100,
    )
        .prop_map(|(alert, url, cache_time)| CallbackAnswer {
            alert,
            native_ui: false,
            message: None,
            url: url.map(str::to_owned),
            has_url: false,
            cache_time,
        })
}

/// Mostly `usual`, sometimes anything: sessions go through the flows and stray from them.
fn often<T: std::fmt::Debug + Clone + 'static>(
    usual: impl Strategy<Value = T> + 'static,
    any: impl Strategy<Value = T> + 'static,
) -> BoxedStrategy<T> {
    prop_oneof![3 => usual, 1 => any].boxed()
}

fn planned() -> impl Strategy<Value = Planned> {
    let user = || often(select(vec![ALICE, BOB, CAROL]), id());
    let shop = || often(Just(SHOP_BOT), id());
    let data = often(
        Just(Data::Plain),
        prop_oneof![
            Just(Data::Password),
            vec(any::<u8>(), 0..4).prop_map(Data::Other)
        ],
    );
    let place = often(
        select(vec![
            (SHOP_BOT, PRIVATE_MSG),
            (GROUP, GROUP_MSG),
            (GROUP, INLINE_MSG),
            (DAVE, BUSINESS_MSG),
        ]),
        (id(), select(MSG_IDS.to_vec())),
    );
    let shared = often(vec(select(vec![111i64, 112, 113]), 1..3), vec(id(), 0..4));
    let button_id = prop_oneof![Just(CREATE_BOT_BUTTON), 1i32..=50];
    let button = prop_oneof![
        Just(Button {
            text: "share".to_owned(),
            style: None,
            kind: ButtonKind::RequestPeer(create_bot_button())
        }),
        request_button().prop_map(|button| Button {
            text: "share".to_owned(),
            style: None,
            kind: ButtonKind::RequestPeer(button)
        }),
        Just(Button {
            text: "go".to_owned(),
            style: None,
            kind: ButtonKind::Text
        }),
    ];
    let username = prop_oneof![
        Just("new_bot".to_owned()),
        Just("shop_bot".to_owned()),
        "[a-z]{1,4}_bot"
    ];
    let timeout_or_less = prop_oneof![0u32..5, 20u32..40];
    prop_oneof![
        3 => (user(), place, proptest::option::of(data), any::<bool>(), any::<bool>())
            .prop_map(|(from, (peer, msg_id), data, game, password)| Planned::Press { from, peer, msg_id, data, game, password }),
        3 => (shop(), shop(), answer()).prop_map(|(caller, bot, answer)| Planned::Act(Act::Answer { caller, bot, answer })),
        2 => timeout_or_less.prop_map(|seconds| Planned::Act(Act::Wait { seconds })),
        2 => (user(), proptest::option::of(1i32..=50), shared.clone()).prop_map(|(from, button_id, peers)| Planned::KeyboardShare { from, button_id, peers }),
        2 => (
            often(Just(ALICE), id()),
            shop(),
            often(prop_oneof![Just(Some(KEYBOARD_MSG)), Just(None)], proptest::option::of(select(MSG_IDS.to_vec()))),
            often(Just(CREATE_BOT_BUTTON), button_id.clone()),
        )
            .prop_map(|(user, bot, msg_id, button_id)| Planned::Act(Act::ShareCreated { user, bot, msg_id, button_id })),
        1 => (user(), shop()).prop_map(|(user, bot)| Planned::Act(Act::GetPrepared { user, bot })),
        1 => (user(), shop(), button_id.clone(), shared.clone()).prop_map(|(user, bot, button_id, peers)| Planned::Act(Act::ShareViaWebApp { user, bot, button_id, peers })),
        1 => (id(), id(), proptest::option::of(select(MSG_IDS.to_vec())), proptest::option::of("req[0-9]"), button_id, shared).prop_map(
            |(from, peer, msg_id, webapp_req_id, button_id, requested_peers)| Planned::Act(Act::Call {
                from,
                call: Call::SendBotRequestedPeer { peer, msg_id, webapp_req_id, button_id, requested_peers }
            })
        ),
        1 => (user(), username.clone()).prop_map(|(from, username)| Planned::Act(Act::Call { from, call: Call::CheckUsername { username } })),
        2 => (often(Just(ALICE), id()), username, shop()).prop_map(|(from, username, manager)| Planned::Act(Act::Call {
            from,
            call: Call::CreateBot { name: "Robo".to_owned(), username, manager }
        })),
        1 => (shop(), user(), button).prop_map(|(from, user_id, button)| Planned::Act(Act::Call { from, call: Call::RequestWebViewButton { user_id, button } })),
        1 => (user(), shop(), "req[0-9]").prop_map(|(from, bot, webapp_req_id)| Planned::Act(Act::Call {
            from,
            call: Call::GetRequestedWebViewButton { bot, webapp_req_id }
        })),
        1 => (id(), any::<u8>()).prop_map(|(from, n)| Planned::Act(Act::Call {
            from,
            call: Call::SetBotCallbackAnswer { query_id: i64::from(n % 4), answer: CallbackAnswer::default() }
        })),
    ]
}

/// Reference traces of arbitrary sessions at any layer.
fn arbitrary_sessions() -> impl Strategy<Value = ServerTrace> {
    (
        layer_and_request(152u32..=230),
        variation(),
        vec(planned(), 0..16),
    )
        .prop_map(|((layer, button), variation, plan)| {
            let acts = plan
                .into_iter()
                .map(|planned| match planned {
                    Planned::Act(act) => act,
                    Planned::Press {
                        from,
                        peer,
                        msg_id,
                        data,
                        game,
                        password,
                    } => {
                        let data = data.map(|data| match data {
                            Data::Plain => variation.data.clone(),
                            Data::Password => variation.password_data.clone(),
                            Data::Other(bytes) => bytes,
                        });
                        Act::Call {
                            from,
                            call: Call::GetBotCallbackAnswer {
                                peer,
                                msg_id,
                                data,
                                game,
                                password,
                            },
                        }
                    }
                    Planned::KeyboardShare {
                        from,
                        button_id,
                        peers,
                    } => Act::Call {
                        from,
                        call: Call::SendBotRequestedPeer {
                            peer: SHOP_BOT,
                            msg_id: Some(KEYBOARD_MSG),
                            webapp_req_id: None,
                            button_id: button_id.unwrap_or(button.button_id),
                            requested_peers: peers,
                        },
                    },
                })
                .collect();
            run(layer, world(layer, &variation, &button), acts)
        })
}

fn config(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

proptest! {
    #![proptest_config(config(512))]

    /// The reference breaks no rule, whatever it is asked.
    #[test]
    fn the_reference_conforms_on_any_session(trace in arbitrary_sessions()) {
        let violations = check(&trace);
        prop_assert!(violations.is_empty(), "{violations:#?}\n{trace:#?}");
    }
}

fn update() -> impl Strategy<Value = Update> {
    let data = proptest::option::of(vec(any::<u8>(), 0..3));
    let game = proptest::option::of(Just(SHOP_GAME.to_owned()));
    let message = (id(), select(MSG_IDS.to_vec())).prop_map(|(chat, msg_id)| Message {
        chat,
        chat_kind: ChatKind::Private,
        msg_id,
        bot: SHOP_BOT,
        origin: MessageOrigin::Business {
            connection_id: BUSINESS_CONNECTION.to_owned(),
        },
        mentions: Vec::new(),
        reply_to_sender: None,
        markup: None,
    });
    let peers = vec(id(), 0..3);
    let action = prop_oneof![
        (0i32..60, peers.clone())
            .prop_map(|(button_id, peers)| Action::RequestedPeer { button_id, peers }),
        (0i32..60, peers).prop_map(|(button_id, peers)| Action::RequestedPeerSentMe {
            button_id,
            peers: peers
                .into_iter()
                .map(|id| RequestedPeer {
                    id,
                    name: Some("x".to_owned()),
                    username: None,
                    has_photo: true
                })
                .collect()
        }),
        id().prop_map(|bot_id| Action::ManagedBotCreated { bot_id }),
    ];
    prop_oneof![
        (
            0i64..5,
            id(),
            id(),
            select(MSG_IDS.to_vec()),
            data.clone(),
            game.clone()
        )
            .prop_map(|(query_id, user_id, peer, msg_id, data, game_short_name)| {
                Update::BotCallbackQuery {
                    query_id,
                    user_id,
                    peer,
                    msg_id,
                    data,
                    game_short_name,
                }
            }),
        (0i64..5, id(), data.clone(), game).prop_map(
            |(query_id, user_id, data, game_short_name)| Update::InlineBotCallbackQuery {
                query_id,
                user_id,
                inline_msg_id: String::new(),
                data,
                game_short_name
            }
        ),
        (0i64..5, id(), message, data).prop_map(|(query_id, user_id, message, data)| {
            Update::BusinessBotCallbackQuery {
                query_id,
                user_id,
                connection_id: String::new(),
                message: Box::new(message),
                data,
            }
        }),
        (id(), id(), action).prop_map(|(chat, from, action)| Update::ServiceMessage {
            chat,
            from,
            action
        }),
        id().prop_map(|bot_id| Update::ManagedBot { bot_id }),
    ]
}

fn output() -> impl Strategy<Value = ServerOutput> {
    let reply = prop_oneof![
        Just(Reply::Done),
        Just(Reply::Bool { value: true }),
        Just(Reply::BotCallbackAnswer {
            answer: CallbackAnswer::default()
        }),
        id().prop_map(|bot_id| Reply::CreatedBot { bot_id }),
        "(req[0-9])?".prop_map(|webapp_req_id| Reply::RequestedButton { webapp_req_id }),
    ];
    let error = select(vec![
        "BOT_RESPONSE_TIMEOUT",
        "PEER_ID_INVALID",
        "URL_INVALID",
        "X",
    ])
    .prop_map(|name| RpcError::new(400, name));
    let outcome = prop_oneof![reply.prop_map(Ok), error.prop_map(Err)];
    prop_oneof![
        (0usize..14, outcome)
            .prop_map(|(call_step, outcome)| ServerOutput::Result { call_step, outcome }),
        (id(), update()).prop_map(|(to, update)| ServerOutput::Deliver { to, update }),
    ]
}

/// An edit of one step's outputs.
#[derive(Debug, Clone)]
enum Edit {
    Remove {
        step: usize,
        index: usize,
    },
    Insert {
        step: usize,
        output: ServerOutput,
    },
    Replace {
        step: usize,
        index: usize,
        output: ServerOutput,
    },
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0usize..14, 0usize..4).prop_map(|(step, index)| Edit::Remove { step, index }),
        (0usize..14, output()).prop_map(|(step, output)| Edit::Insert { step, output }),
        (0usize..14, 0usize..4, output()).prop_map(|(step, index, output)| Edit::Replace {
            step,
            index,
            output
        }),
    ]
}

proptest! {
    #![proptest_config(config(512))]

    /// Adapters' traces are untrusted: any outputs at all are judged, never a panic.
    #[test]
    fn the_checker_survives_any_outputs(mut trace in arbitrary_sessions(), edits in vec(edit(), 1..8), layer in 100u32..300) {
        for edit in edits {
            let steps = trace.steps.len().max(1);
            match edit {
                Edit::Remove { step, index } => {
                    if let Some(outputs) = trace.steps.get_mut(step % steps).map(|step| &mut step.outputs) {
                        if index < outputs.len() {
                            outputs.remove(index);
                        }
                    }
                }
                Edit::Insert { step, output } => {
                    if let Some(step) = trace.steps.get_mut(step % steps) {
                        step.outputs.push(output);
                    }
                }
                Edit::Replace { step, index, output } => {
                    if let Some(slot) = trace.steps.get_mut(step % steps).and_then(|step| step.outputs.get_mut(index)) {
                        *slot = output;
                    }
                }
            }
        }
        trace.layer = layer;
        let _ = check(&trace);
    }
}

/// The registry-wide test, restricted to the server and the Mini App.
#[test]
fn every_property_of_our_parties_holds() {
    let catalogue = Catalogue::load().expect("catalogue loads");
    let ours = |party: Party| matches!(party, Party::Server | Party::MiniApp);
    let properties: Vec<_> = property::all()
        .into_iter()
        .filter(|p| catalogue.rule(p.rule).is_some_and(|rule| ours(rule.party)))
        .collect();
    let covered: BTreeSet<&str> = properties.iter().map(|p| p.rule).collect();
    let missing: Vec<String> = catalogue
        .must_rules()
        .filter(|rule| ours(rule.party))
        .map(|rule| rule.id.to_string())
        .filter(|id| !covered.contains(id.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "MUST rules of ours without a property: {missing:?}"
    );
    for property in properties {
        let layers = &catalogue
            .rule(property.rule)
            .expect("filtered on it")
            .layers;
        let mut runner = TestRunner::new(config(256));
        let result =
            runner.run(&(property.valid)(), |subject| {
                let layer = match &subject {
                    Subject::Server(trace) => trace.layer,
                    Subject::MiniApp(trace) => trace.layer,
                    _ => return Err(TestCaseError::fail("subject of another party")),
                };
                prop_assert!(layers.contains(layer), "layer {layer} outside the rule's");
                prop_assert_eq!(subject.check(), Vec::new());
                let mut broken = subject;
                prop_assert!(
                    (property.inject)(&mut broken),
                    "the bug found nothing to act on"
                );
                let found: BTreeSet<String> = broken.check().into_iter().map(|v| v.rule).collect();
                let expected: BTreeSet<String> = [property.rule.to_owned()].into();
                prop_assert!(
                    found.contains(property.rule)
                        && found.iter().all(|rule| expected.contains(rule)
                            || property.also.contains(&rule.as_str())),
                    "{}: found {found:?}",
                    property.bug
                );
                Ok(())
            });
        assert!(result.is_ok(), "{}: {result:?}", property.rule);
    }
}

/// What `tgconf selftest` asks of each broken adapter: a bug acts only where its mistake
/// shows, so on the cases of every other rule of its party it breaks nothing but its own
/// rule (and its `also`).
#[test]
fn each_bug_breaks_only_its_rules_on_any_case_of_its_party() {
    let catalogue = Catalogue::load().expect("catalogue loads");
    let party = |rule: &str| catalogue.rule(rule).map(|rule| rule.party);
    let properties: Vec<_> = property::all()
        .into_iter()
        .filter(|p| matches!(party(p.rule), Some(Party::Server | Party::MiniApp)))
        .collect();
    let mut failures = Vec::new();
    for bug in &properties {
        for case in properties
            .iter()
            .filter(|case| party(case.rule) == party(bug.rule))
        {
            let mut runner = TestRunner::new(config(32));
            let result = runner.run(&(case.valid)(), |mut subject| {
                if (bug.inject)(&mut subject) {
                    let found: BTreeSet<String> =
                        subject.check().into_iter().map(|v| v.rule).collect();
                    let stray: Vec<&String> = found
                        .iter()
                        .filter(|rule| {
                            rule.as_str() != bug.rule && !bug.also.contains(&rule.as_str())
                        })
                        .collect();
                    prop_assert!(stray.is_empty(), "also broke {stray:?}");
                }
                Ok(())
            });
            if let Err(error) = result {
                failures.push(format!("{} on the {} case: {error}", bug.bug, case.rule));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} imprecise bugs:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
