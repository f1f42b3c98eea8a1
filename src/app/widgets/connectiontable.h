// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/connectionlistmodel.h"
#include "net/connection.h"

#include <QObject>
#include <QSet>

class QTableView;

namespace TcpInspector {

class Connection;
class ConnectionActions;
class Workbench;

/// What the server and the client panel share: a table of their side's
/// connections, kept live, and the action buttons wired to the selected one.
class ConnectionTable : public QObject
{
    Q_OBJECT

public:
    ConnectionTable(Workbench *workbench, Connection::Side side, QTableView *view,
                    ConnectionActions *actions, QObject *parent = nullptr);

    ConnectionListModel *model() { return &m_model; }
    Connection *currentConnection() const;
    void selectConnection(const Connection *connection);
    /// The next connection of this side is one the user asked for: show it.
    void showNextAdded() { m_showNext = true; }
    /// Display rate: counters, states, button states.
    void refresh();

Q_SIGNALS:
    /// automatic: the table followed a new connection on its own, which
    /// should not take the window away from an open connection on display.
    void currentConnectionChanged(TcpInspector::Connection *connection, bool automatic);

private:
    void handleAdded(Connection *connection);
    void handleCurrentChanged();
    void updateActions();

    Workbench *m_workbench;
    Connection::Side m_side;
    QTableView *m_view;
    ConnectionActions *m_actions;
    ConnectionListModel m_model;
    QSet<const Connection *> m_readPaused;
    bool m_following = false;
    bool m_removing = false;
    bool m_showNext = false;
};

} // namespace TcpInspector
