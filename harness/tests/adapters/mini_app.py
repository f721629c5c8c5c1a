"""A mini-app adapter written from docs/adapter-protocol.md alone (the mini-app role end to end).

With the argument `foreign`, it emits a req_id its bot was never issued (the MA-15 bug).
"""
import json, sys
bug = sys.argv[1:] == ["foreign"]
sessions = {}
for line in sys.stdin:
    r = json.loads(line)
    t = r["type"]
    if t == "hello":
        out = {"type": "hello", "protocol": 1, "name": "py-mini-app", "version": "0", "roles": ["mini-app"], "layers": [{"from": 152, "to": 230}]}
    elif t == "start":
        sessions[r["case"]] = r["setup"]["issued"]
        out = {"type": "started", "case": r["case"]}
    elif t == "input":
        issued = sessions[r["case"]]
        i = r["input"]["index"]
        outs = []
        if i < len(issued):
            outs = [{"event": "request_chat", "req_id": issued[i] + ("x" if bug else "")}]
        out = {"type": "outputs", "case": r["case"], "step": r["step"], "outputs": outs}
    elif t == "end":
        sessions.pop(r["case"], None)
        out = {"type": "ended", "case": r["case"]}
    else:
        out = {"type": "unsupported", "case": r["case"], "reason": "mini-app only"}
    sys.stdout.write(json.dumps(out) + "\n"); sys.stdout.flush()
