#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The window under churn for MINUTES: its server panel (echo) and its relay
# (to that server) take connect/send/half-close/close/RST cycles from
# several clients (churn.py); each minute prints the window's descriptors,
# its RSS and the cycles done. Both should stay flat: closed connections
# beyond the newest 100 are removed (Keep > Closed connections), every
# descriptor is given back.
#   bench/soak/soak.sh MINUTES [WORKERS]     (needs xvfb-run, python3)
set -euo pipefail
minutes=${1:?minutes}
workers=${2:-6}
root=$(cd "$(dirname "$0")/../.." && pwd)
app=${TCPI_APP:-$root/build/dev/src/app/tcpinspector}
[ -x "$app" ] || { echo "no $app: build first (cmake --build --preset dev)" >&2; exit 1; }
work=$(mktemp -d)
churn=""
xvfb=""
trap 'kill $churn $xvfb 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
server=$(free_port)
relay=$(free_port)
mkdir -p "$work/config/TcpInspector"
printf '[window]\nfirstStartHintDone=true\n[recording]\nkeepClosed=100\n' \
    > "$work/config/TcpInspector/tcpinspector.conf"
XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data xvfb-run -a -s "-screen 0 1280x720x24" \
    "$app" --listen "127.0.0.1:$server" --relay "127.0.0.1:$server" \
    --relay-listen "127.0.0.1:$relay" >"$work/app.log" 2>&1 &
xvfb=$!
for _ in $(seq 50); do
    pid=$(pgrep -n -f "^$app --listen 127.0.0.1:$server" || true)
    [ -n "$pid" ] && bash -c "exec 3<>/dev/tcp/127.0.0.1/$relay" 2>/dev/null && break
    sleep 0.2
done
[ -n "${pid:-}" ] || { echo "the window did not start: $(cat "$work/app.log")" >&2; exit 1; }
python3 "$(dirname "$0")/churn.py" "$workers" "127.0.0.1:$server" "127.0.0.1:$relay" \
    >"$work/churn.log" &
churn=$!
sleep 2 # the churn installs its signal handler
echo "minute fds rss_mb cycles errors"
for minute in $(seq 0 "$minutes"); do
    [ "$minute" -gt 0 ] && sleep 60
    kill -USR1 "$churn"
    sleep 0.5
    fds=$(ls "/proc/$pid/fd" | wc -l)
    rss=$(awk '/VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$pid/status")
    counts=$(tail -1 "$work/churn.log" | awk '{print $2, $4}')
    echo "$minute $fds $rss $counts"
done
