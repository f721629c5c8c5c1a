"""tgconf's adapter over Pyrogram's and kurigram's ``pyrogram.raw`` TL objects."""

from .convert import Constructor, ConversionError, Field, PyrogramSchema, SchemaError

__all__ = ["Constructor", "ConversionError", "Field", "PyrogramSchema", "SchemaError"]
