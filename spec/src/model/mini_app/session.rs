//! The reference Mini App: asked for a prepared peer request, it emits `web_app_request_chat`
//! with the ID its bot obtained for this user, and emits nothing when it has no such ID.

use crate::model::trace::Session;

use super::{MiniAppInput, MiniAppOutput, MiniAppSetup};

pub struct MiniAppSession {
    issued: Vec<String>,
}

impl Session for MiniAppSession {
    type Setup = MiniAppSetup;
    type Input = MiniAppInput;
    type Output = MiniAppOutput;

    fn new(_layer: u32, setup: &MiniAppSetup) -> MiniAppSession {
        MiniAppSession {
            issued: setup.issued.clone(),
        }
    }

    fn step(&mut self, input: &MiniAppInput) -> Vec<MiniAppOutput> {
        match input {
            MiniAppInput::AskForChat { index } => self
                .issued
                .get(*index)
                .map(|req_id| MiniAppOutput::RequestChat {
                    req_id: req_id.clone(),
                })
                .into_iter()
                .collect(),
        }
    }
}
