// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "timeline/connectionstate.h"

#include <QAbstractTableModel>
#include <QList>

#include <QSet>

#include <vector>

namespace TcpInspector {

class Connection;

/// The connections of one panel, one row each, with live state and counters.
/// The connections live on another thread; refresh(), called at display rate,
/// reads what they published and announces only the cells that changed.
class ConnectionListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        IdColumn,
        AddressColumn, ///< the peer for a server panel, the local end for a client panel
        StateColumn,
        EngineColumn,
        RxBytesColumn,
        TxBytesColumn,
        DiscardedColumn, ///< written, but never reached the kernel
        RxMessagesColumn,
        TxMessagesColumn,
        AgeColumn,
        ColumnCount
    };
    enum Role {
        ConnectionIdRole = Qt::UserRole + 1, ///< quint64
        StateRole,                           ///< int(ConnectionState)
        SortRole,                            ///< numbers as numbers
    };
    enum class AddressShown { Peer, Local };

    explicit ConnectionListModel(AddressShown shown, QObject *parent = nullptr);
    ~ConnectionListModel() override;

    void addConnection(Connection *connection);
    /// Removes the rows of these connections (the others stay as they are).
    void removeConnections(const QList<Connection *> &connections);
    Connection *connection(int row) const;
    int rowOf(const Connection *connection) const;
    /// Reads every row's published state; one dataChanged per changed row.
    void refresh();
    /// A column's width in digits, from the longest value it usually holds.
    static int widthHint(int column);
    /// What a column holds, for its header's tooltip.
    QString headerToolTip(int section) const;

    // QAbstractItemModel API
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        Connection *connection = nullptr;
        qint64 startNs = 0;
        qint64 endNs = -1; ///< when it reached a final state, for a frozen age
        QString address;
        ConnectionState state = ConnectionState::Connecting;
        qint64 rxBytes = 0;
        qint64 txBytes = 0;
        qint64 discardedBytes = 0;
        qint64 rxMessages = 0;
        qint64 txMessages = 0;
        qint64 ageSeconds = -1;
        bool operator==(const Row &other) const;
    };
    Row read(Connection *connection, const Row &previous) const;

    AddressShown m_shown;
    std::vector<Row> m_rows;
    QSet<const Connection *> m_present; ///< the connections of m_rows
};

} // namespace TcpInspector
