#!/usr/bin/env bash
# The whole test suite: installs what it needs, then unit tests, integration tests (real store
# crashes, real API server processes driven by the real kubectl) and the formatting check.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
scripts/install-deps.sh
JAVA_HOME=$(scripts/java-home.sh)
export JAVA_HOME
echo "using JDK $JAVA_HOME"
exec ./mvnw -B -ntp verify "$@"
