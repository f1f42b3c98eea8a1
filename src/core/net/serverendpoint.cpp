// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/serverendpoint.h"

#include "net/connection.h"
#include "net/connectionfactory.h"
#include "stream/streamchannel.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QSocketNotifier>

#include <cerrno>
#include <climits>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

namespace TcpInspector {

namespace {
constexpr int maxAcceptBackoffMs = 1000;
} // namespace

QString acceptModeKey(AcceptMode mode)
{
    switch (mode) {
    case AcceptMode::Many:
        break;
    case AcceptMode::Once:
        return QStringLiteral("once");
    case AcceptMode::OneAtATime:
        return QStringLiteral("one-at-a-time");
    }
    return QStringLiteral("many");
}

std::optional<AcceptMode> acceptModeFromKey(const QString &key)
{
    for (const AcceptMode mode : {AcceptMode::Many, AcceptMode::Once, AcceptMode::OneAtATime}) {
        if (key == acceptModeKey(mode))
            return mode;
    }
    return std::nullopt;
}

// The timer is a child so that moveToThread() takes it along: the app
// creates the endpoint on the GUI thread and moves it to the I/O thread.
ServerEndpoint::ServerEndpoint(QObject *parent) : QObject(parent), m_acceptRetry(this)
{
    m_acceptRetry.setSingleShot(true);
    connect(&m_acceptRetry, &QTimer::timeout, this, [this] {
        m_errorPaused = false;
        updateAccepting();
    });
}

ServerEndpoint::~ServerEndpoint()
{
    // Not stop(): nobody should hear signals from a half-destroyed endpoint.
    delete m_acceptNotifier;
    if (m_listenFd >= 0)
        ::close(m_listenFd);
}

void ServerEndpoint::recordNote(const QString &code, const QString &text)
{
    TimelineEvent event;
    event.timeNs = monotonicNs();
    event.type = TimelineEvent::Note;
    event.code = code;
    event.text = text;
    m_timeline.append(event);
}

void ServerEndpoint::recordError(const SocketErrorInfo &error, const QString &text)
{
    TimelineEvent event;
    event.timeNs = monotonicNs();
    event.type = TimelineEvent::Error;
    event.code = error.code;
    event.sysErrno = error.sysErrno;
    event.message = error.message;
    event.explanation = error.explanation;
    event.text = text;
    m_timeline.append(event);
}

bool ServerEndpoint::listen(const ServerOptions &options, SocketErrorInfo *error)
{
    stop();
    m_options = options;
    m_acceptedOnce = false;
    if (!openListener(options.address, error)) {
        recordError(*error);
        return false;
    }
    recordNote(QStringLiteral("listening"), tr("Listening on %1 (backlog %2, SO_REUSEADDR %3).")
                                                .arg(boundAddress().toString())
                                                .arg(kernelBacklog())
                                                .arg(options.reuseAddress ? tr("on") : tr("off")));
    if (options.address.host.isEmpty()) {
        recordNote(QStringLiteral("every_interface"),
                   tr("No host: listening on every interface, as Go's net.Listen(\"tcp\", "
                      "\":%1\") does. Other machines can connect; write 127.0.0.1:%1 for this "
                      "machine only.")
                       .arg(m_boundPort));
    }
    noteAcceptMode();
    updateAccepting();
    emit listeningChanged(true);
    return true;
}

bool ServerEndpoint::openListener(const HostPort &hostPort, SocketErrorInfo *error)
{
    // No host (":8080") is every interface, as Go's net.Listen("tcp", ":8080"):
    // one IPv6 socket that takes IPv4 too, or IPv4 alone where the system has
    // no IPv6. An explicit "0.0.0.0" or "::" keeps to its own family.
    const bool everywhere = hostPort.host.isEmpty();
    QHostAddress address
        = everywhere ? QHostAddress(QHostAddress::AnyIPv6) : QHostAddress(hostPort.host);
    if (address.isNull()) {
        *error = {QStringLiteral("host_not_found"), 0, hostPort.host,
                  tr("A server listens on an IP address of this machine, such as 127.0.0.1, "
                     "::1 or 0.0.0.0 (all interfaces), not on a name.")};
        return false;
    }
    bool v6 = address.protocol() == QAbstractSocket::IPv6Protocol;
    int fd = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0 && everywhere && errno == EAFNOSUPPORT) {
        address = QHostAddress(QHostAddress::AnyIPv4);
        v6 = false;
        fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    }
    if (fd < 0) {
        *error = explainErrno(errno, SocketOperation::Listen);
        return false;
    }
    const int on = 1;
    if (m_options.reuseAddress)
        ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    // "::" alone means IPv6 only, as QHostAddress::AnyIPv6 does in Qt.
    const int v6Only = everywhere ? 0 : 1;
    if (v6)
        ::setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &v6Only, sizeof v6Only);
    sockaddr_storage storage {};
    socklen_t length = 0;
    if (v6) {
        auto *in6 = reinterpret_cast<sockaddr_in6 *>(&storage);
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons(hostPort.port);
        const Q_IPV6ADDR bytes = address.toIPv6Address();
        memcpy(&in6->sin6_addr, &bytes, sizeof bytes);
        length = sizeof *in6;
    } else {
        auto *in4 = reinterpret_cast<sockaddr_in *>(&storage);
        in4->sin_family = AF_INET;
        in4->sin_port = htons(hostPort.port);
        in4->sin_addr.s_addr = htonl(address.toIPv4Address());
        length = sizeof *in4;
    }
    if (::bind(fd, reinterpret_cast<sockaddr *>(&storage), length) != 0
        || ::listen(fd, std::max(0, m_options.backlog)) != 0
        || ::getsockname(fd, reinterpret_cast<sockaddr *>(&storage), &length) != 0) {
        *error = explainErrno(errno, SocketOperation::Listen);
        ::close(fd);
        return false;
    }
    m_boundPort = ntohs(v6 ? reinterpret_cast<sockaddr_in6 *>(&storage)->sin6_port
                           : reinterpret_cast<sockaddr_in *>(&storage)->sin_port);
    m_boundHost = address.toString();
    m_listenFd = fd;
    m_acceptNotifier = new QSocketNotifier(fd, QSocketNotifier::Read, this);
    connect(m_acceptNotifier, &QSocketNotifier::activated, this, &ServerEndpoint::acceptPending);
    return true;
}

void ServerEndpoint::acceptPending()
{
    // Accept what the kernel has queued, but not forever: other connections
    // on this thread need the event loop too.
    for (int i = 0; i < 64 && m_acceptNotifier && m_acceptNotifier->isEnabled(); ++i) {
        const int fd = ::accept4(m_listenFd, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd >= 0) {
            handleIncoming(fd);
            continue;
        }
        if (errno == EINTR || errno == ECONNABORTED)
            continue; // a client that gave up while it waited: nothing to report
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            return;
        handleAcceptError(errno);
        return;
    }
}

void ServerEndpoint::stop()
{
    if (m_listenFd < 0)
        return;
    const QString where = boundAddress().toString();
    delete m_acceptNotifier;
    m_acceptNotifier = nullptr;
    ::close(m_listenFd);
    m_listenFd = -1;
    m_acceptRetry.stop();
    m_errorPaused = false;
    recordNote(
        QStringLiteral("stopped"),
        tr("Stopped listening on %1; the port is free again. Open connections go on.").arg(where));
    emit listeningChanged(false);
}

bool ServerEndpoint::isListening() const
{
    return m_listenFd >= 0;
}

HostPort ServerEndpoint::boundAddress() const
{
    HostPort result = m_options.address;
    if (m_listenFd >= 0) {
        result.host = m_boundHost; // "::" or "0.0.0.0" for ":PORT"
        result.port = m_boundPort;
    }
    return result;
}

int ServerEndpoint::kernelBacklog() const
{
    if (m_listenFd < 0)
        return -1;
    // On a listener, TCP_INFO's sacked field holds the accept queue's size
    // (sk_max_ack_backlog), after the kernel's cap: what ss -l shows as Send-Q.
    tcp_info info {};
    socklen_t length = sizeof info;
    if (::getsockopt(m_listenFd, IPPROTO_TCP, TCP_INFO, &info, &length) != 0)
        return m_options.backlog;
    return int(info.tcpi_sacked);
}

void ServerEndpoint::setAcceptingPaused(bool paused)
{
    if (m_userPaused == paused)
        return;
    m_userPaused = paused;
    recordNote(paused ? QStringLiteral("paused") : QStringLiteral("resumed"),
               paused ? tr("Accepting paused: new clients complete the handshake in the kernel and "
                           "wait in the backlog until it is full.")
                      : tr("Accepting resumed."));
    updateAccepting();
}

void ServerEndpoint::setMaxConnections(int max)
{
    m_options.maxConnections = std::max(0, max);
    updateAccepting();
}

void ServerEndpoint::noteAcceptMode()
{
    switch (m_options.acceptMode) {
    case AcceptMode::Many:
        break;
    case AcceptMode::Once:
        recordNote(QStringLiteral("accept_once"),
                   tr("Accept once: the server accepts one connection and no more. Later clients "
                      "complete the handshake in the kernel and wait in the backlog, never "
                      "served."));
        break;
    case AcceptMode::OneAtATime:
        recordNote(QStringLiteral("one_at_a_time"),
                   tr("One at a time: the next connection is accepted only after the current "
                      "one has closed; the others wait in the backlog."));
        break;
    }
}

void ServerEndpoint::setAcceptingHeld(bool held)
{
    if (m_held == held)
        return;
    m_held = held;
    updateAccepting();
}

void ServerEndpoint::updateAccepting()
{
    if (!m_acceptNotifier)
        return;
    // Counting walks every connection the endpoint still holds: only when
    // a limit or the one-at-a-time mode asks, not at each accept of a
    // server that churns through thousands (29 % of its I/O thread).
    const bool counts
        = m_options.maxConnections > 0 || m_options.acceptMode == AcceptMode::OneAtATime;
    const int open = counts ? openConnections() : 0;
    const bool full = m_options.maxConnections > 0 && open >= m_options.maxConnections;
    // The broken servers of S3: one Accept and no loop, or a loop without a
    // goroutine that serves one connection before it accepts the next.
    const bool modeWaits = (m_options.acceptMode == AcceptMode::Once && m_acceptedOnce)
                           || (m_options.acceptMode == AcceptMode::OneAtATime && open > 0);
    // Not accepting leaves clients in the kernel's backlog: their handshake is
    // done, they wait (or time out) until we accept again.
    m_acceptNotifier->setEnabled(!(m_userPaused || m_held || m_errorPaused || full || modeWaits));
}

void ServerEndpoint::handleIncoming(qintptr descriptor)
{
    m_acceptBackoffMs = 0;
    Connection *connection = createAcceptedConnection(descriptor, m_options.connection, this);
    m_connections.add(connection);
    connect(connection, &Connection::finished, this, [this, connection] {
        emit connectionFinished(connection);
        updateAccepting();
    });
    attachReplies(connection);
    if (m_options.acceptMode == AcceptMode::Once)
        m_acceptedOnce = true;
    emit connectionAccepted(connection);
    // After the signal, so that whoever watches the connection hears it.
    if (m_options.acceptMode == AcceptMode::Once) {
        connection->addNote(tr("Accept once: this is the only connection this server accepts; "
                               "later clients wait in the backlog."));
    } else if (m_options.acceptMode == AcceptMode::OneAtATime) {
        connection->addNote(tr("One at a time: the next client waits in the backlog until this "
                               "connection has closed."));
    }
    connection->start();
    updateAccepting();
}

void ServerEndpoint::handleAcceptError(int sysErrno)
{
    // A lasting error (EMFILE, ENFILE, ENOBUFS): the listener stays readable,
    // so accepting again at once would spin. Retry with a growing delay.
    const SocketErrorInfo info = explainErrno(sysErrno, SocketOperation::Accept);
    m_acceptBackoffMs
        = m_acceptBackoffMs == 0 ? 50 : std::min(m_acceptBackoffMs * 2, maxAcceptBackoffMs);
    recordError(info, tr("%1: %2 Accepting again in %3 ms; the server keeps running.")
                          .arg(info.message, info.explanation)
                          .arg(m_acceptBackoffMs));
    emit acceptFailed(info);
    m_errorPaused = true;
    updateAccepting();
    m_acceptRetry.start(m_acceptBackoffMs);
}

void ServerEndpoint::attachReplies(Connection *connection)
{
    connect(connection, &Connection::chunkRecorded, this,
            [this, connection](Direction direction, qint64 offset, qint64 size) {
                if (direction == Direction::Rx && m_options.reply.kind == ReplyPolicy::Kind::Echo)
                    reply(connection, echoDecision(connection->rx().store().read(offset, size)));
            });
    connect(connection, &Connection::messagesDecoded, this,
            [this, connection](Direction direction, qint64 first, qint64 count) {
                if (direction == Direction::Rx)
                    replyToMessages(connection, first, count);
            });
    // A server that read EOF answers what it still owes, then closes: the
    // qt engine cannot (Qt has closed already), the native one can (S12, S13).
    connect(connection, &Connection::stateChanged, this,
            [connection, this](ConnectionState state, StateCause) {
                if (isFinalState(state))
                    noteUnsentReplies(connection);
                if (state != ConnectionState::RemoteHalfClosed || !m_options.closeAtPeerEof)
                    return;
                // Later, not inside this signal: whoever else watches the
                // state sees RemoteHalfClosed before the close (S12).
                QTimer::singleShot(0, connection, [this, connection] {
                    if (m_repliesOwed.contains(connection))
                        m_closeWhenReplied.insert(connection);
                    else if (!isFinalState(connection->state()))
                        connection->close();
                });
            });
    connect(connection, &Connection::finished, this, [this, connection] {
        m_repliesOwed.remove(connection);
        m_closeWhenReplied.remove(connection);
        if (m_options.reply.rules)
            m_options.reply.rules->forget(connection->id());
    });
}

void ServerEndpoint::noteUnsentReplies(Connection *connection)
{
    qint64 unsent = 0;
    for (const OwedReply &owed : m_repliesOwed.take(connection))
        unsent += owed.decision.reply ? owed.decision.bytes.size() : 0;
    if (unsent > 0) {
        // Said, so that a reply the peer never got is no mystery (S13: the
        // qt engine closes at the peer's EOF).
        connection->addNote(tr("%n byte(s) of replies were still due and were not sent: the "
                               "connection ended first.",
                               nullptr, int(qMin<qint64>(unsent, INT_MAX))));
    }
}

RuleDecision ServerEndpoint::echoDecision(const QByteArray &bytes) const
{
    RuleDecision decision;
    decision.reply = true;
    decision.bytes = bytes;
    decision.delayMs = m_options.reply.delayMs;
    decision.then
        = m_options.reply.closeAfterReply ? RuleDecision::Then::Close : RuleDecision::Then::Nothing;
    return decision;
}

void ServerEndpoint::replyToMessages(Connection *connection, qint64 first, qint64 count)
{
    const ReplyPolicy &policy = m_options.reply;
    if (policy.kind == ReplyPolicy::Kind::None || policy.kind == ReplyPolicy::Kind::Echo)
        return;
    // Held by the loop: a rule's reply may replace the policy (it should not,
    // but a policy swapped from the I/O thread's queue must not free it here).
    const std::shared_ptr<ReplyRuleSource> rules = policy.rules;
    const std::vector<Frame> frames = connection->rx().frames(first, count);
    for (size_t i = 0; i < frames.size(); ++i) {
        const Frame &frame = frames[i];
        const StreamStore &store = connection->rx().store();
        if (policy.kind == ReplyPolicy::Kind::EchoMessage) {
            reply(connection, echoDecision(store.read(frame.offset, frame.length)));
        } else if (policy.kind == ReplyPolicy::Kind::Fixed) {
            reply(connection, echoDecision(policy.fixed));
        } else if (rules) {
            const std::optional<RuleDecision> decision = rules->decide(
                connection->id(), store.read(frame.payloadOffset, frame.payloadLength));
            if (!decision)
                continue;
            connection->addNote(tr("Message #%1 matched the reply rule on line %2.")
                                    .arg(first + qint64(i) + 1)
                                    .arg(decision->line));
            if (!decision->error.isEmpty())
                connection->addNote(tr("No reply: %1").arg(decision->error));
            reply(connection, *decision);
        }
    }
}

void ServerEndpoint::reply(Connection *connection, const RuleDecision &decision)
{
    // Each is due its delay after its message came, but they leave in the
    // order of the messages, as from a server that handles them in turn: a
    // quick reply never overtakes a slow one, and then=close comes after
    // the replies before it. Equal delays do not add up.
    QList<OwedReply> &queue = m_repliesOwed[connection];
    queue += OwedReply {decision, QDeadlineTimer(qMax(0, decision.delayMs))};
    if (queue.size() == 1)
        scheduleReply(connection);
}

void ServerEndpoint::scheduleReply(Connection *connection)
{
    auto deliverNext = [this, connection] {
        auto owed = m_repliesOwed.find(connection);
        if (owed == m_repliesOwed.end())
            return; // the connection finished meanwhile
        const RuleDecision decision = owed->takeFirst().decision;
        // May end the connection, and its finished() forgets what it owed.
        deliverReply(connection, decision);
        owed = m_repliesOwed.find(connection);
        if (owed == m_repliesOwed.end())
            return;
        if (!owed->isEmpty())
            return scheduleReply(connection);
        m_repliesOwed.erase(owed);
        if (m_closeWhenReplied.remove(connection) && !isFinalState(connection->state()))
            connection->close();
    };
    const qint64 waitMs = m_repliesOwed.value(connection).constFirst().due.remainingTime();
    if (waitMs > 0)
        QTimer::singleShot(int(waitMs), Qt::PreciseTimer, connection, deliverNext);
    else
        deliverNext();
}

void ServerEndpoint::deliverReply(Connection *connection, const RuleDecision &decision)
{
    // Closing: a reply already went out with close-after-reply (the qt engine
    // is still flushing it), and "after the first reply" means one.
    const ConnectionState state = connection->state();
    const bool closes = decision.then != RuleDecision::Then::Nothing;
    if (isFinalState(state) || (closes && state == ConnectionState::Closing))
        return;
    if (decision.reply && !decision.bytes.isEmpty())
        connection->send(decision.bytes);
    switch (decision.then) {
    case RuleDecision::Then::Nothing:
        break;
    case RuleDecision::Then::HalfClose:
        connection->halfClose();
        break;
    case RuleDecision::Then::Close:
        connection->close();
        break;
    case RuleDecision::Then::Reset:
        connection->abortWithReset();
        break;
    }
}

} // namespace TcpInspector
