//! Turns a planned session into a trace of the reference server. Some inputs name IDs the
//! server chooses (a query ID, a created bot, a `webapp_req_id`); a plan names them as "the
//! latest one", and the driver fills them in from the outputs so far.

use std::collections::BTreeMap;

use crate::model::answer::CallbackAnswer;
use crate::model::call::{Call, Reply};
use crate::model::trace::{Session, Step, Trace};
use crate::model::update::Update;

use super::session::ServerSession;
use super::{ServerInput, ServerOutput, ServerSetup, ServerTrace};

#[derive(Debug, Clone)]
pub enum Act {
    Call {
        from: i64,
        call: Call,
    },
    Wait {
        seconds: u32,
    },
    /// `caller` answers the latest callback query `bot` received (query 0 if none).
    Answer {
        caller: i64,
        bot: i64,
        answer: CallbackAnswer,
    },
    /// `user` shares the bot created last (0 if none) through the button `button_id` of
    /// message `msg_id` in the chat with `bot`, or through the latest prepared request.
    ShareCreated {
        user: i64,
        bot: i64,
        msg_id: Option<i32>,
        button_id: i32,
    },
    /// `user` asks `bot` for the button prepared last.
    GetPrepared {
        user: i64,
        bot: i64,
    },
    /// `user` shares `peers` through the request prepared last.
    ShareViaWebApp {
        user: i64,
        bot: i64,
        button_id: i32,
        peers: Vec<i64>,
    },
}

/// What the driver learned from the outputs so far.
#[derive(Default)]
struct Learned {
    queries: BTreeMap<i64, i64>,
    created: Option<i64>,
    prepared: Option<String>,
}

impl Learned {
    fn learn(&mut self, outputs: &[ServerOutput]) {
        for output in outputs {
            match output {
                ServerOutput::Deliver { to, update } => match update {
                    Update::BotCallbackQuery { query_id, .. }
                    | Update::InlineBotCallbackQuery { query_id, .. }
                    | Update::BusinessBotCallbackQuery { query_id, .. } => {
                        self.queries.insert(*to, *query_id);
                    }
                    Update::ServiceMessage { .. } | Update::ManagedBot { .. } => {}
                },
                ServerOutput::Result {
                    outcome: Ok(Reply::CreatedBot { bot_id }),
                    ..
                } => self.created = Some(*bot_id),
                ServerOutput::Result {
                    outcome: Ok(Reply::RequestedButton { webapp_req_id }),
                    ..
                } => self.prepared = Some(webapp_req_id.clone()),
                ServerOutput::Result { .. } => {}
            }
        }
    }

    fn input(&self, act: Act) -> ServerInput {
        let prepared = || self.prepared.clone().unwrap_or_default();
        match act {
            Act::Call { from, call } => ServerInput::Call { from, call },
            Act::Wait { seconds } => ServerInput::Advance { seconds },
            Act::Answer {
                caller,
                bot,
                answer,
            } => {
                let query_id = self.queries.get(&bot).copied().unwrap_or(0);
                ServerInput::Call {
                    from: caller,
                    call: Call::SetBotCallbackAnswer { query_id, answer },
                }
            }
            Act::ShareCreated {
                user,
                bot,
                msg_id,
                button_id,
            } => ServerInput::Call {
                from: user,
                call: Call::SendBotRequestedPeer {
                    peer: bot,
                    msg_id,
                    webapp_req_id: msg_id.is_none().then(prepared),
                    button_id,
                    requested_peers: vec![self.created.unwrap_or(0)],
                },
            },
            Act::GetPrepared { user, bot } => ServerInput::Call {
                from: user,
                call: Call::GetRequestedWebViewButton {
                    bot,
                    webapp_req_id: prepared(),
                },
            },
            Act::ShareViaWebApp {
                user,
                bot,
                button_id,
                peers,
            } => ServerInput::Call {
                from: user,
                call: Call::SendBotRequestedPeer {
                    peer: bot,
                    msg_id: None,
                    webapp_req_id: Some(prepared()),
                    button_id,
                    requested_peers: peers,
                },
            },
        }
    }
}

/// Runs the reference server over the plan.
pub fn run(layer: u32, setup: ServerSetup, acts: Vec<Act>) -> ServerTrace {
    let mut session = ServerSession::new(layer, &setup);
    let mut learned = Learned::default();
    let mut steps = Vec::with_capacity(acts.len());
    for act in acts {
        let input = learned.input(act);
        let outputs = session.step(&input);
        learned.learn(&outputs);
        steps.push(Step { input, outputs });
    }
    Trace {
        layer,
        setup,
        steps,
    }
}
