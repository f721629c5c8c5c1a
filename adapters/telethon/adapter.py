#!/usr/bin/env python3
"""tgconf's codec adapter over Telethon's TL objects, process protocol v1.

Run it with the interpreter of a venv made by install.sh, e.g.:

    tgconf run --adapter process:'adapters/telethon/envs/1.44.0/.venv/bin/python adapters/telethon/adapter.py'
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [HERE, os.path.join(HERE, "..", "common")]

from tgconf_codec_adapter import LibraryCodec, Rejected, serve  # noqa: E402
from tgconf_telethon import TelethonSchema  # noqa: E402


class TelethonCodec(LibraryCodec):
    def __init__(self):
        self.schema = TelethonSchema()
        self.name = "telethon"
        self.version = self.schema.telethon_version
        self.layer = self.schema.layer

    def decode(self, tl_type, data):
        # BinaryReader as Telethon's own message handling runs it: no check that a boxed value
        # is of the expected type and none for bytes left over (both show in the report).
        try:
            value, consumed = self.schema.decode(data, tl_type)
        except Exception as error:  # noqa: BLE001 - the library's own refusal, whatever its class
            raise Rejected(f"{type(error).__name__}: {error}") from error
        # A ConversionError here means Telethon returned something that is not a value of the
        # type: not a refusal, so it surfaces as the adapter's ERROR.
        return self.schema.canonical_of_decoded(value, tl_type), consumed

    def encode(self, tl_type, value):
        try:
            return self.schema.encode(value, tl_type)
        except Exception as error:  # noqa: BLE001 - a value the library cannot write
            raise Rejected(f"{type(error).__name__}: {error}") from error


if __name__ == "__main__":
    serve(TelethonCodec())
