"""Round-trip tests of tgconf_telethon.convert against corpus/golden.

Run inside a Telethon venv made by adapters/telethon/install.sh, e.g.:

    adapters/telethon/envs/1.44.0/.venv/bin/python -m unittest discover -s adapters/telethon/tests

Uses the golden file that was checked with the installed Telethon version.
"""

import glob
import json
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
sys.path.insert(0, os.path.dirname(HERE))

from tgconf_telethon import ConversionError, TelethonSchema  # noqa: E402


def golden_for(version):
    for path in sorted(glob.glob(os.path.join(ROOT, "corpus", "golden", "*.json"))):
        with open(path, encoding="utf-8") as fh:
            doc = json.load(fh)
        if doc.get("checked_with") == "telethon " + version:
            return doc
    return None


class GoldenRoundTrip(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.s = TelethonSchema()
        cls.doc = golden_for(cls.s.telethon_version)
        if cls.doc is None:
            raise unittest.SkipTest("no golden file for telethon " + cls.s.telethon_version)

    def test_layer(self):
        self.assertEqual(self.doc["layer"], self.s.layer)

    def test_vectors(self):
        n = 0
        for vec in self.doc["vectors"]:
            if "schema" in vec:  # not in any Telegram schema (the TL page example)
                continue
            with self.subTest(vec["id"]):
                data = bytes.fromhex(vec["hex"])
                self.assertEqual(self.s.encode(vec["value"], vec["type"]).hex(), vec["hex"])
                value, used = self.s.decode_canonical(data, vec["type"])
                self.assertEqual(used, len(data))
                self.assertEqual(json.dumps(value, ensure_ascii=False),
                                 json.dumps(vec["value"], ensure_ascii=False))
                n += 1
        self.assertGreater(n, 0)

    def test_rejects_bad_values(self):
        bad = [
            {"_": "keyboardButtonStyle", "icon": 5},            # long must be a decimal string
            {"_": "keyboardButtonStyle", "bg_primary": False},  # true flags are true or absent
            {"_": "keyboardButtonStyle", "flags": 1},           # '#' fields are derived
            {"_": "keyboardButtonStyle", "colour": True},       # no such field
            {"_": "noSuchConstructor"},
            {"_": "requestPeerTypeUser", "bot": 1},             # Bool is true/false
            {"_": "inputPeerUser", "user_id": "01", "access_hash": "2"},  # non-canonical long
        ]
        for value in bad:
            with self.subTest(value):
                with self.assertRaises(ConversionError):
                    self.s.from_canonical(value)

    def test_every_layout_parses(self):
        for cid in self.s.by_id:
            self.s.constructor(cid)


class BareConstructors(unittest.TestCase):
    """A bare constructor (TL's %T or a lowercase constructor name) has no id on the wire."""

    @classmethod
    def setUpClass(cls):
        cls.s = TelethonSchema()

    def test_bare_constructor_has_no_id(self):
        # 16 bytes: user_id and access_hash, no 4ca5e8dd in front (bare, as a TL %T field).
        value = {"_": "inputPeerUser", "user_id": "7", "access_hash": "-1"}
        data = bytes.fromhex("0700000000000000" + "ff" * 8)
        for name in ("inputPeerUser", "%inputPeerUser"):
            with self.subTest(name):
                self.assertEqual(self.s.encode(value, name), data)
                self.assertEqual(self.s.decode_canonical(data, name), (value, 16))
        # The boxed type still reads and writes the id.
        boxed = bytes.fromhex("4ca5e8dd") + data
        self.assertEqual(self.s.encode(value, "InputPeer"), boxed)
        self.assertEqual(self.s.decode_canonical(boxed, "InputPeer"), (value, 20))
        # A bare vector of a bare constructor: count, then the elements without ids.
        self.assertEqual(self.s.encode([value], "vector<%inputPeerUser>"),
                         bytes.fromhex("01000000") + data)
        self.assertEqual(self.s.decode_canonical(bytes.fromhex("01000000") + data,
                                                 "vector<%inputPeerUser>"), ([value], 20))

    def test_bare_type_needs_one_constructor(self):
        with self.assertRaises(ConversionError):
            self.s.encode({"_": "inputPeerEmpty"}, "%InputPeer")  # InputPeer has many


if __name__ == "__main__":
    unittest.main()
