//! Flows of the reference client against an abstract model of what it must remember: the
//! custom keyboard of each chat (current, shown, removed), the callback-answer cache with
//! time, the calls waiting for a result, and the flow on screen. Transitions are aimed by the
//! model (presses on received buttons, results shaped for the oldest waiting call), and after
//! each one the client must agree with the model and its trace so far must pass the checker.
//! Shrinking yields the shortest failing sequence.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use proptest::prelude::*;
use proptest::sample::{select, Index};
use proptest::test_runner::{Config, FileFailurePersistence};
use proptest_state_machine::{prop_state_machine, ReferenceStateMachine, StateMachineTest};
use tgconf_spec::model::button::{Button, ButtonKind};
use tgconf_spec::model::call::{Call, Reply, RpcError};
use tgconf_spec::model::chat::Message;
use tgconf_spec::model::client::filter;
use tgconf_spec::model::client::flow::{Pending, Stage};
use tgconf_spec::model::client::gen::{self, BOT, FIRST_CREATED_BOT, GROUP, ME};
use tgconf_spec::model::client::keyboard::Visibility;
use tgconf_spec::model::client::session::{valid_bot_name, valid_bot_username, MANAGED_BOTS_LAYER};
use tgconf_spec::model::client::{
    check, ClientInput, ClientOutput, ClientSession, ClientSetup, ClientTrace,
};
use tgconf_spec::model::markup::Markup;
use tgconf_spec::model::peer_type::PeerType;
use tgconf_spec::model::trace::{Session, Step, Trace};

const CHATS: [i64; 2] = [BOT, GROUP];

/// A chat's custom keyboard as the model sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Keyboard {
    msg_id: i32,
    rows: Vec<Vec<Button>>,
    single_use: bool,
    persistent: bool,
    shown: bool,
}

/// A call waiting for its result, by what its result does.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Wait {
    Message,
    /// A callback query; `cache_as` is the key its answer is cached under, if it may be.
    Callback {
        cache_as: Option<(i64, i32, Vec<u8>)>,
    },
    WebViewButton {
        req_id: String,
    },
    Check {
        flow: u32,
    },
    Create {
        flow: u32,
    },
    Share,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum FlowStage {
    Selecting { candidates: Vec<i64>, max: usize },
    Form,
    Checking,
    Creating,
}

#[derive(Debug, Clone)]
struct Model {
    layer: u32,
    setup: ClientSetup,
    now: u64,
    messages: BTreeMap<(i64, i32), Message>,
    keyboards: BTreeMap<i64, Keyboard>,
    removed: BTreeSet<i64>,
    /// Cached answers by key, with the second they expire.
    cache: BTreeMap<(i64, i32, Vec<u8>), u64>,
    pending: VecDeque<Wait>,
    flow: Option<(u32, FlowStage)>,
    flows: u32,
    /// The calls the last transition must have made, by name.
    calls: Vec<&'static str>,
}

impl Model {
    fn call(&mut self, name: &'static str, wait: Wait) {
        self.calls.push(name);
        self.pending.push_back(wait);
    }

    fn start_flow(&mut self, peer_type: &PeerType, max_quantity: i32) {
        self.flows += 1;
        let stage = if peer_type.is_create_bot() {
            FlowStage::Form
        } else {
            FlowStage::Selecting {
                candidates: filter::candidates(&self.setup.peers, peer_type),
                max: filter::max_peers(self.layer, max_quantity),
            }
        };
        self.flow = Some((self.flows, stage));
    }

    fn press(&mut self, chat: i64, msg_id: i32, row: usize, column: usize) {
        let Some(message) = self.messages.get(&(chat, msg_id)).cloned() else {
            return;
        };
        // A reply keyboard is pressed as shown, an inline one as received.
        let button = match message.markup.as_ref() {
            Some(Markup::Keyboard(_)) => match self.keyboards.get_mut(&chat) {
                Some(keyboard) if keyboard.msg_id == msg_id && keyboard.shown => {
                    let Some(button) = keyboard.rows.get(row).and_then(|r| r.get(column)).cloned()
                    else {
                        return;
                    };
                    keyboard.shown = !keyboard.single_use;
                    button
                }
                _ => return,
            },
            Some(Markup::Inline { rows }) => match rows.get(row).and_then(|r| r.get(column)) {
                Some(button) => button.clone(),
                None => return,
            },
            _ => return,
        };
        match button.kind {
            ButtonKind::Text => self.call("messages.sendMessage", Wait::Message),
            ButtonKind::Callback {
                data,
                requires_password,
            } => {
                let key = (chat, msg_id, data);
                let fresh = self
                    .cache
                    .get(&key)
                    .is_some_and(|expires| self.now < *expires);
                if requires_password || !fresh {
                    let cache_as = (!requires_password).then_some(key);
                    self.call("messages.getBotCallbackAnswer", Wait::Callback { cache_as });
                }
            }
            ButtonKind::Game => self.call(
                "messages.getBotCallbackAnswer",
                Wait::Callback { cache_as: None },
            ),
            ButtonKind::RequestPeer(request)
                if !request.peer_type.is_create_bot() || self.layer >= MANAGED_BOTS_LAYER =>
            {
                self.start_flow(&request.peer_type, request.max_quantity);
            }
            _ => {}
        }
    }

    fn result(&mut self, outcome: &Result<Reply, RpcError>) {
        let Some(wait) = self.pending.pop_front() else {
            return;
        };
        match wait {
            Wait::Message | Wait::Share => {}
            Wait::Callback { cache_as } => {
                if let (Some(key), Ok(Reply::BotCallbackAnswer { answer })) = (cache_as, outcome) {
                    if answer.cache_time > 0 {
                        self.cache.insert(key, self.now + answer.cache_time as u64);
                    }
                }
            }
            Wait::WebViewButton { .. } => {
                if let Ok(Reply::Button {
                    button:
                        Button {
                            kind: ButtonKind::RequestPeer(request),
                            ..
                        },
                }) = outcome
                {
                    self.start_flow(&request.peer_type, request.max_quantity);
                }
            }
            Wait::Check { flow } => {
                if matches!(&self.flow, Some((id, FlowStage::Checking)) if *id == flow) {
                    if matches!(outcome, Ok(Reply::Bool { value: true })) {
                        self.flow = Some((flow, FlowStage::Creating));
                        self.call("bots.createBot", Wait::Create { flow });
                    } else {
                        self.flow = Some((flow, FlowStage::Form));
                    }
                }
            }
            Wait::Create { flow } => {
                if matches!(&self.flow, Some((id, _)) if *id == flow) {
                    self.flow = None;
                    if matches!(outcome, Ok(Reply::CreatedBot { .. })) {
                        self.call("messages.sendBotRequestedPeer", Wait::Share);
                    }
                }
            }
        }
    }
}

impl ReferenceStateMachine for Model {
    type State = Model;
    type Transition = ClientInput;

    fn init_state() -> BoxedStrategy<Model> {
        (gen::layer(), gen::setup())
            .prop_map(|(layer, setup)| Model {
                layer,
                setup,
                now: 0,
                messages: BTreeMap::new(),
                keyboards: BTreeMap::new(),
                removed: BTreeSet::new(),
                cache: BTreeMap::new(),
                pending: VecDeque::new(),
                flow: None,
                flows: 0,
                calls: vec![],
            })
            .boxed()
    }

    fn transitions(state: &Model) -> BoxedStrategy<ClientInput> {
        let layer = state.layer;
        let messages: Vec<Message> = state
            .messages
            .values()
            .filter(|m| m.markup.as_ref().is_some_and(|m| !m.rows().is_empty()))
            .cloned()
            .collect();
        let press = if messages.is_empty() {
            Just(ClientInput::Advance { seconds: 1 }).boxed()
        } else {
            (select(messages), any::<Index>())
                .prop_map(|(message, index)| {
                    let rows = message
                        .markup
                        .as_ref()
                        .map(Markup::rows)
                        .unwrap_or_default();
                    let positions: Vec<(usize, usize)> = rows
                        .iter()
                        .enumerate()
                        .flat_map(|(r, row)| (0..row.len()).map(move |c| (r, c)))
                        .collect();
                    let (row, column) = positions
                        .get(index.index(positions.len().max(1)))
                        .copied()
                        .unwrap_or((0, 0));
                    ClientInput::Press {
                        chat: message.chat,
                        msg_id: message.msg_id,
                        row,
                        column,
                    }
                })
                .boxed()
        };
        let result = match state.pending.front() {
            Some(Wait::Callback { .. }) => prop_oneof![4 => gen::answer().prop_map(|answer| Ok(Reply::BotCallbackAnswer { answer })), 1 => gen::error().prop_map(Err)].boxed(),
            Some(Wait::WebViewButton { .. }) => prop_oneof![
                4 => gen::request_peer_button(layer, gen::peer_type(layer)).prop_map(|button| Ok(Reply::Button { button })),
                1 => gen::inline_button(layer).prop_map(|button| Ok(Reply::Button { button })),
                1 => gen::error().prop_map(Err),
            ]
            .boxed(),
            Some(Wait::Check { .. }) => prop_oneof![3 => Just(Ok(Reply::Bool { value: true })), 1 => Just(Ok(Reply::Bool { value: false }))].boxed(),
            Some(Wait::Create { .. }) => prop_oneof![3 => (0i64..3).prop_map(|n| Ok(Reply::CreatedBot { bot_id: FIRST_CREATED_BOT + n })), 1 => gen::error().prop_map(Err)].boxed(),
            Some(Wait::Message | Wait::Share) => prop_oneof![3 => Just(Ok(Reply::Done)), 1 => gen::error().prop_map(Err)].boxed(),
            None => gen::outcome(layer).boxed(),
        }
        .prop_map(|outcome| ClientInput::Result { outcome });
        let select_peers = match &state.flow {
            Some((_, FlowStage::Selecting { candidates, .. })) if !candidates.is_empty() => {
                proptest::collection::vec(select(candidates.clone()), 0..3)
                    .prop_map(|peers| ClientInput::SelectPeers { peers })
                    .boxed()
            }
            _ => Just(ClientInput::SelectPeers { peers: vec![] }).boxed(),
        };
        // Time steps that land on a cached answer's expiry, or one second before it.
        let boundaries: Vec<u32> = state
            .cache
            .values()
            .filter_map(|expires| u32::try_from(expires.saturating_sub(state.now)).ok())
            .flat_map(|left| [left, left.saturating_sub(1)])
            .filter(|seconds| *seconds > 0)
            .collect();
        let to_expiry = if boundaries.is_empty() {
            Just(ClientInput::Advance { seconds: 1 }).boxed()
        } else {
            select(boundaries)
                .prop_map(|seconds| ClientInput::Advance { seconds })
                .boxed()
        };
        let chat = select(&CHATS[..]);
        prop_oneof![
            3 => gen::message(layer, 1i32..5, proptest::option::of(gen::markup(layer))).prop_map(|message| ClientInput::Receive { message }),
            5 => press,
            4 => result,
            1 => chat.clone().prop_map(|chat| ClientInput::ReopenKeyboard { chat }),
            1 => chat.prop_map(|chat| ClientInput::HideKeyboard { chat }),
            2 => select_peers,
            1 => Just(ClientInput::Cancel),
            2 => prop_oneof![Just(("Weather".to_owned(), "weather_bot".to_owned())), gen::bot_form()].prop_map(|(name, username)| ClientInput::SubmitBot { name, username }),
            1 => gen::req_id().prop_map(|req_id| ClientInput::MiniAppRequestChat { bot: BOT, req_id }),
            1 => select(&[1u32, 5, 30, 3600][..]).prop_map(|seconds| ClientInput::Advance { seconds }),
            2 => to_expiry,
        ]
        .boxed()
    }

    fn apply(mut state: Model, input: &ClientInput) -> Model {
        state.calls.clear();
        match input {
            ClientInput::Receive { message } => {
                state
                    .messages
                    .insert((message.chat, message.msg_id), message.clone());
                if message.markup_applies_to(ME) {
                    match &message.markup {
                        Some(Markup::Keyboard(keyboard)) => {
                            state.keyboards.insert(
                                message.chat,
                                Keyboard {
                                    msg_id: message.msg_id,
                                    rows: keyboard.rows.clone(),
                                    single_use: keyboard.single_use,
                                    persistent: keyboard.persistent,
                                    shown: true,
                                },
                            );
                            state.removed.remove(&message.chat);
                        }
                        Some(Markup::Hide { .. }) => {
                            state.keyboards.remove(&message.chat);
                            state.removed.insert(message.chat);
                        }
                        _ => {}
                    }
                }
            }
            ClientInput::Press {
                chat,
                msg_id,
                row,
                column,
            } => state.press(*chat, *msg_id, *row, *column),
            ClientInput::ReopenKeyboard { chat } => {
                if let Some(keyboard) = state.keyboards.get_mut(chat) {
                    keyboard.shown = true;
                }
            }
            ClientInput::HideKeyboard { chat } => {
                if let Some(keyboard) = state.keyboards.get_mut(chat).filter(|k| !k.persistent) {
                    keyboard.shown = false;
                }
            }
            ClientInput::SelectPeers { peers } => {
                if let Some((_, FlowStage::Selecting { candidates, .. })) = &state.flow {
                    let chosen = peers.iter().any(|peer| candidates.contains(peer));
                    state.flow = None;
                    if chosen {
                        state.call("messages.sendBotRequestedPeer", Wait::Share);
                    }
                }
            }
            ClientInput::Cancel => {
                if !matches!(state.flow, Some((_, FlowStage::Creating))) {
                    state.flow = None;
                }
            }
            ClientInput::SubmitBot { name, username } => {
                if let Some((id, stage @ FlowStage::Form)) = &mut state.flow {
                    if valid_bot_name(name) && valid_bot_username(username) {
                        *stage = FlowStage::Checking;
                        let flow = *id;
                        state.call("bots.checkUsername", Wait::Check { flow });
                    }
                }
            }
            ClientInput::MiniAppRequestChat { req_id, .. } => {
                if state.layer >= MANAGED_BOTS_LAYER {
                    state.call(
                        "bots.getRequestedWebViewButton",
                        Wait::WebViewButton {
                            req_id: req_id.clone(),
                        },
                    );
                }
            }
            ClientInput::Advance { seconds } => state.now += u64::from(*seconds),
            ClientInput::Result { outcome } => state.result(outcome),
        }
        state
    }
}

/// The reference client and its trace so far.
struct Client {
    session: ClientSession,
    trace: ClientTrace,
}

struct ClientFlows;

fn stage(stage: &Stage) -> &'static str {
    match stage {
        Stage::Selecting { .. } => "selecting",
        Stage::Form => "form",
        Stage::Checking { .. } => "checking",
        Stage::Creating => "creating",
    }
}

fn model_stage(stage: &FlowStage) -> &'static str {
    match stage {
        FlowStage::Selecting { .. } => "selecting",
        FlowStage::Form => "form",
        FlowStage::Checking => "checking",
        FlowStage::Creating => "creating",
    }
}

fn wait(pending: &Pending) -> &'static str {
    match pending {
        Pending::SendMessage => "message",
        Pending::Callback { .. } => "callback",
        Pending::WebViewButton { .. } => "web view button",
        Pending::CheckUsername { .. } => "check",
        Pending::CreateBot { .. } => "create",
        Pending::Share { .. } => "share",
    }
}

fn model_wait(wait: &Wait) -> &'static str {
    match wait {
        Wait::Message => "message",
        Wait::Callback { .. } => "callback",
        Wait::WebViewButton { .. } => "web view button",
        Wait::Check { .. } => "check",
        Wait::Create { .. } => "create",
        Wait::Share => "share",
    }
}

impl StateMachineTest for ClientFlows {
    type SystemUnderTest = Client;
    type Reference = Model;

    fn init_test(model: &Model) -> Client {
        Client {
            session: ClientSession::new(model.layer, &model.setup),
            trace: Trace {
                layer: model.layer,
                setup: model.setup.clone(),
                steps: vec![],
            },
        }
    }

    fn apply(mut client: Client, model: &Model, input: ClientInput) -> Client {
        let outputs = client.session.step(&input);
        let calls: Vec<&str> = outputs
            .iter()
            .filter_map(|output| match output {
                ClientOutput::Call { call } => Some(call.name()),
                ClientOutput::Ui { .. } => None,
            })
            .collect();
        assert_eq!(calls, model.calls, "calls made for {input:?}");
        let session = &client.session;
        for chat in CHATS {
            let keyboard = session
                .keyboard(chat)
                .map(|k| (k.msg_id, k.visibility == Visibility::Shown));
            assert_eq!(
                keyboard,
                model.keyboards.get(&chat).map(|k| (k.msg_id, k.shown)),
                "chat {chat}'s keyboard (message, shown) after {input:?}"
            );
            assert_eq!(
                session.removed(chat),
                model.removed.contains(&chat),
                "chat {chat}'s keyboard removed after {input:?}"
            );
        }
        let fresh: Vec<(i64, i32, Vec<u8>)> = session
            .cache()
            .fresh(session.now())
            .filter_map(|(key, _)| key.data.clone().map(|data| (key.chat, key.msg_id, data)))
            .collect();
        let model_fresh: Vec<(i64, i32, Vec<u8>)> = model
            .cache
            .iter()
            .filter(|(_, expires)| model.now < **expires)
            .map(|(key, _)| key.clone())
            .collect();
        assert_eq!(
            fresh, model_fresh,
            "fresh cached answers at t={} after {input:?}",
            model.now
        );
        let waiting: Vec<&str> = session.pending().iter().map(wait).collect();
        assert_eq!(
            waiting,
            model.pending.iter().map(model_wait).collect::<Vec<_>>(),
            "calls waiting after {input:?}"
        );
        assert_eq!(
            session.flow().map(|flow| stage(&flow.stage)),
            model.flow.as_ref().map(|(_, s)| model_stage(s)),
            "flow on screen after {input:?}"
        );
        client.trace.steps.push(Step { input, outputs });
        let violations = check::check(&client.trace);
        assert!(
            violations.is_empty(),
            "the reference's trace breaks rules: {violations:#?}"
        );
        client
    }
}

fn config() -> Config {
    Config {
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "proptest-regressions/model_client_flows.txt",
        ))),
        ..Config::default()
    }
}

prop_state_machine! {
    #![proptest_config(config())]

    #[test]
    fn client_flows_agree_with_the_model(sequential 1..40 => ClientFlows);
}

/// The model's press of a reply keyboard needs its chat's keyboard current and shown; a
/// fixed sequence shows the two models agree on a single-use keyboard's round trip.
#[test]
fn single_use_keyboard_round_trip() {
    let keyboard = gen::private_message(
        3,
        Some(Markup::Keyboard(
            tgconf_spec::model::markup::ReplyKeyboard {
                rows: vec![vec![Button {
                    text: "Yes".to_owned(),
                    style: None,
                    kind: ButtonKind::Text,
                }]],
                resize: false,
                single_use: true,
                selective: false,
                persistent: false,
                placeholder: None,
            },
        )),
    );
    let inputs = [
        ClientInput::Receive { message: keyboard },
        ClientInput::Press {
            chat: BOT,
            msg_id: 3,
            row: 0,
            column: 0,
        },
        ClientInput::Press {
            chat: BOT,
            msg_id: 3,
            row: 0,
            column: 0,
        },
        ClientInput::ReopenKeyboard { chat: BOT },
        ClientInput::Press {
            chat: BOT,
            msg_id: 3,
            row: 0,
            column: 0,
        },
    ];
    let setup = ClientSetup {
        me: ME,
        has_password: false,
        peers: vec![],
    };
    let mut session = ClientSession::new(200, &setup);
    let sent: Vec<usize> = inputs
        .iter()
        .map(|input| {
            session
                .step(input)
                .iter()
                .filter(|o| {
                    matches!(
                        o,
                        ClientOutput::Call {
                            call: Call::SendMessage { .. }
                        }
                    )
                })
                .count()
        })
        .collect();
    // The second press hits a hidden keyboard: nothing to press until it is reopened.
    assert_eq!(sent, [0, 1, 0, 0, 1]);
}
