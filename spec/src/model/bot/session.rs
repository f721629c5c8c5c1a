//! The reference bot: sends what its program asks for and answers every callback query at
//! once.
//!
//! - `Send` becomes one `messages.sendMessage` with the markup, in the form a bot sends:
//!   peer-request buttons as `inputKeyboardButtonRequestPeer` from layer 177, and, as tdlib
//!   does, an empty style dropped, an empty placeholder dropped and `selective` cleared in a
//!   private chat. Everything else is sent as given: the program is trusted to ask for valid
//!   markup.
//! - A callback-query update (plain, inline or business) is answered in the same step with
//!   one `messages.setBotCallbackAnswer` carrying the update's `query_id`: with the URL of
//!   the game ([`game_url`]) when the update names one, empty otherwise.
//! - Other updates, `Result`s and `Advance` change nothing: the bot keeps no timers and
//!   retries nothing.

use crate::model::answer::CallbackAnswer;
use crate::model::button::ButtonKind;
use crate::model::call::Call;
use crate::model::chat::ChatKind;
use crate::model::markup::Markup;
use crate::model::trace::Session;
use crate::model::update::Update;

use super::{BotInput, BotOutput, BotSetup};

/// The layer from which bots send the input form of peer-request buttons.
const INPUT_REQUEST_PEER_FROM: u32 = 177;

/// The URL the reference bot gives for the game `short_name`.
pub fn game_url(short_name: &str) -> String {
    format!("https://example.com/games/{short_name}")
}

pub struct BotSession {
    layer: u32,
    setup: BotSetup,
}

impl Session for BotSession {
    type Setup = BotSetup;
    type Input = BotInput;
    type Output = BotOutput;

    fn new(layer: u32, setup: &BotSetup) -> BotSession {
        BotSession {
            layer,
            setup: setup.clone(),
        }
    }

    fn step(&mut self, input: &BotInput) -> Vec<BotOutput> {
        match input {
            BotInput::Send { chat, text, markup } => {
                let markup = self.as_sent(*chat, markup.clone());
                vec![Call::SendMessage {
                    peer: *chat,
                    text: text.clone(),
                    reply_to: None,
                    markup: Some(markup),
                }]
            }
            BotInput::Update { update } => match callback_query(update) {
                Some((query_id, game)) => vec![Call::SetBotCallbackAnswer {
                    query_id,
                    answer: answer(game),
                }],
                None => Vec::new(),
            },
            BotInput::Advance { .. } | BotInput::Result { .. } => Vec::new(),
        }
    }
}

impl BotSession {
    /// The markup in the form the bot puts on the wire.
    fn as_sent(&self, chat: i64, mut markup: Markup) -> Markup {
        let private = self
            .setup
            .chats
            .iter()
            .any(|known| known.id == chat && known.kind == ChatKind::Private);
        match &mut markup {
            Markup::Keyboard(keyboard) => {
                keyboard.selective &= !private;
                keyboard.placeholder = keyboard.placeholder.take().filter(|text| !text.is_empty());
            }
            Markup::ForceReply {
                selective,
                placeholder,
                ..
            } => {
                *selective &= !private;
                *placeholder = placeholder.take().filter(|text| !text.is_empty());
            }
            Markup::Hide { selective } => *selective &= !private,
            Markup::Inline { .. } => {}
        }
        let rows = match &mut markup {
            Markup::Keyboard(keyboard) => &mut keyboard.rows,
            Markup::Inline { rows } => rows,
            Markup::Hide { .. } | Markup::ForceReply { .. } => return markup,
        };
        for button in rows.iter_mut().flatten() {
            button.style = button.style.take().filter(|style| !style.is_empty());
            if let ButtonKind::RequestPeer(request) = &mut button.kind {
                request.input = self.layer >= INPUT_REQUEST_PEER_FROM;
            }
        }
        markup
    }
}

/// The query ID and game short name of a callback-query update.
pub fn callback_query(update: &Update) -> Option<(i64, Option<&str>)> {
    match update {
        Update::BotCallbackQuery {
            query_id,
            game_short_name,
            ..
        }
        | Update::InlineBotCallbackQuery {
            query_id,
            game_short_name,
            ..
        } => Some((*query_id, game_short_name.as_deref())),
        Update::BusinessBotCallbackQuery { query_id, .. } => Some((*query_id, None)),
        Update::ServiceMessage { .. } | Update::ManagedBot { .. } => None,
    }
}

fn answer(game: Option<&str>) -> CallbackAnswer {
    CallbackAnswer {
        url: game.map(game_url),
        ..CallbackAnswer::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::bot::scenario::{setup, GROUP, USER};
    use crate::model::button::{Button, RequestPeerButton};
    use crate::model::markup::ReplyKeyboard;
    use crate::model::peer_type::PeerType;
    use crate::model::style::Style;

    fn keyboard(selective: bool, placeholder: Option<&str>, buttons: Vec<Button>) -> Markup {
        let placeholder = placeholder.map(str::to_owned);
        Markup::Keyboard(ReplyKeyboard {
            rows: vec![buttons],
            resize: false,
            single_use: false,
            selective,
            persistent: false,
            placeholder,
        })
    }

    fn peer_request(input: bool) -> Button {
        let request = RequestPeerButton {
            button_id: 3,
            peer_type: PeerType::User {
                bot: None,
                premium: None,
            },
            max_quantity: 2,
            name_requested: false,
            username_requested: false,
            photo_requested: false,
            input,
        };
        Button {
            text: "pick".to_owned(),
            style: Some(Style::default()),
            kind: ButtonKind::RequestPeer(request),
        }
    }

    fn sent(layer: u32, chat: i64, markup: Markup) -> Markup {
        let mut bot = BotSession::new(layer, &setup(false));
        match bot
            .step(&BotInput::Send {
                chat,
                text: "hi".to_owned(),
                markup,
            })
            .as_slice()
        {
            [Call::SendMessage {
                peer,
                markup: Some(markup),
                ..
            }] if *peer == chat => markup.clone(),
            other => panic!("expected one sendMessage to {chat}; got {other:?}"),
        }
    }

    #[test]
    fn sends_markup_in_the_bot_form() {
        let expected_input = |layer| match sent(
            layer,
            USER,
            keyboard(true, Some(""), vec![peer_request(layer < 177)]),
        ) {
            Markup::Keyboard(keyboard) => {
                assert!(
                    !keyboard.selective && keyboard.placeholder.is_none(),
                    "selective and empty placeholder dropped: {keyboard:?}"
                );
                assert_eq!(keyboard.rows[0][0].style, None, "empty style dropped");
                matches!(&keyboard.rows[0][0].kind, ButtonKind::RequestPeer(request) if request.input == (layer >= 177))
            }
            _ => false,
        };
        assert!(expected_input(176) && expected_input(177) && expected_input(230));
        assert_eq!(
            sent(230, GROUP, Markup::Hide { selective: true }),
            Markup::Hide { selective: true },
            "selective kept in a group"
        );
    }

    #[test]
    fn answers_each_query_at_once_with_its_id() {
        let mut bot = BotSession::new(200, &setup(false));
        let game = Update::InlineBotCallbackQuery {
            query_id: 9,
            user_id: USER,
            inline_msg_id: "m".to_owned(),
            data: None,
            game_short_name: Some("tetris".to_owned()),
        };
        let expected = CallbackAnswer {
            url: Some(game_url("tetris")),
            ..CallbackAnswer::default()
        };
        assert_eq!(
            bot.step(&BotInput::Update { update: game }),
            vec![Call::SetBotCallbackAnswer {
                query_id: 9,
                answer: expected
            }]
        );
        let plain = Update::BotCallbackQuery {
            query_id: -4,
            user_id: USER,
            peer: USER,
            msg_id: 1,
            data: Some(vec![1]),
            game_short_name: None,
        };
        assert_eq!(
            bot.step(&BotInput::Update { update: plain }),
            vec![Call::SetBotCallbackAnswer {
                query_id: -4,
                answer: CallbackAnswer::default()
            }]
        );
        assert!(bot.step(&BotInput::Advance { seconds: 5 }).is_empty());
        assert!(bot
            .step(&BotInput::Update {
                update: Update::ManagedBot { bot_id: 1 }
            })
            .is_empty());
    }
}
