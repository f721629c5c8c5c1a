#!/usr/bin/env python3
"""Compare the constructor definitions and ids written in flow-rules.md with
what a Telethon release actually has.

    adapters/telethon/envs/1.44.0/.venv/bin/python scripts/golden/check_flow_rules_ids.py \
        [path/to/flow-rules.md]

Checks, for the Telethon in the running interpreter:
  * every full TL line `name#id field:type ... = Type;` in flow-rules: same id
    and same fields (names, order, flag bits, base types; boxed types only as
    "a boxed type") when Telethon has that id; otherwise which id Telethon has
    under that name;
  * the §4.1 KeyboardButton table: the ">=222" column against layers >= 222,
    the "<222" column against layers < 222.
Prints one line per finding; the output is quoted in corpus/golden/DISAGREEMENTS.md.
"""

import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "adapters", "telethon"))

from tgconf_telethon import TelethonSchema  # noqa: E402

BASE = {"int", "long", "double", "int128", "int256", "string", "bytes", "Bool", "true", "#"}


def norm(t):
    t = t.replace("date", "int")
    m = re.match(r"[Vv]ector<(.*)>$", t)
    if m:
        return "Vector<%s>" % norm(m.group(1))
    if t in BASE:
        return t
    return "Object"


def fields_of_line(body):
    out = []
    for name, t in re.findall(r"(\w+):(\S+)", body):
        m = re.match(r"(\w+)\.(\d+)\?(.*)", t)
        if m:
            out.append((name, norm(m.group(3)), m.group(1), int(m.group(2))))
        else:
            out.append((name, norm(t), None, None))
    return out


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/reference/flow-rules.md"
    text = open(path, encoding="utf-8").read()
    s = TelethonSchema()
    print("telethon %s, layer %d, against %s" % (s.telethon_version, s.layer, os.path.basename(path)))
    seen = set()
    for m in re.finditer(r"([a-zA-Z][\w.]*)#([0-9a-f]{1,8})((?:\s+[\w]+:[^\s;=]+)*)\s*=\s*([\w.<> ]+?);", text):
        name, cid, body = m.group(1), int(m.group(2), 16), m.group(3)
        key = (name, cid, body.strip())
        if key in seen:
            continue
        seen.add(key)
        mine = fields_of_line(body)
        if cid in s.by_id:
            c = s.constructor(cid)
            theirs = [(f.name, norm(f.type), f.flag, f.bit) for f in c.fields]
            if c.name != name:
                print("DIFF  %s#%08x: Telethon names this id %s" % (name, cid, c.name))
            elif theirs != mine:
                print("DIFF  %s#%08x fields: flow-rules %s / Telethon %s" % (name, cid, mine, theirs))
            else:
                print("same  %s#%08x" % (name, cid))
        elif name in s.by_name:
            print("other %s#%08x: Telethon layer %d has %s#%08x" % (name, cid, s.layer, name, s.by_name[name].id))
        else:
            print("none  %s#%08x: not in Telethon layer %d" % (name, cid, s.layer))

    # §4.1 table rows: | name | id>=222 | id<222 | ...
    col = 1 if s.layer >= 222 else 2
    for row in re.finditer(r"^\| (\w+) \| ([0-9a-f]{1,8}) \| ([0-9a-f]{1,8})[^|]*\|", text, re.M):
        name, cid = row.group(1), int(row.group(1 + col), 16)
        have = s.by_name.get(name)
        if have is None:
            print("table %s: not in Telethon layer %d (table says %08x)" % (name, s.layer, cid))
        elif have.id != cid:
            print("table DIFF %s: table %08x, Telethon layer %d %08x" % (name, cid, s.layer, have.id))
        else:
            print("table same %s %08x" % (name, cid))


if __name__ == "__main__":
    main()
