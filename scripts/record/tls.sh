#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Records real TLS traffic for tests/data/tls: an openssl s_server and s_client
# on 127.0.0.1 talk through tcp-recorder.py, which saves each direction's raw
# bytes. One TLS 1.3 and one TLS 1.2 session; each side sends three lines.
#
# Usage: scripts/record/tls.sh [OUTDIR]   (default: tests/data/tls)
# Needs: openssl, python3. The key is a throwaway self-signed EC key made in a
# temporary directory; nothing is reused between runs, so the bytes differ on
# every run but the record structure (counts, content types) does not.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/../../tests/data/tls}
mkdir -p "$out"
tmp=$(mktemp -d)
pids=""
cleanup() {
    for pid in $pids; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
    -keyout "$tmp/key.pem" -out "$tmp/cert.pem" -days 1 -subj /CN=localhost 2>/dev/null

# wait_for FILE PATTERN: until FILE has a line matching PATTERN (10 s at most).
wait_for() {
    i=0
    until grep -q "$2" "$1" 2>/dev/null; do
        i=$((i + 1))
        [ "$i" -lt 100 ] || { echo "tls.sh: timed out waiting for $2 in $1" >&2; exit 1; }
        sleep 0.1
    done
}

# lines WHO DELAY: DELAY seconds, then three lines 0.3 s apart (each becomes
# its own record), then stay open for a while so that the peer can answer.
lines() {
    sleep "$2"
    for n in 1 2 3; do
        printf 'line %s from the %s\n' "$n" "$1"
        sleep 0.3
    done
    sleep "$3"
}

# record NAME CLIENT_OPTIONS...
record() {
    name=$1
    shift
    rm -f "$tmp/server.log" "$tmp/port"
    # The server's stdin must outlive the session: s_server ends the
    # connection when its stdin reaches EOF.
    lines server 2.0 3 | openssl s_server -accept 127.0.0.1:0 -naccept 1 \
        -cert "$tmp/cert.pem" -key "$tmp/key.pem" >"$tmp/server.log" 2>&1 &
    pids="$pids $!"
    wait_for "$tmp/server.log" '^ACCEPT'
    server_port=$(sed -n 's/^ACCEPT .*:\([0-9]*\)$/\1/p' "$tmp/server.log")

    python3 "$here/tcp-recorder.py" --target "127.0.0.1:$server_port" \
        --c2s "$out/$name-c2s.bin" --s2c "$out/$name-s2c.bin" \
        --port-file "$tmp/port" --timeout 30 >/dev/null &
    recorder=$!
    pids="$pids $recorder"
    wait_for "$tmp/port" '[0-9]'
    proxy_port=$(cat "$tmp/port")

    echo "== $name: openssl s_client -connect 127.0.0.1:$proxy_port $*"
    # The client's stdin ends first (after ~2.9 s); s_client then sends
    # close_notify and exits, and the server follows.
    lines client 0.5 1.5 | openssl s_client -connect "127.0.0.1:$proxy_port" \
        -servername localhost -CAfile "$tmp/cert.pem" -verify_return_error -nocommands "$@" \
        >"$tmp/client.log" 2>&1
    wait "$recorder"
    grep -E '^(Protocol|New,|    Protocol|    Cipher)' "$tmp/client.log" | sort -u || true
    ls -l "$out/$name-c2s.bin" "$out/$name-s2c.bin"
}

openssl version
python3 --version
record tls13 -tls1_3
record tls12 -tls1_2
wait
