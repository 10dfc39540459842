# Shared by scripts/demo and scripts/test: a virtual environment in .venv with oteo
# installed (editable), reinstalled only when pyproject.toml changes.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
    echo "oteo needs Python 3.11 or newer (found: $("$PYTHON" --version 2>&1)). Set PYTHON=/path/to/python3.11." >&2
    exit 1
fi
VENV="$ROOT/.venv"
if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV"
fi

ensure_installed() {  # $1: the extras to install, e.g. "" or "[test]"
    local extras="$1"
    local hash
    hash="$(sha256sum pyproject.toml | cut -c1-16)"
    local stamp="$VENV/.oteo-installed-$hash${extras//[^a-z]/}"
    # the test install is a superset of the plain one
    if [ -f "$stamp" ] || { [ -z "$extras" ] && compgen -G "$VENV/.oteo-installed-$hash*" >/dev/null; }; then
        return 0
    fi
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e ".${extras}"
    rm -f "$VENV"/.oteo-installed-*
    touch "$stamp"
}
