#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds, and runs every test
# (unit tests, SQLite storage tests, and integration tests through real nginx).
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -x /opt/swift/usr/bin/swift ]] && export PATH="$PATH:/opt/swift/usr/bin"
scripts/setup.sh --test
swift build --build-tests
swift test --skip-build "$@"
