#!/usr/bin/env bash
# Installs what is missing, builds, and starts the GUI on the built-in demo pair.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/setup.sh"
demo="$root/build/demo"
"$root/build/bin/interp3d-cli" demo "$demo" >/dev/null
exec "$root/build/bin/interp3d" "$demo/creature.glb" "$demo/torus.glb" "$@"
