//! The Mini App's properties: valid sessions ask for the requests its bot prepared; the bug
//! sends an ID it was never given.

use proptest::collection::vec;
use proptest::prelude::*;

use crate::model::property::Property;
use crate::model::subject::Subject;
use crate::model::trace::record;

use super::session::MiniAppSession;
use super::{MiniAppInput, MiniAppOutput, MiniAppSetup};

pub fn all() -> Vec<Property> {
    vec![Property {
        rule: "MA-15",
        bug: "mini-app-foreign-req-id",
        valid: asks_for_prepared,
        inject: foreign_req_id,
        also: &[],
    }]
}

/// The bot prepared 1 to 3 requests for the user; the Mini App asks for some of them.
fn asks_for_prepared() -> BoxedStrategy<Subject> {
    (
        224u32..=230,
        vec("req[0-9a-f]{4,12}", 1..4),
        vec(any::<prop::sample::Index>(), 1..4),
    )
        .prop_map(|(layer, issued, picks)| {
            let inputs = picks
                .iter()
                .map(|pick| MiniAppInput::AskForChat {
                    index: pick.index(issued.len()),
                })
                .collect();
            let setup = MiniAppSetup {
                user: 101,
                bot: 201,
                issued,
            };
            Subject::MiniApp(record::<MiniAppSession>(layer, setup, inputs))
        })
        .boxed()
}

/// The Mini App sends an ID it was never given (one it kept from another user's session).
fn foreign_req_id(subject: &mut Subject) -> bool {
    let Subject::MiniApp(trace) = subject else {
        return false;
    };
    let foreign = format!("{}-other-user", trace.setup.issued.concat());
    let request = trace
        .steps
        .iter_mut()
        .flat_map(|step| &mut step.outputs)
        .next();
    match request {
        Some(MiniAppOutput::RequestChat { req_id }) => {
            *req_id = foreign;
            true
        }
        None => false,
    }
}
