// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/connectionlistmodel.h"
#include "net/connection.h"

#include <QList>
#include <QObject>
#include <QSet>

class QMenu;
class QTableView;
class QWidget;

namespace TcpInspector {

class Connection;
class ConnectionActions;
class Workbench;

/// What the server and the client panel share: a table of their side's
/// connections, kept live, with the action buttons and a context menu that
/// act on the selected rows (one or many).
class ConnectionTable : public QObject
{
    Q_OBJECT

public:
    ConnectionTable(Workbench *workbench, Connection::Side side, QTableView *view,
                    ConnectionActions *actions, QObject *parent = nullptr);

    /// Lists the legs of relayed pairs (both sides) instead of its side's
    /// own connections; a panel's table never lists them.
    void showRelayLegs() { m_relayLegs = true; }

    ConnectionListModel *model() { return &m_model; }
    QTableView *view() const { return m_view; }
    Connection *currentConnection() const;
    /// The selected rows' connections in row order; the current one when
    /// nothing is selected.
    QList<Connection *> selectedConnections() const;
    /// Every connection of the table, in row order.
    QList<Connection *> allConnections() const;
    void selectConnection(const Connection *connection);
    /// The next connection of this side is one the user asked for: show it.
    void showNextAdded() { m_showNext = true; }
    /// Display rate: counters, states, button states.
    void refresh();

    /// The menu a right-click opens, for the selection as it is now. The
    /// caller owns it; tests trigger its actions (found by objectName)
    /// without opening it.
    QMenu *contextMenu(QWidget *parent = nullptr);
    /// The connection at the other end of this one, when both ends are ours
    /// (a client of the embedded server), or nullptr.
    Connection *otherEnd(const Connection *connection) const;
    /// A relay leg's partner (same pair, other side), or null.
    Connection *otherLeg(const Connection *connection) const;
    /// Writes the selected rows as text; false with *error when it cannot.
    bool exportRows(const QString &path, QString *error) const;

Q_SIGNALS:
    /// automatic: the table followed a new connection on its own, which
    /// should not take the window away from an open connection on display.
    void currentConnectionChanged(TcpInspector::Connection *connection, bool automatic);
    /// "Send to selected" or "Send to all": the composer's bytes to each of these.
    void sendToManyRequested(const QList<TcpInspector::Connection *> &connections);
    /// "Show the other end": select this connection in its panel and show it.
    void showRequested(TcpInspector::Connection *connection);
    /// A short report for the status bar (rows copied, an export that failed).
    void statusMessage(const QString &text);

private:
    void wireActions();
    void handleAdded(Connection *connection);
    void handleAboutToBeRemoved(const QList<Connection *> &gone);
    void handleCurrentChanged();
    void handleContextMenu(const QPoint &position);
    void handleReadPausedToggled(bool paused);
    void handleExportAsked();
    void handleCopy();
    void actOnSelected(void (Workbench::*action)(Connection *));
    void updateActions();

    Workbench *m_workbench;
    Connection::Side m_side;
    bool m_relayLegs = false;
    QTableView *m_view;
    ConnectionActions *m_actions;
    ConnectionListModel m_model;
    QSet<const Connection *> m_readPaused;
    bool m_following = false;
    bool m_removing = false;
    bool m_showNext = false;
};

} // namespace TcpInspector
