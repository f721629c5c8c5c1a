#!/usr/bin/env bash
# Create a virtualenv pinned to one Telethon release, for the golden-vector
# generator and (later) the Telethon process adapter.
#
#   adapters/telethon/install.sh VERSION      e.g. 1.44.0 or 1.45.0
#
# The venv lands in adapters/telethon/envs/VERSION/.venv (ignored by git).
# Besides the wheel, the release's source archive is unpacked next to it so
# that the converter can read telethon_generator/data/api.tl, the schema the
# release was generated from (wheels do not ship it).  Re-running is cheap:
# an existing venv with the right Telethon version is kept.
set -euo pipefail

if [ $# -ne 1 ] || ! [[ "$1" =~ ^[0-9]+(\.[0-9]+)*$ ]]; then
    echo "usage: $0 VERSION   (e.g. 1.44.0)" >&2
    exit 2
fi
version="$1"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
envdir="$here/envs/$version"
venv="$envdir/.venv"
python="${PYTHON:-python3}"

mkdir -p "$envdir"
if [ -x "$venv/bin/python" ] \
   && "$venv/bin/python" -c "import telethon, sys; sys.exit(telethon.__version__ != '$version')" 2>/dev/null \
   && [ -f "$venv/api.tl" ]; then
    echo "telethon $version already installed in $venv"
    exit 0
fi

rm -rf "$venv"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "telethon==$version"

# The schema Telethon generated its classes from (telethon_generator/data/api.tl),
# taken from the release's sdist.  `pip download --no-binary` cannot be used for
# this: it tries to build the sdist, and Telethon's build hook needs the
# generator on sys.path.  So the archive is located through the package index's
# simple API (PEP 691, what pip itself reads), checked against the index's
# sha256, and only api.tl is extracted.  Kept inside .venv so that it is ignored
# and rebuilt together with the environment.
"$venv/bin/python" - "$version" "$venv/api.tl" <<'PY'
import hashlib, io, json, os, sys, tarfile, urllib.request
version, out = sys.argv[1], sys.argv[2]
index = os.environ.get("PIP_INDEX_URL", "https://pypi.org/simple").rstrip("/")
req = urllib.request.Request(index + "/telethon/",
                             headers={"Accept": "application/vnd.pypi.simple.v1+json"})
files = json.load(urllib.request.urlopen(req, timeout=120))["files"]
name = "telethon-%s.tar.gz" % version
entry = next((f for f in files if f["filename"].lower() == name), None)
if entry is None:
    sys.exit("no %s on %s" % (name, index))
data = urllib.request.urlopen(entry["url"], timeout=300).read()
if hashlib.sha256(data).hexdigest() != entry["hashes"]["sha256"]:
    sys.exit("sha256 mismatch for " + name)
with tarfile.open(fileobj=io.BytesIO(data)) as tar:
    member = next(m for m in tar.getmembers()
                  if m.name.endswith("/telethon_generator/data/api.tl"))
    with open(out, "wb") as fh:
        fh.write(tar.extractfile(member).read())
print("api.tl from %s (sha256 %s)" % (name, entry["hashes"]["sha256"]))
PY

"$venv/bin/python" -c "import telethon; from telethon.tl.alltlobjects import LAYER; print('telethon', telethon.__version__, 'layer', LAYER)"
