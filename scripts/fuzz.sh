#!/usr/bin/env bash
# Fuzzes every importer entry point with libFuzzer (Debian's clang), seeded from ../shared/assets,
# for a fixed budget per target, then checks that each input the fuzzer found crashing, hanging or
# flooding memory is, through the real program (`interp3d-cli info`, isolated importer), a clear
# error and exit code 1.
#   scripts/fuzz.sh [SECONDS_PER_TARGET]   (default 60)
# Builds into build-fuzz/; corpora, findings and the report go to build-fuzz/fuzz/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
budget="${1:-60}"
assets="$root/../shared/assets"
build="$root/build-fuzz"
work="$build/fuzz"

# The release build's CLI makes seeds in the formats the assets lack and replays findings.
"$root/scripts/setup.sh"
cli="$root/build/bin/interp3d-cli"
INTERP3D_EXTRA_PACKAGES="clang libclang-rt-dev" INTERP3D_BUILD_DIR="$build" \
  INTERP3D_BUILD_TARGETS=fuzz_targets \
  INTERP3D_CMAKE_ARGS="-DINTERP3D_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++" "$root/scripts/setup.sh"

mkdir -p "$work"
seeds="$work/seeds"
if [ ! -d "$seeds" ]; then
  mkdir -p "$seeds"/{obj,glb,gltf,ply,off,stl,image,landmarks}
  cp "$assets"/spot/spot.obj "$assets"/bob/bob_tri.obj "$seeds/obj/"
  cp "$assets"/untextured/*.obj "$seeds/obj/" 2>/dev/null || true
  cp "$assets"/fox/Fox.glb "$seeds/glb/"
  cp "$assets"/spot/*.png "$assets"/bob/*.png "$seeds/image/" 2>/dev/null || true
  # Small hand-written seeds for the formats `convert` does not write.
  printf 'OFF\n4 4 0\n0 0 0\n1 0 0\n0 1 0\n0 0 1\n3 0 2 1\n3 0 1 3\n3 0 3 2\n3 1 2 3\n' \
    >"$seeds/off/tetrahedron.off"
  printf 'solid t\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 0\nvertex 0 1 0\nendloop\nendfacet\nendsolid t\n' \
    >"$seeds/stl/triangle.stl"
  data="data:application/octet-stream;base64,AAAAAAAAAAAAAAAAAACAPwAAAAAAAAAAAAAAAAAAgD8AAAAAAAABAAIAAAA="
  printf '{"asset":{"version":"2.0"},"scenes":[{"nodes":[0]}],"nodes":[{"mesh":0}],"meshes":[{"primitives":[{"attributes":{"POSITION":0},"indices":1}]}],"buffers":[{"byteLength":44,"uri":"%s"}],"bufferViews":[{"buffer":0,"byteLength":36},{"buffer":0,"byteOffset":36,"byteLength":6}],"accessors":[{"bufferView":0,"componentType":5126,"count":3,"type":"VEC3","min":[0,0,0],"max":[1,1,0]},{"bufferView":1,"componentType":5123,"count":3,"type":"SCALAR"}]}\n' \
    "$data" >"$seeds/gltf/triangle.gltf"
  for format in glb ply stl; do
    for mesh in "$assets"/untextured/*.obj "$assets"/spot/spot.obj; do
      name="$(basename "${mesh%.*}")"
      "$cli" convert "$mesh" "$seeds/$format/$name.$format" >/dev/null 2>&1 || true
    done
  done
  printf '{"pairs": [{"source": [0.1, 0.2, 0.3], "target": [0.4, 0.5, 0.6]}]}\n' \
    >"$seeds/landmarks/one.json"
fi

export ASAN_OPTIONS="detect_leaks=0:allocator_may_return_null=1"
# Each fuzzing process writes its inputs into its own folder here, removed after each target.
export TMPDIR="$work/tmp"
report="$work/report.txt"
printf '%-10s %10s %8s %8s %8s  %s\n' target execs crashes timeouts ooms "findings through interp3d-cli" \
  >"$report"
for target in obj glb gltf ply off stl image landmarks; do
  corpus="$work/corpus/$target" findings="$work/findings/$target"
  mkdir -p "$corpus" "$findings" "$TMPDIR"
  log="$work/$target.log"
  # Fork mode goes on after a crash, so one Assimp bug does not end the budget.
  "$build/bin/fuzz_$target" "$corpus" "$seeds/$target" -fork=1 -ignore_crashes=1 \
    -ignore_timeouts=1 -ignore_ooms=1 -max_total_time="$budget" -timeout=10 -rss_limit_mb=4096 \
    -max_len=262144 -artifact_prefix="$findings/" >"$log" 2>&1 || true
  status="$(grep -E '^#[0-9]+: cov' "$log" | tail -1 || true)"
  total="$(sed -E 's/^#([0-9]+):.*/\1/' <<<"$status")"
  execs="$(grep -oE 'exec/s [0-9]+' <<<"$status" | awk '{print $2}' || true)"
  crashes="$(find "$findings" -name 'crash-*' | wc -l)"
  timeouts="$(find "$findings" -name 'timeout-*' | wc -l)"
  ooms="$(find "$findings" -name 'oom-*' | wc -l)"
  # Every finding through the real program: a clear error (exit 1), never a crash or a hang.
  handled=0 unhandled=()
  if [ "$target" != image ] && [ "$target" != landmarks ]; then
    for f in "$findings"/*-*; do
      [ -e "$f" ] || continue
      copy="$work/replay.$target"
      cp "$f" "$copy"
      rc=0
      timeout 300 "$cli" info "$copy" >/dev/null 2>&1 || rc=$?
      if [ "$rc" -eq 1 ]; then handled=$((handled + 1)); else unhandled+=("$(basename "$f"):$rc"); fi
    done
  fi
  printf '%-10s %10s %8s %8s %8s  %s handled%s\n' "$target" "${total:-0}" "$crashes" "$timeouts" \
    "$ooms" "$handled" "${unhandled[*]:+, NOT handled: ${unhandled[*]}}" >>"$report"
  rm -rf "$TMPDIR"
  echo "fuzz_$target: ${total:-0} executions (${execs:-0}/s), $crashes crashes, $timeouts timeouts, $ooms ooms"
done
cat "$report"
if grep -q "NOT handled" "$report"; then exit 1; fi
