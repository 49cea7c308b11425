#!/bin/sh
# Runs a command on the X display, or on a fresh Xvfb when there is none (CI, ssh sessions).
if [ -n "$DISPLAY" ]; then exec "$@"; fi
exec xvfb-run -a -s "-screen 0 1920x1080x24" "$@"
