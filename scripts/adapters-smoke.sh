#!/usr/bin/env bash
# A short smoke run of every implementation adapter (installs what is missing), so they do
# not rot: each must start, answer the handshake and play a few subjects of every codec case.
# Conformance failures are expected (they are what reports/ publishes); what fails the smoke
# run is an adapter fault: a CRASH or TIMEOUT verdict, no PASS at all (the adapter is not
# working), or a run that writes no report. ERROR is allowed: kurigram's vector reader returns
# ints where objects belong, which its adapter reports as an error (reports/FINDINGS.md).
#
#   scripts/adapters-smoke.sh [CASES]     (default 4 subjects per case)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
CASES="${1:-4}"

adapters/telethon/install.sh 1.44.0 >/dev/null
adapters/telethon/install.sh 1.45.0 >/dev/null
adapters/pyrogram/install.sh pyrogram 2.0.106 >/dev/null
adapters/pyrogram/install.sh kurigram 2.2.26 >/dev/null
# The dev profile: the smoke plays a few subjects, so build time matters and speed does not
# (scripts/test.sh builds the workspace's dependencies in this profile anyway).
cargo build --quiet -p tgconf-harness --bin tgconf
cargo build --quiet --manifest-path adapters/grammers/Cargo.toml

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
failed=0
run() {
    local name="$1" command="$2" status=0
    ./target/debug/tgconf run --adapter "process:$command" --filter 'TL-*' --filter 'KB-23/*' \
        --cases "$CASES" --no-save --out "$tmp/$name" > "$tmp/$name.log" 2>&1 || status=$?
    local faults
    faults="$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); bad=[c["id"] for c in r["cases"] if c["verdict"] in ("CRASH","TIMEOUT")]; bad+=[] if any(c["verdict"]=="PASS" for c in r["cases"]) else ["no-PASS"]; print(" ".join(bad))' "$tmp/$name/report.json" 2>/dev/null || echo "no report")"
    if [ "$status" -eq 2 ] || [ -n "$faults" ]; then
        echo "FAIL $name: $faults (exit $status)"; tail -20 "$tmp/$name.log"; failed=1
    else
        echo "ok   $name: $(tail -1 "$tmp/$name.log")"
    fi
}
run telethon-1.44.0 "adapters/telethon/envs/1.44.0/.venv/bin/python adapters/telethon/adapter.py"
run telethon-1.45.0 "adapters/telethon/envs/1.45.0/.venv/bin/python adapters/telethon/adapter.py"
run pyrogram-2.0.106 "adapters/pyrogram/envs/pyrogram-2.0.106/.venv/bin/python adapters/pyrogram/adapter.py"
run kurigram-2.2.26 "adapters/pyrogram/envs/kurigram-2.2.26/.venv/bin/python adapters/pyrogram/adapter.py"
run grammers-tl-types-0.11.0 "adapters/grammers/target/debug/tgconf-grammers-adapter"
exit $failed
