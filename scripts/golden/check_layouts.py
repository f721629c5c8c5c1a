#!/usr/bin/env python3
"""Check the field layouts that tgconf_telethon.convert reads out of Telethon's
generated code against the schema copies in corpus/schemas/.

    adapters/telethon/envs/1.44.0/.venv/bin/python scripts/golden/check_layouts.py

For every Telethon constructor whose id also appears in a schema copy, the
fields must agree in name, order, flag field and bit, and base type (boxed
types compare as "boxed").  Two differences are expected and counted apart,
because they leave the id unchanged (TL-26): `flags.N?true` fields that one
side has and the other lacks, and `bytes` written as `string` (or back).
Names differ only for MTProto service constructors with underscores.
tdlib's `*Prefix` pseudo-constructors are skipped (see PROVENANCE.md).
Exit status 1 if any other difference is found.
"""

import collections
import glob
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "adapters", "telethon"))

from tgconf_telethon import TelethonSchema  # noqa: E402

BASE = {"int", "long", "double", "int128", "int256", "string", "bytes", "Bool", "true", "#"}


def norm(t, loose):
    t = t.replace("date", "int")
    if loose and t == "bytes":
        t = "string"
    m = re.match(r"[Vv]ector<(.*)>$", t)
    if m:
        return "V<%s>" % norm(m.group(1), loose)
    return t if t in BASE else "boxed"


def main():
    s = TelethonSchema()
    defs = collections.defaultdict(list)
    for path in sorted(glob.glob(os.path.join(ROOT, "corpus", "schemas", "*.tl"))):
        for line in open(path, encoding="utf-8"):
            m = re.match(r"\s*([\w.]+)#([0-9a-fA-F]{1,8})\s+(.*?)=\s*[^;]*;", line)
            if not m:
                continue
            if m.group(1).endswith("Prefix"):
                # tdlib's pseudo-constructors (invokeWithBusinessConnectionPrefix, ...)
                # reuse the ids of the real invokeWith* functions without the query;
                # corpus/schemas/PROVENANCE.md lists them as tdlib-internal.
                continue
            body = re.sub(r"\{[^}]*\}", "", m.group(3))  # {X:Type} is not serialized
            args = []
            for n, t in re.findall(r"(\w+):(\S+)", body):
                fm = re.match(r"(\w+)\.(\d+)\?(.*)", t)
                if fm:
                    args.append((n, fm.group(3), fm.group(1), int(fm.group(2))))
                else:
                    args.append((n, t.lstrip("!"), None, None))
            defs[int(m.group(2), 16)].append((os.path.basename(path), m.group(1), args))
    kinds = collections.Counter()
    bad = []
    for cid in s.by_id:
        if cid not in defs:
            kinds["id in no schema copy"] += 1
            continue
        c = s.constructor(cid)
        mine_l = [(f.name, norm(f.type, True), f.flag, f.bit) for f in c.fields if f.type != "true"]
        mine_s = [(f.name, norm(f.type, False), f.flag, f.bit) for f in c.fields]
        for src, name, args in defs[cid]:
            th_l = [(n, norm(t, True), fl, b) for n, t, fl, b in args if t != "true"]
            th_s = [(n, norm(t, False), fl, b) for n, t, fl, b in args]
            if mine_l != th_l:
                kinds["DIFFERENT"] += 1
                bad.append("%s %s#%08x: telethon %s / schema %s" % (src, name, cid, mine_l, th_l))
            elif mine_s != th_s:
                kinds["same but for true flags or bytes/string"] += 1
            elif name != c.name:
                kinds["same but for an underscore name"] += 1
            else:
                kinds["identical"] += 1
    print("telethon %s (layer %d): %d constructors; comparisons: %s"
          % (s.telethon_version, s.layer, len(s.by_id), dict(sorted(kinds.items()))))
    for b in bad[:20]:
        print("  " + b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
