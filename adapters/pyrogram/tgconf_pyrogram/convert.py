"""Conversion between tgconf's canonical JSON form and ``pyrogram.raw`` TL objects.

The canonical form is described in docs/canonical-json.md: ``{"_": "<tl name>", <fields>}``,
``#`` fields left out, ``flags.N?true`` present only when set, absent optionals left out,
``long`` as a decimal string, ``bytes``/``int128``/``int256`` as lowercase hex of the wire
bytes, ``Bool`` as true/false, vectors as arrays.

Where the field layout comes from
---------------------------------
Neither Pyrogram nor kurigram ships the ``api.tl`` its classes were generated from.  Each
generated class, however, carries both halves of its TL definition in its source:

* ``__init__`` assigns every field with the TL type as a trailing comment
  (``self.placeholder = placeholder  # flags.3?string``), and
* the ``read`` staticmethod reads the ``#`` words and the fields in wire order
  (``flags = Int.read(b)``, ``rows = TLObject.read(b)``, ...).

``_layout`` takes the types from the first and the order from the second; a class whose
source does not have that shape raises :class:`SchemaError` rather than being guessed.
Names come from ``QUALNAME`` (``types.messages.BotCallbackAnswer`` ->
``messages.botCallbackAnswer``), exact for the Telegram API's camelCase names.

Encoding is ``obj.write()``; decoding is ``TLObject.read(BytesIO(data))`` for boxed values,
which is what the library itself runs on every incoming message.
"""

from __future__ import annotations

import inspect
import re
import zlib
from dataclasses import dataclass, replace
from io import BytesIO
from typing import Any, Dict, List, Optional, Tuple

__all__ = ["ConversionError", "SchemaError", "Field", "Constructor", "PyrogramSchema"]


class ConversionError(ValueError):
    """A value does not fit the schema (unknown constructor, wrong JSON type, ...)."""


class SchemaError(RuntimeError):
    """A generated class does not have the source shape the layout reader understands."""


@dataclass(frozen=True)
class Field:
    # The attribute of the generated class.
    name: str
    tl_type: str
    # The `#` field and bit a conditional field depends on, or None.
    condition: Optional[Tuple[str, int]]
    # The field's name in the TL definition (see `_tl_field_names`).
    tl_name: str

    @property
    def is_flags_word(self) -> bool:
        return self.tl_type == "#"

    @property
    def is_true_flag(self) -> bool:
        return self.condition is not None and self.tl_type == "true"


@dataclass(frozen=True)
class Constructor:
    name: str
    id: int
    cls: Any
    fields: Tuple[Field, ...]
    is_function: bool


_INIT_LINE = re.compile(r"^\s*self\.(\w+) = \w+\s*#\s*(\S+)\s*$")
_FLAGS_READ = re.compile(r"^\s*(flags\d*) = Int\.read\(b\)\s*$")
_FIELD_READ = re.compile(r"^\s*(\w+) = (.+?)(?: if (flags\d*) & \(1 << (\d+)\) else (None|False|\[\]))?\s*$")


def _tl_name(qualname: str) -> str:
    parts = qualname.split(".")[1:]  # drop "types" / "functions"
    *namespace, last = parts
    return ".".join(namespace + [last[0].lower() + last[1:]])


def _layout(cls: Any) -> Tuple[Field, ...]:
    try:
        init_src = inspect.getsource(cls.__init__)
        read_src = inspect.getsource(cls.read)
    except (OSError, TypeError) as error:
        raise SchemaError(f"{cls.__name__}: source not available: {error}") from error
    types: Dict[str, str] = {}
    for line in init_src.splitlines():
        match = _INIT_LINE.match(line)
        if match:
            types[match.group(1)] = match.group(2)
    fields: List[Field] = []
    for line in read_src.splitlines()[1:]:
        line = line.split("#")[0].rstrip()
        if not line.strip() or line.strip().startswith(("@", "def ", "return ")):
            continue
        flags = _FLAGS_READ.match(line)
        # A `#` field is computed by write(), so never an __init__ parameter; an ordinary
        # field named flags (auth.importBotAuthorization's `flags:int`) is one.
        if flags and flags.group(1) not in types:
            fields.append(Field(flags.group(1), "#", None, flags.group(1)))
            continue
        match = _FIELD_READ.match(line)
        if not match or match.group(1) not in types:
            raise SchemaError(f"{cls.__name__}: unexpected read() line {line.strip()!r}")
        name, _reader, word, bit, _absent = match.groups()
        tl_type = types[name]
        condition = None
        if word is not None:
            condition = (word, int(bit))
            prefix = f"{word}.{bit}?"
            if not tl_type.startswith(prefix):
                raise SchemaError(f"{cls.__name__}.{name}: read() tests {prefix} but the type is {tl_type}")
            tl_type = tl_type[len(prefix):]
        elif "?" in tl_type:
            raise SchemaError(f"{cls.__name__}.{name}: conditional type {tl_type} read unconditionally")
        fields.append(Field(name, tl_type, condition, name))
    missing = set(types) - {f.name for f in fields}
    if missing:
        raise SchemaError(f"{cls.__name__}: fields never read: {sorted(missing)}")
    return _tl_field_names(cls, fields)


def _tl_field_names(cls: Any, fields: List[Field]) -> Tuple[Field, ...]:
    """The fields with their TL names. The generator renames the TL names that are Python
    keywords or builtins it shadows: `self` to `is_self` (TL has no `is_self` field), and
    `from` to `from_peer` (kurigram's compiler/api/compiler.py, "Fix arg name being reserved
    python keyword") although TL also has real `from_peer` fields (messages.forwardMessages).
    A class's `from_peer` is therefore resolved by its id, the CRC32 of its TL definition:
    the definition is rebuilt with each name and the one whose CRC is the id wins."""
    fields = [replace(f, tl_name="self") if f.name == "is_self" else f for f in fields]
    renamed = [i for i, f in enumerate(fields) if f.name == "from_peer"]
    if not renamed:
        return tuple(fields)
    candidates = []
    for tl_name in ("from", "from_peer"):
        named = [replace(f, tl_name=tl_name) if i in renamed else f for i, f in enumerate(fields)]
        if _definition_id(cls, named) == cls.ID:
            candidates.append(named)
    if len(candidates) != 1:
        raise SchemaError(f"{cls.__name__}: no single TL name of from_peer gives the id {cls.ID:08x}")
    return tuple(candidates[0])


_RESULT_OF_TYPE = re.compile(r"Constructor of :obj:`~pyrogram\.raw\.base\.([\w.]+)`")
_RESULT_OF_FUNCTION = re.compile(r"Returns:\s*\n\s*(?::obj:`[\w.]+ <pyrogram\.raw\.base\.([\w.]+)>`|(``bool``))")


def _definition_id(cls: Any, fields: List[Field]) -> int:
    """The CRC32 of the TL definition the class was generated from, normalized as for a
    TL id (https://core.telegram.org/mtproto/TL-combinators; the details as tl-parser's
    src/id.rs has them): no `flags.N?true` fields, a field's own `bytes` written `string`,
    `Vector<T>` written `Vector T`. The result type comes from the class's docstring."""
    is_function = cls.QUALNAME.startswith("functions.")
    found = (_RESULT_OF_FUNCTION if is_function else _RESULT_OF_TYPE).search(cls.__doc__ or "")
    if found is None:
        raise SchemaError(f"{cls.__name__}: result type not found in the docstring")
    result = "Bool" if found.group(0).endswith("``bool``") else found.group(1)
    params = []
    for f in fields:
        if f.is_flags_word:
            params.append(f"{f.tl_name}:#")
        elif f.is_true_flag:
            continue
        else:
            tl_type = "string" if f.tl_type == "bytes" else f.tl_type
            condition = f"{f.condition[0]}.{f.condition[1]}?" if f.condition else ""
            params.append(f"{f.tl_name}:{condition}{tl_type}")
    line = " ".join([_tl_name(cls.QUALNAME), *params, "=", result])
    return zlib.crc32(line.replace("<", " ").replace(">", "").encode())


_INT_SIZES = {"int128": 16, "int256": 32}


class PyrogramSchema:
    """The constructors of the installed Pyrogram (or fork), by TL name and by id."""

    def __init__(self) -> None:
        import pyrogram
        from pyrogram.raw.all import layer, objects

        self.version: str = pyrogram.__version__
        self.distribution: str = _distribution()
        self.layer: int = layer
        self._objects = objects
        self._by_name: Dict[str, Any] = {}
        for cid, cls in objects.items():
            qualname = getattr(cls, "QUALNAME", "")
            if qualname.startswith(("types.", "functions.")):
                self._by_name[_tl_name(qualname)] = cls
        self._layouts: Dict[Any, Constructor] = {}

    def constructor(self, name: str) -> Constructor:
        cls = self._by_name.get(name)
        if cls is None:
            raise ConversionError(f"unknown constructor {name!r} at layer {self.layer}")
        return self._constructor_of(cls)

    def _constructor_of(self, cls: Any) -> Constructor:
        known = self._layouts.get(cls)
        if known is None:
            known = Constructor(
                name=_tl_name(cls.QUALNAME),
                id=cls.ID,
                cls=cls,
                fields=_layout(cls),
                is_function=cls.QUALNAME.startswith("functions."),
            )
            self._layouts[cls] = known
        return known

    # -- canonical JSON -> pyrogram -------------------------------------------------------

    def from_json(self, value: Any) -> Any:
        """A boxed object (or function call) from its canonical JSON form."""
        if not isinstance(value, dict) or not isinstance(value.get("_"), str):
            raise ConversionError("expected an object with a \"_\" name")
        ctor = self.constructor(value["_"])
        known = {f.tl_name for f in ctor.fields if not f.is_flags_word}
        unknown = set(value) - known - {"_"}
        if unknown:
            raise ConversionError(f"{ctor.name}: unknown fields {sorted(unknown)}")
        kwargs = {}
        for field in ctor.fields:
            if field.is_flags_word:
                continue
            if field.tl_name not in value:
                if field.condition is None:
                    raise ConversionError(f"{ctor.name}: missing field {field.tl_name}")
                continue
            item = value[field.tl_name]
            if field.is_true_flag:
                if item is not True:
                    raise ConversionError(f"{ctor.name}.{field.tl_name}: a set flag is written true")
                kwargs[field.name] = True
            else:
                kwargs[field.name] = self._value_from_json(field.tl_type, item, f"{ctor.name}.{field.tl_name}")
        return ctor.cls(**kwargs)

    def _value_from_json(self, tl_type: str, item: Any, where: str) -> Any:
        vector = re.fullmatch(r"[Vv]ector<(.+)>", tl_type)
        if vector:
            if not isinstance(item, list):
                raise ConversionError(f"{where}: expected an array")
            return [self._value_from_json(vector.group(1), x, where) for x in item]
        if tl_type == "int":
            if not isinstance(item, int) or isinstance(item, bool) or not -(2**31) <= item < 2**31:
                raise ConversionError(f"{where}: expected an int")
            return item
        if tl_type == "long":
            if not isinstance(item, str) or not re.fullmatch(r"-?\d+", item) or not -(2**63) <= int(item) < 2**63:
                raise ConversionError(f"{where}: expected a long as a decimal string")
            return int(item)
        if tl_type == "double":
            if not isinstance(item, (int, float)) or isinstance(item, bool):
                raise ConversionError(f"{where}: expected a number")
            return float(item)
        if tl_type in _INT_SIZES:
            raw = _hex(item, where)
            if len(raw) != _INT_SIZES[tl_type]:
                raise ConversionError(f"{where}: expected {_INT_SIZES[tl_type]} bytes")
            return int.from_bytes(raw, "little", signed=True)
        if tl_type == "string":
            if not isinstance(item, str):
                raise ConversionError(f"{where}: expected a string")
            return item
        if tl_type == "bytes":
            return _hex(item, where)
        if tl_type == "Bool":
            if not isinstance(item, bool):
                raise ConversionError(f"{where}: expected true or false")
            return item
        return self.from_json(item)

    # -- pyrogram -> canonical JSON -------------------------------------------------------

    def to_json(self, obj: Any) -> Dict[str, Any]:
        if not isinstance(getattr(type(obj), "QUALNAME", None), str):
            # The library's vector reader guesses element types from their size, so a vector of
            # four-byte boxed values comes back as ints; say so instead of failing obscurely.
            raise ConversionError(f"the library decoded a {type(obj).__name__} ({obj!r}) where a TL object belongs")
        ctor = self._constructor_of(type(obj))
        out: Dict[str, Any] = {"_": ctor.name}
        for field in ctor.fields:
            if field.is_flags_word:
                continue
            item = getattr(obj, field.name)
            if field.is_true_flag:
                if item:
                    out[field.tl_name] = True
            elif field.condition is not None and item == [] and _is_vector(field.tl_type):
                # The library reads an absent optional vector as [] and writes its bit only for a
                # non-empty list, so [] is "absent" in its model; a present empty vector does not
                # survive a round trip through it.
                continue
            elif item is not None:
                out[field.tl_name] = self._value_to_json(field.tl_type, item)
            elif field.condition is None:
                raise ConversionError(f"{ctor.name}.{field.tl_name}: required field is None")
        return out

    def _value_to_json(self, tl_type: str, item: Any) -> Any:
        vector = re.fullmatch(r"[Vv]ector<(.+)>", tl_type)
        if vector:
            return [self._value_to_json(vector.group(1), x) for x in item]
        if tl_type == "long":
            return str(item)
        if tl_type in _INT_SIZES:
            return int(item).to_bytes(_INT_SIZES[tl_type], "little", signed=True).hex()
        if tl_type == "bytes":
            return bytes(item).hex()
        if tl_type in ("int", "double", "string", "Bool"):
            return item
        return self.to_json(item)

    # -- bytes ----------------------------------------------------------------------------

    def _is_bare(self, tl_type: str) -> bool:
        """A bare constructor or bare vector; a function name (initConnection) is a call."""
        if tl_type.startswith(("%", "vector<")):
            return True
        cls = self._by_name.get(tl_type)
        is_function = cls is not None and cls.QUALNAME.startswith("functions.")
        return tl_type[:1].islower() and "." not in tl_type and not is_function

    def encode(self, tl_type: str, value: Any) -> bytes:
        """Wire bytes of a canonical value of `tl_type`, as the library writes them."""
        from pyrogram.raw.core.primitives import Vector

        vector = re.fullmatch(r"Vector<(.+)>", tl_type)
        if vector:
            if not isinstance(value, list):
                raise ConversionError(f"{tl_type}: expected an array")
            inner = vector.group(1)
            if inner in _PRIMITIVES:
                return Vector([self._value_from_json(inner, x, tl_type) for x in value], _primitive(inner))
            return Vector([self.from_json(x) for x in value])
        if tl_type in _PRIMITIVES:
            return _primitive(tl_type)(self._value_from_json(tl_type, value, tl_type))
        if self._is_bare(tl_type):
            cls = self._bare_class(tl_type)
            obj = self.from_json(value)
            if type(obj) is not cls:
                raise ConversionError(f"{value.get('_')} is not a value of bare {tl_type}")
            # What the generated write() of an object with a bare field writes: the value
            # without its id.
            return obj.write()[4:]
        return self.from_json(value).write()

    def decode(self, tl_type: str, data: bytes) -> Tuple[Any, int]:
        """Reads one value of `tl_type` the way the library reads incoming data; returns its
        JSON form and the number of bytes consumed (the library ignores what follows). The
        library's own exceptions propagate."""
        from pyrogram.raw.core import TLObject

        stream = BytesIO(data)
        vector = re.fullmatch(r"Vector<(.+)>", tl_type)
        if vector:
            inner = vector.group(1)
            items = TLObject.read(stream, _primitive(inner)) if inner in _PRIMITIVES else TLObject.read(stream)
            if not isinstance(items, list):
                raise ConversionError(f"the library read a {type(items).__name__} where a vector belongs")
            if inner in _PRIMITIVES:
                return [self._value_to_json(inner, x) for x in items], stream.tell()
            return [self.to_json(x) for x in items], stream.tell()
        if tl_type in _PRIMITIVES:
            return self._value_to_json(tl_type, _primitive(tl_type).read(stream)), stream.tell()
        if self._is_bare(tl_type):
            # The class's own read() reads the fields only, as for a bare field.
            return self.to_json(self._bare_class(tl_type).read(stream)), stream.tell()
        return self.to_json(TLObject.read(stream)), stream.tell()

    def _bare_class(self, tl_type: str) -> Any:
        """The class of a bare constructor (`inputPeerUser`, `%inputPeerUser`)."""
        cls = self._by_name.get(tl_type.lstrip("%"))
        if cls is None or tl_type.startswith("vector<"):
            raise ConversionError(f"{tl_type}: the adapter reads and writes bare constructors only")
        return cls


_PRIMITIVES = ("int", "long", "double", "string", "bytes", "int128", "int256", "Bool")


def _primitive(tl_type: str) -> Any:
    from pyrogram.raw.core import primitives

    return {
        "int": primitives.Int,
        "long": primitives.Long,
        "double": primitives.Double,
        "string": primitives.String,
        "bytes": primitives.Bytes,
        "int128": primitives.Int128,
        "int256": primitives.Int256,
        "Bool": primitives.Bool,
    }[tl_type]


def _is_vector(tl_type: str) -> bool:
    return re.fullmatch(r"[Vv]ector<.+>", tl_type) is not None


def _hex(item: Any, where: str) -> bytes:
    if not isinstance(item, str) or len(item) % 2 or not re.fullmatch(r"[0-9a-f]*", item):
        raise ConversionError(f"{where}: expected lowercase hex")
    return bytes.fromhex(item)


def _distribution() -> str:
    from importlib import metadata

    for name in ("kurigram", "pyrogram", "Pyrogram"):
        try:
            metadata.version(name)
            return name.lower()
        except metadata.PackageNotFoundError:
            continue
    return "pyrogram"
