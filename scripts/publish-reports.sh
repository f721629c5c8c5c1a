#!/usr/bin/env bash
# Regenerate the published conformance reports: install the pinned implementations, build
# tgconf and the grammers adapter, run the whole suite against each (fixed seed and case
# count, so a rerun on the same revision gives the same reports), then merge the matrix.
#
#   scripts/publish-reports.sh            -> reports/<impl>-<version>/ and reports/matrix/,
#                                            reports/sweep/<impl>-<version>/ and reports/sweep/matrix/
#
# The schema sweep (`tgconf run --schema`) runs for every implementation with an api.tl of
# its layer in corpus/schemas (Telethon ships none: it is read with kurigram's file of the
# same layer, see corpus/schemas/PROVENANCE.md), SWEEP_CASES values per constructor. The
# sweeps run side by side: they are independent, and the Pyrogram ones take minutes.
#
#   SWEEP_ONLY=1 scripts/publish-reports.sh   -> only reports/sweep/ (the suite's reports stay)
#
# Counterexamples are not saved into corpus/regressions (--no-save): a published run only
# reads the regression cases. Exit status: 0 when every report was written (failing cases
# are the content of the reports, not an error of this script).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

SEED="${SEED:-1}"
CASES="${CASES:-64}"
SWEEP_CASES="${SWEEP_CASES:-4}"

adapters/telethon/install.sh 1.44.0
adapters/telethon/install.sh 1.45.0
adapters/pyrogram/install.sh pyrogram 2.0.106
adapters/pyrogram/install.sh kurigram 2.2.26
cargo build --release -p tgconf-harness
# full-schema: the dispatch covers grammers' whole api.tl, for the sweep (and the cases). The
# dev profile, as in the smoke run: the adapter's speed is not what the reports measure, and
# a release build of grammers-tl-types takes minutes longer.
cargo build --features full-schema --manifest-path adapters/grammers/Cargo.toml

tgconf=./target/release/tgconf
SWEEP_ONLY="${SWEEP_ONLY:-}"
declare -a names commands
names+=(telethon-1.44.0);          commands+=("adapters/telethon/envs/1.44.0/.venv/bin/python adapters/telethon/adapter.py")
names+=(telethon-1.45.0);          commands+=("adapters/telethon/envs/1.45.0/.venv/bin/python adapters/telethon/adapter.py")
names+=(pyrogram-2.0.106);         commands+=("adapters/pyrogram/envs/pyrogram-2.0.106/.venv/bin/python adapters/pyrogram/adapter.py")
names+=(kurigram-2.2.26);          commands+=("adapters/pyrogram/envs/kurigram-2.2.26/.venv/bin/python adapters/pyrogram/adapter.py")
names+=(grammers-tl-types-0.11.0); commands+=("adapters/grammers/target/debug/tgconf-grammers-adapter")

dirs=()
for i in "${!names[@]}"; do
    [ -z "$SWEEP_ONLY" ] || break
    out="reports/${names[$i]}"
    rm -rf "$out"
    status=0
    "$tgconf" run --adapter "process:${commands[$i]}" --seed "$SEED" --cases "$CASES" --no-save --out "$out" \
        > /dev/null || status=$?
    # 0 conformant, 1 a MUST failed, 3 an adapter fault: all are reports; 2 is our usage error.
    if [ "$status" -eq 2 ] || [ ! -f "$out/report.json" ]; then
        echo "publish-reports: the run of ${names[$i]} failed (exit $status)" >&2
        exit 1
    fi
    echo "${names[$i]}: $(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["summary"])' "$out/report.json")"
    dirs+=("$out")
done

if [ -z "$SWEEP_ONLY" ]; then
    rm -rf reports/matrix
    "$tgconf" report merge "${dirs[@]}" --out reports/matrix
fi

declare -A sweep_schema=(
    [telethon-1.44.0]=corpus/schemas/kurigram-2.2.24-main_api.tl
    [telethon-1.45.0]=corpus/schemas/kurigram-2.2.26-main_api.tl
    [pyrogram-2.0.106]=corpus/schemas/pyrogram-main_api.tl
    [kurigram-2.2.26]=corpus/schemas/kurigram-2.2.26-main_api.tl
    [grammers-tl-types-0.11.0]=corpus/schemas/grammers-crate-0.11.0-api.tl
)
sweep_dirs=()
declare -A sweep_pid
for i in "${!names[@]}"; do
    schema="${sweep_schema[${names[$i]}]:-}"
    [ -n "$schema" ] || continue
    out="reports/sweep/${names[$i]}"
    rm -rf "$out"
    "$tgconf" run --adapter "process:${commands[$i]}" --schema "$schema" --seed "$SEED" --cases "$SWEEP_CASES" \
        --out "$out" > /dev/null &
    sweep_pid[$i]=$!
    sweep_dirs+=("$out")
done
for i in "${!names[@]}"; do
    [ -n "${sweep_pid[$i]:-}" ] || continue
    out="reports/sweep/${names[$i]}"
    status=0
    wait "${sweep_pid[$i]}" || status=$?
    if [ "$status" -eq 2 ] || [ ! -f "$out/report.json" ]; then
        echo "publish-reports: the sweep of ${names[$i]} failed (exit $status)" >&2
        exit 1
    fi
    echo "sweep ${names[$i]}: $(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["summary"])' "$out/report.json")"
done
rm -rf reports/sweep/matrix
"$tgconf" report merge "${sweep_dirs[@]}" --out reports/sweep/matrix
echo "reports written; matrices in reports/matrix/matrix.md and reports/sweep/matrix/matrix.md"
