// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/nativeconnection.h"

#include <QHostInfo>
#include <QSocketNotifier>
#include <QStringList>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>
#include <vector>

#include <arpa/inet.h>
#include <fcntl.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace TcpInspector {

namespace {

// Big enough that "read all there is" usually is one read(2) of what the
// kernel holds; shared by the connections of a thread, since recordRead()
// copies the bytes into the store before anything else can run.
constexpr size_t readBufferSize = size_t(256) * 1024;
// One busy connection must not starve the others (and the GUI's pulls) on
// the same thread: after this many reads the event loop gets a turn.
constexpr int maxReadsPerWakeup = 16;

char *readBuffer()
{
    thread_local std::vector<char> buffer(readBufferSize);
    return buffer.data();
}

QString endpointText(const QHostAddress &address, quint16 port)
{
    if (address.protocol() == QAbstractSocket::IPv6Protocol)
        return QStringLiteral("[%1]:%2").arg(address.toString()).arg(port);
    return QStringLiteral("%1:%2").arg(address.toString()).arg(port);
}

QString hostPortText(const QString &host, quint16 port)
{
    if (host.contains(QLatin1Char(':')))
        return QStringLiteral("[%1]:%2").arg(host).arg(port);
    return QStringLiteral("%1:%2").arg(host).arg(port);
}

/// getsockname or getpeername, formatted like the qt engine's addresses.
QString socketName(int fd, bool peer)
{
    sockaddr_storage storage {};
    socklen_t length = sizeof storage;
    auto *raw = reinterpret_cast<sockaddr *>(&storage);
    if ((peer ? ::getpeername(fd, raw, &length) : ::getsockname(fd, raw, &length)) != 0)
        return QString();
    quint16 port = 0;
    if (storage.ss_family == AF_INET6)
        port = ntohs(reinterpret_cast<const sockaddr_in6 *>(&storage)->sin6_port);
    else if (storage.ss_family == AF_INET)
        port = ntohs(reinterpret_cast<const sockaddr_in *>(&storage)->sin_port);
    else
        return QString();
    return endpointText(QHostAddress(raw), port);
}

socklen_t toSockaddr(const QHostAddress &address, quint16 port, sockaddr_storage *storage)
{
    *storage = sockaddr_storage {};
    if (address.protocol() == QAbstractSocket::IPv6Protocol) {
        auto *in6 = reinterpret_cast<sockaddr_in6 *>(storage);
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons(port);
        const Q_IPV6ADDR bytes = address.toIPv6Address();
        std::memcpy(&in6->sin6_addr, &bytes, sizeof bytes);
        // Link-local addresses (fe80::1%eth0) need the interface.
        const QString scope = address.scopeId();
        if (!scope.isEmpty()) {
            bool numeric = false;
            const uint index = scope.toUInt(&numeric);
            in6->sin6_scope_id = numeric ? index : ::if_nametoindex(scope.toLatin1().constData());
        }
        return sizeof *in6;
    }
    auto *in4 = reinterpret_cast<sockaddr_in *>(storage);
    in4->sin_family = AF_INET;
    in4->sin_port = htons(port);
    in4->sin_addr.s_addr = htonl(address.toIPv4Address());
    return sizeof *in4;
}

} // namespace

NativeConnection::NativeConnection(qintptr descriptor, quint64 id, const ConnectionOptions &options,
                                   QObject *parent)
    : Connection(Side::Server, id, options, parent), m_acceptedDescriptor(descriptor)
{
    createNotifiers();
}

NativeConnection::NativeConnection(quint64 id, const ConnectionOptions &options, QObject *parent)
    : Connection(Side::Client, id, options, parent)
{
    createNotifiers();
}

void NativeConnection::createNotifiers()
{
    // Made once, pointed at each new descriptor with setSocket().
    m_readNotifier = new QSocketNotifier(QSocketNotifier::Read, this);
    m_writeNotifier = new QSocketNotifier(QSocketNotifier::Write, this);
    connect(m_readNotifier, &QSocketNotifier::activated, this, &NativeConnection::handleReadable);
    connect(m_writeNotifier, &QSocketNotifier::activated, this, &NativeConnection::handleWritable);
}

NativeConnection::~NativeConnection()
{
    if (m_lookupId >= 0)
        QHostInfo::abortHostLookup(m_lookupId);
    releaseSocket();
    if (m_acceptedDescriptor >= 0)
        ::close(int(m_acceptedDescriptor)); // never started: do not leak it
}

void NativeConnection::start()
{
    if (m_acceptedDescriptor < 0)
        return;
    m_fd = int(std::exchange(m_acceptedDescriptor, -1));
    // QTcpServer accepts in blocking mode; one blocking read(2) would freeze
    // every connection of the thread.
    const int flags = ::fcntl(m_fd, F_GETFL);
    if (flags < 0 || ::fcntl(m_fd, F_SETFL, flags | O_NONBLOCK) != 0) {
        const SocketErrorInfo error = explainErrno(errno, SocketOperation::Accept);
        recordError(error);
        closeSocket();
        recordClosed(ConnectionState::Failed, StateCause::Error, error.message);
        return;
    }
    applySocketOptions();
    m_readNotifier->setSocket(m_fd);
    m_writeNotifier->setSocket(m_fd);
    becomeEstablished();
}

void NativeConnection::connectTo(const QString &host, quint16 port, const QString &localHost,
                                 quint16 localPort)
{
    // One attempt per connection; an accepted one is connected already.
    if (side() == Side::Server || m_fd >= 0 || m_lookupId >= 0 || isFinalState(state()))
        return;
    m_host = host;
    m_port = port;
    m_localHost = localHost;
    m_localPort = localPort;
    // Loading the system's CAs takes 25-200 ms: before the SYN, or the
    // timeline would show it as a loopback connect that long.
    if (options().tls.enabled && !createTls())
        return;
    QHostAddress literal;
    if (literal.setAddress(host)) {
        m_addresses = {literal};
        announceConnecting(tr("Connecting to %1").arg(hostPortText(host, port)));
        connectToNextAddress();
        return;
    }
    setState(ConnectionState::Resolving, StateCause::User, tr("Looking up %1").arg(host));
    m_lookupId = QHostInfo::lookupHost(host, this, &NativeConnection::handleLookedUp);
}

void NativeConnection::handleLookedUp(const QHostInfo &info)
{
    m_lookupId = -1;
    if (state() != ConnectionState::Resolving)
        return; // given up meanwhile (connect timeout)
    if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
        const QString why = info.error() != QHostInfo::NoError
                                ? info.errorString()
                                : tr("%1 has no address").arg(m_host);
        recordError(
            explainQtError(QAbstractSocket::HostNotFoundError, why, SocketOperation::Connect));
        recordClosed(ConnectionState::Failed, StateCause::Error, why);
        return;
    }
    m_addresses = info.addresses();
    QStringList names;
    for (const QHostAddress &address : std::as_const(m_addresses))
        names.append(address.toString());
    announceConnecting(
        tr("Connecting to %1 (%2)").arg(hostPortText(m_host, m_port), names.join(", ")));
    connectToNextAddress();
}

void NativeConnection::announceConnecting(const QString &text)
{
    // A connection is born Connecting, and a state it already has is not
    // recorded again: without the note the timeline would not say when the
    // attempt started, nor where to.
    if (state() == ConnectionState::Connecting)
        note(text);
    else
        setState(ConnectionState::Connecting, StateCause::User, text);
}

void NativeConnection::connectToNextAddress()
{
    while (!m_addresses.isEmpty()) {
        const QHostAddress address = m_addresses.takeFirst();
        m_current = address;
        const bool v6 = address.protocol() == QAbstractSocket::IPv6Protocol;
        m_fd = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (m_fd < 0) {
            if (failConnectStep(errno, address))
                return;
            continue;
        }
        // Before connect(2): buffer sizes set later would not shape the
        // window scale the SYN announces.
        applySocketOptions();
        if (!m_localHost.isEmpty() || m_localPort != 0) {
            QHostAddress local(m_localHost);
            if (m_localHost.isEmpty())
                local = v6 ? QHostAddress(QHostAddress::AnyIPv6)
                           : QHostAddress(QHostAddress::AnyIPv4);
            // Without SO_REUSEADDR, as Go's Dialer with a LocalAddr: a port
            // still in TIME_WAIT fails with "address in use", the lesson of S14.
            sockaddr_storage storage {};
            const socklen_t length = toSockaddr(local, m_localPort, &storage);
            const int bound = local.isNull()
                                  ? -1
                                  : ::bind(m_fd, reinterpret_cast<sockaddr *>(&storage), length);
            if (bound != 0) {
                const int error = local.isNull() ? EADDRNOTAVAIL : errno;
                if (failConnectStep(error, address))
                    return;
                continue;
            }
        }
        sockaddr_storage storage {};
        const socklen_t length = toSockaddr(address, m_port, &storage);
        // EINTR: the attempt goes on in the kernel, as with EINPROGRESS.
        if (::connect(m_fd, reinterpret_cast<sockaddr *>(&storage), length) == 0
            || errno == EINPROGRESS || errno == EINTR) {
            m_connecting = true;
            m_readNotifier->setSocket(m_fd);
            m_writeNotifier->setSocket(m_fd);
            updateNotifiers(); // writable once connect(2) has an outcome
            watchKernelWhileConnecting();
            return;
        }
        if (failConnectStep(errno, address))
            return;
    }
}

bool NativeConnection::failConnectStep(int sysErrno, const QHostAddress &address)
{
    const SocketErrorInfo error = explainErrno(sysErrno, SocketOperation::Connect);
    releaseSocket();
    m_connecting = false;
    if (!m_addresses.isEmpty()) {
        // Like Go's dialer: a name with several addresses is tried in order.
        note(tr("Connecting to %1 failed (%2); trying the next address.")
                 .arg(endpointText(address, m_port), error.message));
        return false;
    }
    recordError(error);
    recordClosed(ConnectionState::Failed, StateCause::Error, error.message);
    return true;
}

void NativeConnection::finishConnect()
{
    int error = 0;
    socklen_t length = sizeof error;
    if (::getsockopt(m_fd, SOL_SOCKET, SO_ERROR, &error, &length) != 0)
        error = errno;
    if (error != 0) {
        if (!failConnectStep(error, m_current))
            connectToNextAddress();
        return;
    }
    m_connecting = false;
    m_addresses.clear();
    becomeEstablished();
}

void NativeConnection::becomeEstablished()
{
    // Before Established: what waits to be sent must go through the session.
    if (options().tls.enabled && !m_tls && !createTls())
        return;
    updateNotifiers(); // after the session: its handshake reads even while paused
    setEstablished(socketName(m_fd, false), socketName(m_fd, true), StateCause::Peer);
    if (m_tls && m_fd >= 0)
        beginTlsHandshake();
}

void NativeConnection::handleReadable()
{
    char *buffer = readBuffer();
    for (int i = 0; i < maxReadsPerWakeup; ++i) {
        if (m_fd < 0 || m_eofRead || (readPaused() && !tlsHandshaking()))
            return;
        // With TLS the slice applies to the plaintext: the records come whole.
        const qint64 slice = m_tls ? 0 : readSlice();
        const size_t want
            = slice > 0 ? size_t(std::min<qint64>(slice, qint64(readBufferSize))) : readBufferSize;
        ssize_t n = 0;
        do {
            n = ::read(m_fd, buffer, want);
        } while (n < 0 && errno == EINTR);
        if (n > 0) {
            // Slots run inside: an echo reply writes, an error may close us.
            if (m_tls)
                handleWireRead(buffer, n);
            else
                recordRead(buffer, n);
            if (size_t(n) < want)
                return; // drained: the next read(2) would say EAGAIN
            continue;
        }
        if (n == 0) {
            handleEof();
            return;
        }
        const int error = errno;
        if (error != EAGAIN && error != EWOULDBLOCK)
            endByError(error, SocketOperation::Read);
        return;
    }
}

Connection::ReadOutcome NativeConnection::readOnceFromSocket(qint64 maxBytes)
{
    if (m_tls)
        return readOnceTls(maxBytes);
    if (m_eofRead)
        return ReadOutcome::Eof;
    if (m_fd < 0 || m_connecting)
        return ReadOutcome::Ended;
    char *buffer = readBuffer();
    const size_t want = size_t(std::min<qint64>(maxBytes, qint64(readBufferSize)));
    ssize_t n = 0;
    do {
        n = ::read(m_fd, buffer, want);
    } while (n < 0 && errno == EINTR);
    if (n > 0) {
        recordRead(buffer, n);
        return ReadOutcome::Read;
    }
    if (n == 0) {
        handleEof();
        return ReadOutcome::Eof;
    }
    const int error = errno;
    if (error == EAGAIN || error == EWOULDBLOCK)
        return ReadOutcome::Nothing;
    endByError(error, SocketOperation::Read);
    return ReadOutcome::Ended;
}

void NativeConnection::handleEof()
{
    // The socket stays open (CLOSE_WAIT): we may still write, and the user
    // decides when to close. Only reading is over for good.
    m_eofRead = true;
    updateNotifiers();
    if (m_tls && handleTlsEof())
        return;
    recordEof();
    if (m_fd >= 0 && state() == ConnectionState::LocalHalfClosed) {
        // Our FIN went first and now the peer's came: nothing can flow either way.
        closeSocket();
        recordClosed(ConnectionState::Closed, StateCause::Peer,
                     tr("Both sides have sent FIN; the socket is closed."));
    }
}

void NativeConnection::handleWritable()
{
    if (m_connecting) {
        finishConnect();
        return;
    }
    m_wantWrite = false;
    updateNotifiers();
    if (m_tls) {
        if (!flushWire())
            return;
        if (m_shutdownAfterFlush) {
            m_shutdownAfterFlush = false;
            shutdownWrite();
        }
    }
    flushPending();
}

qint64 NativeConnection::writeToSocket(const char *data, qint64 size)
{
    if (m_fd < 0) {
        recordError(explainErrno(ENOTCONN, SocketOperation::Write));
        return -1;
    }
    if (m_tls)
        return writeTls(data, size);
    ssize_t n = 0;
    do {
        // MSG_NOSIGNAL: a write after the peer's RST must be an EPIPE on the
        // timeline, not a SIGPIPE that kills the process.
        n = ::send(m_fd, data, size_t(size), MSG_NOSIGNAL);
    } while (n < 0 && errno == EINTR);
    if (n >= 0) {
        if (n < size) {
            m_wantWrite = true; // the send buffer is full; writable again means room
            updateNotifiers();
        }
        return n;
    }
    const int error = errno;
    if (error == EAGAIN || error == EWOULDBLOCK) {
        m_wantWrite = true;
        updateNotifiers();
        return 0;
    }
    endByError(error, SocketOperation::Write);
    return -1;
}

void NativeConnection::endByError(int sysErrno, SocketOperation operation)
{
    const SocketErrorInfo error = explainErrno(sysErrno, operation);
    recordError(error);
    closeSocket();
    // On TCP both mean the peer's RST: ECONNRESET when it is first noticed,
    // EPIPE when it came while we were in CLOSE_WAIT or was reported already.
    const bool reset = sysErrno == ECONNRESET || sysErrno == EPIPE;
    recordClosed(reset ? ConnectionState::Reset : ConnectionState::Closed,
                 reset ? StateCause::Peer : StateCause::Error, error.message);
}

void NativeConnection::shutdownWrite()
{
    // A half-close asked for as soon as the connection is up (nothing to
    // send) would put the FIN before the ClientHello: it waits for the
    // handshake (pumpTls()), and close_notify goes first.
    if (m_tls && !m_tlsFailed && m_fd >= 0 && !m_tls->isEstablished()) {
        m_shutdownAfterHandshake = true;
        return;
    }
    if (m_tls && m_fd >= 0) {
        // close_notify first: without it the peer cannot tell our end from a cut.
        if (options().tls.closeNotify && m_tls->sendCloseNotify())
            reportAlerts();
        if (!flushWire()) {
            m_shutdownAfterFlush = m_fd >= 0;
            return;
        }
    }
    if (m_fd >= 0 && ::shutdown(m_fd, SHUT_WR) != 0)
        recordError(explainErrno(errno, SocketOperation::Close));
}

void NativeConnection::closeSocket()
{
    if (m_lookupId >= 0) {
        QHostInfo::abortHostLookup(m_lookupId);
        m_lookupId = -1;
    }
    m_addresses.clear();
    m_connecting = false;
    releaseSocket();
}

void NativeConnection::releaseSocket()
{
    // The notifiers let go of the descriptor before it is closed, or the
    // number could be reused under them.
    m_readNotifier->setSocket(-1);
    m_writeNotifier->setSocket(-1);
    m_wantWrite = false;
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
}

void NativeConnection::setReadEnabled(bool enabled)
{
    updateNotifiers(); // readPaused() already says what the user wants
    // The session may hold plaintext it decrypted before the pause: no
    // notifier fires for that.
    if (enabled && m_tls)
        QMetaObject::invokeMethod(
            this,
            [this] {
                if (m_fd >= 0 && !readPaused())
                    pumpTls();
            },
            Qt::QueuedConnection);
}

void NativeConnection::updateNotifiers()
{
    if (m_fd < 0)
        return;
    // Level-triggered: an enabled read notifier fires while bytes wait, so
    // resuming needs no read of its own.
    m_readNotifier->setEnabled(!m_connecting && !m_eofRead && (!readPaused() || tlsHandshaking()));
    m_writeNotifier->setEnabled(m_connecting || m_wantWrite);
}

} // namespace TcpInspector
