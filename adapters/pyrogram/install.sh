#!/usr/bin/env bash
# Create a virtualenv pinned to one release of Pyrogram or of its maintained fork kurigram
# (both install the `pyrogram` package, so each gets its own venv).
#
#   adapters/pyrogram/install.sh pyrogram 2.0.106
#   adapters/pyrogram/install.sh kurigram 2.2.26
#
# The venv lands in adapters/pyrogram/envs/DIST-VERSION/.venv (ignored by git). An existing
# venv that already has that release is kept.
set -euo pipefail

if [ $# -ne 2 ] || ! [[ "$1" =~ ^(pyrogram|kurigram)$ ]] || ! [[ "$2" =~ ^[0-9]+(\.[0-9]+)*$ ]]; then
    echo "usage: $0 pyrogram|kurigram VERSION   (e.g. pyrogram 2.0.106)" >&2
    exit 2
fi
dist="$1"
version="$2"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="$here/envs/$dist-$version/.venv"
python="${PYTHON:-python3}"

installed() {
    "$venv/bin/python" - "$dist" "$version" <<'PY' 2>/dev/null
import sys
from importlib import metadata
sys.exit(metadata.version(sys.argv[1]) != sys.argv[2])
PY
}

if [ -x "$venv/bin/python" ] && installed; then
    echo "$dist $version already in $venv"
else
    rm -rf "$venv"
    mkdir -p "$(dirname "$venv")"
    "$python" -m venv "$venv"
    # With its dependencies: importing `pyrogram` imports the networking modules too, although
    # the adapter never opens a connection.
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$dist==$version"
fi

"$venv/bin/python" -c "import pyrogram; from pyrogram.raw.all import layer; print('$dist', '$version', 'layer', layer, 'in', '$venv')"
