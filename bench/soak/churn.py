#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Churns TCP connections at the given addresses until killed: each worker
connects, sends a few lines, then ends the connection one of four ways (a
half-close and a read to EOF, a close, an RST, or a close before reading the
echo), round the addresses in turn. Prints the cycles done when asked
(SIGUSR1) and at exit, so bench/soak/soak.sh can report a rate."""
import os
import random
import signal
import socket
import struct
import sys
import threading
import time

cycles = 0
errors = 0
lock = threading.Lock()
stop = threading.Event()


def one_cycle(address, rng):
    global cycles, errors
    host, port = address.rsplit(":", 1)
    s = socket.create_connection((host, int(port)), timeout=5)
    try:
        for _ in range(rng.randint(1, 5)):
            s.sendall(b"x" * rng.randint(1, 2000) + b"\n")
        way = rng.randrange(4)
        if way == 0:  # half-close, read the echo to EOF
            s.shutdown(socket.SHUT_WR)
            while s.recv(65536):
                pass
        elif way == 1:  # read a little, close
            s.recv(65536)
        elif way == 2:  # RST
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        # way 3: close at once, echo unread (the server may see a reset)
    finally:
        s.close()
    with lock:
        cycles += 1


def worker(addresses, seed):
    global errors
    rng = random.Random(seed)
    i = seed
    while not stop.is_set():
        try:
            one_cycle(addresses[i % len(addresses)], rng)
        except OSError:
            with lock:
                errors += 1
            time.sleep(0.05)
        i += 1


def report(*_):
    with lock:
        print(f"cycles {cycles} errors {errors}", flush=True)


def main():
    workers = int(sys.argv[1])
    addresses = sys.argv[2:]
    signal.signal(signal.SIGUSR1, report)
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    threads = [threading.Thread(target=worker, args=(addresses, n), daemon=True)
               for n in range(workers)]
    for t in threads:
        t.start()
    while not stop.is_set():
        stop.wait(0.5)
    for t in threads:
        t.join(timeout=6)
    report()


if __name__ == "__main__":
    main()
