// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/clientendpoint.h"

#include "net/connectionfactory.h"
#include "net/nativeconnection.h"
#include "net/qtconnection.h"

#include <QCoreApplication>
#include <QTcpSocket>
#include <QTimer>

#include <cerrno>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

namespace TcpInspector {

ClientEndpoint::ClientEndpoint(QObject *parent) : QObject(parent) { }

ClientEndpoint::~ClientEndpoint() = default;

Connection *ClientEndpoint::connectTo(const ClientOptions &options)
{
    Connection *connection = nullptr;
    if (options.connection.engine == EngineKind::Native)
        connection = new NativeConnection(nextConnectionId(), options.connection, this);
    else
        connection = new QtConnection(nextConnectionId(), options.connection, this);
    m_connections.append(connection);
    m_optionsById.insert(connection->id(), options);
    const quint64 id = connection->id();
    connect(connection, &QObject::destroyed, this, [this, id] {
        m_optionsById.remove(id);
        m_connections.removeIf([](const QPointer<Connection> &c) { return c.isNull(); });
    });
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
    const int fd = connection->socketDescriptor();
    if (fd < 0)
        return;
    auto set = [&](int level, int name, int value, const char *what) {
        if (::setsockopt(fd, level, name, &value, sizeof value) != 0)
            connection->addNote(tr("Setting %1 to %2 failed: %3")
                                    .arg(QString::fromLatin1(what))
                                    .arg(value)
                                    .arg(QString::fromLocal8Bit(strerror(errno))));
    };
    if (options.keepalive.enabled) {
        set(SOL_SOCKET, SO_KEEPALIVE, 1, "SO_KEEPALIVE");
        if (options.keepalive.idleSeconds > 0)
            set(IPPROTO_TCP, TCP_KEEPIDLE, options.keepalive.idleSeconds, "TCP_KEEPIDLE");
        if (options.keepalive.intervalSeconds > 0)
            set(IPPROTO_TCP, TCP_KEEPINTVL, options.keepalive.intervalSeconds, "TCP_KEEPINTVL");
        if (options.keepalive.count > 0)
            set(IPPROTO_TCP, TCP_KEEPCNT, options.keepalive.count, "TCP_KEEPCNT");
    }
    if (options.userTimeoutMs > 0)
        set(IPPROTO_TCP, TCP_USER_TIMEOUT, options.userTimeoutMs, "TCP_USER_TIMEOUT");
}

Connection *ClientEndpoint::reconnect(const Connection *previous)
{
    if (!previous)
        return nullptr;
    const auto it = m_optionsById.constFind(previous->id());
    return it == m_optionsById.constEnd() ? nullptr : connectTo(*it);
}

QList<Connection *> ClientEndpoint::connections() const
{
    QList<Connection *> result;
    for (const QPointer<Connection> &c : m_connections) {
        if (c)
            result.append(c);
    }
    return result;
}

int ClientEndpoint::openConnections() const
{
    int open = 0;
    for (const QPointer<Connection> &c : m_connections) {
        if (c && !isFinalState(c->state()))
            ++open;
    }
    return open;
}

} // namespace TcpInspector
