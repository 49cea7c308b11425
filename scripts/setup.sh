#!/usr/bin/env bash
# Shared by run.sh and test.sh: install the Debian packages that are missing, then configure
# and build into build/ (or into $INTERP3D_BUILD_DIR with the extra CMake arguments in
# $INTERP3D_CMAKE_ARGS, as test.sh --sanitize and fuzz.sh do). Idempotent: a second run installs
# nothing and rebuilds only what changed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

packages=(
  cmake g++ make pkg-config ccache
  qt6-base-dev libqt6opengl6-dev libgl-dev libgl1-mesa-dri libglx-mesa0
  libassimp-dev libglm-dev libstb-dev zlib1g-dev libeigen3-dev
  libopen3d-dev libtorch-dev libopenblas0-pthread libopenvdb-dev libboost-dev
  libgtest-dev libbenchmark-dev nlohmann-json3-dev
  xvfb xauth fonts-dejavu-core
  ffmpeg  # movies of the morph (interp3d --movie, interp3d-cli render)
)
# The tests validate every GLB with the Khronos glTF-Validator, from npm.
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
# Extra packages a caller needs (fuzz.sh: clang and its libFuzzer runtime).
# shellcheck disable=SC2206  # a list of words
packages+=(${INTERP3D_EXTRA_PACKAGES:-})

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing missing Debian packages: ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

jobs="$(nproc 2>/dev/null || echo 2)"
build="${INTERP3D_BUILD_DIR:-$root/build}"
# The glTF-Validator for the tests, into the build folder (tests/tools/validate_gltf.js runs it).
validator_version="2.0.0-dev.3.10"
if [ ! -f "$build/tools/node_modules/gltf-validator/package.json" ] ||
  ! grep -q "\"version\": \"$validator_version\"" "$build/tools/node_modules/gltf-validator/package.json"; then
  mkdir -p "$build/tools"
  npm install --prefix "$build/tools" --no-audit --no-fund --silent \
    "gltf-validator@$validator_version" >/dev/null ||
    echo "warning: could not install gltf-validator from npm; the GLB validation tests will fail" >&2
fi
# shellcheck disable=SC2086  # the extra arguments are words
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo ${INTERP3D_CMAKE_ARGS:-} >/dev/null
cmake --build "$build" --parallel "$jobs" ${INTERP3D_BUILD_TARGETS:+--target $INTERP3D_BUILD_TARGETS}
