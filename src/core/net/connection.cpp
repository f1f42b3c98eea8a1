// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/connection.h"

#include "net/socketoptions.h"

#include <QCoreApplication>

#include <algorithm>

namespace TcpInspector {

QString discardedFromKey(DiscardedFrom from)
{
    switch (from) {
    case DiscardedFrom::EngineBuffer:
        return QStringLiteral("engine_buffer");
    case DiscardedFrom::SendQueue:
        return QStringLiteral("send_queue");
    case DiscardedFrom::AfterEnd:
        return QStringLiteral("after_end");
    }
    return QString();
}

Connection::Connection(Side side, quint64 id, const ConnectionOptions &options, QObject *parent)
    : QObject(parent),
      m_side(side),
      m_id(id),
      m_options(options),
      m_rx(Direction::Rx, options.store),
      m_tx(Direction::Tx, options.store),
      // Bytes we hold plus bytes the kernel holds unacknowledged: what the
      // write-stall check watches shrink.
      m_deadlines(
          [this] {
              return m_sender.queued() + engineBufferedBytes() + unacknowledgedBytes(descriptor());
          },
          monotonicNs),
      m_kernel([this] { return descriptor(); })
{
    QString ignored;
    // Specs were validated by whoever built the options; a bad one leaves raw.
    m_rx.setFraming(options.rxFraming, &ignored);
    m_tx.setFraming(options.txFraming, &ignored);
    // Our requests tell the decoder of the replies which ones answer HEAD.
    m_tx.setPeer(&m_rx);
    m_rx.setPeer(&m_tx);
    if (options.tls.enabled) {
        // The records themselves, kept beside the plaintext: a tls framing
        // shows handshake, alerts and application data as messages.
        m_wireRx = std::make_unique<StreamChannel>(Direction::Rx, options.store);
        m_wireTx = std::make_unique<StreamChannel>(Direction::Tx, options.store);
        m_wireRx->setFraming(QStringLiteral("tls"), &ignored);
        m_wireTx->setFraming(QStringLiteral("tls"), &ignored);
    }

    connect(&m_sender, &FragmentedSender::bytesQueued, this, &Connection::flushPending);
    connect(&m_sender, &FragmentedSender::fragmentsDone, this, &Connection::afterFlush);
    connect(&m_deadlines, &ConnectionDeadlines::idleTimedOut, this, &Connection::handleIdleTimeout);
    connect(&m_deadlines, &ConnectionDeadlines::writeStalled, this, &Connection::handleWriteStall);
    connect(&m_deadlines, &ConnectionDeadlines::peerCloseTimedOut, this,
            &Connection::handlePeerCloseTimeout);
    connect(&m_kernel, &KernelSampler::changed, this, &Connection::handleKernelSample);
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

ConnectionOptions Connection::optionsSnapshot() const
{
    std::lock_guard<std::mutex> lock(m_addressMutex);
    return m_options;
}

qint64 Connection::nowNs() const
{
    return monotonicNs();
}

void Connection::announceDecoded(Direction direction, const StreamChannel::Appended &appended)
{
    if (appended.errors > 0)
        emit framingErrors(direction, appended.firstError, appended.errors);
    if (appended.frames > 0)
        emit messagesDecoded(direction, appended.firstFrame, appended.frames);
}

void Connection::restoreEvent(const TimelineEvent &event)
{
    m_timeline.append(event);
    emit eventRecorded(m_timeline.count() - 1);
    if (event.type != TimelineEvent::StateChanged)
        return;
    m_state.store(event.state, std::memory_order_release);
    emit stateChanged(event.state, event.cause);
    if (isFinalState(event.state) && !m_finishedEmitted) {
        m_finishedEmitted = true;
        emit finished();
    }
}

void Connection::restoreAddresses(const QString &local, const QString &peer)
{
    std::lock_guard<std::mutex> lock(m_addressMutex);
    m_local = local;
    m_peer = peer;
}

void Connection::restoreEnd(ConnectionState state, const QString &local, const QString &peer,
                            qint64 discarded, qint64 discardedFromTx)
{
    restoreAddresses(local, peer);
    m_state.store(state, std::memory_order_release);
    m_discarded.store(discarded, std::memory_order_release);
    m_discardedFromTx.store(discardedFromTx, std::memory_order_release);
    m_finishedEmitted = isFinalState(state);
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
    // The kernel moves on right after what the app did (FIN_WAIT1 after a
    // half-close, CLOSE_WAIT after EOF): look now, not at the next tick.
    if (state == ConnectionState::Connecting)
        watchKernelWhileConnecting();
    else
        m_kernel.sampleNow();
    if (isFinalState(state)) {
        m_kernel.socketClosed(localAddress(), peerAddress());
        m_deadlines.stopAll();
        m_sender.stop();
        if (!m_finishedEmitted) {
            m_finishedEmitted = true;
            emit finished();
        }
    }
}

void Connection::watchKernelWhileConnecting()
{
    // SYN_SENT for as long as the handshake waits, against a full backlog (S5).
    if (m_options.kernelSampleMs > 0 && !m_kernel.isSampling())
        m_kernel.start(m_options.kernelSampleMs);
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
        m_deadlines.setIdleTimeout(m_options.idleTimeoutMs);
    if (m_options.writeStallMs > 0)
        m_deadlines.setWriteStallThreshold(m_options.writeStallMs);
    if (m_options.kernelSampleMs > 0)
        m_kernel.start(m_options.kernelSampleMs);
    flushPending();
}

void Connection::applySocketOptions()
{
    for (const SocketOptionFailure &failure : applyConnectionOptions(descriptor(), m_options))
        note(tr("Setting %1 to %2 failed: %3")
                 .arg(failure.name)
                 .arg(failure.value)
                 .arg(explainErrno(failure.sysErrno, SocketOperation::Option).message));
}

void Connection::recordRead(const char *data, qint64 size)
{
    if (size <= 0)
        return;
    m_deadlines.restartIdle();
    const StreamChannel::Appended appended = m_rx.append(data, size, monotonicNs());
    emit chunkRecorded(Direction::Rx, appended.offset, appended.size);
    announceDecoded(Direction::Rx, appended);
    // Last: what the tap does may end this connection (a relay's limit),
    // and its chunk is announced before its end.
    if (m_readTap)
        m_readTap(data, size);
}

void Connection::recordWire(Direction direction, const char *data, qint64 size)
{
    StreamChannel *channel = direction == Direction::Rx ? m_wireRx.get() : m_wireTx.get();
    if (!channel || size <= 0 || channel->finished())
        return;
    const StreamChannel::Appended appended = channel->append(data, size, monotonicNs());
    emit wireChunkRecorded(direction, appended.offset, appended.size);
    if (appended.frames > 0)
        emit wireMessagesDecoded(direction, appended.firstFrame, appended.frames);
}

QByteArray Connection::tlsKeyLog() const
{
    std::lock_guard<std::mutex> lock(m_addressMutex);
    return m_tlsKeyLog;
}

void Connection::recordTlsKeyLog(const QByteArray &line)
{
    std::lock_guard<std::mutex> lock(m_addressMutex);
    m_tlsKeyLog += line;
    m_tlsKeyLog += '\n';
}

void Connection::recordTlsNote(const QString &code, const QString &text, const TlsDetails &details,
                               Direction direction)
{
    TimelineEvent event;
    event.type = TimelineEvent::Note;
    event.code = code;
    event.text = text;
    event.direction = direction;
    event.tls = std::make_shared<const TlsDetails>(details);
    appendEvent(event);
}

void Connection::recordEof(const QString &text)
{
    if (m_remoteEof)
        return;
    m_remoteEof = true;
    m_deadlines.stopIdle();
    announceDecoded(Direction::Rx, m_rx.finish());
    TimelineEvent event;
    event.type = TimelineEvent::HalfClosed;
    event.direction = Direction::Rx;
    event.text = !text.isEmpty()
                     ? text
                     : tr("EOF: the peer sent FIN, it will send nothing more (read returned 0).");
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
        if (m_deadlines.isWaitingForPeerClose() || m_closePending)
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
    for (StreamChannel *wire : {m_wireRx.get(), m_wireTx.get()}) {
        if (wire && !wire->finished())
            wire->finish();
    }
    const qint64 unsent = m_sender.unsent();
    if (unsent > 0) {
        // Nothing is dropped in silence: say what never left.
        recordDiscarded(
            unsent, DiscardedFrom::SendQueue,
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

void Connection::recordDiscarded(qint64 bytes, DiscardedFrom from, const QString &text)
{
    if (bytes <= 0)
        return;
    m_discarded.fetch_add(bytes, std::memory_order_acq_rel);
    if (from == DiscardedFrom::EngineBuffer)
        m_discardedFromTx.fetch_add(bytes, std::memory_order_acq_rel);
    TimelineEvent event;
    event.type = TimelineEvent::Discarded;
    event.bytes = bytes;
    event.code = discardedFromKey(from);
    event.text = text;
    appendEvent(event);
}

void Connection::send(const QByteArray &bytes)
{
    // A recording read back from a file has no socket: its actions do nothing.
    if (bytes.isEmpty() || isRecorded())
        return;
    endTxSharing();
    queueSend(bytes, false, 0, 0);
}

void Connection::sendFragmented(const QByteArray &bytes, qint64 fragmentSize, int delayMs)
{
    if (isRecorded())
        return;
    endTxSharing();
    queueSend(bytes, true, fragmentSize, delayMs);
}

void Connection::queueSend(const QByteArray &bytes, bool fragmented, qint64 fragmentSize,
                           int delayMs)
{
    if (isFinalState(state())) {
        // Nothing can leave any more; holding the bytes would hide that.
        if (!bytes.isEmpty())
            recordDiscarded(bytes.size(), DiscardedFrom::AfterEnd,
                            tr("%1 bytes handed to send were not sent: the connection has ended.")
                                .arg(bytes.size()));
        return;
    }
    if (fragmented)
        m_sender.sendFragmented(bytes, fragmentSize, delayMs);
    else
        m_sender.send(bytes);
}

bool Connection::shareTxWithRxOf(const Connection &source)
{
    if (isRecorded() || !m_sender.isIdle())
        return false;
    m_txShared = m_tx.shareBytesOf(source.m_rx);
    return m_txShared;
}

void Connection::endTxSharing()
{
    if (!m_txShared)
        return;
    m_txShared = false;
    // Where these bytes land in tx(): after everything handed over before.
    const StreamStore &store = m_tx.store();
    m_tx.stopSharingAt(store.size() + store.droppedBytes() + m_sender.unsent());
}

void Connection::sendRelayed(const char *data, qint64 size)
{
    if (size <= 0 || isRecorded())
        return;
    const ConnectionState s = state();
    qint64 done = 0;
    // Straight from the reader's buffer when nothing waits before them and
    // no FIN or close is asked for: a relay's bytes skip the queue's copy.
    if (m_sender.isIdle() && !m_halfClosePending && !m_closePending && !m_localFinSent
        && (s == ConnectionState::Established || s == ConnectionState::RemoteHalfClosed)) {
        while (done < size) {
            const qint64 n = writeRecorded(data + done, size - done, false);
            if (n <= 0)
                break; // full (the engine calls flushPending again) or failed (recorded)
            done += n;
        }
        pushToKernel();
    }
    if (done < size)
        queueSend(QByteArray(data + done, qsizetype(size - done)), false, 0, 0);
}

void Connection::sendRelayedFragmented(const QByteArray &bytes, qint64 fragmentSize, int delayMs)
{
    if (isRecorded())
        return;
    queueSend(bytes, true, fragmentSize, delayMs);
}

qint64 Connection::writeRecorded(const char *data, qint64 size, bool fromQueue)
{
    const qint64 n = writeToSocket(data, size);
    if (n <= 0)
        return n;
    const StreamChannel::Appended appended = m_tx.append(data, n, monotonicNs());
    // Before anyone hears of it: a relay looks at what still waits.
    if (fromQueue)
        m_sender.consume(n);
    emit chunkRecorded(Direction::Tx, appended.offset, appended.size);
    if (appended.frames > 0)
        emit messagesDecoded(Direction::Tx, appended.firstFrame, appended.frames);
    return n;
}

void Connection::dropUnsent()
{
    m_sender.clear();
}

void Connection::flushPending()
{
    const ConnectionState s = state();
    if (s != ConnectionState::Established && s != ConnectionState::RemoteHalfClosed
        && s != ConnectionState::Closing)
        return;
    do {
        while (m_sender.queued() > 0 && !m_localFinSent) {
            const qint64 n = writeRecorded(m_sender.data(), m_sender.queued(), true);
            if (n <= 0)
                break; // full (the engine calls flushPending again) or failed (recorded)
        }
        // Only once the bytes are recorded: pushing them may fail and end
        // the connection, which must find them in tx() to count them.
    } while (pushToKernel() && m_sender.queued() > 0 && !m_localFinSent);
    afterFlush();
}

void Connection::afterFlush()
{
    // A send that failed has ended the connection already: no FIN, no close timer.
    if (isFinalState(state()))
        return;
    // FIN and close wait for what the user already sent, fragments included.
    if (!m_sender.isIdle() || engineBufferedBytes() > 0)
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
            m_deadlines.waitForPeerClose(m_closeWaitMs);
            return;
        }
        finishClose();
    }
}

void Connection::setReadSlice(qint64 bytes)
{
    std::lock_guard<std::mutex> lock(m_addressMutex);
    m_options.readSlice = std::max<qint64>(0, bytes);
}

void Connection::setReadPaused(bool paused)
{
    if (m_readPaused == paused || isRecorded())
        return;
    m_readPaused = paused;
    note(paused ? tr("Reading paused: bytes wait in the receive buffer, the window shrinks and "
                     "the sender slows down.")
                : tr("Reading resumed."));
    setReadEnabled(!paused);
}

Connection::ReadOutcome Connection::readOnce(qint64 maxBytes)
{
    if (isRecorded())
        return ReadOutcome::Ended;
    if (maxBytes <= 0)
        return ReadOutcome::Nothing;
    return readOnceFromSocket(maxBytes);
}

void Connection::halfClose()
{
    if (m_localFinSent || isFinalState(state()) || isRecorded())
        return;
    m_halfClosePending = true;
    afterFlush();
}

void Connection::close(int waitForEofMs)
{
    if (isFinalState(state()) || m_closePending || isRecorded())
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
    m_deadlines.stopWaitingForPeerClose();
    m_closePending = false;
    finishOutput();
    closeSocket();
    recordClosed(ConnectionState::Closed, cause, QString());
}

void Connection::abortWithReset()
{
    if (isFinalState(state()) || isRecorded())
        return;
    // close() alone sends FIN; a zero linger time turns it into an RST.
    setResetOnClose(descriptor());
    // The kernel's queue goes too, and nothing is lost in silence (S12):
    // bytes written but not yet acknowledged by the peer.
    const qint64 inKernel = unacknowledgedBytes(descriptor());
    if (inKernel > 0)
        note(tr("The RST also threw away %1 bytes still in the kernel's send queue, not yet "
                "acknowledged by the peer.")
                 .arg(inKernel));
    const qint64 dropped = m_sender.unsent();
    recordDiscarded(dropped, DiscardedFrom::SendQueue,
                    tr("%1 bytes handed to send were thrown away unsent by the RST.").arg(dropped));
    dropUnsent();
    closeSocket();
    recordClosed(ConnectionState::Reset, StateCause::User,
                 dropped > 0
                     ? tr("RST sent (SO_LINGER 0); %1 unsent bytes were thrown away.").arg(dropped)
                     : tr("RST sent (SO_LINGER 0)."));
}

void Connection::failByTimeout(const QString &why)
{
    if (isFinalState(state()) || isRecorded())
        return;
    recordTimeout(TimeoutKind::Connect, why);
    closeSocket();
    recordClosed(ConnectionState::Failed, StateCause::Timeout, why);
}

void Connection::setIdleTimeout(int ms)
{
    if (isRecorded())
        return;
    {
        std::lock_guard<std::mutex> lock(m_addressMutex);
        m_options.idleTimeoutMs = std::max(0, ms);
    }
    m_deadlines.setIdleTimeout(m_options.idleTimeoutMs);
}

void Connection::setWriteStallThreshold(int ms)
{
    if (isRecorded())
        return;
    {
        std::lock_guard<std::mutex> lock(m_addressMutex);
        m_options.writeStallMs = std::max(0, ms);
    }
    m_deadlines.setWriteStallThreshold(m_options.writeStallMs);
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

void Connection::handleWriteStall(qint64 queued)
{
    recordTimeout(TimeoutKind::WriteStall,
                  tr("%1 bytes have waited to be sent for %2 ms: the peer is not reading and "
                     "its receive window is full.")
                      .arg(queued)
                      .arg(m_options.writeStallMs));
}

void Connection::handlePeerCloseTimeout()
{
    recordTimeout(TimeoutKind::Close,
                  tr("The peer did not close its side within %1 ms after our FIN; closing "
                     "anyway.")
                      .arg(m_closeWaitMs));
    finishClose();
}

void Connection::handleKernelSample(const KernelSample &sample)
{
    TimelineEvent event;
    event.type = TimelineEvent::Kernel;
    event.kernel = sample;
    appendEvent(event);
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
