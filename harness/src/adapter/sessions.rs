//! The model's reference sessions, as the reference adapter uses them: which roles have one,
//! and how a subject's inputs are replayed through it.

use tgconf_spec::model::bot::session::BotSession;
use tgconf_spec::model::client::ClientSession;
use tgconf_spec::model::mini_app::session::MiniAppSession;
use tgconf_spec::model::server::session::ServerSession;
use tgconf_spec::model::trace::{record, Session, Trace};
use tgconf_spec::model::Subject;

use crate::role::Role;

/// A set of reference state machines: the roles they play and the replay of a subject's
/// setup and inputs into a subject with their outputs (`None` for a role not in `roles`).
#[derive(Clone, Copy)]
pub struct Sessions {
    pub roles: &'static [Role],
    pub replay: fn(&Subject) -> Option<Subject>,
}

/// The model's sessions: every party but the codec, which has no session.
pub const MODEL: Sessions = Sessions {
    roles: &[Role::Client, Role::Bot, Role::Server, Role::MiniApp],
    replay: replay_model,
};

fn replay_model(subject: &Subject) -> Option<Subject> {
    match subject {
        Subject::Client(trace) => Some(Subject::Client(replay::<ClientSession>(trace))),
        Subject::Bot(trace) => Some(Subject::Bot(replay::<BotSession>(trace))),
        Subject::Server(trace) => Some(Subject::Server(replay::<ServerSession>(trace))),
        Subject::MiniApp(trace) => Some(Subject::MiniApp(replay::<MiniAppSession>(trace))),
        Subject::Wire(_) => None,
    }
}

/// The reference session's own trace for the same setup and inputs.
fn replay<S: Session>(
    trace: &Trace<S::Setup, S::Input, S::Output>,
) -> Trace<S::Setup, S::Input, S::Output> {
    let inputs = trace.steps.iter().map(|step| step.input.clone()).collect();
    record::<S>(trace.layer, trace.setup.clone(), inputs)
}
