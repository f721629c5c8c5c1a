//! Which URLs a bot may put in a callback answer: a deep link to itself, or, answering a game
//! button, a link to one of its games. Everything else is refused with URL_INVALID.

/// What a `t.me` / `tg://resolve` link points at.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Link<'a> {
    /// The bot, maybe with a start parameter.
    Bot { username: &'a str },
    Game {
        username: &'a str,
        short_name: &'a str,
    },
}

/// Parses `https://t.me/NAME[?start=P|?game=G]` (also `http://`, no scheme) and
/// `tg://resolve?domain=NAME[&start=P|&game=G]`; anything else is no deep link.
fn parse(url: &str) -> Option<Link<'_>> {
    let (username, param) = if let Some(rest) = url.strip_prefix("tg://resolve?domain=") {
        match rest.split_once('&') {
            Some((username, param)) => (username, Some(param)),
            None => (rest, None),
        }
    } else {
        let rest = ["https://t.me/", "http://t.me/", "t.me/"]
            .iter()
            .find_map(|prefix| url.strip_prefix(prefix))?;
        match rest.split_once('?') {
            Some((username, param)) => (username, Some(param)),
            None => (rest, None),
        }
    };
    let valid_username = !username.is_empty()
        && username
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !valid_username {
        return None;
    }
    match param.map(|param| param.split_once('=')) {
        None => Some(Link::Bot { username }),
        Some(Some(("start", value))) if !value.contains(['&', '?', '/']) => {
            Some(Link::Bot { username })
        }
        Some(Some(("game", short_name)))
            if !short_name.is_empty() && !short_name.contains(['&', '?', '/']) =>
        {
            Some(Link::Game {
                username,
                short_name,
            })
        }
        Some(_) => None,
    }
}

/// Whether `url` may be the answer of the bot `bot_username` (none: the bot has no username,
/// so no link can name it) to a press that was a game press or not; `owns_game` tells the bot's
/// games by short name.
pub fn answer_url_allowed(
    url: &str,
    bot_username: Option<&str>,
    game_press: bool,
    owns_game: impl Fn(&str) -> bool,
) -> bool {
    let Some(own) = bot_username else {
        return false;
    };
    match parse(url) {
        Some(Link::Bot { username }) => username.eq_ignore_ascii_case(own),
        Some(Link::Game {
            username,
            short_name,
        }) => game_press && username.eq_ignore_ascii_case(own) && owns_game(short_name),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::answer_url_allowed;

    fn allowed(url: &str, game_press: bool) -> bool {
        answer_url_allowed(url, Some("shop_bot"), game_press, |game| game == "tetris")
    }

    #[test]
    fn own_links_pass_and_others_do_not() {
        assert!(allowed("https://t.me/shop_bot", false));
        assert!(allowed("t.me/Shop_Bot?start=abc", false));
        assert!(allowed("tg://resolve?domain=shop_bot&start=x", false));
        assert!(allowed("https://t.me/shop_bot?game=tetris", true));
        assert!(
            !allowed("https://t.me/shop_bot?game=tetris", false),
            "a game link answers only a game press"
        );
        assert!(
            !allowed("https://t.me/shop_bot?game=chess", true),
            "not a game the bot owns"
        );
        assert!(!allowed("https://t.me/other_bot", false));
        assert!(!allowed("https://example.com/shop_bot", false));
        assert!(!allowed("https://t.me/shop_bot/extra", false));
        assert!(!allowed("https://t.me/shop_bot?startgroup=1", false));
        assert!(!answer_url_allowed(
            "https://t.me/shop_bot",
            None,
            false,
            |_| true
        ));
    }
}
