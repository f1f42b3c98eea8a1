// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lanes/lanesource.h"

namespace TcpInspector {

/// A lane that owns its timeline and stores and is filled directly: for
/// tests and benchmarks that need a known sequence of events and chunks, or
/// more of them than sockets could produce in reasonable time.
class RecordedLaneSource : public LaneSource
{
public:
    RecordedLaneSource(quint64 id, Connection::Side side, QString localAddress, QString peerAddress,
                       QString engine = QStringLiteral("native"),
                       const StreamStore::Options &storeOptions = StreamStore::Options());

    /// Appends one event, as a connection would.
    void addEvent(const TimelineEvent &event) { m_timeline.append(event); }
    void addState(qint64 timeNs, ConnectionState state, StateCause cause,
                  const QString &why = QString());
    void addEvent(qint64 timeNs, TimelineEvent::Type type, const QString &code = QString(),
                  Direction direction = Direction::Rx, const QString &text = QString());
    void addTimeout(qint64 timeNs, TimeoutKind kind, const QString &text = QString());
    void addKernel(qint64 timeNs, const KernelSample &sample);
    /// Appends a chunk of size bytes (zeros) read or written at timeNs.
    void addChunk(Direction direction, qint64 size, qint64 timeNs);
    void setAddresses(const QString &localAddress, const QString &peerAddress);

    // LaneSource API
    quint64 id() const override { return m_id; }
    Connection::Side side() const override { return m_side; }
    QString engineName() const override { return m_engine; }
    QString localAddress() const override;
    QString peerAddress() const override;
    const Timeline &timeline() const override { return m_timeline; }
    const StreamStore &store(Direction direction) const override
    {
        return direction == Direction::Rx ? m_rx : m_tx;
    }

private:
    const quint64 m_id;
    const Connection::Side m_side;
    const QString m_engine;
    mutable std::mutex m_addressMutex;
    QString m_local;
    QString m_peer;
    Timeline m_timeline;
    StreamStore m_rx;
    StreamStore m_tx;
};

} // namespace TcpInspector
