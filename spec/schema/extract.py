#!/usr/bin/env python3
"""Rebuild the layer-era schema files (spec/schema/<lo>-<hi>.tl) from the full schemas in
spec/schema/sources/.

    python3 spec/schema/extract.py            # rewrite every era file
    python3 spec/schema/extract.py --check    # exit 1 if a committed era file differs
    python3 spec/schema/extract.py --stats    # closure sizes, with and without Message
    python3 spec/schema/extract.py history A.tl B.tl C.tl@228 ...
        # ids of the carried set in each given full schema, and what changed between
        # consecutive files (sorted by the layer each declares); this is how the era
        # boundaries were measured; PATH@N sets the layer of a file that declares none

Only the standard library is used. Every definition is copied as the source writes it
(the text from its first character up to and including the `;`); nothing is reformatted.
"""

import hashlib
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCES = os.path.join(HERE, "sources")

# Era table: (first layer, last layer, source file in sources/, the layer the source declares).
# The boundaries are the layers at which an id of the carried set changes; README.md and
# sources/PROVENANCE.md give the observations behind each one.
ERAS = [
    (152, 157, "pyrofork-2.1.6-main_api.tl", 157),
    (158, 168, "pyrogram-main_api.tl", 158),
    (169, 176, "pyrofork-2.3.20-main_api.tl", 176),
    (177, 221, "tdesktop-api.tl", 214),
    (222, 223, "grammers-api.tl", 222),
    (224, 228, "tdlib-telegram_api.tl", 228),
    (229, 229, "kurigram-2.2.26-main_api.tl", 229),
    (230, 230, "grammers-crate-0.11.0-api.tl", 230),
]

# Why each boundary sits where it does (written into the era file headers).
BOUNDARY_NOTES = {
    152: "152: keyboardButtonRequestPeer, RequestPeerType, messageActionRequestedPeer and "
         "messages.sendBotRequestedPeer first appear: absent in pyrofork 2.1.3 (layer 151), present "
         "in pyrogram 2.0.100 (layer 152). The suite starts here.",
    158: "158: keyboardButtonSwitchInline 568a748 -> 93b9fbb5 (peer_types added); old id in "
         "pyrofork 2.1.6 (layer 157), new id in pyrogram 2.0.104 (layer 158).",
    169: "169: keyboardButtonRequestPeer d0b468c -> 53d7bfd8, messageActionRequestedPeer "
         "fe77345d -> 31518e9b, messages.sendBotRequestedPeer fe38d01b -> 91b2d060; old ids in "
         "pyrofork 2.3.13 (layer 167), new ids in pyrofork 2.3.15 and 2.3.16 (layer 169); layer 168 "
         "was not observed, the shared PROVENANCE.md id history gives d0b468c for 152-168.",
    177: "177: inputKeyboardButtonRequestPeer, RequestedPeer and messageActionRequestedPeerSentMe "
         "first appear; absent in pyrofork 2.3.20 (layer 176), present in pyrofork 2.3.21 (layer 177).",
    222: "222: every keyboardButton* id changes (style:flags.10?KeyboardButtonStyle added) and "
         "keyboardButtonStyle appears; old ids in kurigram 2.2.18 (layer 221), new ids in "
         "grammers-api.tl and kurigram 2.2.19 (layer 222).",
    224: "224: messages.sendBotRequestedPeer 91b2d060 -> 6c5cf2a7, requestPeerTypeCreateBot, "
         "messageActionManagedBotCreated and bots.* button methods appear; new ids in kurigram "
         "2.2.21 (layer 224). No source of layer 223 was found; the seed page of "
         "messages.sendBotRequestedPeer rendered at layer 223 shows 91b2d060.",
    229: "229: buttons reworked (keyboardButton 2f67a72f with ButtonType, replyInlineMarkup "
         "b2b15770 with KeyboardInlineButtonRow); old ids in tdlib/gotd (layer 228), new in "
         "kurigram 2.2.26 (layer 229).",
    230: "230: no id of the carried set changes (kurigram 2.2.26 at layer 229 and grammers-tl-types "
         "0.11.0 at layer 230 agree); kept as its own era because a different layer is declared.",
}

# Constructors, and `true` flags (written constructor.field: they take no bytes and do not
# enter the id), that appear part-way through an era (no id changes, so no split). A codec of
# an earlier layer of that era never meets them; spec/src/era.rs lists the same.
# (name, last layer seen without it, first seen with it)
LATE_ADDITIONS = {
    158: [
        ("chatAdminRights.post_stories", 163, 164),
        ("chatAdminRights.edit_stories", 163, 164),
        ("chatAdminRights.delete_stories", 163, 164),
    ],
    177: [
        ("keyboardButtonCopy", 187, 188),
        ("inputStickerSetTonGifts", 204, 207),
        ("chatAdminRights.manage_direct_messages", 204, 207),
    ],
    224: [("chatAdminRights.manage_linked_peers", 227, 228)],
}

# Definitions copied from a second source: a real schema of a later layer of the same era,
# because the era's source predates `true` flags that are late additions of the era.
# (era's first layer) -> [(constructor, file in sources/, the layer it declares)]. The copy
# must have the same id and result as the era source's definition and differ from it only by
# `flags.N?true` fields listed in LATE_ADDITIONS for that era.
SECOND_SOURCES = {
    158: [("chatAdminRights", "pyrofork-2.3.5-main_api.tl", 164)],
}

ROOT_TYPES = [
    "ReplyMarkup", "KeyboardButtonRow", "KeyboardButton", "KeyboardButtonStyle",
    "ButtonType", "InlineButtonType", "KeyboardInlineButton", "KeyboardInlineButtonRow",
    "RequestPeerType", "ChatAdminRights", "RequestedPeer",
    "InputPeer", "InputUser", "InputCheckPasswordSRP", "Bool", "True", "Vector",
]
ROOT_CONSTRUCTORS = [
    "messageActionRequestedPeer", "messageActionRequestedPeerSentMe",
    "messageActionManagedBotCreated", "updateBotCallbackQuery", "updateInlineBotCallbackQuery",
    "updateBusinessBotCallbackQuery", "messages.botCallbackAnswer", "bots.requestedButton",
]
ROOT_FUNCTIONS = [
    "messages.getBotCallbackAnswer", "messages.setBotCallbackAnswer",
    "messages.sendBotRequestedPeer", "bots.requestWebViewButton",
    "bots.getRequestedWebViewButton", "bots.createBot",
]
# Types whose closure is not carried, and the roots dropped because they need them.
NOT_CARRIED = {"Message": ["updateBusinessBotCallbackQuery"]}

PRIMITIVES = {"int", "long", "double", "string", "bytes", "int128", "int256", "#", "Type"}
BUILTINS = {"boolFalse", "boolTrue", "true", "vector"}

DEF_RE = re.compile(r"^([A-Za-z_][\w.]*)#([0-9a-fA-F]{1,8})\s(.*?)=\s*([^;]+?)\s*;")
# Pyrogram and its forks keep the builtins as comments: `// boolTrue#997275b5 = Bool;  // ...`
COMMENTED_BUILTIN_RE = re.compile(r"^//\s*((?:boolFalse|boolTrue|true|vector)#[0-9a-fA-F]+\s[^;]*;)")
LAYER_RE = re.compile(r"^//\s*layer:?\s*(\d+)\s*$", re.IGNORECASE)


class Definition:
    def __init__(self, name, cid, params, result, kind, text, lineno, commented, source):
        self.name = name
        self.id = cid
        self.params = params
        self.result = result
        self.kind = kind
        self.text = text
        self.lineno = lineno
        self.commented = commented
        self.source = source

    def param_types(self):
        """Type names the parameters refer to (Vector<X> gives both Vector and X)."""
        out = []
        for p in self.params.split():
            if p.startswith("{") or ":" not in p:
                continue
            t = p.split(":", 1)[1]
            if "?" in t:
                t = t.split("?", 1)[1]
            if t.startswith("!"):
                continue
            m = re.match(r"^[Vv]ector<(.+)>$", t)
            if m:
                out.append("Vector")
                t = m.group(1)
            out.append(t)
        return out


def parse(path):
    defs, layer, kind = [], None, "type"
    source = os.path.basename(path)
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            s = line.strip()
            if s == "---functions---":
                kind = "function"
                continue
            if s == "---types---":
                kind = "type"
                continue
            m = LAYER_RE.match(s)
            if m:
                layer = int(m.group(1))
                continue
            commented = False
            m = COMMENTED_BUILTIN_RE.match(s)
            if m:
                s, commented = m.group(1), True
            elif not s or s.startswith("//"):
                continue
            m = DEF_RE.match(s)
            if not m:
                continue
            text = s[: s.index(";") + 1]
            defs.append(Definition(m.group(1), int(m.group(2), 16), m.group(3).strip(),
                                   m.group(4).split()[0], kind, text, lineno, commented, source))
    return defs, layer


def closure(defs, skip_types=(), skip_roots=()):
    """Roots plus every constructor of every type their parameters mention, transitively."""
    by_type, by_name = {}, {}
    for d in defs:
        by_name.setdefault(d.name, d)
        if d.kind == "type":
            by_type.setdefault(d.result, []).append(d)
    chosen, seen, absent, work = {}, set(), set(), []

    def want_type(t):
        if t in PRIMITIVES or t in seen or t in skip_types:
            return
        seen.add(t)
        ctors = by_type.get("True" if t == "true" else t)
        if ctors is None:
            absent.add(t)
        else:
            work.extend(ctors)

    for t in ROOT_TYPES:
        want_type(t)
    for n in ROOT_CONSTRUCTORS + ROOT_FUNCTIONS:
        if n in by_name and n not in skip_roots:
            work.append(by_name[n])
    while work:
        d = work.pop()
        if d.name in chosen:
            continue
        chosen[d.name] = d
        for t in d.param_types():
            want_type(t)
    return chosen, absent


def from_second_sources(lo, hi, order):
    """`order` with each SECOND_SOURCES definition of the era taken from its later source,
    after checking that it differs only by late `true` flags of the era."""
    late = {n for n, _, _ in LATE_ADDITIONS.get(lo, [])}
    out = list(order)
    for name, source, layer in SECOND_SOURCES.get(lo, []):
        if not lo <= layer <= hi:
            raise SystemExit(f"{source}: layer {layer} is outside era {lo}-{hi}")
        defs, declared = parse(os.path.join(SOURCES, source))
        if declared != layer:
            raise SystemExit(f"{source}: declares layer {declared}, table says {layer}")
        later = next((d for d in defs if d.name == name), None)
        i = next((i for i, d in enumerate(out) if d.name == name), None)
        if later is None or i is None:
            raise SystemExit(f"{name}: not in both {source} and the era's source")
        first = out[i]
        before, after = first.params.split(), later.params.split()
        extra = [p for p in after if p not in before]
        flags_only = all(re.fullmatch(r"\w+:flags\.\d+\?true", p) for p in extra)
        listed = all(f"{name}.{p.split(':')[0]}" in late for p in extra)
        if (later.id, later.result, later.kind) != (first.id, first.result, first.kind) \
                or [p for p in after if p in before] != before or not flags_only or not listed:
            raise SystemExit(f"{name}: {source} differs from {first.source} by more than "
                             "the era's late `true` flags")
        out[i] = later
    return out


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def group_label(d):
    return d.result if d.kind == "type" else "functions"


def render(lo, hi, source, source_layer):
    path = os.path.join(SOURCES, source)
    defs, declared = parse(path)
    if declared is not None and declared != source_layer:
        raise SystemExit(f"{source}: declares layer {declared}, table says {source_layer}")
    skip_types = set(NOT_CARRIED)
    skip_roots = {r for roots in NOT_CARRIED.values() for r in roots}
    chosen, absent = closure(defs, skip_types, skip_roots)
    full, _ = closure(defs)
    order = from_second_sources(lo, hi, [d for d in defs if d.name in chosen])
    types = [d for d in order if d.kind == "type"]
    funcs = [d for d in order if d.kind == "function"]
    name = f"{lo}-{hi}" if lo != hi else f"{lo}"

    h = []
    h.append(f"// tgconf era schema {name}: API layers {lo} to {hi}, both ends included.")
    h.append("// Generated by spec/schema/extract.py; edit that script, not this file.")
    h.append("//")
    h.append(f"// Every definition below is copied unchanged from sources/{source}")
    h.append(f"// (sha256 {sha256(path)[:16]}..., source layer {source_layer};")
    if declared is None:
        h.append("// the file declares no layer, its layer is tdlib's MTPROTO_LAYER at that commit;")
    h.append("// sources/PROVENANCE.md names the package it came from).")
    if any(d.commented for d in order):
        h.append("// That file keeps boolFalse, boolTrue, true and vector only as comments; those lines")
        h.append("// are copied from the commented text.")
    seconds = SECOND_SOURCES.get(lo, [])
    if seconds:
        h.append("// Taken instead from a schema of a later layer of this era, which names the flags added")
        h.append(f"// inside the era (listed below) and otherwise agrees with sources/{source}:")
        for n, second, layer in seconds:
            digest = sha256(os.path.join(SOURCES, second))[:16]
            h.append(f"//   {n}: sources/{second} (sha256 {digest}..., layer {layer}).")
    h.append("//")
    h.append("// Era boundaries (measured with `extract.py history` over released schemas):")
    for b in sorted(BOUNDARY_NOTES):
        if b == lo or b == hi + 1:
            for piece in wrap(BOUNDARY_NOTES[b]):
                h.append("//   " + piece)
    adds = LATE_ADDITIONS.get(lo, [])
    if adds:
        h.append("// Added inside this era (no id changed, so the era is not split):")
        for n, before, after in adds:
            h.append(f"//   {n}: absent in a source of layer {before}, present in one of layer {after}.")
    h.append("//")
    h.append(f"// Contents: {len(order)} definitions ({len(types)} constructors, {len(funcs)} functions),")
    h.append("// the closure of the seed roots: every constructor of each type that a carried")
    h.append("// definition's parameters mention. Result types of functions are not closed.")
    h.append("// Not carried; decode with --schema <full api.tl>:")
    for t, roots in NOT_CARRIED.items():
        extra = len(full) - len(chosen)
        present = [r for r in roots if any(d.name == r for d in defs)]
        if present:
            h.append(f"//   {', '.join(present)} (needs {t}: its closure would add {extra} definitions,")
            h.append("//   and it differs between every two consecutive layers sampled from 182 to 230).")
        else:
            h.append(f"//   nothing at this layer ({', '.join(roots)} does not exist yet).")
    if absent:
        for piece in wrap("Root types that do not exist at this layer: " + ", ".join(sorted(absent)) + "."):
            h.append("// " + piece)
    h.append("")

    out = list(h)
    out.append("---types---")
    for block in blocks(types):
        out.append("")
        lines = ", ".join(str(d.lineno) for d in block)
        word = "line" if len(block) == 1 else "lines"
        out.append(f"// {group_label(block[0])}: sources/{block[0].source} {word} {lines}")
        out.extend(d.text for d in block)
    out.append("")
    out.append("---functions---")
    for d in funcs:
        out.append("")
        out.append(f"// {d.name}: sources/{d.source} line {d.lineno}")
        out.append(d.text)
    out.append("")
    return name, "\n".join(out), len(order)


def blocks(defs):
    """Consecutive constructors of one result type, copied from one file, form a block."""
    cur = []
    for d in defs:
        if cur and (cur[-1].result, cur[-1].source) != (d.result, d.source):
            yield cur
            cur = []
        cur.append(d)
    if cur:
        yield cur


def wrap(text, width=88):
    words, line, out = text.split(), "", []
    for w in words:
        if line and len(line) + 1 + len(w) > width:
            out.append(line)
            line = w
        else:
            line = f"{line} {w}" if line else w
    if line:
        out.append(line)
    return [out[0]] + ["  " + x for x in out[1:]]


def history(paths):
    tables = []
    for arg in paths:
        # PATH@LAYER gives the layer of a file that declares none (tdlib's telegram_api.tl).
        p, _, forced = arg.partition("@")
        defs, layer = parse(p)
        if forced:
            layer = int(forced)
        chosen, _ = closure(defs, set(NOT_CARRIED), {r for v in NOT_CARRIED.values() for r in v})
        tables.append((layer if layer is not None else -1, p, {n: d.id for n, d in chosen.items()}))
    tables.sort(key=lambda t: (t[0], t[1]))
    prev = None
    for layer, p, tab in tables:
        print(f"{layer:4} {p}: {len(tab)} definitions")
        if prev:
            names = sorted(set(prev) | set(tab))
            for n in names:
                a, b = prev.get(n), tab.get(n)
                if a != b:
                    fa = "-" if a is None else format(a, "x")
                    fb = "-" if b is None else format(b, "x")
                    print(f"       {n}: {fa} -> {fb}")
        prev = tab


def main(argv):
    if argv[:1] == ["history"]:
        history(argv[1:])
        return 0
    check = "--check" in argv
    stats = "--stats" in argv
    status = 0
    for lo, hi, source, layer in ERAS:
        name, text, count = render(lo, hi, source, layer)
        target = os.path.join(HERE, f"{name}.tl")
        if stats:
            defs, _ = parse(os.path.join(SOURCES, source))
            full, _ = closure(defs)
            print(f"{name:8} {count:4} definitions; with Message closure: {len(full)}")
            continue
        if check:
            try:
                with open(target, encoding="utf-8") as f:
                    same = f.read() == text
            except FileNotFoundError:
                same = False
            if not same:
                print(f"{name}.tl is out of date")
                status = 1
        else:
            with open(target, "w", encoding="utf-8") as f:
                f.write(text)
            print(f"wrote {name}.tl: {count} definitions")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
