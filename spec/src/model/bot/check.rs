//! The checker of any bot's trace: the markup of every call it makes, and its answers to
//! callback queries.
//!
//! Markup is judged where it goes: a `messages.sendMessage` to a chat of the setup is checked
//! against that chat's kind; to an unknown chat, without the rules about chat kinds. The
//! button of `bots.requestWebViewButton` is checked in itself (it is in no keyboard and no
//! chat). Calls the bot rules do not govern are not judged.

use crate::model::call::Call;
use crate::model::violation::Violation;

use super::callback_rules::check_callbacks;
use super::markup_rules::{check_button, check_markup, Target};
use super::BotTrace;

pub fn check(trace: &BotTrace) -> Vec<Violation> {
    let mut out = Vec::new();
    for (i, step) in trace.steps.iter().enumerate() {
        for (j, output) in step.outputs.iter().enumerate() {
            let path = format!("steps[{i}].outputs[{j}]");
            match output {
                Call::SendMessage {
                    peer,
                    markup: Some(markup),
                    ..
                } => {
                    let chat_kind = trace
                        .setup
                        .chats
                        .iter()
                        .find(|chat| chat.id == *peer)
                        .map(|chat| chat.kind);
                    let target = Target {
                        layer: trace.layer,
                        chat_kind,
                        can_use_icons: trace.setup.can_use_icons,
                    };
                    out.extend(check_markup(&target, markup, &format!("{path}.markup")));
                }
                Call::RequestWebViewButton { button, .. } => {
                    let target = Target {
                        layer: trace.layer,
                        chat_kind: None,
                        can_use_icons: trace.setup.can_use_icons,
                    };
                    check_button(&target, button, &format!("{path}.button"), &mut out);
                }
                _ => {}
            }
        }
    }
    out.extend(check_callbacks(trace));
    out
}

#[cfg(test)]
mod tests {
    use super::check;
    use crate::model::answer::CallbackAnswer;
    use crate::model::bot::scenario::{setup, USER};
    use crate::model::bot::{BotInput, BotTrace};
    use crate::model::button::{Button, ButtonKind, RequestPeerButton};
    use crate::model::call::Call;
    use crate::model::peer_type::PeerType;
    use crate::model::trace::{Step, Trace};
    use crate::model::update::Update;

    fn query(query_id: i64) -> BotInput {
        BotInput::Update {
            update: Update::BotCallbackQuery {
                query_id,
                user_id: USER,
                peer: USER,
                msg_id: 1,
                data: Some(vec![1]),
                game_short_name: None,
            },
        }
    }

    fn answer(query_id: i64) -> Call {
        Call::SetBotCallbackAnswer {
            query_id,
            answer: CallbackAnswer::default(),
        }
    }

    fn rules(steps: Vec<(BotInput, Vec<Call>)>) -> Vec<String> {
        let steps = steps
            .into_iter()
            .map(|(input, outputs)| Step { input, outputs })
            .collect();
        let trace: BotTrace = Trace {
            layer: 230,
            setup: setup(false),
            steps,
        };
        check(&trace)
            .into_iter()
            .map(|violation| violation.rule)
            .collect()
    }

    #[test]
    fn answers_are_matched_to_queries() {
        let advance = || BotInput::Advance { seconds: 1 };
        assert!(rules(vec![
            (query(1), vec![answer(1)]),
            (query(2), vec![answer(2)])
        ])
        .is_empty());
        assert_eq!(
            rules(vec![(query(1), vec![]), (advance(), vec![answer(1)])]),
            ["CB-27"],
            "late"
        );
        assert_eq!(
            rules(vec![
                (query(1), vec![answer(1)]),
                (advance(), vec![answer(1)])
            ]),
            ["CB-26"],
            "twice, the second later"
        );
        assert_eq!(
            rules(vec![
                (query(1), vec![answer(1)]),
                (advance(), vec![answer(7)])
            ]),
            ["CB-27"],
            "an ID no query has"
        );
        assert_eq!(
            rules(vec![(query(1), vec![answer(7), answer(1)])]),
            ["CB-27"],
            "a stray answer next to the right one"
        );
        assert_eq!(
            rules(vec![(query(1), vec![answer(7)])]),
            ["CB-27"],
            "the step's query answered under another ID"
        );
        assert_eq!(
            rules(vec![(query(1), vec![]), (query(2), vec![answer(2)])]),
            ["CB-26"],
            "never answered"
        );
    }

    #[test]
    fn a_prepared_mini_app_button_is_checked_in_itself() {
        let request = RequestPeerButton {
            button_id: 1,
            peer_type: PeerType::CreateBot {
                bot_managed: false,
                suggested_name: None,
                suggested_username: None,
            },
            max_quantity: 1,
            name_requested: false,
            username_requested: false,
            photo_requested: false,
            input: false,
        };
        let button = Button {
            text: "new bot".to_owned(),
            style: None,
            kind: ButtonKind::RequestPeer(request),
        };
        let found = rules(vec![(
            BotInput::Advance { seconds: 1 },
            vec![Call::RequestWebViewButton {
                user_id: USER,
                button,
            }],
        )]);
        assert_eq!(found, ["RP-01", "MB-02"]);
    }
}
