//! `bots.requestWebViewButton` and `bots.getRequestedWebViewButton`: who may call them, their
//! errors, and the `webapp_req_id` that binds a prepared button to one bot and one user.

use crate::model::button::{Button, ButtonKind};
use crate::model::call::Reply;

use super::{Answer, Checker, Fault};

/// A `webapp_req_id` the server under test returned, and what it was prepared for.
pub(super) struct PreparedId {
    pub(super) id: String,
    pub(super) bot: i64,
    pub(super) user: i64,
    pub(super) button: Button,
    /// A share used it; reusing it may succeed or fail.
    pub(super) used: bool,
}

impl Checker<'_> {
    pub(super) fn prepare(&mut self, step: usize, from: i64, user: i64, button: &Button) {
        let mut faults = Vec::new();
        if self.world.is_user(from) {
            faults.push(Fault::named("MA-02", "USER_BOT_REQUIRED"));
        } else if self.world.is_bot(from) {
            if !matches!(button.kind, ButtonKind::RequestPeer(_)) {
                faults.push(Fault::named("MA-02", "BUTTON_INVALID"));
            }
            if !self.world.is_user(user) {
                faults.push(Fault::named("MA-02", "USER_ID_INVALID"));
            }
        } else {
            return;
        }
        if !faults.is_empty() {
            return self.refused(step, &faults, "a button the server must not prepare");
        }
        match self.result(step) {
            Some(Answer {
                outcome: Ok(Reply::RequestedButton { webapp_req_id }),
                step: at,
                index,
            }) => {
                if webapp_req_id.is_empty() {
                    self.report(
                        "MA-03",
                        format!("steps[{at}].outputs[{index}]"),
                        "expected a non-empty webapp_req_id; got an empty one",
                    );
                    self.hidden.push((from, user));
                } else {
                    self.prepared.push(PreparedId {
                        id: webapp_req_id.clone(),
                        bot: from,
                        user,
                        button: button.clone(),
                        used: false,
                    });
                }
            }
            Some(Answer {
                outcome: Ok(other),
                step: at,
                index,
            }) => {
                self.report(
                    "MA-03",
                    format!("steps[{at}].outputs[{index}]"),
                    format!("expected bots.requestedButton; got {other:?}"),
                );
                self.hidden.push((from, user));
            }
            Some(Answer {
                outcome: Err(_), ..
            })
            | None => {}
        }
    }

    pub(super) fn prepared_button(&mut self, step: usize, from: i64, bot: i64, req_id: &str) {
        let mut faults = Vec::new();
        if self.world.is_bot(from) {
            faults.push(Fault::any("MA-06"));
        } else if self.world.is_user(from) {
            if !self.world.is_bot(bot) {
                faults.push(Fault::named("MA-06", "BOT_ID_INVALID"));
            }
            // An ID the checker never saw may be the one the server kept for a button it
            // prepared for this user and bot without showing it: that is judged as MA-03.
            let maybe_hidden =
                self.hidden.contains(&(bot, from)) && !self.prepared.iter().any(|p| p.id == req_id);
            if !maybe_hidden
                && !self
                    .prepared
                    .iter()
                    .any(|p| p.id == req_id && p.bot == bot && p.user == from)
            {
                faults.push(Fault::named("MA-06", "WEBAPP_REQ_ID_INVALID"));
            }
        }
        self.refused(step, &faults, "a prepared button the caller may not have");
    }
}
