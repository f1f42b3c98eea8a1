// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/connection.h"

#include <QHash>
#include <QList>
#include <QPersistentModelIndex>
#include <QTimer>
#include <QWidget>

#include <memory>
#include <vector>

namespace Ui {
class EventLogPane;
}

class QAction;
class QMenu;
class QModelIndex;
class QTableView;

namespace TcpInspector {

class EventLogFilterModel;
class EventLogModel;
class Workbench;

/// Every event of every connection and of the listener as one line, in time
/// order: errors stand out, rows filter by connection, kind and text, copy
/// as text, and the table follows new rows while it is scrolled to its end.
/// It pulls from the timelines when refresh() is called, like the other panes.
/// Past the model's row limit the oldest rows go; a line under the table
/// says how many, and the rows in view stay in view.
class EventLogPane : public QWidget
{
    Q_OBJECT

public:
    explicit EventLogPane(Workbench *workbench, QWidget *parent = nullptr);
    ~EventLogPane() override;

    /// Takes in the events recorded since the last call; from the window's timer.
    void refresh();

    EventLogModel *model() const { return m_model; }
    EventLogFilterModel *filter() const { return m_filter; }
    QTableView *table() const;

    /// The toggle: follow new rows while scrolled to the end.
    bool followLive() const;
    void setFollowLive(bool follow);
    /// Whether the next new rows will scroll into view: the toggle is on
    /// and the table is at its end.
    bool isFollowing() const;

    /// Shows the events of one connection only; nullptr: of every one.
    void showConnection(const Connection *connection);
    /// The selected rows as text, one line each, columns separated by tabs.
    QString selectedText() const;
    /// Every row the filter lets through, as selectedText() writes them.
    QString visibleText() const;
    void copySelection() const;
    void copyAllVisible() const;
    void clearFilter();

Q_SIGNALS:
    /// A row was double-clicked: the connection it belongs to.
    void connectionActivated(TcpInspector::Connection *connection);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct Source
    {
        Connection *connection = nullptr; // nullptr: the listener, or removed
        Connection::Side side = Connection::Side::Server;
        quint64 id = 0;
        quint64 relayPair = 0;
    };

    void setUpTable();
    void buildKindMenu();
    void updateKindButton();
    void addConnection(Connection *connection);
    void addSourceItem(int source);
    void pruneDetachedItems();
    QString labelOf(int source) const;
    static QString labelOf(const Source &source);
    void handleConnectionsAboutToBeRemoved(const QList<Connection *> &connections);
    void handleConnectionFilter();
    void handleKindsChanged();
    void handleDoubleClick(const QModelIndex &index);
    void handleContextMenu(const QPoint &position);
    void handleRowsAboutToGo();
    void handleRowsGone();
    void updateDroppedLabel();
    QString textOfRows(QList<int> proxyRows) const;

    std::unique_ptr<Ui::EventLogPane> m_ui;
    EventLogModel *m_model;
    EventLogFilterModel *m_filter;
    std::vector<Source> m_sources; // by the model's source number
    QHash<const Connection *, int> m_sourceOf;
    QList<QAction *> m_kindActions;
    QTimer m_textDelay;             // matching text reads every row: wait until typing pauses
    QPersistentModelIndex m_topRow; // while the oldest rows go: the row to keep at the top
    bool m_keepTopRow = false;
    qint64 m_droppedShown = 0;
};

} // namespace TcpInspector
