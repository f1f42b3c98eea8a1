// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/recordedconnection.h"

namespace TcpInspector {

RecordedConnection::RecordedConnection(Side side, quint64 id, const ConnectionOptions &options,
                                       QObject *parent)
    : Connection(side, id, options, parent)
{ }

RecordedConnection::~RecordedConnection() = default;

qint64 RecordedConnection::nowNs() const
{
    const qint64 clock = m_clockNs.load(std::memory_order_relaxed);
    return clock >= 0 ? clock : m_lastNs.load(std::memory_order_relaxed);
}

void RecordedConnection::noteTime(qint64 timeNs)
{
    // One writer: a plain compare is enough.
    if (timeNs > m_lastNs.load(std::memory_order_relaxed))
        m_lastNs.store(timeNs, std::memory_order_relaxed);
}

qint64 RecordedConnection::addChunk(Direction direction, const char *data, qint64 size,
                                    qint64 timeNs)
{
    noteTime(timeNs);
    const StreamChannel::Appended appended = channel(direction).append(data, size, timeNs);
    emit chunkRecorded(direction, appended.offset, appended.size);
    announceDecoded(direction, appended);
    return appended.size;
}

bool RecordedConnection::addWireChunk(Direction direction, const char *data, qint64 size,
                                      qint64 timeNs)
{
    StreamChannel *wire = wireChannel(direction);
    if (!wire)
        return false;
    noteTime(timeNs);
    const StreamChannel::Appended appended = wire->append(data, size, timeNs);
    emit wireChunkRecorded(direction, appended.offset, appended.size);
    if (appended.frames > 0)
        emit wireMessagesDecoded(direction, appended.firstFrame, appended.frames);
    return true;
}

void RecordedConnection::finishWire(Direction direction, qint64 atNs)
{
    StreamChannel *wire = wireChannel(direction);
    if (!wire || wire->finished())
        return;
    noteTime(atNs);
    const StreamChannel::Appended appended = wire->finish(atNs);
    if (appended.frames > 0)
        emit wireMessagesDecoded(direction, appended.firstFrame, appended.frames);
}

void RecordedConnection::setTlsKeyLog(const QByteArray &keyLog)
{
    for (const QByteArray &line : keyLog.split('\n'))
        if (!line.isEmpty())
            recordTlsKeyLog(line);
}

void RecordedConnection::addDropped(Direction direction, qint64 bytes, qint64 chunks)
{
    channel(direction).addDropped(bytes, chunks);
}

void RecordedConnection::addEvent(const TimelineEvent &event)
{
    noteTime(event.timeNs);
    restoreEvent(event);
}

void RecordedConnection::finishDirection(Direction direction, qint64 atNs)
{
    noteTime(atNs);
    announceDecoded(direction, channel(direction).finish(atNs));
}

void RecordedConnection::setAddresses(const QString &localAddress, const QString &peerAddress)
{
    restoreAddresses(localAddress, peerAddress);
}

void RecordedConnection::finishLoading(ConnectionState state, const QString &localAddress,
                                       const QString &peerAddress, qint64 discardedBytes,
                                       qint64 discardedFromTx)
{
    restoreEnd(state, localAddress, peerAddress, discardedBytes, discardedFromTx);
}

} // namespace TcpInspector
