"""The golden-vector corpus, written as canonical JSON values.

Nothing here is trusted: make_vectors.py encodes every value with Telethon,
decodes the bytes back with Telethon, and records a vector only when both
directions agree (see corpus/golden/README.md).  The wire bytes come from
Telethon; the table in flow-rules §9.1 is only compared against.

Field order inside a value does not matter here: make_vectors.py rewrites
each value in declaration order before comparing.
"""

FR = "flow-rules §9.1"  # shared/reference/flow-rules.md, "Golden byte vectors"
GEN = "generated here"

# Eras: the layer ranges in which the seed objects keep their constructor ids
# (shared/schemas/PROVENANCE.md, "History of the seed ids"; flow-rules §0.2),
# each checked with the Telethon release that speaks a layer inside the range.
ERAS = [
    {"era": "177-221", "telethon": "1.42.0", "layer": 216},
    {"era": "224-228", "telethon": "1.44.0", "layer": 227},
    {"era": "229", "telethon": "1.45.0", "layer": 229},
]
ALL = ("177-221", "224-228", "229")
STYLED = ("224-228", "229")     # keyboardButtonStyle exists (layer >= 222)
L224 = ("224-228", "229")       # sendBotRequestedPeer#6c5cf2a7, managed bots, Mini App buttons
OLD_KB = ("177-221",)           # pre-222 KeyboardButton ids, no style
MID_KB = ("224-228",)           # 222-228 KeyboardButton ids, style at flags.10
NEW_KB = ("229",)               # keyboardButton + ButtonType, keyboardInlineButton + InlineButtonType


def peer_user(uid, ah):
    return {"_": "inputPeerUser", "user_id": str(uid), "access_hash": str(ah)}


def input_user(uid, ah):
    return {"_": "inputUser", "user_id": str(uid), "access_hash": str(ah)}


P_BOT = peer_user(100, 200)
P_CHOSEN = peer_user(300, 400)
STYLE_PRIMARY = {"_": "keyboardButtonStyle", "bg_primary": True}
STYLE_DANGER = {"_": "keyboardButtonStyle", "bg_danger": True}
STYLE_SUCCESS_ICON = {"_": "keyboardButtonStyle", "bg_success": True, "icon": "5368324170671202286"}
ICON_ONLY = {"_": "keyboardButtonStyle", "icon": "1234605616436508552"}  # 0x1122334455667788
ADMIN_RIGHTS = {"_": "chatAdminRights", "change_info": True, "delete_messages": True,
                "ban_users": True, "invite_users": True, "pin_messages": True}
BOT_RIGHTS = {"_": "chatAdminRights", "post_messages": True, "edit_messages": True,
              "manage_call": True}
UTF8_TEXT = "Привет, мир ✓ 🎮 ünïcödé"
DATA64 = bytes(range(64)).hex()


def h(spaced):
    """flow-rules writes bytes as spaced hex; vectors use compact lowercase hex."""
    return spaced.replace(" ", "").lower()


def v(id, type, value, eras=ALL, source=GEN, flow_rules_hex=None, note=None, schema=None):
    d = {"id": id, "type": type, "value": value, "eras": eras, "source": source}
    if schema is not None:
        d["schema"] = schema
    if flow_rules_hex is not None:
        d["flow_rules_hex"] = flow_rules_hex
    if note:
        d["note"] = note
    return d


def with_style(value, style):
    out = dict(value)
    out["style"] = style
    return out


VECTORS = []
add = VECTORS.append

# --- base types ------------------------------------------------------------------
add(v("GV-bool-true", "Bool", True, source=FR, flow_rules_hex=h("b5 75 72 99")))
add(v("GV-bool-false", "Bool", False, source=FR, flow_rules_hex=h("37 97 79 bc")))
add(v("GV-string-empty", "string", "", source=FR, flow_rules_hex=h("00 00 00 00")))
add(v("GV-string-a", "string", "a", source=FR, flow_rules_hex=h("01 61 00 00")))
add(v("GV-string-3", "string", "abc", note="1+3 bytes: no padding"))
add(v("GV-string-253", "string", "a" * 253, source=FR,
      flow_rules_hex="fd" + "61" * 253 + "0000",
      note="longest short-form length; flow-rules leaves the content open, 'a' is used here"))
add(v("GV-string-254", "string", "a" * 254, source=FR,
      flow_rules_hex="fefe0000" + "61" * 254 + "0000",
      note="shortest long-form (0xFE) length"))
add(v("GV-string-300", "string", "a" * 300, source=FR,
      flow_rules_hex="fe2c0100" + "61" * 300, note="long form, no padding"))
add(v("GV-string-utf8", "string", UTF8_TEXT, note="non-ASCII UTF-8 (2-, 3- and 4-byte sequences)"))
add(v("GV-string-utf8-long", "string", "é" * 150 + "🎮" * 10,
      note="non-ASCII UTF-8 of 340 bytes: long form"))
add(v("GV-bytes-empty", "bytes", ""))
add(v("GV-bytes-non-utf8", "bytes", "fffe80c0",
      note="not valid UTF-8: fine for bytes (TL-4)"))
add(v("GV-bytes-255", "bytes", bytes(range(255)).hex(), note="long form, 1 padding byte"))
add(v("GV-int-zero", "int", 0))
add(v("GV-int-minus-one", "int", -1))
add(v("GV-int-max", "int", 2147483647))
add(v("GV-int-min", "int", -2147483648))
add(v("GV-long-zero", "long", "0"))
add(v("GV-long-minus-one", "long", "-1"))
add(v("GV-long-max", "long", "9223372036854775807"))
add(v("GV-long-min", "long", "-9223372036854775808"))
add(v("GV-tl-getusers", "getUsers", {"_": "getUsers", "1": [2, 3, 4]}, source=
      "flow-rules §9.1, citing the TL page example (https://core.telegram.org/mtproto/TL: "
      "'Suppose we want to call getUsers([2,3,4])' -> 0x2d84d5f5 0x1cb5c415 0x3 0x2 0x3 0x4)",
      flow_rules_hex=h("f5 d5 84 2d 15 c4 b5 1c 03 00 00 00 02 00 00 00 03 00 00 00 04 00 00 00"),
      schema="getUsers#2d84d5f5 (Vector int) = Vector User;",
      note="the TL page's illustrative combinator, not a Telegram API function: no era schema "
           "has it, so its line is given in 'schema'; its one argument is anonymous and is "
           "keyed by its position, \"1\""))

add(v("GV-users-getusers", "users.getUsers",
      {"_": "users.getUsers", "id": [{"_": "inputUserSelf"}, input_user(2, 0), input_user(3, -1)]},
      note="the Telegram API's users.getUsers#0d91a548 id:Vector<InputUser>, for contrast with the "
           "TL page's getUsers#2d84d5f5 (Vector int) above"))

# --- keyboardButtonStyle (layer >= 222) -------------------------------------------
add(v("GV-style-primary", "KeyboardButtonStyle", STYLE_PRIMARY, STYLED, FR, h("30 34 dd 4f 01 00 00 00")))
add(v("GV-style-danger", "KeyboardButtonStyle", STYLE_DANGER, STYLED))
add(v("GV-style-success", "KeyboardButtonStyle", {"_": "keyboardButtonStyle", "bg_success": True}, STYLED))
add(v("GV-style-icon", "KeyboardButtonStyle", ICON_ONLY, STYLED, FR,
      h("30 34 dd 4f 08 00 00 00 88 77 66 55 44 33 22 11")))
add(v("GV-style-success-icon", "KeyboardButtonStyle", STYLE_SUCCESS_ICON, STYLED))
add(v("GV-style-primary-icon-negative", "KeyboardButtonStyle",
      {"_": "keyboardButtonStyle", "bg_primary": True, "icon": "-9223372036854775808"}, STYLED,
      note="icon at the long minimum"))
add(v("GV-style-icon-zero", "KeyboardButtonStyle", {"_": "keyboardButtonStyle", "icon": "0"}, STYLED,
      note="an optional long that is present and zero: flags.3 set, 8 zero bytes"))
add(v("GV-style-empty", "KeyboardButtonStyle", {"_": "keyboardButtonStyle"}, STYLED,
      note="well-formed on the wire, but STYLE-2 forbids a style with no colour and no icon"))
add(v("GV-style-primary-danger", "KeyboardButtonStyle",
      {"_": "keyboardButtonStyle", "bg_primary": True, "bg_danger": True}, STYLED,
      note="well-formed on the wire, but STYLE-1 allows one colour only"))

# --- RequestPeerType --------------------------------------------------------------
add(v("GV-rpt-user-bot", "RequestPeerType", {"_": "requestPeerTypeUser", "bot": True}, ALL, FR,
      h("00 8a 3b 5f 01 00 00 00 b5 75 72 99")))
add(v("GV-rpt-user-none", "RequestPeerType", {"_": "requestPeerTypeUser"}))
add(v("GV-rpt-user-bot-false-premium", "RequestPeerType",
      {"_": "requestPeerTypeUser", "bot": False, "premium": True},
      note="flags.0?Bool present as false: flag set and boolFalse written (TL-7)"))
add(v("GV-rpt-chat-full", "RequestPeerType",
      {"_": "requestPeerTypeChat", "creator": True, "bot_participant": True, "has_username": False,
       "forum": True, "user_admin_rights": ADMIN_RIGHTS, "bot_admin_rights": BOT_RIGHTS},
      note="fields in declaration order, not bit order: has_username(3) forum(4) user_admin_rights(1) bot_admin_rights(2)"))
add(v("GV-rpt-chat-bot-participant", "RequestPeerType",
      {"_": "requestPeerTypeChat", "bot_participant": True}))
add(v("GV-rpt-broadcast-rights", "RequestPeerType",
      {"_": "requestPeerTypeBroadcast", "has_username": True, "user_admin_rights": ADMIN_RIGHTS,
       "bot_admin_rights": BOT_RIGHTS}))
add(v("GV-rpt-broadcast-creator", "RequestPeerType",
      {"_": "requestPeerTypeBroadcast", "creator": True}))
add(v("GV-rpt-createbot-full", "RequestPeerType",
      {"_": "requestPeerTypeCreateBot", "bot_managed": True, "suggested_name": "Shop helper",
       "suggested_username": "shop_helper_bot"}, L224))
add(v("GV-rpt-createbot-empty", "RequestPeerType", {"_": "requestPeerTypeCreateBot"}, L224))

# --- KeyboardButton, pre-229 shapes ----------------------------------------------
RPT_USERS = {"_": "requestPeerTypeUser", "bot": False}
OLD_BUTTONS = [
    ("plain", {"_": "keyboardButton", "text": "Hello"}),
    ("url", {"_": "keyboardButtonUrl", "text": "Open", "url": "https://example.org/a?b=c"}),
    ("callback", {"_": "keyboardButtonCallback", "text": "Press", "data": "01020304"}),
    ("request-phone", {"_": "keyboardButtonRequestPhone", "text": "Share phone"}),
    ("request-geo", {"_": "keyboardButtonRequestGeoLocation", "text": "Share location"}),
    ("switch-inline", {"_": "keyboardButtonSwitchInline", "text": "Search", "query": "cats"}),
    ("game", {"_": "keyboardButtonGame", "text": "Play"}),
    ("buy", {"_": "keyboardButtonBuy", "text": "Pay 5 ⭐"}),
    ("url-auth", {"_": "keyboardButtonUrlAuth", "text": "Log in", "url": "https://example.org/login",
                  "button_id": 7}),
    ("input-url-auth", {"_": "inputKeyboardButtonUrlAuth", "text": "Log in",
                        "url": "https://example.org/login", "bot": {"_": "inputUserSelf"}}),
    ("request-poll", {"_": "keyboardButtonRequestPoll", "text": "New poll"}),
    ("input-user-profile", {"_": "inputKeyboardButtonUserProfile", "text": "Profile",
                            "user_id": input_user(100, 200)}),
    ("user-profile", {"_": "keyboardButtonUserProfile", "text": "Profile", "user_id": "100"}),
    ("webview", {"_": "keyboardButtonWebView", "text": "App", "url": "https://example.org/app"}),
    ("simple-webview", {"_": "keyboardButtonSimpleWebView", "text": "App", "url": "https://example.org/app"}),
    ("request-peer", {"_": "keyboardButtonRequestPeer", "text": "Choose users", "button_id": 1,
                      "peer_type": RPT_USERS, "max_quantity": 10}),
    ("input-request-peer", {"_": "inputKeyboardButtonRequestPeer", "text": "Choose users",
                            "button_id": 1, "peer_type": RPT_USERS, "max_quantity": 10}),
    ("copy", {"_": "keyboardButtonCopy", "text": "Copy", "copy_text": "PROMO-2026"}),
]
for slug, val in OLD_BUTTONS:
    add(v("GV-kb-%s" % slug, "KeyboardButton", val, OLD_KB + MID_KB))
    add(v("GV-kb-%s-styled" % slug, "KeyboardButton", with_style(val, STYLE_SUCCESS_ICON), MID_KB))

add(v("GV-kb-callback-password-64", "KeyboardButton",
      {"_": "keyboardButtonCallback", "requires_password": True, "text": "Transfer", "data": DATA64},
      OLD_KB + MID_KB, note="64-byte data (the Bot API maximum)"))
add(v("GV-kb-callback-password-64-styled", "KeyboardButton",
      {"_": "keyboardButtonCallback", "requires_password": True, "style": STYLE_DANGER,
       "text": "Transfer", "data": DATA64}, MID_KB,
      note="requires_password (flags.0) is declared before style (flags.10)"))
add(v("GV-kb-switch-inline-peer-types", "KeyboardButton",
      {"_": "keyboardButtonSwitchInline", "same_peer": True, "text": "Share", "query": "",
       "peer_types": [{"_": "inlineQueryPeerTypePM"}, {"_": "inlineQueryPeerTypeChat"},
                      {"_": "inlineQueryPeerTypeMegagroup"}]}, OLD_KB + MID_KB))
add(v("GV-kb-url-auth-fwd", "KeyboardButton",
      {"_": "keyboardButtonUrlAuth", "text": "Log in", "fwd_text": "Log in (forwarded)",
       "url": "https://example.org/login", "button_id": -1}, OLD_KB + MID_KB))
add(v("GV-kb-input-url-auth-write", "KeyboardButton",
      {"_": "inputKeyboardButtonUrlAuth", "request_write_access": True, "text": "Log in",
       "fwd_text": "Fwd", "url": "https://example.org/login", "bot": input_user(100, 200)},
      OLD_KB + MID_KB))
add(v("GV-kb-request-poll-quiz", "KeyboardButton",
      {"_": "keyboardButtonRequestPoll", "quiz": True, "text": "New quiz"}, OLD_KB + MID_KB))
add(v("GV-kb-request-poll-regular", "KeyboardButton",
      {"_": "keyboardButtonRequestPoll", "quiz": False, "text": "New poll"}, OLD_KB + MID_KB))
add(v("GV-kb-request-poll-quiz-styled", "KeyboardButton",
      {"_": "keyboardButtonRequestPoll", "style": STYLE_PRIMARY, "quiz": True, "text": "New quiz"},
      MID_KB, note="style (flags.10) is declared before quiz (flags.0): TL-23"))
add(v("GV-kb-input-request-peer-all-flags", "KeyboardButton",
      {"_": "inputKeyboardButtonRequestPeer", "name_requested": True, "username_requested": True,
       "photo_requested": True, "style": STYLE_PRIMARY, "text": "Pick a group", "button_id": 2,
       "peer_type": {"_": "requestPeerTypeChat", "has_username": True, "forum": False},
       "max_quantity": 1}, MID_KB))
add(v("GV-kb-input-request-peer-flags-nostyle", "KeyboardButton",
      {"_": "inputKeyboardButtonRequestPeer", "name_requested": True, "photo_requested": True,
       "text": "Pick users", "button_id": -2147483648, "peer_type": {"_": "requestPeerTypeUser", "premium": True},
       "max_quantity": 10}, OLD_KB + MID_KB))
add(v("GV-kb-request-peer-createbot", "KeyboardButton",
      {"_": "keyboardButtonRequestPeer", "text": "Create a bot", "button_id": 3,
       "peer_type": {"_": "requestPeerTypeCreateBot", "bot_managed": True, "suggested_name": "Helper",
                     "suggested_username": "helper_bot"}, "max_quantity": 1}, MID_KB))
add(v("GV-kb-text-utf8-long", "KeyboardButton",
      {"_": "keyboardButton", "text": "Ж" * 200}, OLD_KB + MID_KB,
      note="400-byte UTF-8 text: long-form length inside an object"))

# --- KeyboardButton / KeyboardInlineButton, layer 229 shapes ----------------------
BUTTON_TYPES_229 = [
    ("default", {"_": "buttonTypeDefault"}),
    ("request-phone", {"_": "buttonTypeRequestPhone"}),
    ("request-geo", {"_": "buttonTypeRequestGeoLocation"}),
    ("request-poll", {"_": "buttonTypeRequestPoll"}),
    ("request-poll-quiz", {"_": "buttonTypeRequestPoll", "quiz": True}),
    ("simple-webview", {"_": "buttonTypeSimpleWebView", "url": "https://example.org/app"}),
    ("request-peer", {"_": "buttonTypeRequestPeer", "button_id": 1, "peer_type": RPT_USERS,
                      "max_quantity": 10}),
    ("input-request-peer", {"_": "inputButtonTypeRequestPeer", "name_requested": True,
                            "username_requested": True, "photo_requested": True, "button_id": 1,
                            "peer_type": RPT_USERS, "max_quantity": 10}),
]
for slug, t in BUTTON_TYPES_229:
    val = {"_": "keyboardButton", "text": "Button", "type": t}
    add(v("GV-kb229-%s" % slug, "KeyboardButton", val, NEW_KB))
    add(v("GV-kb229-%s-styled" % slug, "KeyboardButton", with_style(val, STYLE_SUCCESS_ICON), NEW_KB))
    add(v("GV-bt229-%s" % slug, "ButtonType", t, NEW_KB))

INLINE_TYPES_229 = [
    ("url", {"_": "inlineButtonTypeUrl", "url": "https://example.org/a?b=c"}),
    ("callback", {"_": "inlineButtonTypeCallback", "data": "01020304"}),
    ("callback-password-64", {"_": "inlineButtonTypeCallback", "requires_password": True, "data": DATA64}),
    ("switch-inline", {"_": "inlineButtonTypeSwitchInline", "same_peer": True, "query": "cats",
                       "peer_types": [{"_": "inlineQueryPeerTypePM"}, {"_": "inlineQueryPeerTypeBotPM"}]}),
    ("game", {"_": "inlineButtonTypeGame"}),
    ("buy", {"_": "inlineButtonTypeBuy"}),
    ("url-auth", {"_": "inlineButtonTypeUrlAuth", "fwd_text": "Fwd", "url": "https://example.org/login",
                  "button_id": 7}),
    ("input-url-auth", {"_": "inputInlineButtonTypeUrlAuth", "request_write_access": True,
                        "url": "https://example.org/login", "bot": {"_": "inputUserSelf"}}),
    ("user-profile", {"_": "inlineButtonTypeUserProfile", "user_id": "100"}),
    ("input-user-profile", {"_": "inputInlineButtonTypeUserProfile", "user_id": input_user(100, 200)}),
    ("webview", {"_": "inlineButtonTypeWebView", "url": "https://example.org/app"}),
    ("copy", {"_": "inlineButtonTypeCopy", "copy_text": "PROMO-2026"}),
    ("disabled", {"_": "inlineButtonTypeDisabled"}),
]
for slug, t in INLINE_TYPES_229:
    val = {"_": "keyboardInlineButton", "text": "Button", "type": t}
    add(v("GV-ikb229-%s" % slug, "KeyboardInlineButton", val, NEW_KB))
    add(v("GV-ikb229-%s-styled" % slug, "KeyboardInlineButton", with_style(val, STYLE_DANGER), NEW_KB))

# --- ReplyMarkup --------------------------------------------------------------------
def row(*buttons):
    return {"_": "keyboardButtonRow", "buttons": list(buttons)}


def irow(*buttons):
    return {"_": "keyboardInlineButtonRow", "buttons": list(buttons)}


KB_PLAIN = {"_": "keyboardButton", "text": "Yes"}
KB_PLAIN_NO = {"_": "keyboardButton", "text": "No"}
KB_PHONE = {"_": "keyboardButtonRequestPhone", "text": "Share phone"}
KB_PEER = {"_": "keyboardButtonRequestPeer", "text": "Choose", "button_id": 1,
           "peer_type": RPT_USERS, "max_quantity": 3}
KB229 = lambda text, t: {"_": "keyboardButton", "text": text, "type": t}

add(v("GV-rm-hide", "ReplyMarkup", {"_": "replyKeyboardHide"}))
add(v("GV-rm-hide-selective", "ReplyMarkup", {"_": "replyKeyboardHide", "selective": True}))
add(v("GV-rm-force-reply", "ReplyMarkup", {"_": "replyKeyboardForceReply"}))
add(v("GV-rm-force-reply-full", "ReplyMarkup",
      {"_": "replyKeyboardForceReply", "single_use": True, "selective": True,
       "placeholder": "Reply here…"}))
for eras, rows, suffix in [
    (OLD_KB + MID_KB, [row(KB_PLAIN, KB_PLAIN_NO), row(KB_PHONE), row(KB_PEER)], ""),
    (NEW_KB, [row(KB229("Yes", {"_": "buttonTypeDefault"}), KB229("No", {"_": "buttonTypeDefault"})),
              row(KB229("Share phone", {"_": "buttonTypeRequestPhone"})),
              row(KB229("Choose", {"_": "buttonTypeRequestPeer", "button_id": 1, "peer_type": RPT_USERS,
                                   "max_quantity": 3}))], "229"),
]:
    add(v("GV-rm%s-keyboard-placeholder" % suffix, "ReplyMarkup",
          {"_": "replyKeyboardMarkup", "resize": True, "single_use": True, "selective": True,
           "persistent": True, "rows": rows, "placeholder": "Pick one"}, eras,
          note="placeholder is flags.3 but is serialized after rows (TL-23)"))
    add(v("GV-rm%s-keyboard-plain" % suffix, "ReplyMarkup",
          {"_": "replyKeyboardMarkup", "rows": rows[:1]}, eras))
add(v("GV-rm-keyboard-empty-rows", "ReplyMarkup", {"_": "replyKeyboardMarkup", "rows": []},
      note="empty keyboard: well-formed on the wire (KBD-20: clients treat it as no markup)"))
add(v("GV-rm229-keyboard-force-reply-flag", "ReplyMarkup",
      {"_": "replyKeyboardMarkup", "persistent": True, "force_reply": True,
       "rows": [row(KB229("OK", {"_": "buttonTypeDefault"}))]}, NEW_KB,
      note="force_reply (flags.5) is new in layer 229 under the unchanged id 85dd99d1: "
           "true flags do not enter the CRC (TL-26)"))
add(v("GV-rm-inline-mixed", "ReplyMarkup",
      {"_": "replyInlineMarkup", "rows": [
          row({"_": "keyboardButtonUrl", "text": "Site", "url": "https://example.org"},
              {"_": "keyboardButtonCallback", "text": "Like", "data": "6c696b65"}),
          row({"_": "keyboardButtonSwitchInline", "same_peer": True, "text": "Inline", "query": "q"}),
          row({"_": "keyboardButtonCallback", "text": "1", "data": "31"},
              {"_": "keyboardButtonCallback", "text": "2", "data": "32"},
              {"_": "keyboardButtonCallback", "text": "3", "data": "33"}),
      ]}, OLD_KB + MID_KB))
add(v("GV-rm-inline-mixed-styled", "ReplyMarkup",
      {"_": "replyInlineMarkup", "rows": [
          row({"_": "keyboardButtonUrl", "style": STYLE_PRIMARY, "text": "Site", "url": "https://example.org"},
              {"_": "keyboardButtonCallback", "style": STYLE_DANGER, "text": "Delete", "data": "64656c"}),
          row({"_": "keyboardButtonGame", "text": "Play"}),
          row({"_": "keyboardButtonCopy", "style": ICON_ONLY, "text": "Copy", "copy_text": "x"}),
      ]}, MID_KB))
add(v("GV-rm229-inline-mixed", "ReplyMarkup",
      {"_": "replyInlineMarkup", "rows": [
          irow({"_": "keyboardInlineButton", "style": STYLE_PRIMARY, "text": "Site",
                "type": {"_": "inlineButtonTypeUrl", "url": "https://example.org"}},
               {"_": "keyboardInlineButton", "text": "Like",
                "type": {"_": "inlineButtonTypeCallback", "data": "6c696b65"}}),
          irow({"_": "keyboardInlineButton", "text": "Inline",
                "type": {"_": "inlineButtonTypeSwitchInline", "query": "q"}}),
          irow({"_": "keyboardInlineButton", "style": STYLE_DANGER, "text": "Off",
                "type": {"_": "inlineButtonTypeDisabled"}}),
      ]}, NEW_KB))
add(v("GV-rm229-inline-force-reply", "ReplyMarkup",
      {"_": "replyInlineMarkup", "force_reply": True, "rows": []}, NEW_KB,
      note="replyInlineMarkup#b2b15770 has flags:# force_reply:flags.5?true in layer 229"))
add(v("GV-kbrow229-inline", "KeyboardInlineButtonRow",
      irow({"_": "keyboardInlineButton", "text": "Go", "type": {"_": "inlineButtonTypeGame"}}), NEW_KB))
add(v("GV-kbrow-single", "KeyboardButtonRow", row(KB_PLAIN), OLD_KB + MID_KB))

# --- messages.sendBotRequestedPeer --------------------------------------------------
SBRP_HEAD = "a7f25c6c"
add(v("GV-sbrp-msgid", "messages.sendBotRequestedPeer",
      {"_": "messages.sendBotRequestedPeer", "peer": P_BOT, "msg_id": 42, "button_id": 7,
       "requested_peers": [P_CHOSEN]}, L224, FR,
      h("a7 f2 5c 6c 01 00 00 00 4c a5 e8 dd 64 00 00 00 00 00 00 00 c8 00 00 00 00 00 00 00 2a 00 00 00 "
        "07 00 00 00 15 c4 b5 1c 01 00 00 00 4c a5 e8 dd 2c 01 00 00 00 00 00 00 90 01 00 00 00 00 00 00")))
add(v("GV-sbrp-webapp", "messages.sendBotRequestedPeer",
      {"_": "messages.sendBotRequestedPeer", "peer": P_BOT, "webapp_req_id": "abc", "button_id": 7,
       "requested_peers": [P_CHOSEN]}, L224, FR,
      h("a7 f2 5c 6c 02 00 00 00 4c a5 e8 dd 64 00 00 00 00 00 00 00 c8 00 00 00 00 00 00 00 03 61 62 63 "
        "07 00 00 00 15 c4 b5 1c 01 00 00 00 4c a5 e8 dd 2c 01 00 00 00 00 00 00 90 01 00 00 00 00 00 00")))
add(v("GV-sbrp-legacy", "messages.sendBotRequestedPeer",
      {"_": "messages.sendBotRequestedPeer", "peer": P_BOT, "msg_id": 42, "button_id": 7,
       "requested_peers": [P_CHOSEN]}, OLD_KB, FR,
      h("60 d0 b2 91 4c a5 e8 dd 64 00 00 00 00 00 00 00 c8 00 00 00 00 00 00 00 2a 00 00 00 07 00 00 00 "
        "15 c4 b5 1c 01 00 00 00 4c a5 e8 dd 2c 01 00 00 00 00 00 00 90 01 00 00 00 00 00 00"),
      note="#91b2d060 (layers 169-223): msg_id is mandatory, no flags"))
TEN_PEERS = [peer_user(1000 + i, -(2 ** 63) + i if i % 2 else 2 ** 63 - 1 - i) for i in range(10)]
add(v("GV-sbrp-10-peers", "messages.sendBotRequestedPeer",
      {"_": "messages.sendBotRequestedPeer", "peer": P_BOT, "msg_id": 2147483647, "button_id": -7,
       "requested_peers": TEN_PEERS}, L224,
      note="10 peers (the Bot API maximum for users), access hashes at the long extremes"))
add(v("GV-sbrp-10-peers-legacy", "messages.sendBotRequestedPeer",
      {"_": "messages.sendBotRequestedPeer", "peer": P_BOT, "msg_id": 2147483647, "button_id": -7,
       "requested_peers": TEN_PEERS}, OLD_KB))
add(v("GV-sbrp-webapp-mixed-peers", "messages.sendBotRequestedPeer",
      {"_": "messages.sendBotRequestedPeer", "peer": P_BOT, "webapp_req_id": "req-" + "x" * 260,
       "button_id": 0, "requested_peers": [{"_": "inputPeerChannel", "channel_id": "1234567890",
                                             "access_hash": "-5"}, {"_": "inputPeerChat", "chat_id": "77"}]},
      L224, note="webapp_req_id of 264 bytes: long-form string inside a function"))
add(v("GV-sbrp-msgid-zero", "messages.sendBotRequestedPeer",
      {"_": "messages.sendBotRequestedPeer", "peer": P_BOT, "msg_id": 0, "button_id": 0,
       "requested_peers": [P_CHOSEN]}, L224,
      note="an optional int that is present and zero: flags.0 set"))
add(v("GV-sbrp-both", "messages.sendBotRequestedPeer",
      {"_": "messages.sendBotRequestedPeer", "peer": P_BOT, "msg_id": 1, "webapp_req_id": "r",
       "button_id": 1, "requested_peers": [P_CHOSEN]}, L224,
      note="msg_id and webapp_req_id both set: well-formed on the wire; whether the server accepts it is open (Q-3)"))
add(v("GV-sbrp-neither", "messages.sendBotRequestedPeer",
      {"_": "messages.sendBotRequestedPeer", "peer": P_BOT, "button_id": 1,
       "requested_peers": []}, L224,
      note="no msg_id, no webapp_req_id, no peers: well-formed on the wire, invalid by SBRP-4/SBRP-5"))

# --- service messages -----------------------------------------------------------------
add(v("GV-action-requested-peer", "MessageAction",
      {"_": "messageActionRequestedPeer", "button_id": 7,
       "peers": [{"_": "peerUser", "user_id": "300"}, {"_": "peerChat", "chat_id": "400"},
                 {"_": "peerChannel", "channel_id": "1234567890123"}]}))
add(v("GV-action-requested-peer-sent-me", "MessageAction",
      {"_": "messageActionRequestedPeerSentMe", "button_id": 7, "peers": [
          {"_": "requestedPeerUser", "user_id": "300", "first_name": "Ада", "last_name": "Lovelace",
           "username": "ada", "photo": {"_": "photoEmpty", "id": "0"}},
          {"_": "requestedPeerUser", "user_id": "301"},
          {"_": "requestedPeerChat", "chat_id": "400", "title": "Group"},
          {"_": "requestedPeerChannel", "channel_id": "500", "title": "Channel", "username": "chan"}]},
      note="requestedPeerUser first_name/last_name share flags.0 (TL-22)"))
add(v("GV-action-managed-bot-created", "MessageAction",
      {"_": "messageActionManagedBotCreated", "bot_id": "7000000001"}, L224))

# --- Mini App peer requests -----------------------------------------------------------
add(v("GV-bots-request-webview-button", "bots.requestWebViewButton",
      {"_": "bots.requestWebViewButton", "user_id": input_user(300, 400),
       "button": {"_": "inputKeyboardButtonRequestPeer", "username_requested": True, "text": "Choose",
                  "button_id": 5, "peer_type": {"_": "requestPeerTypeBroadcast", "creator": True},
                  "max_quantity": 1}}, MID_KB))
add(v("GV-bots-request-webview-button-229", "bots.requestWebViewButton",
      {"_": "bots.requestWebViewButton", "user_id": input_user(300, 400),
       "button": {"_": "keyboardButton", "text": "Choose", "type": {
           "_": "inputButtonTypeRequestPeer", "username_requested": True, "button_id": 5,
           "peer_type": {"_": "requestPeerTypeBroadcast", "creator": True}, "max_quantity": 1}}}, NEW_KB))
add(v("GV-bots-get-requested-webview-button", "bots.getRequestedWebViewButton",
      {"_": "bots.getRequestedWebViewButton", "bot": input_user(100, 200),
       "webapp_req_id": "AAEAAQ-req_1"}, L224))
add(v("GV-bots-requested-button", "bots.RequestedButton",
      {"_": "bots.requestedButton", "webapp_req_id": "AAEAAQ-req_1"}, L224))

# --- callback buttons -----------------------------------------------------------------
add(v("GV-gbca-game", "messages.getBotCallbackAnswer",
      {"_": "messages.getBotCallbackAnswer", "game": True, "peer": P_BOT, "msg_id": 5}, ALL, FR,
      h("07 ca 42 93 02 00 00 00 4c a5 e8 dd 64 00 00 00 00 00 00 00 c8 00 00 00 00 00 00 00 05 00 00 00")))
add(v("GV-gbca-data", "messages.getBotCallbackAnswer",
      {"_": "messages.getBotCallbackAnswer", "peer": P_BOT, "msg_id": 5, "data": "0102"}, ALL, FR,
      h("07 ca 42 93 01 00 00 00 4c a5 e8 dd 64 00 00 00 00 00 00 00 c8 00 00 00 00 00 00 00 05 00 00 00 02 01 02 00")))
add(v("GV-gbca-password", "messages.getBotCallbackAnswer",
      {"_": "messages.getBotCallbackAnswer", "peer": P_BOT, "msg_id": 5, "data": DATA64,
       "password": {"_": "inputCheckPasswordSRP", "srp_id": "-1234567890123456789",
                    "A": (bytes(range(256)) * 1).hex(), "M1": bytes(range(32)).hex()}},
      note="data + SRP password (CB-3); A is 256 bytes (long form), M1 32 bytes"))
add(v("GV-gbca-password-empty", "messages.getBotCallbackAnswer",
      {"_": "messages.getBotCallbackAnswer", "peer": {"_": "inputPeerSelf"}, "msg_id": 1,
       "data": "00", "password": {"_": "inputCheckPasswordEmpty"}}))
add(v("GV-bca-alert", "messages.BotCallbackAnswer",
      {"_": "messages.botCallbackAnswer", "alert": True, "message": "Are you sure? ⚠️", "cache_time": 0}))
add(v("GV-bca-url", "messages.BotCallbackAnswer",
      {"_": "messages.botCallbackAnswer", "has_url": True, "url": "https://t.me/examplebot?start=x",
       "cache_time": 3600}))
add(v("GV-bca-game-native", "messages.BotCallbackAnswer",
      {"_": "messages.botCallbackAnswer", "has_url": True, "native_ui": True,
       "url": "https://example.org/game", "cache_time": 2592000}))
add(v("GV-bca-empty", "messages.BotCallbackAnswer",
      {"_": "messages.botCallbackAnswer", "cache_time": -1},
      note="negative cache_time: well-formed on the wire"))
add(v("GV-sbca-full", "messages.setBotCallbackAnswer",
      {"_": "messages.setBotCallbackAnswer", "alert": True, "query_id": "-8070450532247928832",
       "message": "Done", "url": "https://t.me/examplebot?start=done", "cache_time": 60}))
add(v("GV-sbca-minimal", "messages.setBotCallbackAnswer",
      {"_": "messages.setBotCallbackAnswer", "query_id": "1", "cache_time": 0}))
add(v("GV-update-bot-callback-64", "Update",
      {"_": "updateBotCallbackQuery", "query_id": "9223372036854775807", "user_id": "300",
       "peer": {"_": "peerUser", "user_id": "100"}, "msg_id": 42, "chat_instance": "-9223372036854775808",
       "data": DATA64}, note="64-byte data (padding 3), long extremes"))
add(v("GV-update-bot-callback-game", "Update",
      {"_": "updateBotCallbackQuery", "query_id": "1", "user_id": "300",
       "peer": {"_": "peerChannel", "channel_id": "1234567890"}, "msg_id": 1, "chat_instance": "2",
       "game_short_name": "tetris"}))
add(v("GV-update-inline-callback", "Update",
      {"_": "updateInlineBotCallbackQuery", "query_id": "5", "user_id": "300",
       "msg_id": {"_": "inputBotInlineMessageID", "dc_id": 2, "id": "123", "access_hash": "-456"},
       "chat_instance": "789", "data": "ff"}))
add(v("GV-update-inline-callback-64", "Update",
      {"_": "updateInlineBotCallbackQuery", "query_id": "5", "user_id": "300",
       "msg_id": {"_": "inputBotInlineMessageID64", "dc_id": 4, "owner_id": "-1001234567890",
                  "id": 99, "access_hash": "456"},
       "chat_instance": "789", "game_short_name": "snake"}))
add(v("GV-update-business-callback", "Update",
      {"_": "updateBusinessBotCallbackQuery", "query_id": "5", "user_id": "300",
       "connection_id": "conn-1", "message": {"_": "messageEmpty", "id": 10,
                                              "peer_id": {"_": "peerUser", "user_id": "300"}},
       "reply_to_message": {"_": "messageEmpty", "id": 9}, "chat_instance": "1", "data": "01"}))


# --- invalid inputs -------------------------------------------------------------------
# Each: (slug, eras, type, hex, error, offset, why).  Offsets are absolute byte
# positions in `hex`; their meaning per error kind is documented in the README.
def _i(slug, eras, type, hexs, error, offset, why):
    return {"slug": slug, "eras": eras, "type": type, "hex": hexs.replace(" ", ""), "error": error,
            "offset": offset, "why": why}


STYLE = "3034dd4f"
GBCA = "07ca4293"
IPU = "4ca5e8dd" + "6400000000000000" + "c800000000000000"   # inputPeerUser(100, 200)
VEC = "15c4b51c"
RPTU = "008a3b5f"
INVALID = [
    _i("truncated-bool", ALL, "Bool", "b57572", "truncated", 0,
       "3 bytes where a 4-byte Bool constructor id is needed"),
    _i("truncated-string-body", ALL, "string", "05616263", "truncated", 0,
       "length byte says 5 but only 3 bytes follow"),
    _i("truncated-string-padding", ALL, "string", "0161", "truncated", 0,
       "'a' without its 2 padding bytes: the value must fill 4 bytes"),
    _i("truncated-long-form-header", ALL, "string", "fe2c01", "truncated", 0,
       "0xFE long form needs a 3-byte length; only 2 follow"),
    _i("truncated-style-icon", STYLED, "KeyboardButtonStyle", STYLE + "08000000" + "88776655", "truncated", 8,
       "flags.3 promises an 8-byte icon; only 4 bytes follow"),
    _i("truncated-vector-element", L224, "messages.sendBotRequestedPeer",
       "a7f25c6c" + "01000000" + IPU + "2a000000" + "07000000" + VEC + "02000000" +
       "4ca5e8dd" + "2c01000000000000" + "9001000000000000", "truncated", 64,
       "count 2 but one inputPeerUser follows: the second element's constructor id is missing"),
    _i("unknown-constructor-top", ALL, "KeyboardButtonStyle", "efbeadde", "unknown_constructor", 0,
       "0xdeadbeef is no constructor of the era schema"),
    _i("unknown-constructor-nested", MID_KB, "KeyboardButton",
       "60c92be6" + "00040000" + "efbeadde" + "00000000" + "00000000", "unknown_constructor", 8,
       "keyboardButtonCallback with flags.10 set whose style has an unknown constructor id"),
    _i("unexpected-constructor-style", STYLED, "KeyboardButtonStyle", "b5757299", "unexpected_constructor", 0,
       "boolTrue is a valid id but not a KeyboardButtonStyle"),
    _i("unexpected-constructor-peer", ALL, "messages.getBotCallbackAnswer",
       GBCA + "02000000" + "22175159" + "6400000000000000" + "05000000", "unexpected_constructor", 8,
       "peer must be an InputPeer; peerUser#59511722 is a Peer"),
    _i("unexpected-constructor-vector-element", ALL, "MessageAction",
       "9b8e5131" + "07000000" + VEC + "01000000" + "4ca5e8dd" + "6400000000000000" + "c800000000000000",
       "unexpected_constructor", 16, "messageActionRequestedPeer.peers is Vector<Peer>; inputPeerUser is an InputPeer"),
    _i("trailing-bytes-style", STYLED, "KeyboardButtonStyle", STYLE + "01000000" + "00000000", "trailing_bytes", 8,
       "a complete keyboardButtonStyle{bg_primary} followed by 4 more bytes"),
    _i("trailing-bytes-bool", ALL, "Bool", "b5757299" + "00", "trailing_bytes", 4,
       "one byte after a complete Bool"),
    _i("nonzero-padding-string", ALL, "string", "01610001", "nonzero_padding", 3,
       "'a' with padding bytes 00 01: padding must be zero"),
    _i("nonzero-padding-long-form", ALL, "string", "fefe0000" + "61" * 254 + "00ff", "nonzero_padding", 259,
       "254-byte string whose second padding byte is 0xff"),
    _i("nonzero-padding-callback-data", MID_KB, "KeyboardButton",
       "60c92be6" + "00000000" + "01410000" + "0201027f", "nonzero_padding", 15,
       "keyboardButtonCallback data 01 02 followed by padding 7f"),
    _i("non-canonical-length-empty", ALL, "string", "fe000000", "non_canonical_length", 0,
       "empty string in the 0xFE long form; a length < 254 must use the 1-byte form"),
    _i("non-canonical-length-3", ALL, "bytes", "fe030000" + "616263" + "00", "non_canonical_length", 0,
       "3-byte bytes value in the long form"),
    _i("non-canonical-length-253", ALL, "string", "fefd0000" + "61" * 253 + "000000", "non_canonical_length", 0,
       "253 bytes is the longest short form; the long form is not allowed for it"),
    _i("invalid-utf8-string", ALL, "string", "02c328" + "00", "invalid_utf8", 1,
       "c3 28: a lead byte followed by a non-continuation byte"),
    _i("invalid-utf8-surrogate", ALL, "string", "03eda080", "invalid_utf8", 1,
       "ed a0 80 encodes the surrogate U+D800, which UTF-8 forbids"),
    _i("invalid-utf8-overlong", ALL, "string", "02c0af" + "00", "invalid_utf8", 1,
       "c0 af is an overlong encoding of '/'"),
    _i("invalid-utf8-in-text", MID_KB, "KeyboardButton",
       "60c92be6" + "00000000" + "03" + "61ff62" + "01410000", "invalid_utf8", 10,
       "keyboardButtonCallback.text is a string; byte ff can never occur in UTF-8 (data, a bytes field, may hold anything)"),
    _i("bad-vector-id", L224, "messages.sendBotRequestedPeer",
       "a7f25c6c" + "01000000" + IPU + "2a000000" + "07000000" + "15c4b51d" + "00000000",
       "bad_vector_id", 36, "requested_peers starts with 1db5c415 instead of vector#1cb5c415"),
    _i("bad-vector-id-rows", OLD_KB + MID_KB, "ReplyMarkup", "5402a348" + "00000000" + "00000000", "bad_vector_id", 4,
       "replyInlineMarkup (layers <= 228) whose rows vector id is zero"),
    _i("negative-count", ALL, "MessageAction", "9b8e5131" + "07000000" + VEC + "ffffffff",
       "negative_count", 12, "vector count -1"),
    _i("count-too-large", ALL, "MessageAction",
       "9b8e5131" + "07000000" + VEC + "00000100" + "22175159" + "2c01000000000000",
       "count_too_large", 12, "count 65536 Peers, each at least 4 bytes, with 12 bytes left"),
    _i("count-too-large-longs", ALL, "Vector<long>", VEC + "02000000" + "0100000000000000" + "02000000",
       "count_too_large", 4, "count 2 of 8-byte longs with 12 bytes left"),
    _i("bad-bool-value", ALL, "RequestPeerType", RPTU + "01000000" + "01000000", "bad_bool", 8,
       "requestPeerTypeUser.bot is a Bool; 0x00000001 is neither boolTrue nor boolFalse"),
    _i("bad-bool-other-constructor", ALL, "RequestPeerType", RPTU + "02000000" + "3034dd4f", "bad_bool", 8,
       "requestPeerTypeUser.premium holds keyboardButtonStyle's id (a valid constructor, but not a Bool)"),
    _i("bad-bool-top", ALL, "Bool", "39d3ed3f", "bad_bool", 0,
       "true#3fedd339 is not a Bool constructor"),
]
