"""tgconf's Telethon adapter package.

`convert` maps tgconf's canonical JSON form of TL values to Telethon TLObjects
and back, and encodes/decodes them with Telethon itself.  It is the core of the
Telethon process adapter and of scripts/golden/make_vectors.py.
"""

from .convert import (  # noqa: F401
    BARE_TYPES,
    Constructor,
    ConversionError,
    Field,
    SchemaError,
    TelethonSchema,
)
