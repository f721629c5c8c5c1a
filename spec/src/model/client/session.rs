//! The reference client: a deterministic state machine over [`ClientInput`]s.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use crate::model::answer::CallbackAnswer;
use crate::model::button::{Button, ButtonKind, RequestPeerButton};
use crate::model::call::{Call, Outcome, Reply};
use crate::model::chat::Message;
use crate::model::markup::Markup;
use crate::model::peer_type::PeerType;
use crate::model::trace::Session;

use super::cache::{AnswerCache, CacheKey};
use super::filter;
use super::flow::{Flow, Origin, Pending, Stage};
use super::keyboard::{ChatKeyboard, Visibility};
use super::{ClientInput, ClientOutput, ClientSetup, MiniAppEvent, Ui};

/// The error type of a bot that did not answer a callback query in time.
pub const BOT_RESPONSE_TIMEOUT: &str = "BOT_RESPONSE_TIMEOUT";
/// The error type of `bots.createBot` when the user owns too many bots.
pub const BOT_CREATE_LIMIT_EXCEEDED: &str = "BOT_CREATE_LIMIT_EXCEEDED";
/// The first layer with managed bots and Mini App peer requests.
pub const MANAGED_BOTS_LAYER: u32 = 224;

#[derive(Debug, Clone)]
pub struct ClientSession {
    layer: u32,
    setup: ClientSetup,
    /// Seconds since the session started; only `Advance` moves it.
    now: u64,
    messages: BTreeMap<(i64, i32), Message>,
    keyboards: BTreeMap<i64, ChatKeyboard>,
    /// Chats whose keyboard a replyKeyboardHide removed (nothing to reopen there).
    removed: BTreeSet<i64>,
    cache: AnswerCache,
    flow: Option<Flow>,
    flows_started: u32,
    pending: VecDeque<Pending>,
}

impl Session for ClientSession {
    type Setup = ClientSetup;
    type Input = ClientInput;
    type Output = ClientOutput;

    fn new(layer: u32, setup: &ClientSetup) -> ClientSession {
        ClientSession {
            layer,
            setup: setup.clone(),
            now: 0,
            messages: BTreeMap::new(),
            keyboards: BTreeMap::new(),
            removed: BTreeSet::new(),
            cache: AnswerCache::default(),
            flow: None,
            flows_started: 0,
            pending: VecDeque::new(),
        }
    }

    fn step(&mut self, input: &ClientInput) -> Vec<ClientOutput> {
        let mut out = Vec::new();
        match input {
            ClientInput::Receive { message } => self.receive(message, &mut out),
            ClientInput::Press {
                chat,
                msg_id,
                row,
                column,
            } => self.press(*chat, *msg_id, *row, *column, &mut out),
            ClientInput::ReopenKeyboard { chat } => {
                if let Some(keyboard) = self
                    .keyboards
                    .get_mut(chat)
                    .filter(|k| k.visibility != Visibility::Shown)
                {
                    keyboard.visibility = Visibility::Shown;
                    out.push(ClientOutput::Ui {
                        ui: keyboard.shown(*chat),
                    });
                }
            }
            ClientInput::HideKeyboard { chat } => {
                let hideable = |k: &&mut ChatKeyboard| {
                    k.visibility == Visibility::Shown && !k.keyboard.persistent
                };
                if let Some(keyboard) = self.keyboards.get_mut(chat).filter(hideable) {
                    keyboard.visibility = Visibility::HiddenByUser;
                    out.push(ClientOutput::Ui {
                        ui: Ui::KeyboardHidden {
                            chat: *chat,
                            reopenable: true,
                        },
                    });
                }
            }
            ClientInput::SelectPeers { peers } => self.select(peers, &mut out),
            ClientInput::Cancel => {
                if self
                    .flow
                    .as_ref()
                    .is_some_and(|flow| flow.stage != Stage::Creating)
                {
                    self.end_flow(&mut out);
                }
            }
            ClientInput::SubmitBot { name, username } => self.submit(name, username, &mut out),
            ClientInput::MiniAppRequestChat { bot, req_id } => {
                if self.layer >= MANAGED_BOTS_LAYER {
                    self.call(
                        Call::GetRequestedWebViewButton {
                            bot: *bot,
                            webapp_req_id: req_id.clone(),
                        },
                        Pending::WebViewButton {
                            bot: *bot,
                            req_id: req_id.clone(),
                        },
                        &mut out,
                    );
                }
            }
            ClientInput::Advance { seconds } => self.now += u64::from(*seconds),
            ClientInput::Result { outcome } => {
                if let Some(pending) = self.pending.pop_front() {
                    self.complete(pending, outcome, &mut out);
                }
            }
        }
        out
    }
}

impl ClientSession {
    pub fn layer(&self) -> u32 {
        self.layer
    }

    pub fn setup(&self) -> &ClientSetup {
        &self.setup
    }

    pub fn now(&self) -> u64 {
        self.now
    }

    pub fn message(&self, chat: i64, msg_id: i32) -> Option<&Message> {
        self.messages.get(&(chat, msg_id))
    }

    /// The chat's current custom keyboard, shown or hidden.
    pub fn keyboard(&self, chat: i64) -> Option<&ChatKeyboard> {
        self.keyboards.get(&chat)
    }

    /// Whether a replyKeyboardHide removed the chat's keyboard (and no keyboard came since).
    pub fn removed(&self, chat: i64) -> bool {
        self.removed.contains(&chat)
    }

    pub fn cache(&self) -> &AnswerCache {
        &self.cache
    }

    pub fn flow(&self) -> Option<&Flow> {
        self.flow.as_ref()
    }

    /// The calls waiting for a result, oldest first.
    pub fn pending(&self) -> &VecDeque<Pending> {
        &self.pending
    }

    /// The button a press at `row`, `column` of the message would act on, if the user can
    /// press it now: inline buttons of any received message, reply-keyboard buttons only
    /// while that message's keyboard is the chat's current one and shown (the keyboard as it
    /// was shown, even if the message was replaced since by one the user does not get).
    pub fn pressable(
        &self,
        chat: i64,
        msg_id: i32,
        row: usize,
        column: usize,
    ) -> Option<(&Message, &Button)> {
        let message = self.messages.get(&(chat, msg_id))?;
        match message.markup.as_ref()? {
            Markup::Inline { rows } => Some((message, rows.get(row)?.get(column)?)),
            Markup::Keyboard(_) => {
                let current = self
                    .keyboards
                    .get(&chat)
                    .filter(|k| k.msg_id == msg_id && k.visibility == Visibility::Shown)?;
                Some((message, current.keyboard.rows.get(row)?.get(column)?))
            }
            Markup::Hide { .. } | Markup::ForceReply { .. } => None,
        }
    }

    fn call(&mut self, call: Call, pending: Pending, out: &mut Vec<ClientOutput>) {
        self.pending.push_back(pending);
        out.push(ClientOutput::Call { call });
    }

    fn receive(&mut self, message: &Message, out: &mut Vec<ClientOutput>) {
        self.messages
            .insert((message.chat, message.msg_id), message.clone());
        let Some(markup) = &message.markup else {
            return;
        };
        if !message.markup_applies_to(self.setup.me) {
            return;
        }
        let chat = message.chat;
        match markup {
            Markup::Keyboard(keyboard) => {
                let current = ChatKeyboard {
                    msg_id: message.msg_id,
                    keyboard: keyboard.clone(),
                    visibility: Visibility::Shown,
                };
                out.push(ClientOutput::Ui {
                    ui: current.shown(chat),
                });
                self.keyboards.insert(chat, current);
                self.removed.remove(&chat);
            }
            Markup::Hide { .. } => {
                if self.keyboards.remove(&chat).is_some() {
                    out.push(ClientOutput::Ui {
                        ui: Ui::KeyboardHidden {
                            chat,
                            reopenable: false,
                        },
                    });
                }
                self.removed.insert(chat);
            }
            Markup::ForceReply { placeholder, .. } => {
                out.push(ClientOutput::Ui {
                    ui: Ui::ReplyOpened {
                        chat,
                        msg_id: message.msg_id,
                        placeholder: placeholder.clone(),
                    },
                });
            }
            Markup::Inline { .. } => {}
        }
    }

    fn press(
        &mut self,
        chat: i64,
        msg_id: i32,
        row: usize,
        column: usize,
        out: &mut Vec<ClientOutput>,
    ) {
        let Some((message, button)) = self.pressable(chat, msg_id, row, column) else {
            return;
        };
        let (message, Button { text, kind, .. }) = (message.clone(), button.clone());
        if matches!(message.markup, Some(Markup::Keyboard(_))) {
            if let Some(keyboard) = self
                .keyboards
                .get_mut(&chat)
                .filter(|k| k.keyboard.single_use)
            {
                keyboard.visibility = Visibility::HiddenByPress;
                out.push(ClientOutput::Ui {
                    ui: Ui::KeyboardHidden {
                        chat,
                        reopenable: true,
                    },
                });
            }
        }
        let reply = |ui| ClientOutput::Ui { ui };
        match kind {
            ButtonKind::Text => {
                self.call(
                    Call::SendMessage {
                        peer: chat,
                        text,
                        reply_to: Some(msg_id),
                        markup: None,
                    },
                    Pending::SendMessage,
                    out,
                );
            }
            ButtonKind::Url { url } => {
                let confirm = !is_internal(&url);
                out.push(reply(Ui::OpenUrl { url, confirm }));
            }
            ButtonKind::SwitchInline { query, same_peer } => {
                out.push(reply(Ui::InlineQuery {
                    bot: message.bot,
                    query,
                    chat: same_peer.then_some(chat),
                }));
            }
            ButtonKind::Callback {
                data,
                requires_password,
            } => {
                let key = CacheKey {
                    chat,
                    msg_id,
                    data: Some(data.clone()),
                };
                // Password buttons are verified by the server at every press.
                if let Some(answer) = self
                    .cache
                    .get(&key, self.now)
                    .filter(|_| !requires_password)
                {
                    show_answer(answer, false, out);
                    return;
                }
                let password = requires_password && self.setup.has_password;
                let call = Call::GetBotCallbackAnswer {
                    peer: chat,
                    msg_id,
                    data: Some(data),
                    game: false,
                    password,
                };
                self.call(
                    call,
                    Pending::Callback {
                        key,
                        game: false,
                        requires_password,
                    },
                    out,
                );
            }
            ButtonKind::Game => {
                let call = Call::GetBotCallbackAnswer {
                    peer: chat,
                    msg_id,
                    data: None,
                    game: true,
                    password: false,
                };
                let key = CacheKey {
                    chat,
                    msg_id,
                    data: None,
                };
                self.call(
                    call,
                    Pending::Callback {
                        key,
                        game: true,
                        requires_password: false,
                    },
                    out,
                );
            }
            ButtonKind::RequestPeer(button)
                if !button.peer_type.is_create_bot() || self.layer >= MANAGED_BOTS_LAYER =>
            {
                self.start_flow(
                    Origin::Chat {
                        chat,
                        msg_id,
                        bot: message.bot,
                    },
                    button,
                    out,
                );
            }
            // No client rule asks for anything observable of the other kinds.
            _ => {}
        }
    }

    /// Opens the flow the button's peer type calls for, replacing any flow on screen.
    fn start_flow(
        &mut self,
        origin: Origin,
        button: RequestPeerButton,
        out: &mut Vec<ClientOutput>,
    ) {
        self.end_flow(out);
        self.flows_started += 1;
        let stage = match &button.peer_type {
            PeerType::CreateBot {
                suggested_name,
                suggested_username,
                ..
            } => {
                out.push(ClientOutput::Ui {
                    ui: Ui::BotCreation {
                        suggested_name: suggested_name.clone(),
                        suggested_username: suggested_username.clone(),
                    },
                });
                Stage::Form
            }
            peer_type => {
                let candidates = filter::candidates(&self.setup.peers, peer_type);
                let max = filter::max_peers(self.layer, button.max_quantity);
                let ui = Ui::PeerSelection {
                    button_id: button.button_id,
                    peer_type: peer_type.clone(),
                    candidates: candidates.clone(),
                    max: i32::try_from(max).unwrap_or(i32::MAX),
                };
                out.push(ClientOutput::Ui { ui });
                Stage::Selecting { candidates, max }
            }
        };
        self.flow = Some(Flow {
            id: self.flows_started,
            origin,
            button,
            stage,
        });
    }

    /// Closes the flow on screen, if any; a Mini App's request then ends as failed.
    fn end_flow(&mut self, out: &mut Vec<ClientOutput>) {
        if let Some(flow) = self.flow.take() {
            fail_request(&flow.origin, out);
        }
    }

    fn select(&mut self, peers: &[i64], out: &mut Vec<ClientOutput>) {
        let Some(Flow {
            stage: Stage::Selecting { candidates, max },
            ..
        }) = &self.flow
        else {
            return;
        };
        let mut chosen: Vec<i64> = Vec::new();
        for peer in peers {
            if candidates.contains(peer) && !chosen.contains(peer) && chosen.len() < *max {
                chosen.push(*peer);
            }
        }
        let Some(flow) = self.flow.take() else { return };
        if chosen.is_empty() {
            fail_request(&flow.origin, out);
        } else {
            self.share(flow.origin, flow.button.button_id, chosen, out);
        }
    }

    fn share(
        &mut self,
        origin: Origin,
        button_id: i32,
        requested_peers: Vec<i64>,
        out: &mut Vec<ClientOutput>,
    ) {
        let (msg_id, webapp_req_id) = origin.share_target();
        let call = Call::SendBotRequestedPeer {
            peer: origin.bot(),
            msg_id,
            webapp_req_id,
            button_id,
            requested_peers,
        };
        self.call(call, Pending::Share { origin }, out);
    }

    fn submit(&mut self, name: &str, username: &str, out: &mut Vec<ClientOutput>) {
        let Some(flow) = self.flow.as_mut().filter(|flow| flow.stage == Stage::Form) else {
            return;
        };
        // The form refuses what bots.createBot would: the user corrects it first.
        if !valid_bot_name(name) || !valid_bot_username(username) {
            return;
        }
        flow.stage = Stage::Checking {
            name: name.to_owned(),
            username: username.to_owned(),
        };
        let id = flow.id;
        self.call(
            Call::CheckUsername {
                username: username.to_owned(),
            },
            Pending::CheckUsername { flow: id },
            out,
        );
    }

    fn complete(&mut self, pending: Pending, outcome: &Outcome, out: &mut Vec<ClientOutput>) {
        match pending {
            Pending::SendMessage => {}
            Pending::Callback {
                key,
                game,
                requires_password,
            } => match outcome {
                Ok(Reply::BotCallbackAnswer { answer }) => {
                    show_answer(answer, game, out);
                    if !game && !requires_password {
                        self.cache.insert(key, answer.clone(), self.now);
                    }
                }
                Err(error) if error.message == BOT_RESPONSE_TIMEOUT => out.push(ClientOutput::Ui {
                    ui: Ui::BotNotResponding,
                }),
                _ => {}
            },
            Pending::WebViewButton { bot, req_id } => {
                let origin = Origin::MiniApp { bot, req_id };
                match outcome {
                    Ok(Reply::Button {
                        button:
                            Button {
                                kind: ButtonKind::RequestPeer(button),
                                ..
                            },
                    }) => self.start_flow(origin, button.clone(), out),
                    _ => fail_request(&origin, out),
                }
            }
            Pending::CheckUsername { flow } => {
                let Some(current) = self.flow.as_mut().filter(|f| f.id == flow) else {
                    return;
                };
                let Stage::Checking { name, username } = current.stage.clone() else {
                    return;
                };
                if matches!(outcome, Ok(Reply::Bool { value: true })) {
                    current.stage = Stage::Creating;
                    let manager = current.origin.bot();
                    self.call(
                        Call::CreateBot {
                            name,
                            username,
                            manager,
                        },
                        Pending::CreateBot { flow },
                        out,
                    );
                } else {
                    current.stage = Stage::Form;
                }
            }
            Pending::CreateBot { flow } => {
                if self.flow.as_ref().is_none_or(|f| f.id != flow) {
                    return;
                }
                let Some(flow) = self.flow.take() else { return };
                match outcome {
                    Ok(Reply::CreatedBot { bot_id }) => {
                        self.share(flow.origin, flow.button.button_id, vec![*bot_id], out)
                    }
                    failure => {
                        if matches!(failure, Err(error) if error.message == BOT_CREATE_LIMIT_EXCEEDED)
                        {
                            out.push(ClientOutput::Ui {
                                ui: Ui::Alert {
                                    text: BOT_CREATE_LIMIT_EXCEEDED.to_owned(),
                                },
                            });
                        }
                        fail_request(&flow.origin, out);
                    }
                }
            }
            Pending::Share { origin } => {
                if let Origin::MiniApp { bot, req_id } = origin {
                    let event = match outcome {
                        Ok(_) => MiniAppEvent::RequestedChatSent { req_id },
                        Err(_) => MiniAppEvent::RequestedChatFailed { req_id },
                    };
                    out.push(ClientOutput::Ui {
                        ui: Ui::MiniApp { bot, event },
                    });
                }
            }
        }
    }
}

/// Tells a Mini App its request failed; nothing for a flow started in a chat.
fn fail_request(origin: &Origin, out: &mut Vec<ClientOutput>) {
    if let Origin::MiniApp { bot, req_id } = origin {
        out.push(ClientOutput::Ui {
            ui: Ui::MiniApp {
                bot: *bot,
                event: MiniAppEvent::RequestedChatFailed {
                    req_id: req_id.clone(),
                },
            },
        });
    }
}

/// What the user sees of a callback answer (fresh or from the cache).
pub fn show_answer(answer: &CallbackAnswer, game: bool, out: &mut Vec<ClientOutput>) {
    if let Some(text) = &answer.message {
        let ui = if answer.alert {
            Ui::Alert { text: text.clone() }
        } else {
            Ui::Toast { text: text.clone() }
        };
        out.push(ClientOutput::Ui { ui });
    }
    if let Some(url) = &answer.url {
        let ui = if game {
            Ui::OpenGame {
                url: url.clone(),
                native: answer.native_ui,
            }
        } else {
            Ui::OpenUrl {
                url: url.clone(),
                confirm: false,
            }
        };
        out.push(ClientOutput::Ui { ui });
    }
}

/// The client's internal URIs (`tg://…`), which open without a prompt.
pub fn is_internal(url: &str) -> bool {
    url.get(..5)
        .is_some_and(|scheme| scheme.eq_ignore_ascii_case("tg://"))
}

/// A managed bot's display name: 1 to 64 characters (code points).
pub fn valid_bot_name(name: &str) -> bool {
    (1..=64).contains(&name.chars().count())
}

/// A bot username as a client checks it before asking the server: letters, digits and
/// underscores, 5 to 32 of them, ending in "bot".
pub fn valid_bot_username(username: &str) -> bool {
    (5..=32).contains(&username.len())
        && username
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_')
        && username.to_ascii_lowercase().ends_with("bot")
}
