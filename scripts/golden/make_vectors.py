#!/usr/bin/env python3
"""Regenerate corpus/golden/<era>.json and corpus/golden/invalid.json.

    python3 scripts/golden/make_vectors.py            # every era (venvs must exist)
    python3 scripts/golden/make_vectors.py --check    # regenerate in memory, diff against the files

Without --worker, this script runs itself once per era inside that era's
Telethon virtualenv (adapters/telethon/envs/VERSION/.venv, made by
adapters/telethon/install.sh) and then writes the files.  `bash
scripts/golden/make.sh` installs the venvs first.

Per golden vector (scripts/golden/vectors.py), inside the era's Telethon:
  1. build the Telethon object from the canonical value (tgconf_telethon.convert)
     and encode it with bytes(obj);
  2. decode those bytes with BinaryReader(...).tgread_object() (bare base types:
     the matching BinaryReader method), require all bytes consumed, the right
     boxed type, and the canonical JSON of the result equal to the value (in
     declaration order);
  3. re-encode the decoded object and require the same bytes;
  4. run the bytes through the strict decoder below, which must accept them;
  5. compare with the flow-rules §9.1 bytes where that table has the value.
A vector is written only if 1-4 hold.  Bare base types, which Telethon has no
standalone encoder for, are additionally encoded as the single field of a
"carrier" constructor and compared with the bytes after its constructor id.

Per invalid input: the strict decoder must fail with the stated error kind at
the stated offset (else the script stops), and Telethon's lenient behaviour is
measured and written down.
"""

import argparse
import difflib
import inspect
import json
import os
import re
import struct
import subprocess
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
ADAPTER = os.path.join(ROOT, "adapters", "telethon")
GOLDEN = os.path.join(ROOT, "corpus", "golden")
SCHEMAS = os.path.join(ROOT, "corpus", "schemas")
sys.path.insert(0, HERE)
sys.path.insert(0, ADAPTER)

import vectors as spec  # noqa: E402

FORMAT = 1
VECTOR_ID = 0x1CB5C415
BOOL_IDS = {0x997275B5: True, 0xBC799737: False}


# --------------------------------------------------------------------------------------
# strict decoder (only to validate the corpus; the project's own codec lives in spec/)

class StrictError(Exception):
    def __init__(self, kind, offset, detail=""):
        super().__init__("%s at %d %s" % (kind, offset, detail))
        self.kind, self.offset = kind, offset


MIN_SIZE = {"int": 4, "long": 8, "double": 8, "int128": 16, "int256": 32, "string": 4,
            "bytes": 4, "Bool": 4, "date": 4}


class Strict:
    """Decodes with the field layouts of tgconf_telethon and the expected boxed types
    from Telethon's __init__ annotations ('TypeInputPeer' -> InputPeer)."""

    def __init__(self, schema):
        self.s = schema
        self._expect = {}

    def expected_type(self, c, f):
        key = (c.id, f.attr)
        if key not in self._expect:
            ann = inspect.signature(c.cls.__init__).parameters[f.attr].annotation
            m = re.search(r"Type(\w+)", str(ann))
            self._expect[key] = m.group(1) if m else None
        return self._expect[key]

    def type_ok(self, c, type_name):
        if type_name is None:
            return True
        if c.is_function:
            return c.name == type_name
        sub = c.cls.SUBCLASS_OF_ID
        if sub == zlib.crc32(type_name.encode()):
            return True
        # annotations drop the namespace of a type: accept ns.Type for any ns
        return "." not in type_name and any(
            sub == zlib.crc32(("%s.%s" % (ns, type_name)).encode())
            for ns in {n.split(".")[0] for n in self.s.by_name if "." in n})

    def need(self, buf, pos, n, at):
        if pos + n > len(buf):
            raise StrictError("truncated", at)

    def read(self, buf, pos, t, expect=None):
        if t.startswith("Vector<") or t.startswith("vector<"):
            elem = t[7:-1]
            if t[0] == "V":
                self.need(buf, pos, 4, pos)
                if struct.unpack_from("<I", buf, pos)[0] != VECTOR_ID:
                    raise StrictError("bad_vector_id", pos)
                pos += 4
            self.need(buf, pos, 4, pos)
            count = struct.unpack_from("<i", buf, pos)[0]
            if count < 0:
                raise StrictError("negative_count", pos)
            if count * MIN_SIZE.get(elem, 4) > len(buf) - pos - 4:
                raise StrictError("count_too_large", pos)
            pos += 4
            out = []
            for _ in range(count):
                val, pos = self.read(buf, pos, elem, expect)
                out.append(val)
            return out, pos
        if t in ("int", "date"):
            self.need(buf, pos, 4, pos)
            return struct.unpack_from("<i", buf, pos)[0], pos + 4
        if t == "long":
            self.need(buf, pos, 8, pos)
            return str(struct.unpack_from("<q", buf, pos)[0]), pos + 8
        if t == "double":
            self.need(buf, pos, 8, pos)
            return struct.unpack_from("<d", buf, pos)[0], pos + 8
        if t in ("int128", "int256"):
            n = 16 if t == "int128" else 32
            self.need(buf, pos, n, pos)
            return buf[pos:pos + n].hex(), pos + n
        if t in ("string", "bytes"):
            start = pos
            self.need(buf, pos, 1, start)
            if buf[pos] == 254:
                self.need(buf, pos, 4, start)
                length = int.from_bytes(buf[pos + 1:pos + 4], "little")
                if length < 254:
                    raise StrictError("non_canonical_length", start)
                head = 4
            elif buf[pos] == 255:
                raise StrictError("non_canonical_length", start, "(0xFF length byte)")
            else:
                length, head = buf[pos], 1
            total = (head + length + 3) // 4 * 4
            self.need(buf, pos, total, start)
            data = buf[pos + head:pos + head + length]
            for k in range(pos + head + length, pos + total):
                if buf[k]:
                    raise StrictError("nonzero_padding", k)
            if t == "string":
                try:
                    return data.decode("utf-8"), pos + total
                except UnicodeDecodeError as e:
                    raise StrictError("invalid_utf8", pos + head + e.start)
            return data.hex(), pos + total
        if t == "Bool":
            self.need(buf, pos, 4, pos)
            cid = struct.unpack_from("<I", buf, pos)[0]
            if cid not in BOOL_IDS:
                raise StrictError("bad_bool", pos)
            return BOOL_IDS[cid], pos + 4
        # a boxed value (Object, %Bare is not used by the corpus)
        self.need(buf, pos, 4, pos)
        cid = struct.unpack_from("<I", buf, pos)[0]
        if cid in BOOL_IDS:
            if expect not in (None, "Bool"):
                raise StrictError("unexpected_constructor", pos)
            return BOOL_IDS[cid], pos + 4
        if cid not in self.s.by_id:
            raise StrictError("unknown_constructor", pos)
        c = self.s.constructor(cid)
        if not self.type_ok(c, expect):
            raise StrictError("unexpected_constructor", pos)
        start, pos = pos, pos + 4
        out, flags = {"_": c.name}, {}
        for f in c.fields:
            if f.type == "#":
                self.need(buf, pos, 4, pos)
                flags[f.name] = struct.unpack_from("<I", buf, pos)[0]
                pos += 4
                continue
            if f.flag is not None and not flags[f.flag] >> f.bit & 1:
                continue
            if f.type == "true":
                out[f.name] = True
                continue
            sub_expect = self.expected_type(c, f) if ("Object" in f.type) else None
            out[f.name], pos = self.read(buf, pos, f.type, sub_expect)
        return out, pos

    def decode(self, data, type_name):
        bare = type_name in MIN_SIZE or type_name.startswith("Vector<")
        val, pos = self.read(data, 0, type_name, None if bare else type_name)
        if pos != len(data):
            raise StrictError("trailing_bytes", pos)
        return val


# --------------------------------------------------------------------------------------
# worker: runs inside one era's Telethon

def carrier(schema, t):
    """A constructor whose only field has type t (no flags), to encode t with Telethon."""
    for name in sorted(schema.by_name):
        c = schema.constructor(name)
        if len(c.fields) == 1 and c.fields[0].type == t and not c.is_function:
            return c
    for name in sorted(schema.by_name):
        c = schema.constructor(name)
        if len(c.fields) == 1 and c.fields[0].type == t:
            return c
    raise SystemExit("no carrier constructor for " + t)


def schema_layers():
    prov = open(os.path.join(SCHEMAS, "PROVENANCE.md"), encoding="utf-8").read()
    layers = {}
    for m in re.finditer(r"^\| ([\w.-]+\.tl) \|(?:[^|]*\|){3} \**(\d+)?", prov, re.M):
        layers[m.group(1)] = m.group(2)
    out = {}
    for fn in sorted(os.listdir(SCHEMAS)):
        if fn.endswith(".tl"):
            ids = set()
            for line in open(os.path.join(SCHEMAS, fn), encoding="utf-8"):
                m = re.match(r"\s*[A-Za-z_][\w.]*#([0-9a-fA-F]{1,8})\b", line)
                if m:
                    ids.add(int(m.group(1), 16))
            lay = layers.get(fn)
            out["%s (layer %s)" % (fn, lay) if lay else fn] = ids
    return out


def used_ids(schema, value, acc):
    if isinstance(value, dict):
        if "_" in value and value["_"] in schema.by_name:
            cid = schema.by_name[value["_"]].id
            if cid not in acc:
                acc.append(cid)
        for k, x in value.items():
            if k != "_":
                used_ids(schema, x, acc)
    elif isinstance(value, list):
        for x in value:
            used_ids(schema, x, acc)
    return acc


def canon_eq(a, b):
    return json.dumps(a, ensure_ascii=False) == json.dumps(b, ensure_ascii=False)


def worker(era_name):
    from tgconf_telethon import TelethonSchema
    era = next(e for e in spec.ERAS if e["era"] == era_name)
    s = TelethonSchema()
    if s.telethon_version != era["telethon"] or s.layer != era["layer"]:
        raise SystemExit("era %s wants telethon %s layer %d, got %s layer %d"
                         % (era_name, era["telethon"], era["layer"], s.telethon_version, s.layer))
    tag = "telethon %s (layer %d)" % (s.telethon_version, s.layer)
    strict = Strict(s)
    files = schema_layers()
    out_vectors, problems, flow_rules = [], [], []

    for vs in spec.VECTORS:
        if era_name not in vs["eras"]:
            continue
        t, value = vs["type"], vs["value"]
        checks = []
        if "schema" in vs:
            # The TL page's getUsers#2d84d5f5 (Vector int): Telethon has no such
            # constructor; its argument is checked through a carrier.
            cid = int(re.search(r"#([0-9a-f]+)", vs["schema"]).group(1), 16)
            arg = value["1"]
            car = carrier(s, "Vector<int>")
            tail = bytes(car.cls(**{car.fields[0].attr: arg}))[4:]
            enc = struct.pack("<I", cid) + tail
            try:
                s.decode(enc, "Object")
                raise SystemExit("Telethon unexpectedly knows %08x" % cid)
            except Exception as e:
                telethon_says = type(e).__name__
            back, n = s.decode(enc[4:], "Vector<int>")
            if back != arg or n != len(tail) or s.encode_bare("Vector<int>", arg) != tail:
                problems.append((vs["id"], "getUsers argument mismatch"))
                continue
            checks.append("%s: encode equal, decode equal for the argument: getUsers#%08x is not in "
                          "Telethon's schema (tgread_object raises %s), so the Vector<int> after the id "
                          "was encoded as the field of %s (bytes(obj) after its constructor id) and "
                          "decoded with BinaryReader (vector id, count, read_int)"
                          % (tag, cid, telethon_says, car.name))
            ordered = value
        elif t in ("int", "long", "double", "string", "bytes", "Bool"):
            car = carrier(s, t)
            enc = s.encode_bare(t, value)
            pyval = s.from_canonical({"_": car.name, car.fields[0].name: value})
            via = bytes(pyval)[4:]
            dec, n = s.decode(enc, t)
            back = s.canonical_of_decoded(dec, t)
            cdec, cn = s.decode(struct.pack("<I", car.id) + enc, car.name if car.is_function else "Object")
            cback = s.to_canonical(cdec)[car.fields[0].name]
            if not (enc == via and n == len(enc) and canon_eq(back, value) and canon_eq(cback, value)
                    and cn == len(enc) + 4):
                problems.append((vs["id"], "bare %s: enc %s via %s back %r" % (t, enc.hex(), via.hex(), back)))
                continue
            how = "by TLObject.serialize_bytes and " if t in ("string", "bytes") else ""
            reader = {"int": "read_int", "long": "read_long", "double": "read_double",
                      "string": "tgread_string", "bytes": "tgread_bytes", "Bool": "tgread_bool"}[t]
            checks.append("%s: encode equal, decode equal (encoded %sas the only field of %s, "
                          "bytes(obj) after its constructor id; decoded by BinaryReader.%s and as %s)"
                          % (tag, how, car.name, reader, car.name))
            ordered = value
        else:
            obj = s.from_canonical(value)
            ordered = s.to_canonical(obj)
            if json.loads(json.dumps(ordered)) != json.loads(json.dumps(value)):
                problems.append((vs["id"], "value not kept by Telethon's constructor: %r" % ordered))
                continue
            enc = bytes(obj)
            dec, n = s.decode(enc, t)
            back = s.canonical_of_decoded(dec, t)
            reenc = bytes(dec)
            bad = []
            if n != len(enc):
                bad.append("consumed %d of %d" % (n, len(enc)))
            if not s.is_of_type(dec, t):
                bad.append("decoded object is not a %s" % t)
            if not canon_eq(back, ordered):
                bad.append("decoded %s" % json.dumps(back, ensure_ascii=False))
            if reenc != enc:
                bad.append("re-encoded %s" % reenc.hex())
            if bad:
                problems.append((vs["id"], "; ".join(bad)))
                continue
            checks.append("%s: encode equal, decode equal (bytes(obj); BinaryReader.tgread_object "
                          "consumed all %d bytes, gave a %s, re-encoded identically)" % (tag, len(enc), t))
        try:
            strict_val = strict.decode(enc[4:], "Vector<int>") if "schema" in vs else strict.decode(enc, t)
        except StrictError as e:
            problems.append((vs["id"], "strict decoder rejects Telethon's bytes: %s" % e))
            continue
        if "schema" not in vs and t not in ("double",) and not canon_eq(strict_val, ordered):
            problems.append((vs["id"], "strict decoder reads %r" % strict_val))
            continue
        checks.append("make_vectors.py strict decoder: accepted, same canonical value")
        if "flow_rules_hex" in vs:
            same = vs["flow_rules_hex"] == enc.hex()
            flow_rules.append({"id": vs["id"], "era": era_name, "equal": same,
                               "flow_rules_hex": vs["flow_rules_hex"], "telethon_hex": enc.hex()})
            checks.append("flow-rules §9.1 table: %s" % ("same bytes" if same else
                                                        "DIFFERENT bytes, see DISAGREEMENTS.md"))
        entry = {"id": vs["id"], "type": t}
        if "schema" in vs:
            entry["schema"] = vs["schema"]
        entry["value"] = ordered
        entry["hex"] = enc.hex()
        entry["source"] = vs["source"]
        entry["checked_with"] = checks
        ids = used_ids(s, ordered, [])
        if ids:
            entry["ids"] = ["%08x" % i for i in ids]
            entry["ids_found_in"] = [f for f, have in files.items() if all(i in have for i in ids)]
        if "note" in vs:
            entry["note"] = vs["note"]
        out_vectors.append(entry)

    invalid = []
    for iv in spec.INVALID:
        if era_name not in iv["eras"]:
            continue
        data = bytes.fromhex(iv["hex"])
        try:
            strict.decode(data, iv["type"])
            problems.append(("IV " + iv["slug"], "strict decoder accepts it"))
            continue
        except StrictError as e:
            if (e.kind, e.offset) != (iv["error"], iv["offset"]):
                problems.append(("IV " + iv["slug"], "strict decoder says %s at %d, spec says %s at %d"
                                 % (e.kind, e.offset, iv["error"], iv["offset"])))
                continue
        invalid.append({"id": "IV-%s-%s" % (era_name, iv["slug"]), "era": era_name, "type": iv["type"],
                        "hex": iv["hex"], "error": iv["error"], "offset": iv["offset"], "why": iv["why"],
                        "telethon": {s.telethon_version: lenient(s, data, iv["type"])}})
    return {"era": era_name, "layer": s.layer, "telethon": s.telethon_version, "vectors": out_vectors,
            "invalid": invalid, "problems": problems, "flow_rules": flow_rules}


def lenient(s, data, t):
    """What Telethon does with an invalid input, in words."""
    try:
        val, n = s.decode(data, t)
    except Exception as e:
        msg = str(e).split("\n")[0]
        msg = re.sub(r"\s*\(caused by.*", "", msg)
        mod = type(e).__module__
        name = type(e).__name__ if mod == "builtins" or mod.startswith("telethon") else "%s.%s" % (mod, type(e).__name__)
        return "rejects: %s(%s)" % (name, msg[:160])
    try:
        canon = s.canonical_of_decoded(val, t)
    except Exception:
        canon = repr(val)
    what = json.dumps(canon, ensure_ascii=False)
    if len(what) > 200:
        what = what[:200] + "…"
    parts = ["accepts: reads %s" % what, "consumes %d of %d bytes" % (n, len(data))]
    if t not in ("int", "long", "string", "bytes", "Bool") and not t.startswith("Vector<") \
            and (isinstance(val, list) or not s.is_of_type(val, t)):
        parts.append("the result is not a %s" % t)
    return ", ".join(parts)


# --------------------------------------------------------------------------------------
# driver

def venv_python(version):
    return os.path.join(ADAPTER, "envs", version, ".venv", "bin", "python")


def render(obj):
    return json.dumps(obj, ensure_ascii=False, indent=1) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--worker", metavar="ERA", help=argparse.SUPPRESS)
    ap.add_argument("--check", action="store_true", help="compare with the files instead of writing")
    ap.add_argument("--era", action="append", help="only these eras (default: all)")
    args = ap.parse_args()
    if args.worker:
        json.dump(worker(args.worker), sys.stdout, ensure_ascii=False)
        return 0

    results = []
    for era in spec.ERAS:
        if args.era and era["era"] not in args.era:
            continue
        py = venv_python(era["telethon"])
        if not os.path.exists(py):
            sys.exit("missing %s: run adapters/telethon/install.sh %s" % (py, era["telethon"]))
        out = subprocess.run([py, os.path.abspath(__file__), "--worker", era["era"]],
                             check=True, stdout=subprocess.PIPE)
        results.append(json.loads(out.stdout))

    failed = False
    for r in results:
        for pid, msg in r["problems"]:
            failed = True
            print("era %s: %s: %s" % (r["era"], pid, msg), file=sys.stderr)
    if failed:
        return 1

    files = {}
    for r in results:
        files["%s.json" % r["era"]] = render({
            "format": FORMAT, "era": r["era"], "layer": r["layer"],
            "checked_with": "telethon %s" % r["telethon"],
            "vectors": r["vectors"]})
    if not args.era:
        inv = []
        merged = {}
        for r in results:
            for e in r["invalid"]:
                inv.append(e)
        files["invalid.json"] = render({"format": FORMAT, "invalid": inv})
        files["flow-rules-comparison.json"] = render(
            {"format": FORMAT, "note": "every flow-rules §9.1 vector, compared per era with Telethon's bytes",
             "comparisons": [c for r in results for c in r["flow_rules"]]})

    stale = False
    for name, text in files.items():
        path = os.path.join(GOLDEN, name)
        if args.check:
            old = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
            if old != text:
                stale = True
                sys.stdout.writelines(difflib.unified_diff(old.splitlines(True), text.splitlines(True),
                                                           path, path + " (regenerated)", n=1))
        else:
            os.makedirs(GOLDEN, exist_ok=True)
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(text)
    for r in results:
        diff = [c["id"] for c in r["flow_rules"] if not c["equal"]]
        print("era %s (telethon %s, layer %d): %d vectors, %d invalid inputs; flow-rules §9.1: %d compared, %s"
              % (r["era"], r["telethon"], r["layer"], len(r["vectors"]), len(r["invalid"]),
                 len(r["flow_rules"]), "differences: " + ", ".join(diff) if diff else "all equal"))
    if args.check and stale:
        print("corpus/golden is out of date", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
