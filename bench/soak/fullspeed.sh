#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A sender at full loopback speed for MINUTES into `tcpinspector-cli listen
# --framing line`, keeping the newest KEEP bytes (ring mode, so that a long
# run needs KEEP of disk, not all it carried). Prints the listener's RSS each
# minute; at the end, the bytes sent and read, kept and evicted (read = kept
# + evicted, sent = read: nothing lost), and whether the kept bytes, read
# back from the saved session, are whole numbered lines in order.
#   bench/soak/fullspeed.sh MINUTES [KEEP]   (default KEEP 4G)
set -euo pipefail
minutes=${1:?minutes}
keep=${2:-4G}
root=$(cd "$(dirname "$0")/../.." && pwd)
cli=${TCPI_CLI:-$root/build/dev/src/cli/tcpinspector-cli}
[ -x "$cli" ] || { echo "no $cli: build first (cmake --build --preset dev)" >&2; exit 1; }
work=$(mktemp -d)
listener=""
trap 'kill $listener 2>/dev/null || true; rm -rf "$work"' EXIT
"$cli" listen 127.0.0.1:0 --framing line --events listening,closed,error,discarded \
    --exit-after 1 --keep "$keep" --kernel-sample 0 --save "$work/run.tcpi" >"$work/out" &
listener=$!
for _ in $(seq 50); do grep -q '"port"' "$work/out" 2>/dev/null && break; sleep 0.1; done
port=$(grep -o '"port":[0-9]*' "$work/out" | head -1 | cut -d: -f2)
python3 "$(dirname "$0")/linesender.py" send "127.0.0.1:$port" $((minutes * 60)) >"$work/sent" &
sender=$!
echo "minute rss_mb"
for minute in $(seq 0 "$minutes"); do
    [ "$minute" -gt 0 ] && sleep 60
    echo "$minute $(awk '/VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$listener/status" 2>/dev/null)"
done
wait $sender
wait $listener
listener=""
summary=$(grep '"summary"' "$work/out")
echo "sent $(cat "$work/sent")"
echo "$summary"
# The saved session starts at the first whole chunk the ring kept: show
# says how many bytes before it were let go (evicted_bytes and the rest of
# the chunk the ring cut).
"$cli" show -q "$work/run.tcpi" 2>&1 >/dev/null | sed 's/^/show: /'
echo "kept bytes read back, lines out of order:"
"$cli" export --raw-rx - "$work/run.tcpi" | python3 "$(dirname "$0")/linesender.py" check
