#!/usr/bin/env bash
# Regenerate corpus/golden/: install the pinned Telethon venvs, then run
# make_vectors.py (which runs itself once per era inside the matching venv).
#   bash scripts/golden/make.sh            write the files
#   bash scripts/golden/make.sh --check    only check that the files are up to date
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
versions="$(cd "$root/scripts/golden" && python3 -c 'import vectors; print(" ".join(e["telethon"] for e in vectors.ERAS))')"
for v in $versions; do
    bash "$root/adapters/telethon/install.sh" "$v"
done
exec python3 "$root/scripts/golden/make_vectors.py" "$@"
