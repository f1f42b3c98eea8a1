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
    /// Adds a connection, forgetting deleted ones now and then: an endpoint
    /// that runs for days must not keep a null entry for each (at most as
    /// many as there are live ones).
    void add(Connection *connection);
    /// The live ones, oldest first.
    QList<Connection *> connections() const;
    /// The live ones not in a final state.
    int openCount() const;

private:
    QList<QPointer<Connection>> m_connections;
    qsizetype m_pruneAt = 64; ///< forget deleted connections when the list is this long
};

} // namespace TcpInspector
