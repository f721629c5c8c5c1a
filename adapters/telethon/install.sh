#!/usr/bin/env bash
# Create a virtualenv pinned to one Telethon release, for the golden-vector
# generator and (later) the Telethon process adapter.
#
#   adapters/telethon/install.sh VERSION      e.g. 1.44.0 or 1.45.0
#
# The venv lands in adapters/telethon/envs/VERSION/.venv (ignored by git).
# Only the wheel is needed: tgconf_telethon.convert reads field layouts from
# Telethon's generated code (the 1.44.0 and 1.45.0 sdists do not contain
# telethon_generator/data/api.tl either).  Re-running is cheap: an existing
# venv that already has this Telethon version is kept.
set -euo pipefail

if [ $# -ne 1 ] || ! [[ "$1" =~ ^[0-9]+(\.[0-9]+)*$ ]]; then
    echo "usage: $0 VERSION   (e.g. 1.44.0)" >&2
    exit 2
fi
version="$1"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="$here/envs/$version/.venv"
python="${PYTHON:-python3}"

if [ -x "$venv/bin/python" ] \
   && "$venv/bin/python" -c "import telethon, sys; sys.exit(telethon.__version__ != '$version')" 2>/dev/null; then
    echo "telethon $version already in $venv"
else
    rm -rf "$venv"
    mkdir -p "$(dirname "$venv")"
    "$python" -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "telethon==$version"
fi

"$venv/bin/python" -c "import telethon; from telethon.tl.alltlobjects import LAYER; print('telethon', telethon.__version__, 'layer', LAYER, 'in', '$venv')"
