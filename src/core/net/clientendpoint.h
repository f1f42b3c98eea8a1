// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/connectionoptions.h"
#include "net/connectionset.h"
#include "net/hostport.h"
#include "net/socketoptions.h"

#include <QHash>
#include <QList>
#include <QObject>

namespace TcpInspector {

class Connection;

/// The settings of an outgoing connection.
struct ClientOptions
{
    HostPort target;
    QString localHost; ///< bind before connecting (S14); empty: the system chooses
    quint16 localPort = 0;
    int connectTimeoutMs = 5000; ///< ours, not Qt's 30 s (S5); 0: none
    KeepaliveOptions keepalive;
    int userTimeoutMs = 0; ///< TCP_USER_TIMEOUT; 0: the system's
    ConnectionOptions connection;
};

/// Opens client connections, one or N at once (S7), each with a connect
/// timeout of its own.
class ClientEndpoint : public QObject
{
    Q_OBJECT

public:
    explicit ClientEndpoint(QObject *parent = nullptr);
    ~ClientEndpoint() override;

    /// Starts one connection; it reports its progress through its own signals.
    Connection *connectTo(const ClientOptions &options);
    /// A new connection with the options an earlier one was opened with
    /// (that one may be open or closed). Null when it is not one of ours.
    Connection *reconnect(const Connection *previous);
    QList<Connection *> connections() const { return m_connections.connections(); }
    int openConnections() const { return m_connections.openCount(); }

Q_SIGNALS:
    /// Emitted before the connection starts, so its signals can be connected.
    void connectionCreated(TcpInspector::Connection *connection);
    void connectionFinished(TcpInspector::Connection *connection);

private:
    void applyAfterConnect(Connection *connection, const ClientOptions &options);

    ConnectionSet m_connections;
    QHash<quint64, ClientOptions> m_optionsById; // for reconnect()
};

} // namespace TcpInspector
