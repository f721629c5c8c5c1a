"""The process-protocol loop shared by tgconf's adapters over Python TL libraries.

An adapter supplies a codec object (see :class:`LibraryCodec`); this module speaks process
protocol v1 (docs/adapter-protocol.md) around it: the handshake, then one answer per request,
echoing its case, until end of input.

The adapters are faithful to their library: a value the library decodes is answered as
decoded even where a strict decoder would refuse it (trailing bytes, a constructor of another
type), because that leniency is what the conformance report is about. Only exceptions raised
by the library itself become `rejected`; the adapter raises :class:`Rejected` for them.
"""

import json
import sys
from typing import Any, Optional, Tuple

PROTOCOL = 1


class Rejected(Exception):
    """The library refused the input (its own exception, quoted as the reason)."""


class Unsupported(Exception):
    """The adapter cannot express the request (a schema given at run time, a bare type...)."""


class LibraryCodec:
    """What an adapter implements."""

    name: str
    version: str
    layer: int

    def decode(self, tl_type: str, data: bytes) -> Tuple[Any, int]:
        """Canonical JSON of what the library decodes from `data`, and the bytes it consumed."""
        raise NotImplementedError

    def encode(self, tl_type: str, value: Any) -> bytes:
        raise NotImplementedError


def _answer(codec: LibraryCodec, request: dict) -> Optional[dict]:
    kind = request.get("type")
    case = request.get("case")
    if kind == "hello":
        return {
            "type": "hello",
            "protocol": PROTOCOL,
            "name": codec.name,
            "version": codec.version,
            "roles": ["codec"],
            "layers": [{"from": codec.layer, "to": codec.layer}],
        }
    try:
        if kind in ("decode", "encode") and request.get("schema") is not None:
            raise Unsupported("the library reads only its own built-in schema")
        if kind in ("decode", "encode") and request.get("layer") != codec.layer:
            raise Unsupported(f"the library speaks layer {codec.layer} only")
        if kind == "decode":
            try:
                data = bytes.fromhex(request["hex"])
            except (KeyError, TypeError, ValueError) as error:
                return {"type": "error", "case": case, "message": f"bad decode request: {error}"}
            value, consumed = codec.decode(request["tl_type"], data)
            # `consumed` is informative: the library does not complain about bytes it leaves.
            return {"type": "decoded", "case": case, "value": value, "consumed": consumed}
        if kind == "encode":
            return {"type": "encoded", "case": case, "hex": codec.encode(request["tl_type"], request["value"]).hex()}
        if kind in ("start", "input", "end", "schema_line"):
            raise Unsupported("only the codec role is offered")
        return {"type": "error", "case": case, "message": f"unknown request type {kind!r}"}
    except Rejected as error:
        return {"type": "rejected", "case": case, "reason": str(error)}
    except Unsupported as error:
        return {"type": "unsupported", "case": case, "reason": str(error)}
    except Exception as error:  # noqa: BLE001 - any other failure is the adapter's ERROR
        return {"type": "error", "case": case, "message": f"{type(error).__name__}: {error}"}


def serve(codec: LibraryCodec) -> None:
    """Answers requests from stdin until end of input."""
    for line in sys.stdin:
        try:
            request = json.loads(line)
        except json.JSONDecodeError as error:
            answer = {"type": "error", "case": None, "message": f"unreadable request: {error}"}
        else:
            answer = _answer(codec, request) if isinstance(request, dict) else None
            if answer is None:
                answer = {"type": "error", "case": None, "message": "a request is a JSON object"}
        sys.stdout.write(json.dumps(answer, ensure_ascii=False) + "\n")
        sys.stdout.flush()

