#!/bin/sh
# Regenerates examples/vo-school/overview.png, the screenshot of the vo
# example's jaarplanning that README.md shows: plans the example (without
# feeds) into a temporary folder and renders overview/index.html with
# headless Chromium (Debian package chromium).
#
# Usage: examples/tools/overview-screenshot.sh [RITMIEK [SRCDIR]]
# (make overview-png in the build folder runs it with the built program).
set -eu
ritmiek=${1:-ritmiek}
top=${2:-$(dirname "$0")/../..}
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
	echo "overview-screenshot: chromium is not installed (apt-get install chromium)" >&2
	exit 1
fi
: "${RITMIEK_CALENDARS:=$top/calendars}"
export RITMIEK_CALENDARS
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$ritmiek" plan -q --no-feeds -o "$tmp/plan" "$top/examples/vo-school/school.yaml"
# The table is 1540 pixels wide; the window holds it and the legend. As
# root Chromium needs --no-sandbox.
"$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars \
	--user-data-dir="$tmp/profile" --force-device-scale-factor=1 \
	--window-size=1650,1010 --screenshot="$tmp/overview.png" \
	"file://$tmp/plan/overview/index.html" >/dev/null 2>&1
cp "$tmp/overview.png" "$top/examples/vo-school/overview.png"
echo "overview-screenshot: wrote $top/examples/vo-school/overview.png"
