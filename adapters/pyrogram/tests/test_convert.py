"""Round trips of tgconf_pyrogram.convert against corpus/golden, and its refusals.

Run inside a venv made by adapters/pyrogram/install.sh, e.g.:

    adapters/pyrogram/envs/kurigram-2.2.26/.venv/bin/python -m unittest discover -s adapters/pyrogram/tests

The golden vectors were checked with another library (Telethon) at the same layer, so these
tests compare Pyrogram's bytes with independently checked ones.
"""

import glob
import json
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
sys.path.insert(0, os.path.dirname(HERE))

from tgconf_pyrogram import ConversionError, PyrogramSchema  # noqa: E402


def golden_at(layer):
    for path in sorted(glob.glob(os.path.join(ROOT, "corpus", "golden", "*.json"))):
        with open(path, encoding="utf-8") as fh:
            doc = json.load(fh)
        if doc.get("layer") == layer:
            return doc
    return None


class GoldenRoundTrip(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.s = PyrogramSchema()
        cls.doc = golden_at(cls.s.layer)
        if cls.doc is None:
            raise unittest.SkipTest(f"no golden file at layer {cls.s.layer}")
        known = cls.s._by_name
        # Vectors of synthetic schemas (CRC examples) name constructors no real layer has.
        cls.objects = [
            v
            for v in cls.doc["vectors"]
            if (isinstance(v["value"], dict) and v["value"]["_"] in known) or not isinstance(v["value"], dict)
        ]

    def test_there_are_object_vectors(self):
        self.assertGreater(len(self.objects), 20)

    def test_encode_gives_the_golden_bytes(self):
        for vector in self.objects:
            with self.subTest(vector["id"]):
                self.assertEqual(self.s.encode(vector["type"], vector["value"]).hex(), vector["hex"])

    def test_decode_gives_the_golden_value(self):
        for vector in self.objects:
            if vector["id"] in KNOWN_DECODE_BUGS:
                continue
            with self.subTest(vector["id"]):
                value, used = self.s.decode(vector["type"], bytes.fromhex(vector["hex"]))
                self.assertEqual(value, vector["value"])
                self.assertEqual(used, len(vector["hex"]) // 2)


# Vectors the library decodes wrongly, with the reason; each is asserted to still fail, so a
# release that fixes it is noticed.
KNOWN_DECODE_BUGS = {
    "GV-ikb229-switch-inline": "Vector.read guesses element types from their size: two 4-byte boxed constructors come back as ints",
    "GV-ikb229-switch-inline-styled": "Vector.read guesses element types from their size: two 4-byte boxed constructors come back as ints",
}


class KnownDecodeBugs(unittest.TestCase):
    def test_each_known_bug_still_fails(self):
        s = PyrogramSchema()
        doc = golden_at(s.layer)
        if doc is None:
            raise unittest.SkipTest(f"no golden file at layer {s.layer}")
        vectors = {v["id"]: v for v in doc["vectors"]}
        for vector_id in KNOWN_DECODE_BUGS:
            with self.subTest(vector_id), self.assertRaises(ConversionError):
                s.decode(vectors[vector_id]["type"], bytes.fromhex(vectors[vector_id]["hex"]))


class Refusals(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.s = PyrogramSchema()

    def test_unknown_constructor(self):
        with self.assertRaises(ConversionError):
            self.s.from_json({"_": "noSuchThing"})

    def test_missing_required_field(self):
        with self.assertRaises(ConversionError):
            self.s.from_json({"_": "keyboardButtonRow"})

    def test_unknown_field(self):
        with self.assertRaises(ConversionError):
            self.s.from_json({"_": "keyboardButtonRow", "buttons": [], "extra": 1})

    def test_long_must_be_a_decimal_string(self):
        with self.assertRaises(ConversionError):
            self.s.from_json({"_": "inputPeerUser", "user_id": 5, "access_hash": "0"})

    def test_bytes_must_be_lowercase_hex(self):
        with self.assertRaises(ConversionError):
            self.s.from_json({"_": "keyboardButtonCallback", "text": "a", "data": "ZZ"})


class OrdinaryFieldNamedFlags(unittest.TestCase):
    """auth.importBotAuthorization#67a3ff2c has `flags:int`, an ordinary field (in every
    layer Pyrogram and kurigram speak), not a `#` field: it is part of the value."""

    def test_round_trip_keeps_it(self):
        s = PyrogramSchema()
        value = {"_": "auth.importBotAuthorization", "flags": 7, "api_id": 1,
                 "api_hash": "h", "bot_auth_token": "t"}
        data = bytes.fromhex("2cffa367" "07000000" "01000000" "01680000" "01740000")
        self.assertEqual(s.encode("auth.importBotAuthorization", value), data)
        self.assertEqual(s.decode("auth.importBotAuthorization", data), (value, len(data)))


class SelfField(unittest.TestCase):
    def test_is_self_is_tl_self(self):
        # Pyrogram names TL's `self` flag `is_self`; the canonical form keeps the TL name.
        s = PyrogramSchema()
        value = {"_": "user", "self": True, "id": "1"}
        data = s.encode("User", value)
        self.assertEqual(s.decode("User", data), (value, len(data)))
        with self.assertRaises(ConversionError):
            s.encode("User", {"_": "user", "is_self": True, "id": "1"})


class FromField(unittest.TestCase):
    """kurigram names TL's `from` `from_peer`, and TL also has real `from_peer` fields: each
    class's TL names are decided by its id (the CRC32 of its definition)."""

    @classmethod
    def setUpClass(cls):
        cls.s = PyrogramSchema()

    def test_real_from_peer_stays(self):
        # messages.forwardMessages from_peer:InputPeer, in every layer of both libraries.
        names = [f.tl_name for f in self.s.constructor("messages.forwardMessages").fields]
        self.assertIn("from_peer", names)
        self.assertNotIn("from", names)

    def test_renamed_from_is_tl_from(self):
        if not {"storyFwdHeader", "aiComposeToneExample"} <= self.s._by_name.keys():
            raise unittest.SkipTest(f"no storyFwdHeader or aiComposeToneExample at layer {self.s.layer}")
        text = {"_": "textWithEntities", "text": "a", "entities": []}
        # aiComposeToneExample#f1d628ec from:TextWithEntities to:TextWithEntities
        value = {"_": "aiComposeToneExample", "from": text, "to": text}
        data = self.s.encode("AiComposeToneExample", value)
        self.assertEqual(data[:4], bytes.fromhex("ec28d6f1"))
        self.assertEqual(self.s.decode("AiComposeToneExample", data), (value, len(data)))
        # storyFwdHeader#b826e150 flags:# modified:flags.3?true from:flags.0?Peer …
        value = {"_": "storyFwdHeader", "from": {"_": "peerUser", "user_id": "5"}, "story_id": 2}
        data = self.s.encode("StoryFwdHeader", value)
        self.assertEqual(self.s.decode("StoryFwdHeader", data), (value, len(data)))
        with self.assertRaises(ConversionError):
            self.s.from_json({"_": "storyFwdHeader", "from_peer": {"_": "peerUser", "user_id": "5"}})


class CallsWithoutNamespace(unittest.TestCase):
    def test_a_function_name_is_a_call_not_a_bare_value(self):
        # initConnection has no namespace, like a bare constructor name, but it is a call:
        # read and written with its id.
        s = PyrogramSchema()
        value = {"_": "initConnection", "api_id": 1, "device_model": "a", "system_version": "b",
                 "app_version": "c", "system_lang_code": "d", "lang_pack": "e", "lang_code": "f",
                 "query": {"_": "help.getConfig"}}
        data = s.encode("initConnection", value)
        self.assertEqual(data[:4], bytes.fromhex("a95ecdc1"))
        self.assertEqual(s.decode("initConnection", data), (value, len(data)))


class BareConstructors(unittest.TestCase):
    def test_bare_constructor_has_no_id(self):
        s = PyrogramSchema()
        value = {"_": "inputPeerUser", "user_id": "7", "access_hash": "-1"}
        data = bytes.fromhex("0700000000000000" + "ff" * 8)
        for name in ("inputPeerUser", "%inputPeerUser"):
            with self.subTest(name):
                self.assertEqual(s.encode(name, value), data)
                self.assertEqual(s.decode(name, data), (value, 16))
        self.assertEqual(s.encode("InputPeer", value), bytes.fromhex("4ca5e8dd") + data)
        with self.assertRaises(ConversionError):
            s.encode("inputPeerUser", {"_": "inputPeerEmpty"})


if __name__ == "__main__":
    unittest.main()
