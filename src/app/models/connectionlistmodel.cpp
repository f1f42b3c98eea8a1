// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/connectionlistmodel.h"

#include "models/modeltext.h"
#include "net/connection.h"

#include <QSet>

#include <algorithm>

namespace TcpInspector {

ConnectionListModel::ConnectionListModel(AddressShown shown, QObject *parent)
    : QAbstractTableModel(parent), m_shown(shown)
{ }

ConnectionListModel::~ConnectionListModel() = default;

bool ConnectionListModel::Row::operator==(const Row &other) const
{
    return address == other.address && state == other.state && rxBytes == other.rxBytes
           && txBytes == other.txBytes && discardedBytes == other.discardedBytes
           && rxMessages == other.rxMessages && txMessages == other.txMessages
           && ageSeconds == other.ageSeconds;
}

namespace {
// When the connection reached its final state, by its own timeline: a
// recording read from a file ended long before it was opened, and kernel
// samples (TIME_WAIT) may follow the last state. Looked up once per row.
qint64 finalStateNs(const Connection &connection)
{
    const Timeline &timeline = connection.timeline();
    for (qint64 i = timeline.count() - 1; i >= 0; --i) {
        const TimelineEvent event = timeline.at(i);
        if (event.type == TimelineEvent::StateChanged && isFinalState(event.state))
            return event.timeNs;
    }
    return connection.nowNs();
}
} // namespace

ConnectionListModel::Row ConnectionListModel::read(Connection *connection,
                                                   const Row &previous) const
{
    Row row = previous;
    row.connection = connection;
    const Timeline &timeline = connection->timeline();
    if (row.startNs == 0 && timeline.count() > 0)
        row.startNs = timeline.at(0).timeNs;
    row.state = connection->state();
    if (isFinalState(row.state) && row.endNs < 0)
        row.endNs = finalStateNs(*connection);
    row.address
        = m_shown == AddressShown::Peer ? connection->peerAddress() : connection->localAddress();
    row.rxBytes = connection->rx().store().size();
    // What reached the kernel; what never did is a column of its own.
    row.txBytes = connection->sentBytes();
    row.discardedBytes = connection->discardedBytes();
    row.rxMessages = connection->rx().frameCount();
    row.txMessages = connection->tx().frameCount();
    const qint64 end = row.endNs >= 0 ? row.endNs : connection->nowNs();
    // Seconds, so the age cell changes (and repaints) once a second, not 30 times.
    row.ageSeconds = row.startNs > 0 ? (end - row.startNs) / 1000000000 : 0;
    return row;
}

void ConnectionListModel::addConnection(Connection *connection)
{
    // A burst adds 10,000 one by one: a search per add would be O(n^2).
    if (m_present.contains(connection))
        return;
    m_present.insert(connection);
    const int at = int(m_rows.size());
    beginInsertRows(QModelIndex(), at, at);
    m_rows.push_back(read(connection, Row()));
    endInsertRows();
}

void ConnectionListModel::removeConnections(const QList<Connection *> &connections)
{
    // One reset rather than a removal per row: removing 10,000 ended
    // connections must not cost 10,000 passes over the rows.
    const QSet<Connection *> gone(connections.begin(), connections.end());
    if (std::none_of(m_rows.begin(), m_rows.end(),
                     [&gone](const Row &row) { return gone.contains(row.connection); }))
        return;
    beginResetModel();
    for (Connection *connection : gone)
        m_present.remove(connection);
    m_rows.erase(std::remove_if(m_rows.begin(), m_rows.end(),
                                [&gone](const Row &row) { return gone.contains(row.connection); }),
                 m_rows.end());
    endResetModel();
}

Connection *ConnectionListModel::connection(int row) const
{
    return row >= 0 && row < int(m_rows.size()) ? m_rows[size_t(row)].connection : nullptr;
}

int ConnectionListModel::rowOf(const Connection *connection) const
{
    for (size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].connection == connection)
            return int(i);
    }
    return -1;
}

void ConnectionListModel::refresh()
{
    // Rows that changed, as runs: every open row's age ticks in the same
    // second, and 10,000 signals a second through the sorting proxy stalled
    // the window for 100-200 ms; one signal per run of rows does not.
    int runStart = -1;
    const auto endRun = [this, &runStart](int end) {
        if (runStart >= 0)
            emit dataChanged(index(runStart, 0), index(end - 1, ColumnCount - 1));
        runStart = -1;
    };
    for (size_t i = 0; i < m_rows.size(); ++i) {
        // An ended connection's counters and age no longer change: 10,000
        // failed rows cost nothing per frame.
        bool changed = false;
        if (m_rows[i].endNs < 0) {
            Row fresh = read(m_rows[i].connection, m_rows[i]);
            changed = !(fresh == m_rows[i]);
            if (changed)
                m_rows[i] = std::move(fresh);
        }
        if (changed && runStart < 0)
            runStart = int(i);
        else if (!changed)
            endRun(int(i));
    }
    endRun(int(m_rows.size()));
}

int ConnectionListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ConnectionListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ConnectionListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const Row &row = m_rows[size_t(index.row())];
    if (role == ConnectionIdRole)
        return QVariant::fromValue(row.connection->id());
    if (role == StateRole)
        return int(row.state);
    if (role == Qt::TextAlignmentRole) {
        if (index.column() >= RxBytesColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant();
    }
    if (role == Qt::ToolTipRole && index.column() == StateColumn)
        return connectionStateName(row.state);
    if (role == SortRole) {
        switch (index.column()) {
        case IdColumn:
            return QVariant::fromValue(row.connection->id());
        case RxBytesColumn:
            return row.rxBytes;
        case TxBytesColumn:
            return row.txBytes;
        case DiscardedColumn:
            return row.discardedBytes;
        case RxMessagesColumn:
            return row.rxMessages;
        case TxMessagesColumn:
            return row.txMessages;
        case AgeColumn:
            return row.ageSeconds;
        default:
            return data(index, Qt::DisplayRole);
        }
    }
    if (role != Qt::DisplayRole)
        return QVariant();
    switch (index.column()) {
    case IdColumn:
        if (const quint64 pair = row.connection->relayPair())
            // A relay's leg: which pair, and which end of it.
            return row.connection->side() == Connection::Side::Server
                       ? tr("%1 (%2, client)").arg(row.connection->id()).arg(pair)
                       : tr("%1 (%2, server)").arg(row.connection->id()).arg(pair);
        return QString::number(row.connection->id());
    case AddressColumn:
        return row.address.isEmpty() ? tr("(not connected)") : row.address;
    case StateColumn:
        return ModelText::state(row.state);
    case EngineColumn:
        return engineKey(row.connection->engine());
    case RxBytesColumn:
        return ModelText::byteCount(row.rxBytes);
    case TxBytesColumn:
        return ModelText::byteCount(row.txBytes);
    case DiscardedColumn:
        // Blank while nothing was lost, so a loss stands out.
        return row.discardedBytes > 0 ? ModelText::byteCount(row.discardedBytes) : QString();
    case RxMessagesColumn:
        return QString::number(row.rxMessages);
    case TxMessagesColumn:
        return QString::number(row.txMessages);
    case AgeColumn:
        return row.ageSeconds < 1 ? tr("< 1 s") : ModelText::age(row.ageSeconds * 1000000000);
    default:
        return QVariant();
    }
}

QString ConnectionListModel::headerToolTip(int section) const
{
    switch (section) {
    case IdColumn:
        return tr("The connection's number, the same in the timeline and the event log; for a "
                  "relay's leg, then its pair and which end it is: (3, client) is pair 3's "
                  "accepted connection, (3, server) its connection to the target");
    case AddressColumn:
        return m_shown == AddressShown::Peer
                   ? tr("The client's address and port, as accept() returned it")
                   : tr("This end's address and port: the port the system picked for the "
                        "connection, or the local bind");
    case StateColumn:
        return tr("Where the connection is now: connecting, established, half-closed by either "
                  "end, closed, reset or failed");
    case EngineColumn:
        return tr("qt: QTcpSocket, which closes the socket at EOF; native: the descriptor "
                  "itself, which can stay half-open");
    case RxBytesColumn:
        return tr("Bytes received from the peer");
    case TxBytesColumn:
        return tr("Bytes handed to the kernel to send to the peer");
    case DiscardedColumn:
        return tr("Bytes written that never reached the kernel: thrown away by a close, a reset "
                  "or the end of the connection (see the event log)");
    case RxMessagesColumn:
        return tr("Messages the framing decoder built from the received bytes");
    case TxMessagesColumn:
        return tr("Messages the framing decoder built from the sent bytes");
    case AgeColumn:
        return tr("Time since the connection began; it stops when the connection ends");
    default:
        return QString();
    }
}

QVariant ConnectionListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole)
        return headerToolTip(section);
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case IdColumn:
        return tr("#");
    case AddressColumn:
        return m_shown == AddressShown::Peer ? tr("Peer") : tr("Local");
    case StateColumn:
        return tr("State");
    case EngineColumn:
        return tr("Engine");
    case RxBytesColumn:
        return tr("Rx");
    case TxBytesColumn:
        return tr("Tx");
    case DiscardedColumn:
        return tr("Not sent");
    case RxMessagesColumn:
        return tr("Rx msgs");
    case TxMessagesColumn:
        return tr("Tx msgs");
    case AgeColumn:
        return tr("Age");
    default:
        return QVariant();
    }
}

int ConnectionListModel::widthHint(int column)
{
    // "#", address, "Half-closed by peer", "Native", three byte counts, two
    // message counts, "3 min 05 s".
    static constexpr int widths[ColumnCount] = {5, 21, 17, 7, 10, 10, 10, 8, 8, 9};
    return column >= 0 && column < ColumnCount ? widths[column] : 0;
}

} // namespace TcpInspector
