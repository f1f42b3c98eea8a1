#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Records real HTTP/1.1 traffic for tests/data/http/: a throw-away nginx on
# 127.0.0.1 serves a few static files, and tcp-recorder.py sits between it and
# two clients, saving each direction's bytes exactly as read.
#
#   curl-c2s.bin / curl-s2c.bin            curl, several URLs on one keep-alive
#                                          connection (GET, HEAD, 404, gzip
#                                          chunked, 304, 204, POST with
#                                          Expect: 100-continue, chunked POST)
#   pipelined-c2s.bin / pipelined-s2c.bin  requests written in one send()
#                                          (GET, HEAD, GET gzip chunked, then
#                                          an HTTP/1.0 request with bare LF
#                                          lines whose gzip reply ends at EOF)
#
# Usage: scripts/record/http.sh [OUTDIR]   (default: tests/data/http)
# Needs: nginx (Debian nginx-light), curl, python3. Nothing runs as a daemon;
# everything lives in a temporary directory removed on exit.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${1:-$root/tests/data/http}
mkdir -p "$out"
out=$(cd "$out" && pwd)

tmp=$(mktemp -d)
nginx_pid=
cleanup() {
    if [ -n "$nginx_pid" ]; then
        kill "$nginx_pid" 2>/dev/null || true
        wait "$nginx_pid" 2>/dev/null || true
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

# Files of known sizes with a fixed mtime, so that Last-Modified and ETag (and
# with them the 304 below) do not depend on when the script runs.
mkdir -p "$tmp/www" "$tmp/logs" "$tmp/temp"
printf 'hello, world\n' > "$tmp/www/small.txt"                        # 13 bytes
python3 -c 'import sys; sys.stdout.buffer.write(bytes(range(256)) * 40)' \
    > "$tmp/www/medium.bin"                                            # 10240 bytes
python3 -c '
import sys
for i in range(2000):
    sys.stdout.write("line %04d of a text file that gzip squeezes well\n" % i)
' > "$tmp/www/large.txt"                                               # 108000 bytes
head -c 3000 /dev/zero | tr '\0' 'x' > "$tmp/post.txt"                # 3000 bytes
touch -d '2020-01-01 00:00:00 UTC' "$tmp/www/small.txt" "$tmp/www/medium.bin" \
    "$tmp/www/large.txt"

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0));
print(s.getsockname()[1])')

cat > "$tmp/nginx.conf" <<EOF
daemon off;
master_process off;
worker_processes 1;
pid $tmp/nginx.pid;
error_log $tmp/logs/error.log notice;
events { worker_connections 64; }
http {
    access_log $tmp/logs/access.log;
    client_body_temp_path $tmp/temp/body;
    proxy_temp_path $tmp/temp/proxy;
    fastcgi_temp_path $tmp/temp/fastcgi;
    uwsgi_temp_path $tmp/temp/uwsgi;
    scgi_temp_path $tmp/temp/scgi;
    default_type application/octet-stream;
    types { text/plain txt; }
    keepalive_timeout 30s;
    # gzip has no length up front: HTTP/1.1 replies become chunked, HTTP/1.0
    # replies are ended by closing the connection.
    gzip on;
    gzip_types text/plain;
    gzip_min_length 1000;
    gzip_http_version 1.0;
    server {
        listen 127.0.0.1:$port;
        root $tmp/www;
        location = /nothing { return 204; }
        location = /echo { return 200 "posted\n"; }
    }
}
EOF

nginx -p "$tmp" -c "$tmp/nginx.conf" -e "$tmp/logs/error.log" &
nginx_pid=$!
python3 - "$port" <<'EOF'
import socket, sys, time
for _ in range(100):
    try:
        socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=1).close()
        sys.exit(0)
    except OSError:
        time.sleep(0.05)
sys.exit("nginx did not start")
EOF

# Starts the recorder for one connection and sets proxy to its port.
start_recorder() {
    rm -f "$tmp/port"
    python3 "$here/tcp-recorder.py" --target "127.0.0.1:$port" --connections 1 \
        --c2s "$out/$1-c2s.bin" --s2c "$out/$1-s2c.bin" --port-file "$tmp/port" \
        --timeout 30 > /dev/null &
    recorder_pid=$!
    while [ ! -s "$tmp/port" ]; do sleep 0.05; done
    proxy=$(head -n1 "$tmp/port")
}

# (a) curl: --next keeps one connection for all the URLs (same host and port).
start_recorder curl
base="http://127.0.0.1:$proxy"
curl -sS -o /dev/null "$base/small.txt" \
    --next -sS -I -o /dev/null "$base/medium.bin" \
    --next -sS -o /dev/null "$base/missing" \
    --next -sS -o /dev/null --compressed "$base/large.txt" \
    --next -sS -o /dev/null -H 'If-Modified-Since: Wed, 01 Jan 2020 00:00:00 GMT' \
        "$base/small.txt" \
    --next -sS -o /dev/null "$base/nothing" \
    --next -sS -o /dev/null -H 'Expect: 100-continue' --data-binary "@$tmp/post.txt" \
        "$base/echo" \
    --next -sS -o /dev/null -H 'Transfer-Encoding: chunked' --data-binary "@$tmp/post.txt" \
        "$base/echo" \
    --next -sS -o /dev/null "$base/medium.bin"
wait "$recorder_pid"

# (b) Pipelined requests in one write; the last is HTTP/1.0 with bare LF line
# ends (servers accept them) and asks for gzip, so nginx closes to end it.
start_recorder pipelined
python3 - "$proxy" <<'EOF'
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(b"GET /small.txt HTTP/1.1\r\nHost: localhost\r\n\r\n"
          b"HEAD /large.txt HTTP/1.1\r\nHost: localhost\r\nAccept-Encoding: gzip\r\n\r\n"
          b"GET /large.txt HTTP/1.1\r\nHost: localhost\r\nAccept-Encoding: gzip\r\n\r\n"
          b"GET /missing HTTP/1.1\r\nHost: localhost\r\n\r\n"
          b"GET /large.txt HTTP/1.0\nHost: localhost\nAccept-Encoding: gzip\n\n")
while s.recv(65536):
    pass
s.close()
EOF
wait "$recorder_pid"

# For tests/data/http/README.md.
echo "nginx $(nginx -v 2>&1 | sed 's/^nginx version: //'), $(curl --version | head -n1 | cut -d' ' -f1-2)," \
    "$(python3 --version 2>&1)"
ls -l "$out"/*.bin
