#!/usr/bin/env python3
"""tgconf's codec adapter over pyrogram.raw (Pyrogram or kurigram), process protocol v1.

Run it with the interpreter of a venv made by install.sh, e.g.:

    tgconf run --adapter process:'adapters/pyrogram/envs/kurigram-2.2.26/.venv/bin/python adapters/pyrogram/adapter.py'
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [HERE, os.path.join(HERE, "..", "common")]

from tgconf_codec_adapter import LibraryCodec, Rejected, serve  # noqa: E402
from tgconf_pyrogram import ConversionError, PyrogramSchema  # noqa: E402


class PyrogramCodec(LibraryCodec):
    def __init__(self):
        self.schema = PyrogramSchema()
        self.name = self.schema.distribution
        self.version = self.schema.version
        self.layer = self.schema.layer

    def decode(self, tl_type, data):
        try:
            return self.schema.decode(tl_type, data)
        except ConversionError:
            # The library returned something that is not a value of the type (see the README):
            # not a refusal, so it surfaces as the adapter's ERROR.
            raise
        except Exception as error:  # noqa: BLE001 - the library's own refusal, whatever its class
            raise Rejected(f"{type(error).__name__}: {error}") from error

    def encode(self, tl_type, value):
        try:
            return self.schema.encode(tl_type, value)
        except Exception as error:  # noqa: BLE001 - a value the library cannot write
            raise Rejected(f"{type(error).__name__}: {error}") from error


if __name__ == "__main__":
    serve(PyrogramCodec())
