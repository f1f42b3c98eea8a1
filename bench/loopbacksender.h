// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

#include <functional>

namespace TcpInspector {

class StreamPattern;

/// What one sender saw: from its connect to the receiver's close.
struct SendResult
{
    bool connected = false;
    bool closedByReceiver = false; ///< the receiver closed after the sender's FIN
    qint64 sent = 0;
    qint64 ns = 0; ///< connect done to the receiver's close (or to the last byte written)

    double gbps() const { return ns > 0 ? double(sent) / double(ns) : 0; }
};

/// Connects to 127.0.0.1:port, retrying while receiverAlive() says the
/// receiver is still starting, writes total bytes of pattern as fast as
/// loopback takes them (blocking send(2) of 1 MiB pieces), half-closes and
/// waits for the receiver to close. The clock stops at that close: bytes still
/// in socket buffers when the last send(2) returns are not yet received.
SendResult sendStream(quint16 port, StreamPattern &pattern, qint64 total,
                      const std::function<bool()> &receiverAlive);

/// Case (a) of bench/ingest, the baseline of the others: sendStream() to a
/// reader thread that accepts on a loopback listener and read(2)s into one
/// reused 256 KiB buffer until EOF, keeping nothing.
struct DiscardResult
{
    SendResult sent;
    qint64 received = 0;         ///< what the reader read
    double readerCpuSeconds = 0; ///< the reader thread's user + system time
};
DiscardResult sendToDiscardingReader(StreamPattern &pattern, qint64 total);

/// A free loopback port for a receiver to listen on (bound, read back, closed).
quint16 freeLoopbackPort();

} // namespace TcpInspector
