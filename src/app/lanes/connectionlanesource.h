// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lanes/lanesource.h"

namespace TcpInspector {

/// A lane over a live Connection, which must outlive it.
class ConnectionLaneSource : public LaneSource
{
public:
    explicit ConnectionLaneSource(Connection *connection) : m_connection(connection) { }

    // LaneSource API
    quint64 id() const override { return m_connection->id(); }
    Connection::Side side() const override { return m_connection->side(); }
    QString engineName() const override;
    QString localAddress() const override { return m_connection->localAddress(); }
    QString peerAddress() const override { return m_connection->peerAddress(); }
    const Timeline &timeline() const override { return m_connection->timeline(); }
    const StreamStore &store(Direction direction) const override;
    quint64 relayPair() const override { return m_connection->relayPair(); }
    Connection *connection() const override { return m_connection; }

private:
    Connection *m_connection;
};

} // namespace TcpInspector
