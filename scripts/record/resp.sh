#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Records real Redis traffic (RESP2, RESP3 and inline commands) for
# tests/data/resp/: a throw-away redis-server on 127.0.0.1 and tcp-recorder.py
# between it and each client, saving each direction's bytes exactly as read.
#
#   cli-c2s.bin / cli-s2c.bin        redis-cli (RESP2), one connection: values
#                                    with CRLF inside, lists, hashes, MULTI/EXEC,
#                                    XRANGE and COMMAND INFO (nested arrays),
#                                    null bulk and null array replies, errors
#   pipe-c2s.bin / pipe-s2c.bin      redis-cli --pipe: a burst of 600 commands
#                                    written back to back (one 100 KB value),
#                                    then the ECHO that --pipe adds at the end
#   resp3-c2s.bin / resp3-s2c.bin    redis-cli -3 (HELLO 3): maps, sets, doubles,
#                                    nulls, booleans, verbatim strings and
#                                    push messages (DEBUG PROTOCOL, CLIENT
#                                    TRACKING)
#   inline-c2s.bin / inline-s2c.bin  inline commands written raw with nc, CRLF
#                                    and bare LF, with blank lines between them;
#                                    then HELLO 3, an attribute and a big
#                                    number, which redis-cli 7.0 cannot read
#
# Usage: scripts/record/resp.sh [OUTDIR]   (default: tests/data/resp)
# Needs: redis-server and redis-cli (Debian redis-server, redis-tools), nc
# (netcat-openbsd), python3. Nothing runs as a daemon; everything lives in a
# temporary directory removed on exit.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${1:-$root/tests/data/resp}
mkdir -p "$out"
out=$(cd "$out" && pwd)

tmp=$(mktemp -d)
redis_pid=
cleanup() {
    if [ -n "$redis_pid" ]; then
        kill "$redis_pid" 2>/dev/null || true
        wait "$redis_pid" 2>/dev/null || true
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0));
print(s.getsockname()[1])')

# No persistence, nothing outside $tmp; DEBUG PROTOCOL (RESP3 attributes, pushes,
# big numbers) needs the debug command, for local clients only.
redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --dir "$tmp" \
    --daemonize no --logfile "$tmp/redis.log" --enable-debug-command local &
redis_pid=$!
tries=0
until redis-cli -p "$port" PING >/dev/null 2>&1; do
    tries=$((tries + 1))
    [ "$tries" -lt 100 ] || { echo "redis-server did not start" >&2; exit 1; }
    sleep 0.05
done

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

# Each section starts from an empty database, so that replies do not depend on
# what ran before.
flush() { redis-cli -p "$port" FLUSHALL >/dev/null; }

# (a) redis-cli reads commands from a pipe one per line, on one connection, and
# sends each as a RESP2 array of bulk strings. "\r\n" inside double quotes is
# a real CRLF in the value.
flush
start_recorder cli
redis-cli -p "$proxy" > /dev/null <<'EOF'
SET greeting "hello\r\nworld"
GET greeting
SET fake "*1\r\n$4\r\nPING\r\n"
GET fake
GET missing
RPUSH list a b "c\r\nd" ""
LRANGE list 0 -1
HSET hash f1 v1 f2 "v\r\n2"
HGETALL hash
HGET hash nofield
INCR counter
INCRBY counter 41
INCR greeting
NOSUCHCOMMAND arg
MULTI
SET tx 1
INCR tx
LRANGE list 0 -1
HGETALL hash
EXEC
XADD stream 1-1 field value
XADD stream 2-1 a 1 b "x\r\ny"
XRANGE stream - +
COMMAND INFO get xadd
LPOP nolist
BLPOP nolist 0.01
MGET greeting missing fake
EXISTS greeting nokey
DEL list hash
EOF
wait "$recorder_pid"

# (b) --pipe writes raw protocol as fast as the socket takes it and reads the
# replies in whatever reads they come; it ends with an ECHO of its own.
flush
python3 - > "$tmp/pipe.resp" <<'EOF'
import sys

def command(*args):
    out = b"*%d\r\n" % len(args)
    for arg in args:
        arg = arg if isinstance(arg, bytes) else str(arg).encode()
        out += b"$%d\r\n%s\r\n" % (len(arg), arg)
    return out

burst = b""
for i in range(200):
    value = (b"v%d-" % i) * (i % 17) + (b"\r\n" if i % 5 == 0 else b"")
    burst += command("SET", "key:%d" % i, value)
    burst += command("GET", "key:%d" % i)
    burst += command("RPUSH", "list", i) if i % 2 else command("LRANGE", "list", 0, 3)
burst += command("SET", "big", bytes(range(256)) * 400)  # 102400 bytes, CRLF inside
burst += command("STRLEN", "big")
sys.stdout.buffer.write(burst)
EOF
start_recorder pipe
redis-cli -p "$proxy" --pipe < "$tmp/pipe.resp" > /dev/null
wait "$recorder_pid"

# (c) redis-cli -3 says HELLO 3 first, then every reply is RESP3. DEBUG PROTOCOL
# makes the server send each RESP3 type; with CLIENT TRACKING a SET of a key the
# client read brings an invalidation push.
flush
start_recorder resp3
redis-cli -3 -p "$proxy" > /dev/null <<'EOF'
HSET hash f1 v1 f2 "v\r\n2"
HGETALL hash
SADD set a b c
SMEMBERS set
ZADD zset 1.5 one 2 two
ZSCORE zset one
ZRANGE zset 0 -1 WITHSCORES
GET missing
EXISTS hash
INCR hash
XADD stream 1-1 field value
XRANGE stream - +
DEBUG PROTOCOL map
DEBUG PROTOCOL set
DEBUG PROTOCOL double
DEBUG PROTOCOL null
DEBUG PROTOCOL true
DEBUG PROTOCOL false
DEBUG PROTOCOL verbatim
DEBUG PROTOCOL push
CLIENT TRACKING on
SET tracked 1
GET tracked
SET tracked 2
PING
EOF
wait "$recorder_pid"

# (d) Inline commands as telnet users type them: CRLF or a bare LF, quoted
# arguments, and blank lines that redis skips without a reply. After HELLO 3
# the replies are RESP3, with the two types redis-cli 7.0 gives up on. nc -N
# closes its side after the input; QUIT makes redis close after its last reply.
flush
start_recorder inline
printf '%b' 'PING\r\nSET a "b c"\r\n\r\nGET a\nEXISTS a b\n   \r\nINCR a\r\n\nRPUSH l x y\r\n' \
    'LRANGE l 0 -1\r\nHELLO 3\r\nDEBUG PROTOCOL attrib\r\nDEBUG PROTOCOL bignum\r\n' \
    'LRANGE l 0 -1\r\nQUIT\r\n' \
    | nc -N 127.0.0.1 "$proxy" > /dev/null
wait "$recorder_pid"

{
    echo "redis-server: $(redis-server --version)"
    echo "redis-cli: $(redis-cli --version)"
    echo "nc: $(dpkg-query -W -f='${Package} ${Version}' netcat-openbsd 2>/dev/null \
        || echo unknown)"
    echo "python3: $(python3 --version 2>&1)"
} > "$out/versions.txt"
ls -l "$out"/*.bin
