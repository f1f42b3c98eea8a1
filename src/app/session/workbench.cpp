// SPDX-License-Identifier: GPL-3.0-or-later
#include "session/workbench.h"

#include "net/recordedconnection.h"

#include "framing/decoderregistry.h"
#include "scenario/scenariorunner.h"
#include "session/sendjob.h"

#include <QDateTime>
#include <QPointer>
#include <QTimer>

namespace TcpInspector {

namespace {
/// Accepted connections the window may lag behind before the server holds
/// accepting; a burst of a few hundred goes through at once.
constexpr int maxUnadopted = 1000;
} // namespace

namespace {
void openInBatches(ClientEndpoint *client, const ClientOptions &options, int remaining)
{
    constexpr int batch = 8;
    for (int i = 0; i < batch && remaining > 0; ++i, --remaining)
        client->connectTo(options);
    if (remaining > 0) {
        QTimer::singleShot(
            2, client, [client, options, remaining] { openInBatches(client, options, remaining); });
    }
}
} // namespace

struct Workbench::Redecode
{
    std::atomic<qint64> progress {0};
    qint64 chunks = 0;
    std::atomic<bool> cancel {false};
};

Workbench::Workbench(QObject *parent)
    : QObject(parent),
      m_startMonotonicNs(monotonicNs()),
      m_startWallNs(QDateTime::currentMSecsSinceEpoch() * 1000000)
{
    m_pool.setObjectName(QStringLiteral("tcpinspector-redecode"));
    m_pool.setMaxThreadCount(2);
    m_io.setObjectName(QStringLiteral("tcpinspector-io"));
    m_server = new ServerEndpoint;
    m_client = new ClientEndpoint;
    m_relay = new Relay;
    m_server->moveToThread(&m_io);
    m_client->moveToThread(&m_io);
    m_relay->moveToThread(&m_io);
    connect(
        m_relay, &Relay::pairStarted, this,
        [this](quint64, Connection *clientLeg) { adopt(clientLeg); }, Qt::QueuedConnection);
    connect(
        m_relay, &Relay::upstreamStarted, this,
        [this](quint64, Connection *serverLeg) { adopt(serverLeg); }, Qt::QueuedConnection);
    // Emitted on the I/O thread before the connection starts; the queued hop
    // means the window hears of it an instant later, which is all it needs.
    connect(m_server, &ServerEndpoint::connectionAccepted, this, &Workbench::adopt,
            Qt::QueuedConnection);
    // On the I/O thread as it accepts: a server churning faster than the
    // window lists its connections would keep every one of them alive in
    // the queue between the threads (GBs in minutes, bench/soak).
    connect(
        m_server, &ServerEndpoint::connectionAccepted, m_server,
        [this] {
            if (++m_unadopted > maxUnadopted && !m_acceptHeld) {
                m_acceptHeld = true;
                m_server->setAcceptingHeld(true);
            }
        },
        Qt::DirectConnection);
    connect(m_client, &ClientEndpoint::connectionCreated, this, &Workbench::adopt,
            Qt::QueuedConnection);
    connect(m_server, &ServerEndpoint::acceptFailed, this, &Workbench::acceptFailed,
            Qt::QueuedConnection);
    connect(
        m_server, &ServerEndpoint::listeningChanged, this,
        [this](bool listening) {
            if (m_listening == listening)
                return;
            m_listening = listening;
            emit listeningChanged(listening);
        },
        Qt::QueuedConnection);
    m_io.start();
}

Workbench::~Workbench()
{
    // Workers read connections' stores: stop them before the connections go.
    for (const auto &redecode : std::as_const(m_redecodes))
        redecode->cancel.store(true);
    m_pool.waitForDone();
    // The endpoints own every live connection, and the workbench the ones
    // read from a session file; they must die on their own thread.
    QList<Connection *> recorded;
    for (Connection *connection : std::as_const(m_connections)) {
        if (!connection->isRecorded())
            continue;
        if (connection->thread() == thread())
            delete connection; // a replay's
        else
            recorded.append(connection);
    }
    QMetaObject::invokeMethod(
        m_server,
        [this, recorded] {
            qDeleteAll(recorded);
            for (const QPointer<ScenarioRunner> &runner : std::as_const(m_runners))
                delete runner.data();
            delete m_relay;
            delete m_server;
            delete m_client;
        },
        Qt::BlockingQueuedConnection);
    m_io.quit();
    m_io.wait();
}

bool Workbench::listen(const ServerOptions &options, SocketErrorInfo *error)
{
    bool ok = false;
    HostPort bound;
    ServerOptions withKeep = options;
    withKeep.connection.store.keepBytes = m_keepBytes;
    QMetaObject::invokeMethod(
        m_server,
        [&] {
            ok = m_server->listen(withKeep, error);
            if (ok)
                bound = m_server->boundAddress();
        },
        Qt::BlockingQueuedConnection);
    if (ok) {
        m_boundAddress = bound;
        if (!m_listening) {
            m_listening = true;
            emit listeningChanged(true);
        }
    }
    return ok;
}

void Workbench::stopListening()
{
    QMetaObject::invokeMethod(
        m_server, [server = m_server] { server->stop(); }, Qt::BlockingQueuedConnection);
    if (m_listening) {
        m_listening = false;
        emit listeningChanged(false);
    }
}

bool Workbench::startRelay(const RelayOptions &options, SocketErrorInfo *error)
{
    bool ok = false;
    HostPort bound;
    RelayOptions withKeep = options;
    withKeep.listen.connection.store.keepBytes = m_keepBytes;
    withKeep.upstream.connection.store.keepBytes = m_keepBytes;
    QMetaObject::invokeMethod(
        m_relay,
        [&] {
            m_relay->stop();
            ok = m_relay->listen(withKeep, error);
            if (ok)
                bound = m_relay->boundAddress();
        },
        Qt::BlockingQueuedConnection);
    m_relaying = ok;
    m_relayAddress = ok ? bound : HostPort();
    return ok;
}

void Workbench::stopRelay()
{
    QMetaObject::invokeMethod(
        m_relay, [relay = m_relay] { relay->stop(); }, Qt::BlockingQueuedConnection);
    m_relaying = false;
}

void Workbench::setRelayFaults(const RelayFaults &faults)
{
    QMetaObject::invokeMethod(m_relay, [relay = m_relay, faults] { relay->setFaults(faults); });
}

void Workbench::setRelayFraming(const QString &rx, const QString &tx)
{
    QMetaObject::invokeMethod(m_relay, [relay = m_relay, rx, tx] { relay->setFraming(rx, tx); });
}

void Workbench::setAcceptingPaused(bool paused)
{
    QMetaObject::invokeMethod(m_server,
                              [server = m_server, paused] { server->setAcceptingPaused(paused); });
}

void Workbench::setReplyPolicy(const ReplyPolicy &policy)
{
    QMetaObject::invokeMethod(m_server,
                              [server = m_server, policy] { server->setReplyPolicy(policy); });
}

void Workbench::setMaxConnections(int max)
{
    QMetaObject::invokeMethod(m_server,
                              [server = m_server, max] { server->setMaxConnections(max); });
}

void Workbench::setKeepBytes(qint64 keepBytes)
{
    m_keepBytes = keepBytes;
    QMetaObject::invokeMethod(m_server,
                              [server = m_server, keepBytes] { server->setKeepBytes(keepBytes); });
}

qint64 Workbench::evictedBytes() const
{
    qint64 total = 0;
    for (const Connection *connection : m_connections)
        total += connection->rx().store().evictedBytes() + connection->tx().store().evictedBytes();
    return total;
}

void Workbench::connectTo(const ClientOptions &given, int count)
{
    ClientOptions options = given;
    options.connection.store.keepBytes = m_keepBytes;
    // A few at a time, 2 ms apart: the same thread accepts on the embedded
    // server, and opening hundreds in one go (or in back-to-back zero-timer
    // turns) overflows its backlog before it gets to accept; the dropped
    // SYNs then wait for retransmits and the connect timeout kills them.
    QMetaObject::invokeMethod(
        m_client, [client = m_client, options, count] { openInBatches(client, options, count); });
}

void Workbench::reconnect(Connection *previous)
{
    if (!owns(previous) || previous->side() != Connection::Side::Client)
        return;
    QMetaObject::invokeMethod(m_client,
                              [client = m_client, previous] { client->reconnect(previous); });
}

QList<Connection *> Workbench::connections(Connection::Side side) const
{
    QList<Connection *> result;
    for (Connection *connection : m_connections) {
        if (connection->side() == side)
            result.append(connection);
    }
    return result;
}

Connection *Workbench::connectionById(quint64 id) const
{
    for (Connection *connection : m_connections) {
        if (connection->id() == id)
            return connection;
    }
    return nullptr;
}

bool Workbench::owns(const Connection *connection) const
{
    return connection && m_connections.contains(connection);
}

void Workbench::adopt(Connection *connection)
{
    m_connections.append(connection);
    // One the server accepted (not the relay's, not a recording): the
    // window caught up by one; half way down, the server accepts again.
    if (connection->side() == Connection::Side::Server && connection->relayPair() == 0
        && !connection->isRecorded() && --m_unadopted == maxUnadopted / 2) {
        QMetaObject::invokeMethod(m_server, [this] {
            if (m_acceptHeld && m_unadopted <= maxUnadopted / 2) {
                m_acceptHeld = false;
                m_server->setAcceptingHeld(false);
            }
        });
    }
    if (!connection->isRecorded()) {
        connect(connection, &Connection::finished, this, &Workbench::scheduleTrim);
        // Adopted an instant after it began: a short connection may have
        // ended already, its finished() unheard.
        if (isFinalState(connection->state()))
            scheduleTrim();
    }
    emit connectionAdded(connection);
}

void Workbench::setKeepClosed(int count)
{
    m_keepClosed = count;
    scheduleTrim();
}

void Workbench::scheduleTrim()
{
    if (m_keepClosed < 0 || m_trimPending)
        return;
    // A churning server ends connections by the thousand: one trim for many.
    m_trimPending = true;
    QTimer::singleShot(200, this, &Workbench::trimClosed);
}

void Workbench::trimClosed()
{
    m_trimPending = false;
    if (m_keepClosed < 0)
        return;
    QSet<const Connection *> oldest;
    qsizetype ended = 0;
    for (const Connection *c : std::as_const(m_connections))
        ended += !c->isRecorded() && isFinalState(c->state()) ? 1 : 0;
    for (const Connection *c : std::as_const(m_connections)) {
        if (ended - oldest.size() <= m_keepClosed)
            break;
        if (!c->isRecorded() && isFinalState(c->state()))
            oldest.insert(c);
    }
    if (!oldest.isEmpty())
        m_closedRemoved += removeFinishedIf(
            [&oldest](const Connection *connection) { return oldest.contains(connection); });
}

void Workbench::adoptRecorded(std::vector<std::unique_ptr<RecordedConnection>> connections)
{
    for (std::unique_ptr<RecordedConnection> &connection : connections) {
        connection->moveToThread(&m_io);
        adopt(connection.release());
    }
}

void Workbench::adoptReplayed(std::unique_ptr<RecordedConnection> connection)
{
    adopt(connection.release());
}

template<typename F>
void Workbench::onIoThread(Connection *connection, F &&work)
{
    if (!owns(connection))
        return;
    // The connection cannot be deleted in between: only removeFinished()
    // deletes, and it runs on this thread after queued work already posted.
    QMetaObject::invokeMethod(connection, std::forward<F>(work));
}

void Workbench::send(Connection *connection, const SendRequest &request)
{
    if (!owns(connection))
        return;
    emit requestSent({connection}, request);
    enqueueSend(connection, request);
}

void Workbench::enqueueSend(Connection *connection, const SendRequest &request)
{
    // One progress for the sends queued behind each other; a fresh one once
    // the last job is over.
    std::shared_ptr<SendProgressState> &progress = m_progress[connection];
    if (!progress || progress->done.load(std::memory_order_acquire))
        progress = std::make_shared<SendProgressState>();
    QPointer<Workbench> self(this);
    onIoThread(connection, [connection, request, progress, self] {
        SendJob *job = SendJob::runningFor(connection);
        if (!job) {
            job = new SendJob(connection, progress, [self, connection](const QString &reason) {
                QMetaObject::invokeMethod(self, [self, connection, reason] {
                    if (self && self->owns(connection))
                        emit self->sendFailed(connection, reason);
                });
            });
        }
        job->enqueue(request);
    });
}

int Workbench::sendToMany(const QList<Connection *> &connections, const SendRequest &request)
{
    QList<Connection *> sent;
    for (Connection *connection : connections) {
        const ConnectionState state
            = owns(connection) ? connection->state() : ConnectionState::Closed;
        if (state != ConnectionState::Established && state != ConnectionState::RemoteHalfClosed)
            continue;
        sent.append(connection);
    }
    if (!sent.isEmpty())
        emit requestSent(sent, request);
    for (Connection *connection : std::as_const(sent))
        enqueueSend(connection, request);
    return int(sent.size());
}

Workbench::Progress Workbench::sendProgress(const Connection *connection) const
{
    const auto progress = m_progress.value(connection);
    if (!progress)
        return {};
    const bool finished = progress->done.load(std::memory_order_acquire);
    const qint64 total = progress->total.load(std::memory_order_acquire);
    const qint64 start = progress->txStart.load(std::memory_order_relaxed);
    const qint64 sent = qBound<qint64>(0, connection->tx().store().size() - start, total);
    return {sent, total, finished};
}

void Workbench::halfClose(Connection *connection)
{
    onIoThread(connection, [connection] { connection->halfClose(); });
}

void Workbench::close(Connection *connection)
{
    onIoThread(connection, [connection] { connection->close(); });
}

void Workbench::abortWithReset(Connection *connection)
{
    onIoThread(connection, [connection] { connection->abortWithReset(); });
}

void Workbench::setReadPaused(Connection *connection, bool paused)
{
    onIoThread(connection, [connection, paused] { connection->setReadPaused(paused); });
}

void Workbench::readOnce(Connection *connection, qint64 maxBytes)
{
    onIoThread(connection, [connection, maxBytes] {
        if (connection->readOnce(maxBytes) == Connection::ReadOutcome::Nothing)
            connection->addNote(tr("Read once: no byte was waiting; a blocking read would wait "
                                   "here."));
    });
}

bool Workbench::setFraming(Connection *connection, Direction direction, const QString &spec,
                           QString *error)
{
    if (!owns(connection))
        return false;
    if (!DecoderRegistry::instance().validate(spec, error))
        return false;
    const QPair<const Connection *, int> key(connection, int(direction));
    if (const auto older = m_redecodes.value(key))
        older->cancel.store(true);
    auto redecode = std::make_shared<Redecode>();
    const StreamChannel &channel = direction == Direction::Rx ? connection->rx() : connection->tx();
    redecode->chunks = channel.store().chunkCount();
    m_redecodes.insert(key, redecode);
    QPointer<Workbench> self(this);
    m_pool.start([self, connection, direction, spec, redecode, key, &channel] {
        QString ignored; // validated above
        // Shared, because queued calls copy their functors; adopted once.
        auto prepared = std::make_shared<std::unique_ptr<PreparedFraming>>(
            channel.prepareFraming(spec, &ignored, &redecode->progress, &redecode->cancel));
        QMetaObject::invokeMethod(self, [self, connection, direction, redecode, key, prepared] {
            if (!self || self->m_redecodes.value(key) != redecode)
                return; // cancelled by a newer one, or the window is gone
            self->m_redecodes.remove(key);
            self->onIoThread(connection, [connection, direction, prepared] {
                connection->adoptFraming(direction, std::move(*prepared));
            });
        });
    });
    return true;
}

double Workbench::framingProgress(const Connection *connection, Direction direction) const
{
    const auto redecode
        = m_redecodes.value(QPair<const Connection *, int>(connection, int(direction)));
    if (!redecode)
        return -1;
    if (redecode->chunks <= 0)
        return 0;
    return qBound(0.0, double(redecode->progress.load()) / double(redecode->chunks), 1.0);
}

ScenarioRunner *Workbench::createRunner(const ScenarioFile &file,
                                        const QHash<QString, QByteArray> &variables,
                                        QStringList *errors)
{
    ScenarioRunner *runner = nullptr;
    QMetaObject::invokeMethod(
        m_client,
        [&] {
            // Made here so that it, its timers and its endpoints live on this thread.
            auto made = std::make_unique<ScenarioRunner>(file);
            if (!made->setVariables(variables, errors))
                return;
            // Before the connection starts, on this thread: the window's
            // endpoint becomes its parent, so it outlives the runner.
            connect(
                made.get(), &ScenarioRunner::connectionStarted, m_client,
                [client = m_client](Connection *connection) { connection->setParent(client); },
                Qt::DirectConnection);
            runner = made.release();
        },
        Qt::BlockingQueuedConnection);
    if (!runner)
        return nullptr;
    connect(runner, &ScenarioRunner::connectionStarted, this, &Workbench::adopt,
            Qt::QueuedConnection);
    m_runners.append(runner);
    return runner;
}

void Workbench::deleteRunner(ScenarioRunner *runner)
{
    if (!runner || !m_runners.removeOne(runner))
        return;
    QMetaObject::invokeMethod(runner, [runner] {
        runner->stop();
        delete runner;
    });
}

int Workbench::removeFinished()
{
    return removeFinishedIf([](const Connection *) { return true; });
}

int Workbench::removeRecorded()
{
    return removeFinishedIf([](const Connection *connection) { return connection->isRecorded(); });
}

int Workbench::removeRecorded(const QList<RecordedConnection *> &connections)
{
    const QSet<const Connection *> wanted(connections.cbegin(), connections.cend());
    return removeFinishedIf(
        [&wanted](const Connection *connection) { return wanted.contains(connection); });
}

int Workbench::removeFinished(const QSet<quint64> &ids)
{
    return removeFinishedIf(
        [&ids](const Connection *connection) { return ids.contains(connection->id()); });
}

int Workbench::removeFinishedIf(const std::function<bool(const Connection *)> &wanted)
{
    QList<Connection *> finished;
    for (Connection *connection : std::as_const(m_connections)) {
        if (!wanted(connection))
            continue;
        // One being re-decoded is read by a worker: it goes next time.
        using Key = QPair<const Connection *, int>;
        const bool busy = m_redecodes.contains(Key(connection, int(Direction::Rx)))
                          || m_redecodes.contains(Key(connection, int(Direction::Tx)));
        // A recording has ended long ago, whatever state it was saved in.
        const bool ended = isFinalState(connection->state()) || connection->isRecorded();
        if (ended && !busy)
            finished.append(connection);
    }
    if (finished.isEmpty())
        return 0;
    emit connectionsAboutToBeRemoved(finished);
    for (Connection *connection : std::as_const(finished)) {
        m_connections.removeOne(connection);
        m_progress.remove(connection);
        QMetaObject::invokeMethod(connection, [connection] { delete connection; });
    }
    emit connectionsRemoved();
    return int(finished.size());
}

} // namespace TcpInspector
