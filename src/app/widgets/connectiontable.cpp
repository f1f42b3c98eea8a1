// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/connectiontable.h"

#include "net/connection.h"
#include "session/workbench.h"
#include "widgets/connectionactions.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QScopedValueRollback>
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
            [this](const QList<Connection *> &gone) {
                for (const Connection *connection : gone)
                    m_readPaused.remove(connection);
                // Rows going away move the current row: that is no choice of
                // the user's, so the window hears of it once, as automatic.
                Connection *before = currentConnection();
                {
                    const QScopedValueRollback<bool> removing(m_removing, true);
                    m_model.removeConnections(gone);
                    if (before && !gone.contains(before))
                        selectConnection(before);
                }
                if (currentConnection() != before) {
                    const QScopedValueRollback<bool> following(m_following, true);
                    handleCurrentChanged();
                }
            });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ConnectionTable::handleCurrentChanged);
    // A click on the row that is already current still means "show this one":
    // the other panel's connection may be on display.
    connect(m_view, &QAbstractItemView::clicked, this, &ConnectionTable::handleCurrentChanged);

    // The button just pressed may disable itself; focus goes back to the
    // table, not on to the next button ("Remove closed") for a stray Space.
    connect(m_actions, &ConnectionActions::halfCloseClicked, this, [this] {
        m_workbench->halfClose(currentConnection());
        m_view->setFocus();
    });
    connect(m_actions, &ConnectionActions::closeClicked, this, [this] {
        m_workbench->close(currentConnection());
        m_view->setFocus();
    });
    connect(m_actions, &ConnectionActions::resetClicked, this, [this] {
        m_workbench->abortWithReset(currentConnection());
        m_view->setFocus();
    });
    connect(m_actions, &ConnectionActions::readPausedToggled, this, [this](bool paused) {
        Connection *connection = currentConnection();
        if (!connection)
            return;
        if (paused)
            m_readPaused.insert(connection);
        else
            m_readPaused.remove(connection);
        m_workbench->setReadPaused(connection, paused);
    });
    connect(m_actions, &ConnectionActions::removeClosedClicked, this,
            [this] { m_workbench->removeFinished(); });
}

Connection *ConnectionTable::currentConnection() const
{
    return m_model.connection(m_view->selectionModel()->currentIndex().row());
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
    if (connection->side() != m_side)
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
    const Connection *current = currentConnection();
    if (!current || isFinalState(current->state())) {
        const QScopedValueRollback<bool> following(m_following, true);
        selectConnection(connection);
    }
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
    const Connection *connection = currentConnection();
    m_actions->updateWidgets(connection, m_readPaused.contains(connection));
}

} // namespace TcpInspector
