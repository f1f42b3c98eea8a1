// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QPointer>

namespace TcpInspector {

class Connection;

/// The connections an endpoint opened or accepted, held weakly: whoever owns
/// a finished connection may delete it, and the set forgets it.
class ConnectionSet
{
public:
    /// Adds a connection, forgetting deleted ones first: an endpoint that
    /// runs for days must not keep a null entry for each.
    void add(Connection *connection);
    /// The live ones, oldest first.
    QList<Connection *> connections() const;
    /// The live ones not in a final state.
    int openCount() const;

private:
    QList<QPointer<Connection>> m_connections;
};

} // namespace TcpInspector
