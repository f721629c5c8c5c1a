//! Callback presses and answers: password checks, the callback update by the message's origin,
//! the answer or the timeout that ends a press, and `setBotCallbackAnswer`'s validation.

use crate::model::answer::CallbackAnswer;
use crate::model::call::Reply;
use crate::model::chat::{Message, MessageOrigin};
use crate::model::update::Update;

use super::super::deep_link::answer_url_allowed;
use super::super::session::SENT_ME_LAYER;
use super::super::world::{chat_seen_by_bot, pressed, Pressed};
use super::super::ServerOutput;
use super::{Answer, Checker, Fault};

/// A callback query the server delivered to a bot.
pub(super) struct Query {
    id: i64,
    bot: i64,
    /// The press, when the checker knows what it had to be; `None` for presses the rules say
    /// nothing about (their answers are not judged either).
    press: Option<Press>,
}

struct Press {
    call_step: usize,
    asked_at: u64,
    game_press: bool,
    /// The step at which the bot validly answered, and the answer the user must get.
    answered: Option<(usize, CallbackAnswer)>,
    /// The press got its result (or its missing result was reported).
    settled: bool,
}

/// What a press must lead to.
enum Verdict {
    Unjudged,
    Refused(Fault),
    Valid { game_press: bool, password: bool },
}

fn query_id(update: &Update) -> Option<i64> {
    match update {
        Update::BotCallbackQuery { query_id, .. }
        | Update::InlineBotCallbackQuery { query_id, .. }
        | Update::BusinessBotCallbackQuery { query_id, .. } => Some(*query_id),
        Update::ServiceMessage { .. } | Update::ManagedBot { .. } => None,
    }
}

fn update_name(update: &Update) -> &'static str {
    match update {
        Update::BotCallbackQuery { .. } => "updateBotCallbackQuery",
        Update::InlineBotCallbackQuery { .. } => "updateInlineBotCallbackQuery",
        Update::BusinessBotCallbackQuery { .. } => "updateBusinessBotCallbackQuery",
        Update::ServiceMessage { .. } => "a service message",
        Update::ManagedBot { .. } => "updateManagedBot",
    }
}

/// The rule that names the callback update for a message of this origin, and that update.
fn origin_rule(origin: &MessageOrigin) -> (&'static str, &'static str) {
    match origin {
        MessageOrigin::Bot => ("CB-22", "updateBotCallbackQuery"),
        MessageOrigin::ViaInline => ("CB-23", "updateInlineBotCallbackQuery"),
        MessageOrigin::Business { .. } => ("CB-24", "updateBusinessBotCallbackQuery"),
    }
}

impl Checker<'_> {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn press(
        &mut self,
        step: usize,
        from: i64,
        peer: i64,
        msg_id: i32,
        data: Option<&[u8]>,
        game: bool,
        password: bool,
    ) {
        let Some(message) = self.world.message(peer, msg_id).cloned() else {
            return;
        };
        match self.verdict(from, &message, data, game, password) {
            Verdict::Unjudged => {}
            Verdict::Refused(fault) => {
                self.refused(step, &[fault], "a press whose password check fails");
                for (index, output) in self.outputs(step).iter().enumerate() {
                    if let ServerOutput::Deliver { to, update } = output {
                        if query_id(update).is_some() {
                            let name = update_name(update);
                            self.report(fault.rule, format!("steps[{step}].outputs[{index}]"), format!("the bot must receive no callback update for a refused press; {to} got {name}"));
                        }
                    }
                }
            }
            Verdict::Valid {
                game_press,
                password,
            } => self.delivered_query(step, from, &message, data, game_press, password),
        }
    }

    fn verdict(
        &self,
        from: i64,
        message: &Message,
        data: Option<&[u8]>,
        game: bool,
        password: bool,
    ) -> Verdict {
        if !self.world.is_user(from) {
            return Verdict::Unjudged;
        }
        let Some(button) = pressed(message, data, game) else {
            return Verdict::Unjudged;
        };
        let requires_password = button
            == (Pressed::Callback {
                requires_password: true,
            });
        if let MessageOrigin::Business { .. } = message.origin {
            // Business messages exist from the layer their update does; game and password
            // buttons on them are not exercised.
            if self.layer < SENT_ME_LAYER || button == Pressed::Game || requires_password {
                return Verdict::Unjudged;
            }
        }
        if requires_password {
            if !self.world.has_password(from) {
                return Verdict::Refused(Fault::named("CB-08", "PASSWORD_MISSING"));
            }
            if !password || self.world.mistyped_password.contains(&from) {
                return Verdict::Refused(Fault::any("CB-06"));
            }
        }
        Verdict::Valid {
            game_press: button == Pressed::Game,
            password: requires_password,
        }
    }

    /// A valid press: exactly one callback update of the origin's kind reaches the message's
    /// bot, with the press's details.
    fn delivered_query(
        &mut self,
        step: usize,
        user: i64,
        message: &Message,
        data: Option<&[u8]>,
        game_press: bool,
        password: bool,
    ) {
        let (rule, expected) = origin_rule(&message.origin);
        let mut first = None;
        for (index, output) in self.outputs(step).iter().enumerate() {
            let ServerOutput::Deliver { to, update } = output else {
                continue;
            };
            let Some(id) = query_id(update) else { continue };
            let path = format!("steps[{step}].outputs[{index}]");
            if *to != message.bot {
                self.report(
                    rule,
                    path,
                    format!(
                        "a callback update went to {to}, not to the message's bot {}",
                        message.bot
                    ),
                );
            } else if first.is_some() {
                self.report(rule, path, "more than one callback update for one press");
            } else {
                first = Some(id);
                self.judge_update(&path, user, message, update, data, game_press, password);
            }
        }
        match first {
            None => self.report(
                rule,
                format!("steps[{step}].outputs"),
                format!("expected {expected} to bot {}; got none", message.bot),
            ),
            Some(id) => self.queries.push(Query {
                id,
                bot: message.bot,
                press: Some(Press {
                    call_step: step,
                    asked_at: self.now,
                    game_press,
                    answered: None,
                    settled: false,
                }),
            }),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn judge_update(
        &mut self,
        path: &str,
        user: i64,
        message: &Message,
        update: &Update,
        data: Option<&[u8]>,
        game_press: bool,
        password: bool,
    ) {
        let (rule, expected) = origin_rule(&message.origin);
        let (user_id, data_got, game_got) = match (update, &message.origin) {
            (
                Update::BotCallbackQuery {
                    user_id,
                    peer,
                    msg_id,
                    data,
                    game_short_name,
                    ..
                },
                MessageOrigin::Bot,
            ) => {
                let chat = chat_seen_by_bot(message.chat, message.chat_kind, user);
                if (*peer, *msg_id) != (chat, message.msg_id) {
                    self.report(rule, path, format!("expected peer {chat} and msg_id {}; got peer {peer} and msg_id {msg_id}", message.msg_id));
                }
                (*user_id, data.as_deref(), Some(game_short_name))
            }
            (
                Update::InlineBotCallbackQuery {
                    user_id,
                    inline_msg_id,
                    data,
                    game_short_name,
                    ..
                },
                MessageOrigin::ViaInline,
            ) => {
                if inline_msg_id.is_empty() {
                    self.report(
                        rule,
                        path,
                        "expected the inline message's ID; got an empty one",
                    );
                }
                (*user_id, data.as_deref(), Some(game_short_name))
            }
            (
                Update::BusinessBotCallbackQuery {
                    user_id,
                    connection_id,
                    message: got,
                    data,
                    ..
                },
                MessageOrigin::Business { connection_id: own },
            ) => {
                if connection_id != own {
                    self.report(
                        rule,
                        path,
                        format!("expected connection_id {own:?}; got {connection_id:?}"),
                    );
                }
                if **got != *message {
                    self.report(
                        rule,
                        path,
                        format!("expected the whole message {message:?}; got {got:?}"),
                    );
                }
                (*user_id, data.as_deref(), None)
            }
            (other, _) => {
                self.report(
                    rule,
                    path,
                    format!("expected {expected}; got {}", update_name(other)),
                );
                return;
            }
        };
        if user_id != user {
            self.report(
                rule,
                path,
                format!("expected user_id {user}; got {user_id}"),
            );
        }
        let game_got = game_got.and_then(|name| name.as_deref());
        match (data_got, game_got, game_press) {
            (Some(_), Some(_), _) | (None, None, _) => {
                self.report("CB-25", path, format!("expected exactly one of data and game_short_name; got data {data_got:?}, game_short_name {game_got:?}"))
            }
            (Some(_), None, true) => self.report("CB-25", path, "a game press must carry game_short_name, not data"),
            (None, Some(_), false) => self.report("CB-25", path, "a callback press must carry data, not game_short_name"),
            (Some(got), None, false) if Some(got) != data => {
                // The press's own data is all the bot may see; anything else on a password
                // press is what the SRP check could leak through.
                let rule = if password { "CB-07" } else { "CB-25" };
                self.report(rule, path, format!("expected the button's data {data:?}; got {got:?}"));
            }
            (None, Some(got), true) => {
                if let Some(own) = self.world.game_of(message.chat, message.msg_id) {
                    if got != own {
                        self.report("CB-25", path, format!("expected game_short_name {own:?}; got {got:?}"));
                    }
                }
            }
            _ => {}
        }
    }

    /// `setBotCallbackAnswer`.
    pub(super) fn answer(
        &mut self,
        step: usize,
        from: i64,
        query_id: i64,
        answer: &CallbackAnswer,
    ) {
        if self.world.is_user(from) {
            return self.refused(
                step,
                &[Fault::named("CB-31", "USER_BOT_REQUIRED")],
                "a user answering a callback query",
            );
        }
        if !self.world.is_bot(from) {
            return;
        }
        let Some(index) = self
            .queries
            .iter()
            .position(|query| query.id == query_id && query.bot == from)
        else {
            return self.refused(
                step,
                &[Fault::named("CB-31", "QUERY_ID_INVALID")],
                "no callback query of this bot has that ID",
            );
        };
        let Some(game_press) = self.queries[index]
            .press
            .as_ref()
            .filter(|press| !press.settled && press.answered.is_none())
            .map(|press| press.game_press)
        else {
            return;
        };
        if let Some(url) = &answer.url {
            let username = self
                .world
                .peer(from)
                .and_then(|bot| bot.username.as_deref());
            if !answer_url_allowed(url, username, game_press, |game| {
                self.world.owns_game(from, game)
            }) {
                return self.refused(
                    step,
                    &[Fault::named("CB-15", "URL_INVALID")],
                    "the url is no link to this bot or its games",
                );
            }
        }
        let expected = CallbackAnswer {
            has_url: answer.url.is_some(),
            ..answer.clone()
        };
        if let Some(press) = self.queries[index].press.as_mut() {
            press.answered = Some((step, expected));
        }
    }

    /// Ends the presses whose result comes at `step`, whose bot answered at `step`, or (when
    /// time moved) whose timeout has passed.
    pub(super) fn settle_presses(&mut self, step: usize, time_moved: bool) {
        let timeout = u64::from(self.world.callback_timeout);
        let mut reports = Vec::new();
        for query in &mut self.queries {
            let Some(press) = query
                .press
                .as_mut()
                .filter(|press| !press.settled && press.call_step <= step)
            else {
                continue;
            };
            let result = self
                .results
                .get(&press.call_step)
                .copied()
                .filter(|answer| answer.step == step);
            let answered_now = press
                .answered
                .as_ref()
                .filter(|(at, _)| *at == step)
                .map(|(_, answer)| answer);
            let issue = match (result, answered_now) {
                (Some(Answer { index, outcome, .. }), Some(expected)) => {
                    press.settled = true;
                    match outcome {
                        Ok(Reply::BotCallbackAnswer { answer }) if answer == expected => None,
                        other => Some((
                            "CB-29",
                            format!("steps[{step}].outputs[{index}]"),
                            format!("expected the bot's answer {expected:?}; got {other:?}"),
                        )),
                    }
                }
                (None, Some(expected)) => {
                    press.settled = true;
                    Some(("CB-29", format!("steps[{step}].outputs"), format!("the bot answered the press of step {}; expected {expected:?} as its result here, got none", press.call_step)))
                }
                (Some(Answer { index, outcome, .. }), None) => {
                    press.settled = true;
                    let path = format!("steps[{step}].outputs[{index}]");
                    match outcome {
                        Err(error) if error.message == "BOT_RESPONSE_TIMEOUT" => None,
                        Ok(reply) => Some((
                            "CB-29",
                            path,
                            format!("the bot set no answer; got {reply:?}"),
                        )),
                        Err(error) => Some((
                            "CB-09",
                            path,
                            format!(
                                "the bot did not answer; expected BOT_RESPONSE_TIMEOUT, got {}",
                                error.message
                            ),
                        )),
                    }
                }
                (None, None)
                    if time_moved && self.now.saturating_sub(press.asked_at) >= timeout =>
                {
                    press.settled = true;
                    Some(("CB-09", format!("steps[{step}].outputs"), format!("the press of step {} waited {timeout} s without an answer; expected BOT_RESPONSE_TIMEOUT by now", press.call_step)))
                }
                (None, None) => None,
            };
            reports.extend(issue);
        }
        for (rule, path, message) in reports {
            self.report(rule, path, message);
        }
    }

    /// Callback updates of presses the checker did not judge: their IDs are the server's, so a
    /// bot answering them is not told QUERY_ID_INVALID.
    pub(super) fn learn_queries(&mut self, step: usize) {
        for output in self.outputs(step) {
            if let ServerOutput::Deliver { to, update } = output {
                if let Some(id) = query_id(update) {
                    if !self
                        .queries
                        .iter()
                        .any(|query| query.id == id && query.bot == *to)
                    {
                        self.queries.push(Query {
                            id,
                            bot: *to,
                            press: None,
                        });
                    }
                }
            }
        }
    }
}
