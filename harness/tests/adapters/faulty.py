#!/usr/bin/env python3
"""A test adapter: the Python example adapter, except that it misbehaves as MODE says on
requests whose case starts with PREFIX (all requests when PREFIX is empty).

MODE: crash | hang | garbage | huge | wrong-case | error | old-protocol
"""

import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "examples", "python-adapter"))
import adapter  # noqa: E402

MODE, PREFIX = sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else ""


def send(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


for line in sys.stdin:
    request = json.loads(line)
    reply = adapter.answer(request)
    if request["type"] == "hello":
        if MODE == "old-protocol":
            reply["protocol"] = 0
        send(reply)
        continue
    if not request.get("case", "").startswith(PREFIX):
        send(reply)
        continue
    if MODE == "crash":
        sys.stderr.write("segfault (pretend)\n")
        sys.exit(139)
    if MODE == "hang":
        time.sleep(3600)
    if MODE == "garbage":
        sys.stdout.write("this is not JSON\n")
        sys.stdout.flush()
        continue
    if MODE == "huge":
        sys.stdout.write("x" * (3 << 20))
        sys.stdout.flush()
        time.sleep(3600)
    if MODE == "wrong-case":
        reply["case"] = "someone-else#1"
    if MODE == "error":
        reply = {"type": "error", "case": request["case"], "message": "out of cheese"}
    send(reply)
