#!/usr/bin/env bash
# The project's test command (README). Installs what the tests need on a fresh machine,
# then runs every test. nextest runs last so its one summary line closes the output.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! cargo nextest --version >/dev/null 2>&1; then
    cargo install cargo-nextest --locked
fi

export INSTA_UPDATE=no          # a changed snapshot fails the run instead of being written
export PROPTEST_CASES="${PROPTEST_CASES:-256}"

# A short run of every implementation adapter (scripts/adapters-smoke.sh), so they do not
# rot; it fails the script on an adapter fault. Before nextest, which must close the output.
scripts/adapters-smoke.sh

# Doc-tests first: nextest does not run them, and cargo test's doc-test summary must not
# be the closing line.
cargo test --workspace --doc --quiet
cargo nextest run --workspace --no-fail-fast
