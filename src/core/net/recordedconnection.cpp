// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/recordedconnection.h"

namespace TcpInspector {

RecordedConnection::RecordedConnection(Side side, quint64 id, const ConnectionOptions &options,
                                       QObject *parent)
    : Connection(side, id, options, parent)
{ }

RecordedConnection::~RecordedConnection() = default;

qint64 RecordedConnection::addChunk(Direction direction, const char *data, qint64 size,
                                    qint64 timeNs)
{
    return channel(direction).append(data, size, timeNs).size;
}

void RecordedConnection::addDropped(Direction direction, qint64 bytes, qint64 chunks)
{
    channel(direction).addDropped(bytes, chunks);
}

void RecordedConnection::addEvent(const TimelineEvent &event)
{
    restoreEvent(event);
}

void RecordedConnection::finishDirection(Direction direction, qint64 atNs)
{
    channel(direction).finish(atNs);
}

void RecordedConnection::finishLoading(ConnectionState state, const QString &localAddress,
                                       const QString &peerAddress, qint64 discardedBytes,
                                       qint64 discardedFromTx)
{
    restoreEnd(state, localAddress, peerAddress, discardedBytes, discardedFromTx);
}

} // namespace TcpInspector
