#!/usr/bin/env bash
# The clean-frames report (issue 9): `bench vs-openvdb` on the issue's pairs, our morph beside
# OpenVDB's level-set morph with every metric of `evaluate`, plus time and peak memory of our
# morph alone. Usage: scripts/frames_report.sh OUTDIR [extra morph options...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cli="$root/build/bin/interp3d-cli"
assets="$root/../shared/assets"
out="${1:?usage: scripts/frames_report.sh OUTDIR [morph options]}"
shift
extra=("$@")
mkdir -p "$out/inputs"
"$cli" demo "$out/inputs" >/dev/null
# spot written twice into one OBJ (a duplicated shell): its morph must match plain spot's.
"$cli" hostile duplicate-shell "$assets/spot/spot.obj" "$out/inputs/spot_twice.obj" >/dev/null
pairs=(
  "spot_bob $assets/spot/spot.obj $assets/bob/bob_tri.obj"
  "bob_spot $assets/bob/bob_tri.obj $assets/spot/spot.obj"
  "fox_bob $assets/fox/Fox.glb $assets/bob/bob_tri.obj"
  "cow_bunny $assets/untextured/cow.obj $assets/untextured/stanford-bunny.obj"
  "suzanne_teapot $assets/untextured/suzanne.obj $assets/untextured/teapot.obj"
  "creature_torus $out/inputs/creature.glb $out/inputs/torus.glb"
  "spottwice_bob $out/inputs/spot_twice.obj $assets/bob/bob_tri.obj"
)
for p in "${pairs[@]}"; do
  set -- $p
  name=$1 src=$2 dst=$3
  echo "== $name" >&2
  /usr/bin/time -f "ours alone: %e s, %M KB peak" "$cli" morph "$src" "$dst" --out "$out/$name/alone" \
    --threads 2 "${extra[@]}" 2> "$out/$name.time" >/dev/null || true
  tail -1 "$out/$name.time" >&2
  "$cli" bench vs-openvdb "$src" "$dst" --out "$out/$name" --threads 2 > "$out/$name.txt" 2>/dev/null
  cat "$out/$name.txt"
done
