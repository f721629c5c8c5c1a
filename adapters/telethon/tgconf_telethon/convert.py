"""Conversion between tgconf's canonical JSON form and Telethon TL objects.

The canonical form (project-wide) of a boxed TL value is::

    {"_": "<tl name, with namespace>", <fields in declaration order>}

* ``#`` fields (``flags``, ``flags2``) are left out: they are derived.
* ``flags.N?true`` fields appear as ``true`` only when the bit is set.
* absent optional fields are left out.
* ``int`` and ``double`` are JSON numbers, ``long`` a decimal string,
  ``int128``/``int256`` and ``bytes`` lowercase hex of the wire bytes,
  ``string`` a JSON string, ``Bool`` true/false, vectors arrays, boxed
  objects nested ``{"_": ...}`` objects.

Why the field layout is read from Telethon's generated code
------------------------------------------------------------
Telethon's wheels (and, as of 1.44/1.45, its sdists) do not ship the
``api.tl`` they were generated from, and the ``__init__`` signatures do not
tell ``int`` from ``long`` or ``true`` from ``Bool``, nor give the declaration
order.  Each generated class's ``from_reader`` classmethod, however, reads
the fields in wire (= declaration) order with one reader call per TL type.  A
small, closed set of statement shapes covers every class (checked over all
constructors of Telethon 1.42-1.45), so ``_layout`` parses that method with
:mod:`ast` and recovers, per field: the TL name, the Telethon attribute, the
TL type, and the ``#`` field and bit it depends on.  Anything outside those
shapes raises :class:`SchemaError` instead of being guessed.

Names: Telethon keeps no TL names.  Classes are found by constructor id
through ``telethon.tl.alltlobjects.tlobjects`` and named by Telethon's own
rule reversed (``types[.ns].CamelCase`` / ``functions.ns.CamelCaseRequest``
-> ``[ns.]camelCase``).  That reversal is exact for the Telegram API, whose
names are camelCase; MTProto service names with underscores (``msgs_ack``)
come back camel-cased unless a TL file is given to ``TelethonSchema(names_from=...)``.

Encoding is ``bytes(obj)``; decoding is ``BinaryReader(data).tgread_object()``
(boxed values) or the matching ``BinaryReader`` method (bare base types).  A bare
constructor (``inputPeerUser``, ``%InputPeer``) is read with its class's
``from_reader`` and written as ``bytes(obj)`` without the id, as Telethon's generated
code does for a bare field.
"""

from __future__ import annotations

import ast
import inspect
import keyword
import re
import struct
import textwrap
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any, Dict, Iterable, List, Optional, Tuple

__all__ = [
    "ConversionError",
    "SchemaError",
    "Field",
    "Constructor",
    "TelethonSchema",
    "BARE_TYPES",
]

# BinaryReader method -> TL type.  tgread_date is Telethon's "date", an int on
# the wire that Telethon turns into a datetime.
_READERS = {
    "read_int": "int",
    "read_long": "long",
    "read_double": "double",
    "tgread_string": "string",
    "tgread_bytes": "bytes",
    "tgread_bool": "Bool",
    "tgread_date": "date",
    "tgread_object": "Object",
}

BOOL_TRUE = 0x997275B5
BOOL_FALSE = 0xBC799737
VECTOR = 0x1CB5C415

#: Base types that can be decoded bare (no constructor id), as the "type" of a
#: golden vector or the argument of :meth:`TelethonSchema.decode`.
BARE_TYPES = ("int", "long", "double", "int128", "int256", "string", "bytes", "Bool")

_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


class SchemaError(Exception):
    """Telethon's generated code has a shape this module does not understand."""


class ConversionError(ValueError):
    """A value does not fit the canonical form or the TL schema."""


@dataclass(frozen=True)
class Field:
    name: str               # TL field name
    attr: str               # Telethon attribute name (self -> is_self, from -> from_)
    type: str               # '#', 'true', 'int', 'long', 'double', 'int128', 'int256',
                            # 'string', 'bytes', 'Bool', 'date', 'Object' (any boxed value),
                            # '%Class' (bare constructor), 'Vector<...>', 'vector<...>' (bare)
    flag: Optional[str] = None   # name of the '#' field a conditional field depends on
    bit: Optional[int] = None

    @property
    def optional(self) -> bool:
        return self.flag is not None

    @property
    def tl(self) -> str:
        """The field as it would be written in a schema (Object = any boxed type)."""
        t = re.sub(r"\bdate\b", "int", self.type)  # Telethon's date is an int on the wire
        if self.flag is not None:
            return "%s:%s.%d?%s" % (self.name, self.flag, self.bit, t)
        return "%s:%s" % (self.name, t)


@dataclass
class Constructor:
    name: str
    id: int
    cls: type
    is_function: bool
    fields: Optional[List[Field]] = None   # read from the generated code on first use

    @property
    def result_crc(self) -> int:
        """crc32 of the result type name (Telethon's SUBCLASS_OF_ID)."""
        return self.cls.SUBCLASS_OF_ID


def _camel_to_tl(class_name: str) -> str:
    return class_name[:1].lower() + class_name[1:]


def _tl_to_camel(name: str) -> str:
    # Telethon's snake_to_camel_case: capitalise the first letter and the letter
    # after each underscore (p_q_inner_data -> PQInnerData).
    return re.sub(r"(?:^|_)([a-zA-Z0-9])", lambda m: m.group(1).upper(), name)


def _attr_to_tl(attr: str) -> str:
    # Telethon renames `self` to `is_self` and Python keywords to `kw_`.
    if attr == "is_self":
        return "self"
    if attr.endswith("_") and keyword.iskeyword(attr[:-1]):
        return attr[:-1]
    return attr


def _reader_call(node: ast.AST) -> Optional[str]:
    """TL type read by `reader.<method>(...)`, or None if node is not such a call."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name) and node.func.value.id == "reader"):
        return None
    meth = node.func.attr
    if meth == "read_large_int":
        bits = next((k.value.value for k in node.keywords if k.arg == "bits"), None)
        if bits not in (128, 256):
            raise SchemaError("read_large_int with bits=%r" % bits)
        return "int%d" % bits
    if meth not in _READERS:
        raise SchemaError("unknown reader method " + meth)
    return _READERS[meth]


def _flag_test(node: ast.AST) -> Tuple[str, int]:
    # `flags & 4`  ->  ('flags', 2)
    if (isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitAnd)
            and isinstance(node.left, ast.Name) and isinstance(node.right, ast.Constant)):
        mask = node.right.value
        if mask > 0 and mask & (mask - 1) == 0:
            return node.left.id, mask.bit_length() - 1
    raise SchemaError("unexpected flag test " + ast.unparse(node))


def _elem_read(body: List[ast.stmt]) -> Optional[str]:
    """Element type of a vector loop body: `_y = reader.<m>(); _x.append(_y)`,
    or `[from . import C;] _y = C.from_reader(reader); _x.append(_y)` for a bare
    element (written %C, C being the Telethon class name)."""
    body = [st for st in body if not isinstance(st, ast.ImportFrom)]
    if len(body) != 2 or not isinstance(body[0], ast.Assign):
        return None
    val = body[0].value
    t = _reader_call(val)
    if t is not None:
        return t
    if (isinstance(val, ast.Call) and isinstance(val.func, ast.Attribute)
            and val.func.attr == "from_reader" and isinstance(val.func.value, ast.Name)):
        return "%" + val.func.value.id
    return None


def _value_stmts(stmts: List[ast.stmt]) -> Tuple[str, str, int]:
    """(local variable, TL type, statements used) of a plain read or a vector.

    Boxed vector:  reader.read_int()   (the vector id; Telethon does not check it)
                   _x = []
                   for _ in range(reader.read_int()): <element read>; _x.append(...)
    Bare vector (lowercase `vector<T>`): the same without the first statement."""
    if stmts and isinstance(stmts[0], ast.Assign):
        t = _reader_call(stmts[0].value)
        if t is not None and isinstance(stmts[0].targets[0], ast.Name):
            return stmts[0].targets[0].id, t, 1
    boxed = bool(stmts) and isinstance(stmts[0], ast.Expr) and _reader_call(stmts[0].value) == "int"
    rest = stmts[1:3] if boxed else stmts[0:2]
    if (len(rest) == 2 and isinstance(rest[0], ast.Assign) and isinstance(rest[0].value, ast.List)
            and isinstance(rest[1], ast.For)):
        elem = _elem_read(rest[1].body)
        if elem is not None:
            return rest[0].targets[0].id, ("Vector<%s>" if boxed else "vector<%s>") % elem, 3 if boxed else 2
    raise SchemaError("unexpected statements: " + " / ".join(ast.unparse(s) for s in stmts[:3]))


def _layout(cls: type) -> List[Field]:
    """Fields of a generated class in wire order, from its from_reader source."""
    src = textwrap.dedent(inspect.getsource(cls.from_reader))
    fn = ast.parse(src).body[0]
    body = list(fn.body)
    ret = body.pop()
    if not (isinstance(ret, ast.Return) and isinstance(ret.value, ast.Call)):
        raise SchemaError("%s.from_reader does not end in `return cls(...)`" % cls.__name__)
    attr_of = {kw.value.id: kw.arg for kw in ret.value.keywords}

    fields: List[Field] = []
    i = 0
    while i < len(body):
        st = body[i]
        # flags = reader.read_int()
        if (isinstance(st, ast.Assign) and isinstance(st.targets[0], ast.Name)
                and not st.targets[0].id.startswith("_") and _reader_call(st.value) == "int"):
            name = st.targets[0].id
            fields.append(Field(name, name, "#"))
            i += 1
            continue
        # _x = bool(flags & N)
        if (isinstance(st, ast.Assign) and isinstance(st.value, ast.Call)
                and isinstance(st.value.func, ast.Name) and st.value.func.id == "bool"):
            flag, bit = _flag_test(st.value.args[0])
            attr = attr_of[st.targets[0].id]
            fields.append(Field(_attr_to_tl(attr), attr, "true", flag, bit))
            i += 1
            continue
        # if flags & N: <read> else: _x = None
        if isinstance(st, ast.If):
            flag, bit = _flag_test(st.test)
            var, t, used = _value_stmts(st.body)
            if used != len(st.body):
                raise SchemaError("unexpected conditional block in " + cls.__name__)
            attr = attr_of[var]
            fields.append(Field(_attr_to_tl(attr), attr, t, flag, bit))
            i += 1
            continue
        # a plain read, or a vector block
        var, t, used = _value_stmts(body[i:i + 3])
        i += used
        attr = attr_of[var]
        fields.append(Field(_attr_to_tl(attr), attr, t))
    return fields


def _tl_names(paths: Iterable[str]) -> Dict[int, str]:
    names = {}
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                m = re.match(r"\s*([A-Za-z_][\w.]*)#([0-9a-fA-F]{1,8})\b", line)
                if m:
                    names[int(m.group(2), 16)] = m.group(1)
    return names


class TelethonSchema:
    """The TL schema of the imported Telethon, and canonical-JSON conversion.

    >>> s = TelethonSchema()
    >>> obj = s.from_canonical({"_": "keyboardButtonStyle", "bg_primary": True})
    >>> bytes(obj).hex()
    '3034dd4f01000000'
    >>> s.decode_canonical(bytes.fromhex("3034dd4f01000000"), "KeyboardButtonStyle")
    ({'_': 'keyboardButtonStyle', 'bg_primary': True}, 8)
    """

    def __init__(self, names_from: Iterable[str] = ()):
        import telethon
        from telethon.extensions import BinaryReader
        from telethon.tl import alltlobjects
        from telethon.tl.tlobject import TLObject

        self.telethon_version: str = telethon.__version__
        self.layer: int = alltlobjects.LAYER
        self._BinaryReader = BinaryReader
        self._TLObject = TLObject
        extra = _tl_names(names_from)
        self.by_id: Dict[int, Constructor] = {}
        self.by_name: Dict[str, Constructor] = {}
        self._by_class: Dict[type, Constructor] = {}
        for cid, cls in alltlobjects.tlobjects.items():
            self._add(cid, cls, extra.get(cid))

    # -- schema ----------------------------------------------------------

    def _add(self, cid: int, cls: type, name: Optional[str]) -> None:
        mod = cls.__module__.split(".")  # telethon.tl.(types|functions)[.ns]
        is_function = mod[2] == "functions"
        if name is None:
            base = cls.__name__
            if is_function:
                base = base[: -len("Request")]
            name = _camel_to_tl(base)
            if len(mod) > 3:
                name = mod[3] + "." + name
        c = Constructor(name, cid, cls, is_function)
        self.by_id[cid] = c
        self.by_name[name] = c
        self._by_class[cls] = c

    def constructor(self, name_or_id) -> Constructor:
        c = self.by_id.get(name_or_id) if isinstance(name_or_id, int) else self.by_name.get(name_or_id)
        if c is None and isinstance(name_or_id, str):
            c = self._by_camel(name_or_id)
        if c is None:
            raise ConversionError("Telethon %s (layer %d) has no constructor %r"
                                  % (self.telethon_version, self.layer, name_or_id))
        if c.fields is None:
            c.fields = _layout(c.cls)
        return c

    def _by_camel(self, name: str) -> Optional[Constructor]:
        # Accept the underscore spelling of MTProto names (msgs_ack -> MsgsAck).
        ns, _, base = name.rpartition(".")
        want = _tl_to_camel(base)
        for c in self.by_name.values():
            cns, _, cbase = c.name.rpartition(".")
            if cns == ns and _tl_to_camel(cbase) == want:
                return c
        return None

    def definition(self, name_or_id) -> str:
        """A schema-like line for a constructor (boxed field types print as Object)."""
        c = self.constructor(name_or_id)
        args = " ".join(f.tl if f.type != "#" else "%s:#" % f.name for f in c.fields)
        return ("%s#%08x %s" % (c.name, c.id, args)).strip()

    def bare_constructor(self, type_name: str) -> Optional[Constructor]:
        """The constructor a bare `type_name` names, or None when it is not bare.

        Bare: `%T` (T a constructor, or a type with exactly one constructor) or a lowercase
        constructor name (`inputPeerUser`), as TL writes them. A function name is a call,
        read boxed: its id is part of the call."""
        if type_name.startswith("%"):
            name = type_name[1:]
            c = self.by_name.get(name) or self._by_camel(name)
            if c is None or c.is_function:
                crc = zlib.crc32(name.encode("ascii"))
                only = [k for k in self.by_name.values()
                        if not k.is_function and k.cls.SUBCLASS_OF_ID == crc]
                if len(only) != 1:
                    raise ConversionError("%s: Telethon %s has no single constructor of type %s"
                                          % (type_name, self.telethon_version, name))
                c = only[0]
            return self.constructor(c.id)
        base = type_name.rpartition(".")[2]
        if not base[:1].islower() or type_name in BARE_TYPES:
            return None
        c = self.by_name.get(type_name)
        if c is None or c.is_function:
            return None
        return self.constructor(c.id)

    def is_of_type(self, obj: Any, type_name: str) -> bool:
        """Whether a decoded value belongs to a boxed type, is of a bare constructor or is a
        given function."""
        if type_name == "Bool":
            return isinstance(obj, bool)
        bare = self.bare_constructor(type_name)
        if bare is not None:
            return type(obj) is bare.cls
        c = self._by_class.get(type(obj))
        if c is None:
            return False
        if c.is_function:
            return c.name == type_name
        return c.cls.SUBCLASS_OF_ID == zlib.crc32(type_name.encode("ascii"))

    # -- canonical JSON -> Telethon ----------------------------------------

    def from_canonical(self, value: Dict[str, Any]):
        """Build the Telethon object for a canonical boxed value."""
        if not isinstance(value, dict) or "_" not in value:
            raise ConversionError("a boxed value needs a '_' key: %r" % (value,))
        c = self.constructor(value["_"])
        known = {f.name for f in c.fields if f.type != "#"}
        unknown = set(value) - known - {"_"}
        if unknown:
            raise ConversionError("%s has no field(s) %s" % (c.name, ", ".join(sorted(unknown))))
        kwargs = {}
        for f in c.fields:
            if f.type == "#":
                if f.name in value:
                    raise ConversionError("%s: '#' field %s is derived, not given" % (c.name, f.name))
                continue
            if f.name not in value:
                if f.optional:
                    kwargs[f.attr] = None
                    continue
                raise ConversionError("%s: missing field %s" % (c.name, f.name))
            v = value[f.name]
            if f.type == "true":
                if v is not True:
                    raise ConversionError("%s.%s: a flag is given as true or left out" % (c.name, f.name))
                kwargs[f.attr] = True
            else:
                kwargs[f.attr] = self._in(f.type, v, "%s.%s" % (c.name, f.name))
        return c.cls(**kwargs)

    def _in(self, t: str, v: Any, where: str):
        if t.lower().startswith("vector<"):
            if not isinstance(v, list):
                raise ConversionError(where + ": expected an array")
            return [self._in(t[7:-1], x, where + "[]") for x in v]
        if t == "Object" or t.startswith("%"):
            return self.from_canonical(v)
        return _base_in(t, v, where)

    # -- Telethon -> canonical JSON ----------------------------------------

    def to_canonical(self, obj) -> Any:
        """Canonical JSON of a Telethon object (or of a decoded Bool / vector)."""
        if isinstance(obj, bool):
            return obj
        if isinstance(obj, list):
            return [self.to_canonical(x) for x in obj]
        c = self._by_class.get(type(obj))
        if c is None:
            raise ConversionError("not a Telethon TL object of this schema: %r" % (obj,))
        c = self.constructor(c.id)
        out: Dict[str, Any] = {"_": c.name}
        for f in c.fields:
            if f.type == "#":
                continue
            v = getattr(obj, f.attr)
            if f.type == "true":
                if v:
                    out[f.name] = True
                continue
            if v is None and f.optional:
                continue
            out[f.name] = self._out(f.type, v)
        return out

    def _out(self, t: str, v: Any):
        if t.lower().startswith("vector<"):
            return [self._out(t[7:-1], x) for x in v]
        if t == "Object" or t.startswith("%"):
            return self.to_canonical(v)
        return _base_out(t, v)

    # -- bytes -------------------------------------------------------------

    def encode(self, value: Any, type_name: Optional[str] = None) -> bytes:
        """Wire bytes of a canonical value: bytes(obj) for boxed values, and for
        bare base types what Telethon's generated code writes for that type."""
        if type_name in BARE_TYPES or (type_name or "").lower().startswith("vector<"):
            return self.encode_bare(type_name, value)
        obj = self.from_canonical(value)
        bare = self.bare_constructor(type_name) if type_name else None
        if bare is not None:
            if type(obj) is not bare.cls:
                raise ConversionError("%s is not a value of bare %s" % (value.get("_"), type_name))
            # Telethon writes only boxed objects; its generated code writes a bare field as
            # the object's bytes without the id, which is what this does.
            return bytes(obj)[4:]
        return bytes(obj)

    def encode_bare(self, t: str, value: Any) -> bytes:
        if t.lower().startswith("vector<"):
            inner = t[7:-1]
            head = struct.pack("<Ii", VECTOR, len(value)) if t[0] == "V" else struct.pack("<i", len(value))
            return head + b"".join(self.encode(x, inner) for x in value)
        if t not in BARE_TYPES:
            return self.encode(value, t)
        v = _base_in(t, value, t)
        if t in ("string", "bytes"):
            return self._TLObject.serialize_bytes(v)
        if t == "Bool":
            return struct.pack("<I", BOOL_TRUE if v else BOOL_FALSE)
        if t == "int":
            return struct.pack("<i", v)
        if t == "long":
            return struct.pack("<q", v)
        if t == "double":
            return struct.pack("<d", v)
        return v.to_bytes(16 if t == "int128" else 32, "little", signed=True)

    def decode(self, data: bytes, type_name: str) -> Tuple[Any, int]:
        """Decode one value of `type_name` from the start of `data` with
        Telethon's BinaryReader; returns (Telethon value, bytes consumed).

        `type_name` is a boxed type ("KeyboardButtonStyle"), a function name
        ("messages.sendBotRequestedPeer"), a bare base type or Vector<...>.
        Telethon's own errors (TypeNotFoundError, BufferError, ...) propagate."""
        reader = self._BinaryReader(bytes(data))
        value = self._read(reader, type_name)
        return value, reader.tell_position()

    def _read(self, reader, t: str):
        if t.lower().startswith("vector<"):
            if t[0] == "V":
                reader.read_int(signed=False)  # the vector id; Telethon does not check it either
            return [self._read(reader, t[7:-1]) for _ in range(reader.read_int())]
        meth = {"int": reader.read_int, "long": reader.read_long, "double": reader.read_double,
                "string": reader.tgread_string, "bytes": reader.tgread_bytes,
                "Bool": reader.tgread_bool}.get(t)
        if meth is not None:
            return meth()
        if t in ("int128", "int256"):
            return reader.read_large_int(bits=int(t[3:]))
        bare = self.bare_constructor(t)
        if bare is not None:
            # What Telethon's generated code runs for a bare field: the class's from_reader,
            # which reads the fields only.
            return bare.cls.from_reader(reader)
        return reader.tgread_object()

    def decode_canonical(self, data: bytes, type_name: str) -> Tuple[Any, int]:
        """:meth:`decode` followed by :meth:`canonical_of_decoded`.  Checks that a
        boxed result belongs to `type_name` (Telethon itself does not)."""
        value, used = self.decode(data, type_name)
        if type_name not in BARE_TYPES and not type_name.lower().startswith("vector<") \
                and (isinstance(value, list) or not self.is_of_type(value, type_name)):
            raise ConversionError("decoded %r, which is not a %s" % (value, type_name))
        return self.canonical_of_decoded(value, type_name), used

    def canonical_of_decoded(self, value: Any, type_name: str) -> Any:
        """Canonical JSON of what :meth:`decode` returned for `type_name`."""
        if type_name.lower().startswith("vector<"):
            return [self.canonical_of_decoded(x, type_name[7:-1]) for x in value]
        if type_name in BARE_TYPES:
            return _base_out(type_name, value)
        return self.to_canonical(value)


# -- base types -------------------------------------------------------------

def _base_in(t: str, v: Any, where: str):
    def need(cond, what):
        if not cond:
            raise ConversionError("%s: expected %s, got %r" % (where, what, v))
    if t in ("int", "date"):
        need(isinstance(v, int) and not isinstance(v, bool) and -2**31 <= v < 2**31, "an int32 number")
        return v
    if t == "long":
        need(isinstance(v, str) and re.fullmatch(r"-?[0-9]+", v) is not None, "a decimal string")
        n = int(v)
        need(-2**63 <= n < 2**63 and str(n) == v, "a canonical int64 decimal string")
        return n
    if t == "double":
        need(isinstance(v, (int, float)) and not isinstance(v, bool), "a number")
        return float(v)
    if t in ("int128", "int256", "bytes"):
        need(isinstance(v, str) and re.fullmatch(r"(?:[0-9a-f]{2})*", v) is not None, "lowercase hex")
        b = bytes.fromhex(v)
        if t == "bytes":
            return b
        need(len(b) == (16 if t == "int128" else 32), "%d hex digits" % (32 if t == "int128" else 64))
        return int.from_bytes(b, "little", signed=True)
    if t == "string":
        need(isinstance(v, str), "a string")
        return v
    if t == "Bool":
        need(isinstance(v, bool), "true or false")
        return v
    raise ConversionError("%s: unknown base type %s" % (where, t))


def _base_out(t: str, v: Any):
    if t == "date":
        if isinstance(v, datetime):
            dt = v if v.tzinfo else v.replace(tzinfo=timezone.utc)
            return int((dt - _EPOCH) // timedelta(seconds=1))
        return int(v)
    if t == "int":
        return v - 2**32 if v >= 2**31 else v  # read_int(signed=False) in a few classes
    if t == "long":
        return str(v)
    if t == "double":
        return v
    if t in ("int128", "int256"):
        return v.to_bytes(16 if t == "int128" else 32, "little", signed=True).hex()
    if t == "bytes":
        return bytes(v).hex()
    if t in ("string", "Bool"):
        return v
    raise ConversionError("unknown base type " + t)
