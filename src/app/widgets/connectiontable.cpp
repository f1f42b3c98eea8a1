// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/connectiontable.h"

#include "net/connection.h"
#include "session/workbench.h"
#include "widgets/connectionactions.h"
#include "widgets/tableexport.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QMenu>
#include <QScopedValueRollback>
#include <QScrollBar>
#include <QTableView>

namespace TcpInspector {

ConnectionTable::ConnectionTable(Workbench *workbench, Connection::Side side, QTableView *view,
                                 ConnectionActions *actions, QObject *parent)
    : QObject(parent),
      m_workbench(workbench),
      m_side(side),
      m_view(view),
      m_actions(actions),
      m_model(side == Connection::Side::Server ? ConnectionListModel::AddressShown::Peer
                                               : ConnectionListModel::AddressShown::Local)
{
    m_view->setModel(&m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    // Widths from the font: numbers need a few digits, the address the rest.
    const int digit = m_view->fontMetrics().horizontalAdvance(QLatin1Char('0'));
    QHeaderView *header = m_view->horizontalHeader();
    header->setMinimumSectionSize(3 * digit);
    for (int column = 0; column < ConnectionListModel::ColumnCount; ++column)
        header->resizeSection(column, (ConnectionListModel::widthHint(column) + 2) * digit);
    header->setSectionResizeMode(ConnectionListModel::AddressColumn, QHeaderView::Stretch);
    m_view->setMinimumHeight(m_view->verticalHeader()->defaultSectionSize() * 5);

    connect(m_workbench, &Workbench::connectionAdded, this, &ConnectionTable::handleAdded);
    connect(m_workbench, &Workbench::connectionsAboutToBeRemoved, this,
            &ConnectionTable::handleAboutToBeRemoved);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ConnectionTable::handleCurrentChanged);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ConnectionTable::updateActions);
    // A click on the row that is already current still means "show this one":
    // the other panel's connection may be on display.
    connect(m_view, &QAbstractItemView::clicked, this, &ConnectionTable::handleCurrentChanged);
    connect(m_view, &QWidget::customContextMenuRequested, this,
            &ConnectionTable::handleContextMenu);
    wireActions();
}

void ConnectionTable::wireActions()
{
    // The button just pressed may disable itself; focus goes back to the
    // table, not on to the next button ("Remove closed") for a stray Space.
    connect(m_actions, &ConnectionActions::halfCloseClicked, this,
            [this] { actOnSelected(&Workbench::halfClose); });
    connect(m_actions, &ConnectionActions::closeClicked, this,
            [this] { actOnSelected(&Workbench::close); });
    connect(m_actions, &ConnectionActions::resetClicked, this,
            [this] { actOnSelected(&Workbench::abortWithReset); });
    connect(m_actions, &ConnectionActions::readPausedToggled, this,
            &ConnectionTable::handleReadPausedToggled);
    connect(m_actions, &ConnectionActions::removeClosedClicked, this,
            [this] { m_workbench->removeFinished(); });
    connect(m_actions, &ConnectionActions::sendToSelectedClicked, this,
            [this] { emit sendToManyRequested(selectedConnections()); });
    connect(m_actions, &ConnectionActions::sendToAllClicked, this,
            [this] { emit sendToManyRequested(allConnections()); });
}

void ConnectionTable::actOnSelected(void (Workbench::*action)(Connection *))
{
    for (Connection *connection : selectedConnections())
        (m_workbench->*action)(connection);
    m_view->setFocus();
}

void ConnectionTable::handleReadPausedToggled(bool paused)
{
    for (Connection *connection : selectedConnections()) {
        if (isFinalState(connection->state()))
            continue;
        if (paused)
            m_readPaused.insert(connection);
        else
            m_readPaused.remove(connection);
        m_workbench->setReadPaused(connection, paused);
    }
}

Connection *ConnectionTable::currentConnection() const
{
    return m_model.connection(m_view->selectionModel()->currentIndex().row());
}

QList<Connection *> ConnectionTable::selectedConnections() const
{
    QList<Connection *> connections;
    for (int row : TableExport::selectedRows(m_view)) {
        if (Connection *connection = m_model.connection(row))
            connections.append(connection);
    }
    return connections;
}

QList<Connection *> ConnectionTable::allConnections() const
{
    QList<Connection *> connections;
    connections.reserve(m_model.rowCount());
    for (int row = 0; row < m_model.rowCount(); ++row)
        connections.append(m_model.connection(row));
    return connections;
}

void ConnectionTable::selectConnection(const Connection *connection)
{
    const int row = m_model.rowOf(connection);
    if (row < 0)
        return;
    const QModelIndex index = m_model.index(row, 0);
    if (m_view->selectionModel()->currentIndex().row() == row)
        handleCurrentChanged();
    else
        m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect
                                                             | QItemSelectionModel::Rows);
}

void ConnectionTable::refresh()
{
    m_model.refresh();
    updateActions();
}

void ConnectionTable::handleAdded(Connection *connection)
{
    const bool relayed = connection->relayPair() != 0;
    if (relayed != m_relayLegs || (!m_relayLegs && connection->side() != m_side))
        return;
    m_model.addConnection(connection);
    // The newest connection is the one the user just caused; follow it,
    // unless they are looking at another one that is still open.
    // A connection the user just opened (Connect) is shown even then.
    if (m_showNext) {
        m_showNext = false;
        selectConnection(connection);
        return;
    }
    // Several rows selected: the user is choosing, the table leaves it alone.
    if (m_view->selectionModel()->selectedRows().size() > 1)
        return;
    const Connection *current = currentConnection();
    if (!current || isFinalState(current->state())) {
        const QScopedValueRollback<bool> following(m_following, true);
        selectConnection(connection);
    }
}

void ConnectionTable::handleAboutToBeRemoved(const QList<Connection *> &gone)
{
    for (const Connection *connection : gone)
        m_readPaused.remove(connection);
    const QSet<Connection *> leaving(gone.begin(), gone.end());
    Connection *before = currentConnection();
    QSet<Connection *> selected;
    for (int row : TableExport::selectedRows(m_view))
        selected.insert(m_model.connection(row));
    // The scroll place: the top row, or the first row below it that stays.
    const int top = m_view->rowAt(0);
    Connection *anchor = nullptr;
    for (int row = qMax(0, top); top >= 0 && row < m_model.rowCount() && !anchor; ++row) {
        if (!leaving.contains(m_model.connection(row)))
            anchor = m_model.connection(row);
    }
    {
        // The model resets (one pass, however many rows go); put back what
        // the user had: the current row, the selection, the rows in view.
        // Rows going away are no choice of the user's: no scrolling to the
        // current row, and the window hears of a new current row once.
        const QScopedValueRollback<bool> removing(m_removing, true);
        const bool autoScroll = m_view->hasAutoScroll();
        m_view->setAutoScroll(false);
        m_model.removeConnections(gone);
        QItemSelectionModel *selection = m_view->selectionModel();
        if (before && !leaving.contains(before))
            selection->setCurrentIndex(m_model.index(m_model.rowOf(before), 0),
                                       QItemSelectionModel::NoUpdate);
        QItemSelection keep;
        for (int row = 0; row < m_model.rowCount(); ++row) {
            if (selected.contains(m_model.connection(row)))
                keep.select(m_model.index(row, 0), m_model.index(row, m_model.columnCount() - 1));
        }
        selection->select(keep, QItemSelectionModel::ClearAndSelect);
        m_view->setAutoScroll(autoScroll);
        if (anchor) {
            m_view->doItemsLayout(); // the scroll bar's range for the rows left
            m_view->scrollTo(m_model.index(m_model.rowOf(anchor), 0),
                             QAbstractItemView::PositionAtTop);
        }
    }
    if (currentConnection() != before) {
        const QScopedValueRollback<bool> following(m_following, true);
        handleCurrentChanged();
    }
    updateActions();
}

void ConnectionTable::handleCurrentChanged()
{
    if (m_removing)
        return;
    updateActions();
    emit currentConnectionChanged(currentConnection(), m_following);
}

void ConnectionTable::updateActions()
{
    const QList<Connection *> selected = selectedConnections();
    m_actions->updateWidgets(selected, m_readPaused.contains(currentConnection()),
                             ConnectionActions::canSend(allConnections()));
}

Connection *ConnectionTable::otherEnd(const Connection *connection) const
{
    if (!connection)
        return nullptr;
    const QString local = connection->localAddress();
    const QString peer = connection->peerAddress();
    if (local.isEmpty() || peer.isEmpty())
        return nullptr;
    for (Connection *other : m_workbench->connections()) {
        if (other->side() != connection->side() && other->localAddress() == peer
            && other->peerAddress() == local)
            return other;
    }
    return nullptr;
}

Connection *ConnectionTable::otherLeg(const Connection *connection) const
{
    if (!connection || connection->relayPair() == 0)
        return nullptr;
    for (Connection *other : m_workbench->connections()) {
        if (other != connection && other->relayPair() == connection->relayPair()
            && other->side() != connection->side())
            return other;
    }
    return nullptr;
}

bool ConnectionTable::exportRows(const QString &path, QString *error) const
{
    return TableExport::writeRows(m_view, path, error);
}

void ConnectionTable::handleCopy()
{
    const int rows = TableExport::copyRows(m_view);
    emit statusMessage(rows == 1 ? tr("Copied 1 row.") : tr("Copied %1 rows.").arg(rows));
}

void ConnectionTable::handleExportAsked()
{
    const QString path = TableExport::askSavePath(m_view, tr("Export connections"),
                                                  tr("Text, tab-separated (*.tsv *.txt)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportRows(path, &error))
        emit statusMessage(tr("Cannot write %1: %2").arg(path, error));
    else
        emit statusMessage(tr("Exported to %1.").arg(path));
}

QMenu *ConnectionTable::contextMenu(QWidget *parent)
{
    updateActions();
    const QList<Connection *> selected = selectedConnections();
    auto *menu = new QMenu(parent);
    auto add = [&](const char *name, const QString &text, bool enabled, auto handler) {
        QAction *action = menu->addAction(text, this, handler);
        action->setObjectName(QLatin1String(name));
        action->setEnabled(enabled);
    };
    add("copyRowsAction", tr("Copy"), !selected.isEmpty(), [this] { handleCopy(); });
    // By id: the connection may be removed while the menu is open.
    const Connection *other = otherEnd(currentConnection());
    const quint64 otherId = other ? other->id() : 0;
    add("showOtherEndAction", tr("Show the other end"), other != nullptr, [this, otherId] {
        if (Connection *connection = m_workbench->connectionById(otherId))
            emit showRequested(connection);
    });
    // A relay's leg: the connection on the relay's other side.
    const Connection *leg = otherLeg(currentConnection());
    if (currentConnection() && currentConnection()->relayPair() != 0) {
        const quint64 legId = leg ? leg->id() : 0;
        add("showOtherLegAction", tr("Show the relay's other leg"), leg != nullptr, [this, legId] {
            if (Connection *connection = m_workbench->connectionById(legId))
                emit showRequested(connection);
        });
    }
    menu->addSeparator();
    add("halfCloseAction", tr("Half-close"), ConnectionActions::canHalfClose(selected),
        [this] { actOnSelected(&Workbench::halfClose); });
    add("closeAction", tr("Close"), ConnectionActions::canClose(selected),
        [this] { actOnSelected(&Workbench::close); });
    add("resetAction", tr("Reset (RST)"), ConnectionActions::canReset(selected),
        [this] { actOnSelected(&Workbench::abortWithReset); });
    menu->addSeparator();
    menu->addAction(m_actions->sendToSelectedAction());
    menu->addAction(m_actions->sendToAllAction());
    menu->addSeparator();
    add("exportRowsAction", tr("Export rows…"), m_model.rowCount() > 0,
        [this] { handleExportAsked(); });
    add("removeClosedAction", tr("Remove closed"), true, [this] { m_workbench->removeFinished(); });
    return menu;
}

void ConnectionTable::handleContextMenu(const QPoint &position)
{
    QMenu *menu = contextMenu(m_view);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(m_view->viewport()->mapToGlobal(position));
}

} // namespace TcpInspector
