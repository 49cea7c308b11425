#!/bin/sh
# The learned prior's ablation (assets/models/README.md): every component on vs off on the pairs
# of issue 4, with every metric of `interp3d-cli evaluate`. Usage: scripts/prior_ablation.sh [OUTDIR]
# (needs a build: scripts/test.sh or scripts/run.sh first). Takes about 20 minutes on 2 cores.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
cli="$here/build/bin/interp3d-cli"
assets="$here/../shared/assets"
out=${1:-/tmp/interp3d-prior-ablation}
mkdir -p "$out"
export OMP_WAIT_POLICY=PASSIVE
run() {
  name=$1
  shift
  echo "== $name"
  "$cli" bench prior "$@" --out "$out/$name" --configs none,codec,structure,descriptors,codec+descriptors |
    tee "$out/$name.txt"
}
run spot-bob "$assets/spot/spot.obj" "$assets/bob/bob_tri.obj"
run bob-spot "$assets/bob/bob_tri.obj" "$assets/spot/spot.obj"
run bob-fox "$assets/bob/bob_tri.obj" "$assets/fox/Fox.glb"
run fox-bob "$assets/fox/Fox.glb" "$assets/bob/bob_tri.obj"
run bunny-cheburashka "$assets/untextured/stanford-bunny.obj" "$assets/untextured/cheburashka.obj"
run cow-bunny "$assets/untextured/cow.obj" "$assets/untextured/stanford-bunny.obj"
run suzanne-teapot "$assets/untextured/suzanne.obj" "$assets/untextured/teapot.obj"
echo "== correspondence with and without the learned descriptors"
"$cli" bench correspondence "$assets"/untextured/*.obj "$assets/spot/spot.obj" "$assets/bob/bob_tri.obj" \
  --prior off | tee "$out/correspondence-plain.txt"
"$cli" bench correspondence "$assets"/untextured/*.obj "$assets/spot/spot.obj" "$assets/bob/bob_tri.obj" \
  --prior on --prior-parts descriptors | tee "$out/correspondence-learned.txt"
