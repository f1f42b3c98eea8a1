// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/clientendpoint.h"

#include "net/connectionfactory.h"
#include "net/nativeconnection.h"
#include "net/qtconnection.h"

#include <QCoreApplication>
#include <QTcpSocket>
#include <QTimer>

#include <cstring>

namespace TcpInspector {

ClientEndpoint::ClientEndpoint(QObject *parent) : QObject(parent) { }

ClientEndpoint::~ClientEndpoint() = default;

Connection *ClientEndpoint::connectTo(const ClientOptions &asked)
{
    ClientOptions options = asked;
    // TLS runs over the native engine alone: it owns the socket's bytes.
    if (options.connection.tls.enabled)
        options.connection.engine = EngineKind::Native;
    Connection *connection = nullptr;
    if (options.connection.engine == EngineKind::Native)
        connection = new NativeConnection(nextConnectionId(), options.connection, this);
    else
        connection = new QtConnection(nextConnectionId(), options.connection, this);
    m_connections.add(connection);
    m_optionsById.insert(connection->id(), options);
    const quint64 id = connection->id();
    connect(connection, &QObject::destroyed, this, [this, id] { m_optionsById.remove(id); });
    connect(connection, &Connection::finished, this,
            [this, connection] { emit connectionFinished(connection); });
    connect(connection, &Connection::stateChanged, this,
            [this, connection, options](ConnectionState state, StateCause) {
                if (state == ConnectionState::Established)
                    applyAfterConnect(connection, options);
            });
    emit connectionCreated(connection);

    if (options.connectTimeoutMs > 0) {
        // Qt's own connect timer is 30 s and the kernel's SYN retries take
        // longer still; a tool should give up when the user said (S5).
        auto *timer = new QTimer(connection);
        // A coarse timer fires up to 5 % early: a 250 ms timeout must not end at 238.
        timer->setTimerType(Qt::PreciseTimer);
        timer->setSingleShot(true);
        connect(timer, &QTimer::timeout, connection, [connection, options, this] {
            const ConnectionState s = connection->state();
            if (s != ConnectionState::Connecting && s != ConnectionState::Resolving)
                return;
            connection->failByTimeout(
                tr("No connection to %1 within %2 ms: the SYN went unanswered (a full backlog, a "
                   "firewall that drops, or a host that is down).")
                    .arg(options.target.toString())
                    .arg(options.connectTimeoutMs));
        });
        timer->start(options.connectTimeoutMs);
    }
    connection->connectTo(options.target.host, options.target.port, options.localHost,
                          options.localPort);
    return connection;
}

void ClientEndpoint::applyAfterConnect(Connection *connection, const ClientOptions &options)
{
    const std::vector<SocketOptionFailure> failures
        = applyKeepalive(connection->socketDescriptor(), options.keepalive, options.userTimeoutMs);
    for (const SocketOptionFailure &failure : failures)
        connection->addNote(tr("Setting %1 to %2 failed: %3")
                                .arg(failure.name)
                                .arg(failure.value)
                                .arg(QString::fromLocal8Bit(strerror(failure.sysErrno))));
}

Connection *ClientEndpoint::reconnect(const Connection *previous)
{
    if (!previous)
        return nullptr;
    const auto it = m_optionsById.constFind(previous->id());
    return it == m_optionsById.constEnd() ? nullptr : connectTo(*it);
}

} // namespace TcpInspector
