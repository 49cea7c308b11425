#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test (GUI and render tests under Xvfb).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/setup.sh"
# Tests run side by side: idle OpenMP threads must sleep, not spin.
export OMP_WAIT_POLICY=PASSIVE
cd "$root/build"
ctest --output-on-failure --parallel "$(nproc 2>/dev/null || echo 2)" "$@"
