// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/connection.h"

#include "net/kernelinfo.h"

#include <QCoreApplication>

#include <algorithm>
#include <cerrno>
#include <iterator>

#include <linux/sockios.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

namespace TcpInspector {

Connection::Connection(Side side, quint64 id, const ConnectionOptions &options, QObject *parent)
    : QObject(parent),
      m_side(side),
      m_id(id),
      m_options(options),
      m_rx(Direction::Rx, options.store),
      m_tx(Direction::Tx, options.store)
{
    QString ignored;
    // Specs were validated by whoever built the options; a bad one leaves raw.
    m_rx.setFraming(options.rxFraming, &ignored);
    m_tx.setFraming(options.txFraming, &ignored);
    // Our requests tell the decoder of the replies which ones answer HEAD.
    m_tx.setPeer(&m_rx);
    m_rx.setPeer(&m_tx);

    m_fragmentTimer.setSingleShot(true);
    connect(&m_fragmentTimer, &QTimer::timeout, this, &Connection::sendNextFragment);
    m_idleTimer.setSingleShot(true);
    // A deadline that fires early is a wrong lesson: coarse timers may run 5% short.
    m_idleTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_idleTimer, &QTimer::timeout, this, &Connection::handleIdleTimeout);
    connect(&m_stallTimer, &QTimer::timeout, this, &Connection::checkWriteStall);
    connect(&m_kernelTimer, &QTimer::timeout, this, &Connection::sampleKernelState);
    m_closeTimer.setSingleShot(true);
    m_closeTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_closeTimer, &QTimer::timeout, this, [this] {
        recordTimeout(TimeoutKind::Close,
                      tr("The peer did not close its side within %1 ms after our FIN; closing "
                         "anyway.")
                          .arg(m_closeWaitMs));
        finishClose();
    });
}

Connection::~Connection() = default;

QString Connection::localAddress() const
{
    std::lock_guard<std::mutex> lock(m_addressMutex);
    return m_local;
}

QString Connection::peerAddress() const
{
    std::lock_guard<std::mutex> lock(m_addressMutex);
    return m_peer;
}

void Connection::appendEvent(TimelineEvent event)
{
    if (event.timeNs == 0)
        event.timeNs = monotonicNs();
    m_timeline.append(std::move(event));
    emit eventRecorded(m_timeline.count() - 1);
}

void Connection::setState(ConnectionState state, StateCause cause, const QString &why)
{
    const ConnectionState old = m_state.exchange(state, std::memory_order_acq_rel);
    // The first state is recorded even when it is the initial Connecting, so
    // that every timeline shows when the connection began.
    if (old == state && m_timeline.count() > 0)
        return;
    TimelineEvent event;
    event.type = TimelineEvent::StateChanged;
    event.state = state;
    event.cause = cause;
    event.text = why;
    appendEvent(event);
    emit stateChanged(state, cause);
    if (isFinalState(state)) {
        if (m_kernelTimer.isActive()) {
            m_kernelTimer.stop();
            // The socket is gone; the kernel may still hold the connection
            // (TIME_WAIT after an active close). Ask once it has settled.
            QTimer::singleShot(20, this, &Connection::lookUpStateAfterClose);
        }
        m_idleTimer.stop();
        m_stallTimer.stop();
        m_fragmentTimer.stop();
        m_closeTimer.stop();
        if (!m_finishedEmitted) {
            m_finishedEmitted = true;
            emit finished();
        }
    }
}

void Connection::setEstablished(const QString &local, const QString &peer, StateCause cause)
{
    {
        std::lock_guard<std::mutex> lock(m_addressMutex);
        m_local = local;
        m_peer = peer;
    }
    setState(ConnectionState::Established, cause);
    if (m_options.idleTimeoutMs > 0)
        m_idleTimer.start(m_options.idleTimeoutMs);
    if (m_options.writeStallMs > 0)
        setWriteStallThreshold(m_options.writeStallMs);
    if (m_options.kernelSampleMs > 0) {
        sampleKernelState();
        m_kernelTimer.start(m_options.kernelSampleMs);
    }
    flushPending();
}

void Connection::applySocketOptions()
{
    const int fd = descriptor();
    if (fd < 0)
        return;
    auto set = [&](int level, int name, int value, const char *what) {
        if (::setsockopt(fd, level, name, &value, sizeof value) != 0)
            note(tr("Setting %1 to %2 failed: %3")
                     .arg(QString::fromLatin1(what))
                     .arg(value)
                     .arg(explainErrno(errno, SocketOperation::Option).message));
    };
    if (m_options.noDelay)
        set(IPPROTO_TCP, TCP_NODELAY, 1, "TCP_NODELAY");
    if (m_options.receiveBuffer > 0)
        set(SOL_SOCKET, SO_RCVBUF, m_options.receiveBuffer, "SO_RCVBUF");
    if (m_options.sendBuffer > 0)
        set(SOL_SOCKET, SO_SNDBUF, m_options.sendBuffer, "SO_SNDBUF");
    if (m_options.maxSegment > 0)
        set(IPPROTO_TCP, TCP_MAXSEG, m_options.maxSegment, "TCP_MAXSEG");
    if (m_options.synRetries > 0)
        set(IPPROTO_TCP, TCP_SYNCNT, m_options.synRetries, "TCP_SYNCNT");
}

void Connection::recordRead(const char *data, qint64 size)
{
    if (size <= 0)
        return;
    if (m_options.idleTimeoutMs > 0)
        m_idleTimer.start(m_options.idleTimeoutMs);
    const StreamChannel::Appended appended = m_rx.append(data, size, monotonicNs());
    emit chunkRecorded(Direction::Rx, appended.offset, appended.size);
    if (appended.errors > 0)
        emit framingErrors(Direction::Rx, appended.firstError, appended.errors);
    if (appended.frames > 0)
        emit messagesDecoded(Direction::Rx, appended.firstFrame, appended.frames);
}

void Connection::recordEof()
{
    if (m_remoteEof)
        return;
    m_remoteEof = true;
    m_idleTimer.stop();
    const StreamChannel::Appended appended = m_rx.finish();
    if (appended.errors > 0)
        emit framingErrors(Direction::Rx, appended.firstError, appended.errors);
    if (appended.frames > 0)
        emit messagesDecoded(Direction::Rx, appended.firstFrame, appended.frames);
    TimelineEvent event;
    event.type = TimelineEvent::HalfClosed;
    event.direction = Direction::Rx;
    event.text = tr("EOF: the peer sent FIN, it will send nothing more (read returned 0).");
    appendEvent(event);
    // A slot of the signals above may have closed us (a message that EOF ended,
    // close after reply): the connection is over, no state may follow.
    if (isFinalState(state()))
        return;
    if (m_localFinSent) {
        // Both sides have sent FIN: nothing more can flow either way.
        finishClose(m_closePending ? StateCause::User : StateCause::Peer);
        return;
    }
    if (state() == ConnectionState::Closing) {
        if (m_closeTimer.isActive() || m_closePending)
            finishClose();
        return;
    }
    setState(ConnectionState::RemoteHalfClosed, StateCause::Peer);
}

void Connection::recordClosed(ConnectionState final, StateCause cause, const QString &why)
{
    if (isFinalState(state()))
        return;
    if (!m_tx.finished())
        m_tx.finish();
    const qint64 unsent = unsentBytes();
    if (unsent > 0) {
        // Nothing is dropped in silence: say what never left.
        note(
            tr("%1 bytes handed to send were never sent: the connection ended first.").arg(unsent));
        dropUnsent();
    }
    setState(final, cause, why);
}

void Connection::recordError(const SocketErrorInfo &error)
{
    TimelineEvent event;
    event.type = TimelineEvent::Error;
    event.code = error.code;
    event.sysErrno = error.sysErrno;
    event.message = error.message;
    event.explanation = error.explanation;
    appendEvent(event);
}

void Connection::recordTimeout(TimeoutKind kind, const QString &text)
{
    TimelineEvent event;
    event.type = TimelineEvent::Timeout;
    event.timeout = kind;
    event.text = text;
    appendEvent(event);
}

void Connection::note(const QString &text)
{
    TimelineEvent event;
    event.type = TimelineEvent::Note;
    event.text = text;
    appendEvent(event);
}

void Connection::send(const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return;
    if (isFinalState(state())) {
        // Nothing can leave any more; holding the bytes would hide that.
        note(tr("%1 bytes handed to send were not sent: the connection has ended.")
                 .arg(bytes.size()));
        return;
    }
    if (!m_fragments.isEmpty()) {
        m_later.push_back({bytes, 0, 0});
        return;
    }
    queueForSocket(bytes);
}

void Connection::queueForSocket(const QByteArray &bytes)
{
    m_pending.append(bytes);
    m_pendingBytes.store(m_pending.size(), std::memory_order_release);
    flushPending();
}

void Connection::sendFragmented(const QByteArray &bytes, qint64 fragmentSize, int delayMs)
{
    if (!m_fragments.isEmpty() && !isFinalState(state())) {
        m_later.push_back({bytes, fragmentSize, delayMs});
        return;
    }
    if (fragmentSize <= 0 || fragmentSize >= bytes.size() || isFinalState(state())) {
        send(bytes);
        return;
    }
    m_fragments = bytes;
    m_fragmentSize = fragmentSize;
    m_fragmentTimer.setInterval(std::max(0, delayMs));
    sendNextFragment();
}

void Connection::sendNextFragment()
{
    if (m_fragments.isEmpty())
        return;
    const QByteArray piece = m_fragments.left(m_fragmentSize);
    m_fragments.remove(0, piece.size());
    queueForSocket(piece);
    if (!m_fragments.isEmpty()) {
        m_fragmentTimer.start();
        return;
    }
    // This fragmented send is done: what waited behind it goes next, in order.
    while (m_fragments.isEmpty() && !m_later.empty() && !isFinalState(state())) {
        const LaterSend next = m_later.front();
        m_later.pop_front();
        sendFragmented(next.bytes, next.fragmentSize, next.delayMs);
    }
    afterFlush();
}

qint64 Connection::unsentBytes() const
{
    qint64 total = m_pending.size() + m_fragments.size();
    for (const LaterSend &later : m_later)
        total += later.bytes.size();
    return total;
}

void Connection::dropUnsent()
{
    m_pending.clear();
    m_fragments.clear();
    m_later.clear();
    m_fragmentTimer.stop();
    m_pendingBytes.store(0, std::memory_order_release);
}

void Connection::flushPending()
{
    const ConnectionState s = state();
    if (s != ConnectionState::Established && s != ConnectionState::RemoteHalfClosed
        && s != ConnectionState::Closing)
        return;
    while (!m_pending.isEmpty() && !m_localFinSent) {
        const qint64 n = writeToSocket(m_pending.data(), m_pending.size());
        if (n <= 0)
            break; // full (the engine calls flushPending again) or failed (recorded)
        const StreamChannel::Appended appended = m_tx.append(m_pending.data(), n, monotonicNs());
        m_pending.consume(n);
        m_pendingBytes.store(m_pending.size(), std::memory_order_release);
        emit chunkRecorded(Direction::Tx, appended.offset, appended.size);
        if (appended.frames > 0)
            emit messagesDecoded(Direction::Tx, appended.firstFrame, appended.frames);
    }
    afterFlush();
}

void Connection::afterFlush()
{
    // A send that failed has ended the connection already: no FIN, no close timer.
    if (isFinalState(state()))
        return;
    // FIN and close wait for what the user already sent, fragments included.
    if (!m_pending.isEmpty() || !m_fragments.isEmpty() || !m_later.empty()
        || engineBufferedBytes() > 0)
        return;
    if (m_halfClosePending && !m_localFinSent) {
        m_halfClosePending = false;
        m_localFinSent = true;
        shutdownWrite();
        m_tx.finish();
        TimelineEvent event;
        event.type = TimelineEvent::HalfClosed;
        event.direction = Direction::Tx;
        event.text = tr("FIN sent (shutdown SHUT_WR): we are done sending and still read.");
        appendEvent(event);
        if (!m_closePending)
            setState(m_remoteEof ? ConnectionState::Closing : ConnectionState::LocalHalfClosed,
                     StateCause::User);
        if (m_remoteEof && !m_closePending)
            finishClose(); // both sides have sent FIN: nothing left to wait for
    }
    if (m_closePending && !m_halfClosePending) {
        if (m_closeWaitMs > 0 && !m_remoteEof) {
            if (!m_closeTimer.isActive())
                m_closeTimer.start(m_closeWaitMs);
            return;
        }
        finishClose();
    }
}

void Connection::setReadSlice(qint64 bytes)
{
    m_options.readSlice = std::max<qint64>(0, bytes);
}

void Connection::setReadPaused(bool paused)
{
    if (m_readPaused == paused)
        return;
    m_readPaused = paused;
    note(paused ? tr("Reading paused: bytes wait in the receive buffer, the window shrinks and "
                     "the sender slows down.")
                : tr("Reading resumed."));
    setReadEnabled(!paused);
}

void Connection::halfClose()
{
    if (m_localFinSent || isFinalState(state()))
        return;
    m_halfClosePending = true;
    afterFlush();
}

void Connection::close(int waitForEofMs)
{
    if (isFinalState(state()) || m_closePending)
        return;
    m_closePending = true;
    m_closeWaitMs = waitForEofMs;
    setState(ConnectionState::Closing, StateCause::User,
             waitForEofMs > 0 ? tr("Flushing, then sending FIN and waiting up to %1 ms for the "
                                   "peer's EOF.")
                                    .arg(waitForEofMs)
                              : tr("Flushing, then closing."));
    if (waitForEofMs > 0 && !m_localFinSent)
        m_halfClosePending = true;
    afterFlush();
}

void Connection::finishClose(StateCause cause)
{
    m_closeTimer.stop();
    m_closePending = false;
    closeSocket();
    recordClosed(ConnectionState::Closed, cause, QString());
}

void Connection::abortWithReset()
{
    if (isFinalState(state()))
        return;
    const int fd = descriptor();
    if (fd >= 0) {
        // close() alone sends FIN; a zero linger time turns it into an RST.
        const linger reset {1, 0};
        ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
    }
    const qint64 dropped = unsentBytes();
    dropUnsent();
    closeSocket();
    recordClosed(ConnectionState::Reset, StateCause::User,
                 dropped > 0
                     ? tr("RST sent (SO_LINGER 0); %1 unsent bytes were thrown away.").arg(dropped)
                     : tr("RST sent (SO_LINGER 0)."));
}

void Connection::setIdleTimeout(int ms)
{
    m_options.idleTimeoutMs = std::max(0, ms);
    if (m_options.idleTimeoutMs > 0 && !isFinalState(state()))
        m_idleTimer.start(m_options.idleTimeoutMs);
    else
        m_idleTimer.stop();
}

void Connection::handleIdleTimeout()
{
    if (isFinalState(state()) || m_remoteEof)
        return;
    recordTimeout(TimeoutKind::Idle,
                  tr("Nothing read for %1 ms (read deadline); closing the connection.")
                      .arg(m_options.idleTimeoutMs));
    m_closePending = true;
    setState(ConnectionState::Closing, StateCause::Timeout);
    afterFlush();
}

void Connection::setWriteStallThreshold(int ms)
{
    m_options.writeStallMs = std::max(0, ms);
    m_stallReported = false;
    m_lastProgressNs = monotonicNs();
    if (m_options.writeStallMs > 0 && !isFinalState(state()))
        m_stallTimer.start(std::max(10, m_options.writeStallMs / 4));
    else
        m_stallTimer.stop();
}

void Connection::checkWriteStall()
{
    // Bytes we hold plus bytes the kernel holds unacknowledged: if that total
    // does not shrink for the threshold, the peer is not reading (S6).
    qint64 queued = m_pending.size() + engineBufferedBytes();
    int kernelQueue = 0;
    const int fd = descriptor();
    if (fd >= 0 && ::ioctl(fd, SIOCOUTQ, &kernelQueue) == 0)
        queued += kernelQueue;
    const qint64 now = monotonicNs();
    if (queued == 0 || queued < m_lastQueued) {
        m_lastProgressNs = now;
        m_stallReported = false;
    }
    m_lastQueued = queued;
    if (queued > 0 && !m_stallReported
        && now - m_lastProgressNs >= qint64(m_options.writeStallMs) * 1000000) {
        m_stallReported = true;
        recordTimeout(TimeoutKind::WriteStall,
                      tr("%1 bytes have waited to be sent for %2 ms: the peer is not reading and "
                         "its receive window is full.")
                          .arg(queued)
                          .arg(m_options.writeStallMs));
    }
}

bool Connection::setFraming(Direction direction, const QString &spec, QString *error)
{
    StreamChannel &channel = direction == Direction::Rx ? m_rx : m_tx;
    return channel.setFraming(spec, error);
}

void Connection::adoptFraming(Direction direction, std::unique_ptr<PreparedFraming> prepared)
{
    StreamChannel &channel = direction == Direction::Rx ? m_rx : m_tx;
    channel.adoptFraming(std::move(prepared));
}

} // namespace TcpInspector

namespace TcpInspector {

void Connection::failByTimeout(const QString &why)
{
    if (isFinalState(state()))
        return;
    recordTimeout(TimeoutKind::Connect, why);
    closeSocket();
    recordClosed(ConnectionState::Failed, StateCause::Timeout, why);
}

} // namespace TcpInspector

namespace TcpInspector {

void Connection::sampleKernelState()
{
    const std::optional<KernelSample> sample = sampleKernel(descriptor());
    if (!sample)
        return;
    // Only changes go on the timeline: a sample every few ms of an idle
    // connection would bury everything else.
    const bool changed
        = sample->state != m_lastKernel.state || sample->sendQueue != m_lastKernel.sendQueue
          || sample->recvQueue != m_lastKernel.recvQueue || sample->cwnd != m_lastKernel.cwnd;
    m_lastKernel = *sample;
    if (!changed)
        return;
    TimelineEvent event;
    event.type = TimelineEvent::Kernel;
    event.kernel = *sample;
    appendEvent(event);
}

void Connection::lookUpStateAfterClose()
{
    // After close() the kernel may keep the connection through FIN_WAIT1/2,
    // CLOSING or LAST_ACK before TIME_WAIT or nothing. Ask again while it is in
    // between, less and less often, up to the kernel's own 60 s FIN_WAIT2 limit.
    static constexpr int gapsMs[] = {80, 400, 1500, 5000, 15000, 40000};
    const std::optional<KernelSample> sample = lookupKernelState(localAddress(), peerAddress());
    const KernelState state = sample ? sample->state : KernelState::Closed;
    if (state != m_lastKernel.state) {
        TimelineEvent event;
        event.type = TimelineEvent::Kernel;
        if (sample)
            event.kernel = *sample;
        event.kernel.state = state;
        m_lastKernel = event.kernel;
        appendEvent(event);
    }
    const bool settled = state == KernelState::Closed || state == KernelState::TimeWait;
    if (settled || m_afterCloseLookups >= int(std::size(gapsMs)))
        return;
    QTimer::singleShot(gapsMs[m_afterCloseLookups++], this, &Connection::lookUpStateAfterClose);
}

} // namespace TcpInspector
