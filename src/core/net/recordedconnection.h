// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/connection.h"

#include <atomic>

namespace TcpInspector {

/// A connection read back from a session file: the same recording a live
/// Connection keeps (chunks, messages, timeline), so every view, model and
/// printer shows it unchanged, but no socket behind it. Actions do nothing;
/// the framing can still change (the bytes are decoded again).
///
/// A loader fills it on one thread, in time order across both directions
/// (an HTTP decoder hears the requests before the replies), then calls
/// finishLoading(); only then may others read it. A replay (SessionReplay)
/// fills it on the thread it lives on, while views watch: every addition
/// emits the signals a live connection emits.
class RecordedConnection final : public Connection
{
    Q_OBJECT

public:
    /// options are the recorded ones (engine, framing, store budget, ...).
    /// The framing may be changed before the first chunk with setFraming().
    RecordedConnection(Side side, quint64 id, const ConnectionOptions &options,
                       QObject *parent = nullptr);
    ~RecordedConnection() override;

    bool isRecorded() const override { return true; }
    /// The replay's cursor while one runs, else the last time recorded.
    qint64 nowNs() const override;
    /// A replay's cursor: nowNs() from now on; -1 ends it.
    void setReplayClock(qint64 timeNs) { m_clockNs.store(timeNs, std::memory_order_relaxed); }
    void connectTo(const QString &, quint16, const QString & = QString(), quint16 = 0) override { }

    // Loading, in time order.
    /// One recorded read or write; returns the bytes kept (the store's
    /// budget and cap apply as they did live).
    qint64 addChunk(Direction direction, const char *data, qint64 size, qint64 timeNs);
    /// TLS: one recorded read or write of records on wire(direction), which
    /// a recording with TLS options has; false without one.
    bool addWireChunk(Direction direction, const char *data, qint64 size, qint64 timeNs);
    /// TLS: wire(direction) ended at atNs.
    void finishWire(Direction direction, qint64 atNs);
    /// TLS: the key log the live session made (Connection::tlsKeyLog()).
    void setTlsKeyLog(const QByteArray &keyLog);
    /// Bytes the live store could not keep (past its cap): counted again.
    void addDropped(Direction direction, qint64 bytes, qint64 chunks);
    void addEvent(const TimelineEvent &event);
    /// The direction ended at atNs (EOF read, or our FIN sent).
    void finishDirection(Direction direction, qint64 atNs);
    /// Known before the first event when replaying: the rows show them.
    void setAddresses(const QString &localAddress, const QString &peerAddress);
    /// The end of loading: the final state and what the live one counted.
    void finishLoading(ConnectionState state, const QString &localAddress,
                       const QString &peerAddress, qint64 discardedBytes, qint64 discardedFromTx);

protected:
    qint64 writeToSocket(const char *, qint64) override { return -1; }
    void shutdownWrite() override { }
    void closeSocket() override { }
    void setReadEnabled(bool) override { }
    ReadOutcome readOnceFromSocket(qint64) override { return ReadOutcome::Ended; }
    int descriptor() const override { return -1; }

private:
    void noteTime(qint64 timeNs);

    std::atomic<qint64> m_clockNs {-1};
    std::atomic<qint64> m_lastNs {0};
};

} // namespace TcpInspector
