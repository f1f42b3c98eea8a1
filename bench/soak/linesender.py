#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Two ends of bench/soak/fullspeed.sh.

  linesender.py send HOST:PORT SECONDS   sends numbered 64-byte lines as fast
      as the peer takes them for SECONDS, half-closes, prints the bytes sent.
  linesender.py check                    reads a stream of such lines on
      stdin (the newest bytes a ring kept: it may start mid-line) and checks
      that every whole line follows the one before; prints the bytes read.

A line is a 16-digit number (its index modulo 10**6), a space, 46 letters
and a newline. One 64 MiB buffer holds 10**6 lines and is sent over and
over, so the sender costs next to nothing and the receiver is what limits."""
import socket
import sys
import time

LINES = 10**6
FILL = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRST"


def line(index):
    return b"%016d " % index + FILL + b"\n"


def send(address, seconds):
    host, port = address.rsplit(":", 1)
    buffer = b"".join(line(i) for i in range(LINES))
    s = socket.create_connection((host, int(port)))
    sent = 0
    end = time.monotonic() + seconds
    view = memoryview(buffer)
    while time.monotonic() < end:
        s.sendall(view)
        sent += len(buffer)
    s.shutdown(socket.SHUT_WR)
    while s.recv(65536):
        pass
    s.close()
    print(sent)


def check():
    total = 0
    expected = None
    carry = b""
    bad = 0
    first = True
    while True:
        block = sys.stdin.buffer.read(1 << 20)
        if not block:
            break
        total += len(block)
        data = carry + block
        lines = data.split(b"\n")
        carry = lines.pop()
        if first:
            lines = lines[1:]  # the ring may have cut the first line
            first = False
        for text in lines:
            number = int(text[:16]) if len(text) == 63 and text[16:17] == b" " else -1
            if number < 0 or (expected is not None and number != expected):
                bad += 1
            expected = (max(number, 0) + 1) % LINES
    print(total, bad)
    return 1 if bad else 0


if __name__ == "__main__":
    if sys.argv[1] == "send":
        send(sys.argv[2], float(sys.argv[3]))
    else:
        sys.exit(check())
