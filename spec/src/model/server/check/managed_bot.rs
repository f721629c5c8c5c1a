//! `bots.checkUsername` and `bots.createBot`: users only, the three documented refusals, no
//! managed-bot action from the creation itself, and updateManagedBot for the manager alone.

use crate::model::call::Reply;
use crate::model::update::{Action, Update};

use super::super::ServerOutput;
use super::{Answer, Checker, Fault};

impl Checker<'_> {
    pub(super) fn check_username(&mut self, step: usize, from: i64) {
        if self.world.is_bot(from) {
            self.refused(
                step,
                &[Fault::any("MB-15")],
                "bots.checkUsername called by a bot",
            );
        }
    }

    pub(super) fn create_bot(
        &mut self,
        step: usize,
        from: i64,
        name: &str,
        username: &str,
        manager: i64,
    ) {
        for (index, output) in self.outputs(step).iter().enumerate() {
            if let ServerOutput::Deliver {
                to,
                update:
                    Update::ServiceMessage {
                        action: Action::ManagedBotCreated { bot_id },
                        ..
                    },
            } = output
            {
                self.report("MB-10", format!("steps[{step}].outputs[{index}]"), format!("bots.createBot produced messageActionManagedBotCreated of bot {bot_id} for {to}"));
            }
        }
        let mut faults = Vec::new();
        if self.world.is_bot(from) {
            faults.push(Fault::any("MB-15"));
        } else if self.world.is_user(from) && self.world.is_bot(manager) {
            // With a manager that is no bot at all, the server's answer is not asserted.
            if !self.world.is_manager_bot(manager) {
                faults.push(Fault::named("MB-16", "MANAGER_PERMISSION_MISSING"));
            }
            if self.world.owned(from) >= self.world.bot_limit {
                faults.push(Fault::named("MB-16", "BOT_CREATE_LIMIT_EXCEEDED"));
            }
            if self.world.username_taken(username) {
                faults.push(Fault::named("MB-16", "USERNAME_OCCUPIED"));
            }
        }
        if let Some(first) = faults.first().copied() {
            self.refused(step, &faults, "a bot creation the server must refuse");
            for (index, output) in self.outputs(step).iter().enumerate() {
                if let ServerOutput::Deliver {
                    to,
                    update: Update::ManagedBot { bot_id },
                } = output
                {
                    self.report(
                        first.rule,
                        format!("steps[{step}].outputs[{index}]"),
                        format!("no bot is created; {to} got updateManagedBot of bot {bot_id}"),
                    );
                }
            }
            return;
        }
        if let Some(Answer {
            outcome: Ok(Reply::CreatedBot { bot_id }),
            ..
        }) = self.result(step)
        {
            self.world.add_bot(*bot_id, name, username);
            self.world.add_owned(from);
            self.created.push((*bot_id, from, manager));
            self.owed.push((*bot_id, manager, step));
        }
    }

    /// updateManagedBot about a created bot goes to its manager and no one else.
    pub(super) fn scan_managed_bot_updates(&mut self, step: usize) {
        for (index, output) in self.outputs(step).iter().enumerate() {
            let ServerOutput::Deliver {
                to,
                update: Update::ManagedBot { bot_id },
            } = output
            else {
                continue;
            };
            let Some(&(_, _, manager)) = self.created.iter().find(|(bot, _, _)| bot == bot_id)
            else {
                continue;
            };
            if *to == manager {
                self.owed.retain(|(bot, _, _)| bot != bot_id);
            } else {
                self.report("MB-18", format!("steps[{step}].outputs[{index}]"), format!("updateManagedBot of bot {bot_id} went to {to}, not to its manager {manager}"));
            }
        }
    }
}
