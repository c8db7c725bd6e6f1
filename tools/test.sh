#!/usr/bin/env bash
# The whole test suite on a fresh machine: installs what the tests need, then runs pytest.
#   Python packages (efp with its test extras), the front-end build tools for the JS unit tests (npm ci in js/),
#   and Debian's chromium for the real-browser tests (Playwright's own browser download does not work offline).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/chromium ]; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium >/dev/null
fi
python3 -m pip install --quiet -e ".[test,dev]"
(cd js && npm ci --no-audit --no-fund --silent)
python3 -m pytest "$@"
