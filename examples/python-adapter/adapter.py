#!/usr/bin/env python3
"""A tgconf adapter in Python, standard library only: the codec role over process protocol v1.

It reads each layer's TL definitions from spec/schema/ (or the definitions a request carries),
decodes strictly and encodes the canonical JSON form of docs/canonical-json.md. It offers no
session role and answers `unsupported` to schema-line questions, so a run reports those cases
UNSUPPORTED and the rest PASS:

    tgconf run --adapter process:'python3 examples/python-adapter/adapter.py'

The protocol is in docs/adapter-protocol.md: one JSON object per line each way, one answer
per request echoing its `case`, end of input ends the adapter.
"""

import json
import math
import os
import re
import struct
import sys

PROTOCOL = 1
SCHEMA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "spec", "schema")
VECTOR_ID = 0x1CB5C415
BOOL_TRUE, BOOL_FALSE = 0x997275B5, 0xBC799737
BASE = {"int", "long", "double", "string", "bytes", "int128", "int256", "Bool", "true"}


class Reject(Exception):
    """The input is not a valid value: answered with `rejected`."""


class Unsupported(Exception):
    """Something this adapter does not implement: answered with `unsupported`."""


# --- TL definitions -------------------------------------------------------------------------

def parse_kind(text):
    """A parameter's type: ("base", name) | ("vector", boxed, kind) | ("boxed", Type) | ("bare", ctor)."""
    m = re.fullmatch(r"([Vv])ector<(.+)>", text)
    if m:
        return ("vector", m.group(1) == "V", parse_kind(m.group(2)))
    if text in BASE:
        return ("base", text)
    if text.startswith("%"):
        return ("bare", text[1:])
    last = text.rsplit(".", 1)[-1]
    if last[:1].islower():
        return ("bare", text)
    return ("boxed", text)


class Combinator:
    def __init__(self, line, function):
        m = re.fullmatch(r"([\w.]+)#([0-9a-f]{1,8})((?:\s+\S+)*)\s*=\s*([^;]+);", line)
        if not m:
            raise Unsupported("definition without an explicit id: " + line)
        self.name, self.id, self.function = m.group(1), int(m.group(2), 16), function
        self.result = m.group(4).strip()
        self.params = []  # (name, kind or "#", condition (flags field, bit) or None)
        for token in m.group(3).split():
            name, _, ty = token.partition(":")
            if token.startswith("{") or ty.startswith("!"):
                raise Unsupported("generic definition: " + self.name)
            cond = None
            fm = re.fullmatch(r"(\w+)\.(\d+)\?(.+)", ty)
            if fm:
                cond, ty = (fm.group(1), int(fm.group(2))), fm.group(3)
            self.params.append((name, "#" if ty == "#" else parse_kind(ty), cond))


class Schema:
    def __init__(self, text):
        self.by_id, self.by_name, self.by_type = {}, {}, {}
        function = False
        for raw in text.splitlines():
            line = raw.split("//")[0].strip()
            if not line:
                continue
            if line.startswith("---"):
                function = "functions" in line
                continue
            if line.startswith("vector#"):
                continue  # the built-in Vector, handled by parse_kind
            c = Combinator(line, function)
            self.by_id[c.id] = c
            self.by_name[c.name] = c
            if not function:
                self.by_type.setdefault(c.result, []).append(c)

    def top_kind(self, name):
        """The kind a request's `tl_type` names: a function is a boxed call of itself."""
        c = self.by_name.get(name)
        if c is not None and c.function:
            return ("call", name)
        return parse_kind(name)


def era_schemas():
    eras = []
    for file in sorted(os.listdir(SCHEMA_DIR)):
        if file.endswith(".tl"):
            path = os.path.join(SCHEMA_DIR, file)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            m = re.search(r"API layers (\d+) to (\d+)", text)
            if m:
                eras.append((int(m.group(1)), int(m.group(2)), path, text))
    return eras


ERAS = era_schemas()
SCHEMAS = {}


def schema_for(layer, own):
    key = own if own is not None else layer
    if key not in SCHEMAS:
        if own is not None:
            SCHEMAS[key] = Schema(own)
        else:
            texts = [t for first, last, _, t in ERAS if first <= layer <= last]
            if not texts:
                raise Unsupported("no schema for layer %d" % layer)
            SCHEMAS[key] = Schema(texts[0])
    return SCHEMAS[key]


# --- decoding (strict) ----------------------------------------------------------------------

class Reader:
    def __init__(self, schema, data):
        self.schema, self.data, self.pos = schema, data, 0

    def take(self, n):
        if self.pos + n > len(self.data):
            raise Reject("unexpected end at byte %d" % self.pos)
        chunk = self.data[self.pos:self.pos + n]
        self.pos += n
        return chunk

    def u32(self):
        return struct.unpack("<I", self.take(4))[0]

    def text(self):
        start = self.pos
        first = self.take(1)[0]
        if first == 255:
            raise Reject("string length byte 255 at byte %d" % start)
        if first == 254:
            length = int.from_bytes(self.take(3), "little")
            if length < 254:
                raise Reject("long length form for %d bytes at byte %d" % (length, start))
        else:
            length = first
        value = self.take(length)
        pad = (-(self.pos - start)) % 4
        if any(self.take(pad)):
            raise Reject("non-zero padding at byte %d" % (self.pos - pad))
        return value

    def value(self, kind):
        tag = kind[0]
        if tag == "base":
            return self.base(kind[1])
        if tag == "vector":
            if kind[1] and self.u32() != VECTOR_ID:
                raise Reject("expected the vector id at byte %d" % (self.pos - 4))
            count = struct.unpack("<i", self.take(4))[0]
            if count < 0 or count * 4 > len(self.data) - self.pos:
                raise Reject("vector count %d at byte %d" % (count, self.pos - 4))
            return [self.value(kind[2]) for _ in range(count)]
        if tag == "bare":
            c = self.schema.by_name.get(kind[1])
            if c is None:
                raise Unsupported("unknown constructor " + kind[1])
            return self.body(c)
        at = self.pos
        c = self.schema.by_id.get(self.u32())
        wanted = kind[1]
        if c is None or (c.name != wanted if tag == "call" else c.result != wanted):
            raise Reject("not a %s constructor id at byte %d" % (wanted, at))
        return self.body(c)

    def base(self, name):
        if name == "int":
            return struct.unpack("<i", self.take(4))[0]
        if name == "long":
            return str(struct.unpack("<q", self.take(8))[0])
        if name == "double":
            v = struct.unpack("<d", self.take(8))[0]
            if math.isnan(v):
                return "NaN"
            if math.isinf(v):
                return "Infinity" if v > 0 else "-Infinity"
            return v
        if name in ("int128", "int256"):
            return self.take(16 if name == "int128" else 32).hex()
        if name == "string":
            try:
                return self.text().decode("utf-8")
            except UnicodeDecodeError:
                raise Reject("a string that is not UTF-8")
        if name == "bytes":
            return self.text().hex()
        if name == "Bool":
            v = self.u32()
            if v not in (BOOL_TRUE, BOOL_FALSE):
                raise Reject("not a Bool id at byte %d" % (self.pos - 4))
            return v == BOOL_TRUE
        raise Unsupported("bare true outside a flag")

    def body(self, c):
        obj, flags = {"_": c.name}, {}
        for name, kind, cond in c.params:
            if kind == "#":
                at = self.pos
                flags[name] = self.u32()
                known = 0
                for _, _, other in c.params:
                    if other and other[0] == name:
                        known |= 1 << other[1]
                if flags[name] & ~known:
                    raise Reject("unknown bits %#x in %s at byte %d" % (flags[name] & ~known, name, at))
                continue
            if cond and not (flags[cond[0]] >> cond[1]) & 1:
                continue
            obj[name] = True if kind == ("base", "true") else self.value(kind)
        return obj


def decode(schema, kind, data):
    reader = Reader(schema, data)
    value = reader.value(kind)
    if reader.pos != len(data):
        raise Reject("%d bytes after the value" % (len(data) - reader.pos))
    return value


# --- encoding -------------------------------------------------------------------------------

def tl_text(raw):
    if len(raw) < 254:
        head = bytes([len(raw)])
    elif len(raw) < 1 << 24:
        head = bytes([254]) + len(raw).to_bytes(3, "little")
    else:
        raise Reject("a string longer than 2^24 - 1 bytes")
    out = head + raw
    return out + bytes((-len(out)) % 4)


def hex_bytes(value, length=None):
    if not isinstance(value, str) or not re.fullmatch(r"(?:[0-9a-f]{2})*", value):
        raise Reject("expected lowercase hex, got %r" % (value,))
    raw = bytes.fromhex(value)
    if length is not None and len(raw) != length:
        raise Reject("expected %d bytes of hex" % length)
    return raw


def encode(schema, kind, value):
    tag = kind[0]
    if tag == "base":
        return encode_base(kind[1], value)
    if tag == "vector":
        if not isinstance(value, list):
            raise Reject("expected an array")
        head = struct.pack("<I", VECTOR_ID) if kind[1] else b""
        return head + struct.pack("<i", len(value)) + b"".join(encode(schema, kind[2], v) for v in value)
    if not isinstance(value, dict) or next(iter(value), None) != "_":
        raise Reject("expected an object with \"_\" first")
    c = schema.by_name.get(value["_"])
    if c is None:
        raise Reject("unknown constructor %r" % value["_"])
    if tag == "bare":
        if c.name != kind[1]:
            raise Reject("expected %s" % kind[1])
        return encode_body(schema, c, value)
    if (c.name != kind[1]) if tag == "call" else (c.result != kind[1]):
        raise Reject("%s is not a %s" % (c.name, kind[1]))
    return struct.pack("<I", c.id) + encode_body(schema, c, value)


def encode_base(name, value):
    if name == "int":
        if type(value) is not int or not -2**31 <= value < 2**31:
            raise Reject("expected an int")
        return struct.pack("<i", value)
    if name == "long":
        if not isinstance(value, str) or not re.fullmatch(r"-?(0|[1-9][0-9]*)", value) or value == "-0":
            raise Reject("expected a long as a decimal string")
        number = int(value)
        if not -2**63 <= number < 2**63:
            raise Reject("long out of range")
        return struct.pack("<q", number)
    if name == "double":
        special = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}
        if isinstance(value, str) and value in special:
            return struct.pack("<d", special[value])
        if type(value) not in (int, float):
            raise Reject("expected a double")
        return struct.pack("<d", float(value))
    if name in ("int128", "int256"):
        return hex_bytes(value, 16 if name == "int128" else 32)
    if name == "string":
        if not isinstance(value, str):
            raise Reject("expected a string")
        return tl_text(value.encode("utf-8"))
    if name == "bytes":
        return tl_text(hex_bytes(value))
    if name == "Bool":
        if type(value) is not bool:
            raise Reject("expected true or false")
        return struct.pack("<I", BOOL_TRUE if value else BOOL_FALSE)
    raise Unsupported("bare true outside a flag")


def encode_body(schema, c, value):
    known = {name for name, _, _ in c.params if _ != "#"}
    extra = set(value) - known - {"_"}
    if extra:
        raise Reject("unknown members: %s" % ", ".join(sorted(extra)))
    flags, bit_owner = {}, {}
    for name, kind, cond in c.params:
        if cond:
            present = name in value
            if kind == ("base", "true") and present and value[name] is not True:
                raise Reject("%s: a true flag is written true or left out" % name)
            # Fields sharing one bit must be present together or absent together.
            key = cond
            if key in bit_owner and bit_owner[key] != present:
                raise Reject("%s shares bit %s.%d with a field that is %s" % (name, cond[0], cond[1], "absent" if present else "present"))
            bit_owner[key] = present
            if present:
                flags[cond[0]] = flags.get(cond[0], 0) | 1 << cond[1]
    out = b""
    for name, kind, cond in c.params:
        if kind == "#":
            out += struct.pack("<I", flags.get(name, 0))
        elif cond:
            if name in value and kind != ("base", "true"):
                out += encode(schema, kind, value[name])
        elif name not in value:
            raise Reject("missing member %s" % name)
        else:
            out += encode(schema, kind, value[name])
    return out


# --- the protocol ---------------------------------------------------------------------------

def answer(request):
    kind, case = request.get("type"), request.get("case")
    if kind == "hello":
        return {"type": "hello", "protocol": PROTOCOL, "name": "python-example", "version": "0.1.0",
                "roles": ["codec"], "layers": [{"from": 152, "to": 230}]}
    try:
        if kind in ("decode", "encode"):
            schema = schema_for(request["layer"], request.get("schema"))
            ty = schema.top_kind(request["tl_type"])
            if kind == "decode":
                return {"type": "decoded", "case": case, "value": decode(schema, ty, hex_bytes(request["hex"]))}
            return {"type": "encoded", "case": case, "hex": encode(schema, ty, request["value"]).hex()}
        if kind == "schema_line":
            raise Unsupported("this adapter does not compute constructor ids of schema lines")
        if kind in ("start", "input", "end"):
            raise Unsupported("this adapter offers the codec role only")
        return {"type": "error", "case": case, "message": "unknown request type %r" % kind}
    except Reject as e:
        return {"type": "rejected", "case": case, "reason": str(e)}
    except Unsupported as e:
        return {"type": "unsupported", "case": case, "reason": str(e)}
    except RecursionError:
        return {"type": "rejected", "case": case, "reason": "nested too deep"}


def main():
    for line in sys.stdin:
        reply = answer(json.loads(line))
        sys.stdout.write(json.dumps(reply, ensure_ascii=False, separators=(",", ":")) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
