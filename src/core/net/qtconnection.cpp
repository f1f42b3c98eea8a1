// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/qtconnection.h"

#include "net/heldtail.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QScopedValueRollback>
#include <QSocketNotifier>
#include <QTcpSocket>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>
#include <vector>

#include <sys/socket.h>
#include <unistd.h>

namespace TcpInspector {

namespace {

// The most one chunk takes from Qt's buffer; past it, a readyRead makes
// several chunks. Qt holds what the kernel had, a few MB at most unless
// reading was paused, and the buffer below lives as long as the thread.
constexpr qint64 maxChunkSize = qint64(4) * 1024 * 1024;

// One buffer per thread, reused: readAll() allocated a fresh QByteArray for
// every read, and touching its new pages cost 40 % of the CLI's time on 64-byte
// lines (issue 11). recordRead() copies the bytes into the store before any
// slot can run, so the connections of a thread can share it.
char *readBuffer(qint64 size)
{
    thread_local std::vector<char> buffer;
    if (qint64(buffer.size()) < size)
        buffer.resize(size_t(size));
    return buffer.data();
}

QString endpointText(const QHostAddress &address, quint16 port)
{
    if (address.protocol() == QAbstractSocket::IPv6Protocol)
        return QStringLiteral("[%1]:%2").arg(address.toString()).arg(port);
    return QStringLiteral("%1:%2").arg(address.toString()).arg(port);
}

} // namespace

QtConnection::QtConnection(qintptr descriptor, quint64 id, const ConnectionOptions &options,
                           QObject *parent)
    : Connection(Side::Server, id, options, parent),
      m_socket(new QTcpSocket(this)),
      m_tail(new HeldTail(this)),
      m_acceptedDescriptor(descriptor)
{
    wire();
}

void QtConnection::start()
{
    if (m_acceptedDescriptor < 0)
        return;
    const qintptr descriptor = std::exchange(m_acceptedDescriptor, -1);
    if (!m_socket->setSocketDescriptor(descriptor)) {
        recordError(
            explainQtError(m_socket->error(), m_socket->errorString(), SocketOperation::Accept));
        recordClosed(ConnectionState::Failed, StateCause::Error, m_socket->errorString());
        ::close(int(descriptor)); // Qt did not take it: nobody else will close it
        return;
    }
    applySocketOptions();
    setEstablished(endpointText(m_socket->localAddress(), m_socket->localPort()),
                   endpointText(m_socket->peerAddress(), m_socket->peerPort()), StateCause::Peer);
    noteWriteMode();
    // Bytes may have arrived before we took the descriptor.
    QMetaObject::invokeMethod(this, &QtConnection::handleReadyRead, Qt::QueuedConnection);
}

QtConnection::QtConnection(quint64 id, const ConnectionOptions &options, QObject *parent)
    : Connection(Side::Client, id, options, parent),
      m_socket(new QTcpSocket(this)),
      m_tail(new HeldTail(this))
{
    wire();
}

QtConnection::~QtConnection()
{
    if (m_acceptedDescriptor >= 0)
        ::close(int(m_acceptedDescriptor)); // never started: do not leak it
}

void QtConnection::wire()
{
    connect(m_socket, &QTcpSocket::connected, this, &QtConnection::handleConnected);
    connect(m_socket, &QTcpSocket::readyRead, this, &QtConnection::handleReadyRead);
    connect(m_socket, &QTcpSocket::readChannelFinished, this,
            &QtConnection::handleReadChannelFinished);
    connect(m_socket, &QTcpSocket::disconnected, this, &QtConnection::handleDisconnected);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &QtConnection::handleError);
    connect(m_socket, &QTcpSocket::stateChanged, this, &QtConnection::handleStateChanged);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &QtConnection::handleBytesWritten);
    connect(m_tail, &HeldTail::bytesSent, this, [this](qint64 bytes) { m_bytesFlushed += bytes; });
    connect(m_tail, &HeldTail::drained, this, [this] {
        if (!m_flushing)
            flushPending(); // the kernel has room again: more bytes, FIN or close may be due
    });
    connect(m_tail, &HeldTail::finished, this, &QtConnection::handleTailFinished);
    connect(m_tail, &HeldTail::failed, this, &QtConnection::handleTailFailed);
}

void QtConnection::connectTo(const QString &host, quint16 port, const QString &localHost,
                             quint16 localPort)
{
    // Options that act on the SYN (TCP_SYNCNT, TCP_MAXSEG) need the socket
    // before connect; binding first is how QTcpSocket makes it early.
    const bool preConnectOptions = options().maxSegment > 0 || options().synRetries > 0;
    if (!localHost.isEmpty() || localPort != 0 || preConnectOptions) {
        QHostAddress local(localHost);
        if (localHost.isEmpty()) {
            const QHostAddress target(host);
            local = target.isNull() ? QHostAddress(QHostAddress::Any)
                    : target.protocol() == QAbstractSocket::IPv6Protocol
                        ? QHostAddress(QHostAddress::AnyIPv6)
                        : QHostAddress(QHostAddress::AnyIPv4);
        }
        // Without SO_REUSEADDR, as Go's Dialer with a LocalAddr: a port in
        // TIME_WAIT then fails with "address in use", which is the lesson (S14).
        if (!m_socket->bind(local, localPort, QAbstractSocket::DontShareAddress)) {
            recordError(explainQtError(m_socket->error(), m_socket->errorString(),
                                       SocketOperation::Connect));
            recordClosed(ConnectionState::Failed, StateCause::Error, m_socket->errorString());
            return;
        }
        applySocketOptions();
    }
    setState(ConnectionState::Connecting, StateCause::User,
             tr("Connecting to %1:%2").arg(host).arg(port));
    m_socket->connectToHost(host, port);
}

void QtConnection::handleStateChanged(QAbstractSocket::SocketState socketState)
{
    if (socketState == QAbstractSocket::HostLookupState)
        setState(ConnectionState::Resolving, StateCause::User);
    else if (socketState == QAbstractSocket::ConnectingState
             && state() == ConnectionState::Resolving)
        setState(ConnectionState::Connecting, StateCause::User);
}

void QtConnection::handleConnected()
{
    applySocketOptions();
    setEstablished(endpointText(m_socket->localAddress(), m_socket->localPort()),
                   endpointText(m_socket->peerAddress(), m_socket->peerPort()), StateCause::Peer);
    noteWriteMode();
}

void QtConnection::noteWriteMode()
{
    // The default needs no word; the lesson's mode must say what it does.
    if (!options().qtFlushWrites)
        note(tr("Writes wait in QTcpSocket's buffer until the event loop sends them (no flush), "
                "as in a plain Qt program; Qt throws away what is still there when it closes "
                "the socket at the peer's EOF."));
}

void QtConnection::handleReadyRead()
{
    if (readPaused())
        return;
    const qint64 slice = readSlice();
    // Qt has already read what the kernel had into its own buffer: one chunk
    // per readyRead (up to maxChunkSize), or slices of it when the user asked
    // for short reads.
    while (m_socket->bytesAvailable() > 0) {
        const qint64 want = std::min(slice > 0 ? slice : maxChunkSize, m_socket->bytesAvailable());
        char *buffer = readBuffer(want);
        const qint64 n = m_socket->read(buffer, want);
        if (n <= 0)
            break;
        recordRead(buffer, n);
    }
}

void QtConnection::handleReadChannelFinished()
{
    // Bytes Qt buffered before the EOF are still ours to record.
    handleReadyRead();
    if (m_closingOurselves || m_sawEof)
        return;
    m_sawEof = true;
    recordEof();
    // After our own FIN, recordEof() closed the socket itself; otherwise it
    // was Qt, and the timeline must say so.
    if (!m_closingOurselves && m_socket->state() == QAbstractSocket::UnconnectedState) {
        if (sendHeldTail())
            return;
        noteDiscardedWrites();
        note(tr("Qt closed the socket after EOF: QTcpSocket cannot stay half-open, so nothing "
                "more can be written to the peer. The native engine can."));
    }
}

void QtConnection::handleDisconnected()
{
    if (m_closingOurselves || m_tail->isOwnerClosed())
        return;
    noteDiscardedWrites();
    m_tail->abandon();
    recordClosed(ConnectionState::Closed, m_sawEof ? StateCause::Engine : StateCause::Peer,
                 m_sawEof ? tr("Qt closed the socket after the peer's FIN.") : QString());
}

void QtConnection::handleError(QAbstractSocket::SocketError error)
{
    if (m_closingOurselves)
        return;
    const ConnectionState s = state();
    const SocketOperation operation
        = (s == ConnectionState::Connecting || s == ConnectionState::Resolving)
              ? SocketOperation::Connect
              : SocketOperation::Read;
    if (error == QAbstractSocket::RemoteHostClosedError) {
        // Not an error for us: the EOF path records it. Qt would say the same
        // for an RST, and the timeline must not pretend to know which it was.
        note(tr("Qt reported RemoteHostClosedError, which it uses for a FIN and an RST alike."));
        return;
    }
    recordError(explainQtError(error, m_socket->errorString(), operation));
    if (operation == SocketOperation::Connect) {
        recordClosed(ConnectionState::Failed, StateCause::Error, m_socket->errorString());
        return;
    }
    if (m_socket->state() == QAbstractSocket::UnconnectedState && !m_tail->isOwnerClosed()) {
        noteDiscardedWrites();
        m_tail->abandon(); // an RST or a failure: nothing can follow
        recordClosed(ConnectionState::Closed, StateCause::Error, m_socket->errorString());
    }
}

void QtConnection::handleBytesWritten(qint64)
{
    // What left Qt's buffer, from the buffer itself: see pushToKernel().
    noteFlushed();
    // Our own flush() reports from inside flushPending(), which goes on by
    // itself once flush() returns.
    if (m_flushing)
        return;
    // Qt's write buffer drained a little: more bytes, FIN or close may be due now.
    flushPending();
}

qint64 QtConnection::writeToSocket(const char *data, qint64 size)
{
    if (m_tailTakesWrites) {
        // Queued before the EOF: it goes behind the held tail, as it would have.
        m_bytesAccepted += size;
        m_tail->append(data, size);
        return size;
    }
    if (m_socket->state() != QAbstractSocket::ConnectedState) {
        recordError(explainQtError(QAbstractSocket::NetworkError, tr("Socket is not connected"),
                                   SocketOperation::Write));
        return -1;
    }
    const int fd = descriptor();
    if (options().qtFlushWrites && fd >= 0 && !m_tailFailed) {
        // The kernel is full: more would only wait. drained() asks again.
        if (engineBufferedBytes() > 0)
            return 0;
        // The kernel takes what it has room for now, as flush() would have;
        // the held tail the rest, which Qt's close at EOF cannot take away.
        ssize_t n;
        do {
            n = ::send(fd, data, size_t(size), MSG_DONTWAIT | MSG_NOSIGNAL);
        } while (n < 0 && errno == EINTR);
        // An error other than a full kernel is Qt's to find and report.
        const qint64 sent = std::max<qint64>(0, n);
        m_bytesAccepted += sent;
        m_bytesFlushed += sent;
        if (sent == size || m_tail->hold(fd, data + sent, size - sent)) {
            m_bytesAccepted += size - sent;
            return size;
        }
        // No descriptor left for the tail: Qt buffers the rest, as plain Qt does.
        const qint64 taken = m_socket->write(data + sent, size - sent);
        m_bytesAccepted += std::max<qint64>(0, taken);
        return taken > 0 ? sent + taken : (sent > 0 ? sent : taken);
    }
    // QTcpSocket buffers without limit: it takes everything, and one call is
    // one tx chunk. It writes when the event loop next sees the socket
    // writable.
    const qint64 taken = m_socket->write(data, size);
    if (taken > 0)
        m_bytesAccepted += taken;
    return taken;
}

bool QtConnection::pushToKernel()
{
    // Left to the event loop, the write may come after Qt has read the
    // peer's FIN and closed: of 300 echoes to clients that half-close, 23 to
    // 63 arrived that way. This gives the kernel what it can take now.
    if (!options().qtFlushWrites || engineBufferedBytes() == 0)
        return false;
    {
        const QScopedValueRollback<bool> guard(m_flushing, true);
        m_tail->sendNow();
        if (m_socket->bytesToWrite() > 0)
            m_socket->flush();
    }
    // Counted here too, not only from bytesWritten: Qt does not emit it for a
    // flush() made inside its own bytesWritten handler, and the bytes would
    // later be reported as discarded though the peer got them.
    noteFlushed();
    return !isFinalState(state()) && engineBufferedBytes() == 0;
}

void QtConnection::noteDiscardedWrites()
{
    // Qt drops its write buffer when it closes the socket on its own (after
    // EOF or an error); what a reply had queued then never reaches the peer.
    const qint64 lost = m_bytesAccepted - m_bytesFlushed;
    if (lost <= 0 || m_discardNoted)
        return;
    m_discardNoted = true;
    recordDiscarded(lost, DiscardedFrom::EngineBuffer,
                    tr("Qt discarded %1 bytes that were written but not yet sent when it closed "
                       "the socket; the peer never gets them.")
                        .arg(lost));
}

qint64 QtConnection::engineBufferedBytes() const
{
    return m_tail->pending() + (m_tail->isOwnerClosed() ? 0 : m_socket->bytesToWrite());
}

void QtConnection::noteFlushed()
{
    m_bytesFlushed = std::max(m_bytesFlushed, m_bytesAccepted - engineBufferedBytes());
}

bool QtConnection::sendHeldTail()
{
    const qint64 unsent = m_tail->pending();
    if (unsent <= 0)
        return false;
    m_tail->ownerClosed();
    note(tr("Qt closed its socket at the peer's FIN with %1 bytes not yet sent; "
            "TCP Inspector kept the connection open and sends them before its own FIN.")
             .arg(unsent));
    // What waited in the queue behind them was sent before the EOF too.
    {
        const QScopedValueRollback<bool> guard(m_tailTakesWrites, true);
        flushPending();
    }
    return true;
}

void QtConnection::handleTailFinished()
{
    m_bytesFlushed = m_bytesAccepted;
    recordClosed(ConnectionState::Closed, StateCause::Engine,
                 tr("Qt closed the socket after the peer's FIN; the bytes it still held were "
                    "sent first, then the FIN."));
}

void QtConnection::handleTailFailed(int error, qint64 unsent)
{
    m_discardNoted = true;
    m_tailFailed = true;
    recordDiscarded(unsent, DiscardedFrom::EngineBuffer,
                    tr("%1 bytes waiting for room in the kernel could not be sent: %2.")
                        .arg(unsent)
                        .arg(QString::fromLocal8Bit(std::strerror(error))));
    // While Qt's descriptor is open, its read finds the RST and says so.
    if (!m_tail->isOwnerClosed() && m_socket->state() == QAbstractSocket::ConnectedState)
        return;
    recordClosed(ConnectionState::Closed, StateCause::Error,
                 QString::fromLocal8Bit(std::strerror(error)));
}

void QtConnection::shutdownWrite()
{
    // QTcpSocket has no half-close; the descriptor does.
    if (descriptor() >= 0)
        ::shutdown(descriptor(), SHUT_WR);
}

void QtConnection::closeSocket()
{
    // What Qt still buffers dies with the socket (an RST, the peer's FIN while
    // we flush): say how much, before the handlers stop listening.
    noteDiscardedWrites();
    m_closingOurselves = true;
    // The second descriptor first: the close (or the RST of SO_LINGER 0)
    // happens when the last descriptor of the socket goes.
    m_tail->abandon();
    // abort() closes the descriptor at once (FIN, or RST after SO_LINGER 0);
    // close() would wait for Qt's buffer, which afterFlush() already emptied.
    m_socket->abort();
}

void QtConnection::setReadEnabled(bool enabled)
{
    // A zero-sized Qt read buffer means unlimited; 1 byte is the smallest
    // pause Qt offers, and the kernel's buffer does the rest.
    m_socket->setReadBufferSize(enabled ? 0 : 1);
    if (enabled)
        QMetaObject::invokeMethod(this, &QtConnection::handleReadyRead, Qt::QueuedConnection);
}

Connection::ReadOutcome QtConnection::readOnceFromSocket(qint64 maxBytes)
{
    // A paused QTcpSocket still reads up to its 1-byte buffer by itself: that
    // byte comes first, the rest from one recv(2) on the descriptor, so that
    // the chunk is what one read of maxBytes would have returned.
    maxBytes = std::min(maxBytes, maxChunkSize);
    char *buffer = readBuffer(maxBytes);
    qint64 n = std::max<qint64>(0, m_socket->read(buffer, maxBytes));
    const int fd = descriptor();
    ssize_t more = -1;
    if (n < maxBytes && fd >= 0) {
        do {
            more = ::recv(fd, buffer + n, size_t(maxBytes - n), MSG_DONTWAIT);
        } while (more < 0 && errno == EINTR);
        n += std::max<ssize_t>(0, more);
    }
    if (n > 0) {
        recordRead(buffer, n);
        return ReadOutcome::Read;
    }
    // Qt reads the same 0 when its notifier fires next, and closes the socket
    // then, as it always does at EOF; the timeline says EOF where it was read.
    if (more == 0)
        recordEof();
    if (m_sawEof || rx().finished())
        return ReadOutcome::Eof;
    return fd >= 0 ? ReadOutcome::Nothing : ReadOutcome::Ended;
}

int QtConnection::descriptor() const
{
    if (m_tail->isOwnerClosed())
        return m_tail->descriptor(); // Qt has closed its own
    const qintptr fd = m_socket->socketDescriptor();
    if (fd >= 0 || m_socket->state() != QAbstractSocket::ConnectingState)
        return int(fd);
    // QAbstractSocket tells its descriptor only once connected, but the
    // kernel's SYN_SENT is what a connect against a full backlog waits in
    // (S5). Its socket engine's notifiers watch the descriptor already.
    const auto notifiers = m_socket->findChildren<QSocketNotifier *>();
    for (const QSocketNotifier *notifier : notifiers) {
        if (notifier->socket() >= 0)
            return int(notifier->socket());
    }
    return -1;
}

} // namespace TcpInspector
