#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test (GUI and render tests under Xvfb).
#   scripts/test.sh [CTEST ARGS]             the release build in build/
#   scripts/test.sh --sanitize [CTEST ARGS]  the whole suite built with AddressSanitizer and
#                                            UndefinedBehaviorSanitizer, in build-sanitize/
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$root/build"
if [ "${1:-}" = "--sanitize" ]; then
  shift
  build="$root/build-sanitize"
  export INTERP3D_BUILD_DIR="$build" INTERP3D_CMAKE_ARGS="-DINTERP3D_SANITIZE=ON"
  # Leaks are not checked: Qt, Mesa and LibTorch keep allocations until exit by design. Deadly
  # signals are left to the program (tests crash importers on purpose and check the signal the
  # parent sees). Any other report ends the test that made it.
  export ASAN_OPTIONS="detect_leaks=0:abort_on_error=1:detect_odr_violation=0:handle_segv=0:handle_sigbus=0:handle_abort=0:handle_sigfpe=0:use_sigaltstack=0"
  export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
fi
"$root/scripts/setup.sh"
# Tests run side by side: idle OpenMP threads must sleep, not spin.
export OMP_WAIT_POLICY=PASSIVE
cd "$build"
ctest --output-on-failure --parallel "$(nproc 2>/dev/null || echo 2)" "$@"
