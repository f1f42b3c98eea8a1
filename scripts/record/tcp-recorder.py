#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A recording TCP proxy: captures the raw bytes of both directions of a TCP
connection, for test data (tests/data/*/).

Usage:
    tcp-recorder.py --target HOST:PORT --c2s FILE --s2c FILE
                    [--listen HOST:PORT] [--connections N] [--reads FILE]
                    [--port-file FILE] [--timeout SECONDS]

It listens on --listen (default 127.0.0.1:0, a free port picked by the kernel),
prints the port it listens on as one line on stdout (and writes it to
--port-file if given), then accepts --connections connections (default 1).
Each is forwarded to --target; bytes the client sends are appended to the
--c2s file, bytes the server sends to the --s2c file, exactly as read.

  * Several connections: put "{n}" in the file names (c2s-{n}.bin) to get one
    pair of files per connection, n counting from 0. Without "{n}", connections
    are handled one after another and their bytes are appended to the same two
    files in order.
  * Half-close is forwarded (a client's EOF becomes shutdown(SHUT_WR) towards
    the server and the other way round), so request/response protocols that
    end with EOF record faithfully.
  * --reads FILE writes one line per read: "<conn> <c2s|s2c> <offset> <size>
    <seconds since start>", the chunking the proxy saw (useful to replay reads).
  * It exits when all connections are closed, or after --timeout seconds
    (default 60) with status 2.

A shell script typically does:
    python3 tcp-recorder.py --target 127.0.0.1:$SERVER_PORT \\
        --c2s out/c2s.bin --s2c out/s2c.bin > "$tmp/port" &
    until [ -s "$tmp/port" ]; do sleep 0.1; done
    PROXY_PORT=$(head -n1 "$tmp/port")
    client --port "$PROXY_PORT" ...
    wait  # the recorder exits when the connection closes
"""

import argparse
import os
import socket
import sys
import threading
import time

START = time.monotonic()


def parse_host_port(text):
    host, sep, port = text.rpartition(":")
    if not sep or not port.isdigit():
        raise argparse.ArgumentTypeError("expected HOST:PORT, got %r" % text)
    return host.strip("[]") or "127.0.0.1", int(port)


class ReadLog:
    """Serialises the optional per-read log across connection threads."""

    def __init__(self, path):
        self.lock = threading.Lock()
        self.file = open(path, "w") if path else None

    def write(self, conn, direction, offset, size):
        if not self.file:
            return
        with self.lock:
            self.file.write("%d %s %d %d %.6f\n"
                            % (conn, direction, offset, size, time.monotonic() - START))
            self.file.flush()


def pump(source, sink, out, conn, direction, log):
    """Copies source to sink and to out until EOF, then half-closes sink."""
    offset = 0
    try:
        while True:
            data = source.recv(65536)
            if not data:
                break
            out.write(data)
            out.flush()
            log.write(conn, direction, offset, len(data))
            offset += len(data)
            sink.sendall(data)
    except OSError:
        pass  # a reset ends the direction like EOF; what was read is kept
    try:
        sink.shutdown(socket.SHUT_WR)
    except OSError:
        pass


def serve(client, conn, target, c2s_path, s2c_path, mode, log):
    server = socket.create_connection(target)
    with open(c2s_path, mode) as c2s, open(s2c_path, mode) as s2c:
        up = threading.Thread(target=pump, args=(client, server, c2s, conn, "c2s", log))
        down = threading.Thread(target=pump, args=(server, client, s2c, conn, "s2c", log))
        up.start()
        down.start()
        up.join()
        down.join()
    client.close()
    server.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--target", required=True, type=parse_host_port)
    parser.add_argument("--listen", default="127.0.0.1:0", type=parse_host_port)
    parser.add_argument("--c2s", required=True, help="file for client-to-server bytes")
    parser.add_argument("--s2c", required=True, help="file for server-to-client bytes")
    parser.add_argument("--connections", type=int, default=1)
    parser.add_argument("--reads", help="file for a log of every read")
    parser.add_argument("--port-file", help="also write the listening port here")
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args()

    per_connection = "{n}" in args.c2s and "{n}" in args.s2c
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(args.listen)
    listener.listen(16)
    port = listener.getsockname()[1]
    if args.port_file:
        with open(args.port_file + ".tmp", "w") as f:
            f.write("%d\n" % port)
        os.replace(args.port_file + ".tmp", args.port_file)  # readers never see half a file
    print(port, flush=True)

    if not per_connection:
        for path in (args.c2s, args.s2c):
            open(path, "wb").close()  # truncate once; connections append

    def watchdog():
        time.sleep(args.timeout)
        print("tcp-recorder: timed out after %g s" % args.timeout, file=sys.stderr, flush=True)
        os._exit(2)

    threading.Thread(target=watchdog, daemon=True).start()
    log = ReadLog(args.reads)
    threads = []
    for n in range(args.connections):
        client, _ = listener.accept()
        if per_connection:
            c2s, s2c = args.c2s.format(n=n), args.s2c.format(n=n)
            t = threading.Thread(target=serve,
                                 args=(client, n, args.target, c2s, s2c, "wb", log))
            t.start()
            threads.append(t)
        else:
            serve(client, n, args.target, args.c2s, args.s2c, "ab", log)
    listener.close()
    for t in threads:
        t.join()
    return 0


if __name__ == "__main__":
    sys.exit(main())
