// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/connectiondeadlines.h"
#include "net/connectionoptions.h"
#include "net/fragmentedsender.h"
#include "net/kernelsampler.h"
#include "net/socketerror.h"
#include "stream/streamchannel.h"
#include "timeline/timeline.h"

#include <QByteArray>
#include <QObject>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>

namespace TcpInspector {

/// Where bytes handed to send() waited when the connection threw them away;
/// the code of a TimelineEvent::Discarded.
enum class DiscardedFrom {
    EngineBuffer, ///< in the engine's own buffer (Qt's write buffer), already recorded in tx()
    SendQueue,    ///< in the connection's queue, never handed to the engine
    AfterEnd,     ///< handed to send() after the connection had ended
};
QString discardedFromKey(DiscardedFrom from); ///< "engine_buffer", "send_queue", "after_end"

/// One TCP connection, either end, whatever engine drives it: every read and
/// write recorded as a chunk, decoded as it arrives, and every state change,
/// error and timeout on its timeline. It keeps the state machine and the
/// recording; FragmentedSender holds what waits to be sent,
/// ConnectionDeadlines the timeouts, KernelSampler the kernel's view.
///
/// A Connection lives on one thread (the I/O thread in the app, the main
/// thread in the CLI). Its actions must be called there; other threads use
/// QMetaObject::invokeMethod. Its channels and timeline may be read anywhere.
class Connection : public QObject
{
    Q_OBJECT

public:
    enum class Side { Server, Client };
    /// What one readOnce() found.
    enum class ReadOutcome {
        Read,    ///< bytes came: one chunk on rx()
        Nothing, ///< no byte waits yet (EAGAIN)
        Eof,     ///< the read returned 0: the peer's FIN, recorded as EOF (S8, S12)
        Ended,   ///< there is no socket left to read
    };

    ~Connection() override;

    quint64 id() const { return m_id; }
    Side side() const { return m_side; }
    EngineKind engine() const { return m_options.engine; }
    ConnectionState state() const { return m_state.load(std::memory_order_acquire); }
    QString localAddress() const;
    QString peerAddress() const;
    const StreamChannel &rx() const { return m_rx; }
    const StreamChannel &tx() const { return m_tx; }
    const Timeline &timeline() const { return m_timeline; }
    /// TLS: the records as they crossed the wire, framed as `tls` (rx() and
    /// tx() hold the plaintext inside them). Null without TLS.
    const StreamChannel *wire(Direction direction) const
    {
        return direction == Direction::Rx ? m_wireRx.get() : m_wireTx.get();
    }
    bool usesTls() const { return m_options.tls.enabled; }
    /// TLS: the session's secrets as NSS key log lines (the SSLKEYLOGFILE
    /// format, one per line), what Wireshark needs to decrypt wire(). Empty
    /// without TLS or before the handshake made any. Any thread.
    QByteArray tlsKeyLog() const;
    /// Bytes handed to send() that the socket has not taken yet.
    qint64 pendingBytes() const { return m_sender.queuedAnywhere(); }
    /// Bytes recorded as sent that the engine still holds (Qt's write
    /// buffer), not yet in the kernel; on the connection's thread.
    qint64 bufferedInEngine() const { return engineBufferedBytes(); }
    /// Bytes handed to send() that never reached the kernel: the connection
    /// ended while they waited (Qt closing at EOF, an RST, an error) or they
    /// came after its end. Each loss is also a TimelineEvent::Discarded.
    /// Safe to read from any thread.
    qint64 discardedBytes() const { return m_discarded.load(std::memory_order_acquire); }
    /// Bytes of tx() that reached the kernel: tx() records what was handed to
    /// the engine, less what the engine then discarded. While the qt engine
    /// still buffers bytes they count here too. Safe to read from any thread.
    qint64 sentBytes() const
    {
        return m_tx.store().size() - m_discardedFromTx.load(std::memory_order_acquire);
    }

    // Actions, on the connection's thread.
    /// Begins the life of an accepted connection, once its signals are connected.
    virtual void start() { }
    /// Begins the life of a client connection: resolve, optional local bind
    /// (S14), connect. Every engine takes the same arguments.
    virtual void connectTo(const QString &host, quint16 port, const QString &localHost = QString(),
                           quint16 localPort = 0)
        = 0;
    void send(const QByteArray &bytes);
    /// Writes bytes in pieces of fragmentSize with delayMs between them (S8).
    void sendFragmented(const QByteArray &bytes, qint64 fragmentSize, int delayMs);
    /// Makes tx() keep no copy of what this connection writes: the bytes are
    /// source's reads, in order from its first one (a relay's other leg),
    /// handed over with sendRelayed(), so tx() reads them from source's rx()
    /// at the same offsets and keeps only its own chunks. A send() or
    /// sendFragmented() of other bytes ends the sharing from where they
    /// go. False when something was sent already.
    bool shareTxWithRxOf(const Connection &source);
    /// send() of bytes source read (shareTxWithRxOf()), in the order read:
    /// written at once when nothing waits, without a copy into the queue.
    void sendRelayed(const char *data, qint64 size);
    /// sendFragmented() of bytes source read.
    void sendRelayedFragmented(const QByteArray &bytes, qint64 fragmentSize, int delayMs);
    void setReadSlice(qint64 bytes);
    /// A slow reader: stop reading, let the window fill.
    void setReadPaused(bool paused);
    bool readPaused() const { return m_readPaused; }
    /// The relay pair this connection is a leg of (from 1), or 0: a relay's
    /// client leg is the accepted one (Side::Server), its server leg the one
    /// to the target (Side::Client). Any thread.
    quint64 relayPair() const { return m_relayPair.load(std::memory_order_acquire); }
    void setRelayPair(quint64 pair) { m_relayPair.store(pair, std::memory_order_release); }
    /// Hears every byte read, as it is read, whether the store keeps it or
    /// not (a cap, ring mode): a relay forwards them all.
    void setReadTap(std::function<void(const char *data, qint64 size)> tap)
    {
        m_readTap = std::move(tap);
    }
    /// One read of at most maxBytes, recorded as one chunk, now, without
    /// waiting: how a paused reader takes its bytes by hand (`read` in a
    /// scenario). Pause reading first, or the connection reads by itself.
    ReadOutcome readOnce(qint64 maxBytes);
    /// FIN after the pending bytes: "done sending, still reading" (S13).
    void halfClose();
    /// Flush, then close; with waitForEofMs, half-close first and wait that long
    /// for the peer's EOF (S12).
    void close(int waitForEofMs = 0);
    /// Close with an RST (SO_LINGER {1, 0}), throwing away unsent bytes.
    void abortWithReset();
    void setIdleTimeout(int ms);
    void setWriteStallThreshold(int ms);
    bool setFraming(Direction direction, const QString &spec, QString *error);
    /// Swaps in a framing prepared off this thread (StreamChannel::prepareFraming).
    void adoptFraming(Direction direction, std::unique_ptr<PreparedFraming> prepared);
    /// Gives up on a connection that is not established yet (connect timeout).
    void failByTimeout(const QString &why);
    /// A remark on the timeline from whoever drives the connection.
    void addNote(const QString &text) { note(text); }
    /// The socket's descriptor, or -1; for options the endpoints set.
    int socketDescriptor() const { return descriptor(); }

    /// A connection read back from a session file: no socket, no actions.
    virtual bool isRecorded() const { return false; }
    /// The options it runs with now (read slice, timeouts change while it
    /// runs); any thread. What a session file keeps as its settings.
    ConnectionOptions optionsSnapshot() const;
    /// The part of discardedBytes() that tx() recorded but never sent.
    qint64 discardedFromTx() const { return m_discardedFromTx.load(std::memory_order_acquire); }
    /// "Now" on the clock of this connection's times: monotonicNs() while
    /// live; a recording's own end, or a replay's cursor, when recorded (its
    /// times come from the process that recorded it). Any thread.
    virtual qint64 nowNs() const;

Q_SIGNALS:
    void stateChanged(TcpInspector::ConnectionState state, TcpInspector::StateCause cause);
    void chunkRecorded(TcpInspector::Direction direction, qint64 offset, qint64 size);
    void messagesDecoded(TcpInspector::Direction direction, qint64 first, qint64 count);
    void framingErrors(TcpInspector::Direction direction, qint64 first, qint64 count);
    /// TLS: bytes read from or written to the socket, recorded on wire(direction).
    void wireChunkRecorded(TcpInspector::Direction direction, qint64 offset, qint64 size);
    /// TLS: records decoded on wire(direction) (its tls framing), after their chunk.
    void wireMessagesDecoded(TcpInspector::Direction direction, qint64 first, qint64 count);
    /// A timeline event other than data: its index in timeline().
    void eventRecorded(qint64 index);
    /// Reached Closed, Reset or Failed; emitted once.
    void finished();

protected:
    Connection(Side side, quint64 id, const ConnectionOptions &options, QObject *parent);

    // What an engine does.
    /// Hands bytes to the socket; returns how many it took (0 when full), -1 on
    /// error (after the engine recorded it).
    virtual qint64 writeToSocket(const char *data, qint64 size) = 0;
    /// Bytes the engine holds that the kernel has not taken (Qt's write buffer).
    virtual qint64 engineBufferedBytes() const { return 0; }
    /// Hands the kernel what the engine buffers, now rather than when the
    /// event loop comes round; true when the engine's buffer is empty after
    /// it, so that more may be written.
    virtual bool pushToKernel() { return false; }
    virtual void shutdownWrite() = 0;
    /// A graceful close is about to close the socket: last words first
    /// (TLS's close_notify). An RST or an error does not call it.
    virtual void finishOutput() { }
    virtual void closeSocket() = 0;
    virtual void setReadEnabled(bool enabled) = 0;
    /// One non-blocking read of at most maxBytes, recorded (readOnce()).
    virtual ReadOutcome readOnceFromSocket(qint64 maxBytes) = 0;
    virtual int descriptor() const = 0;

    // What engines report.
    /// The engine has a socket whose connect(2) is under way: the kernel's
    /// view is sampled from now on.
    void watchKernelWhileConnecting();
    void setEstablished(const QString &local, const QString &peer, StateCause cause);
    void recordRead(const char *data, qint64 size);
    /// The peer's FIN: read returned 0 (or, with TLS, its close_notify: text says so).
    void recordEof(const QString &text = QString());
    /// TLS: bytes the socket read or wrote, as they were on the wire.
    void recordWire(Direction direction, const char *data, qint64 size);
    /// TLS: one line of the session's key log, without its newline.
    void recordTlsKeyLog(const QByteArray &line);
    /// TLS: a note with its details (code tls_handshake_start, tls_handshake, tls_alert).
    void recordTlsNote(const QString &code, const QString &text, const TlsDetails &details,
                       Direction direction = Direction::Rx);
    /// The connection ended: by us, by the peer, by an error.
    void recordClosed(ConnectionState final, StateCause cause, const QString &why);
    void recordError(const SocketErrorInfo &error);
    void recordTimeout(TimeoutKind kind, const QString &text);
    void note(const QString &text);
    /// Bytes that will never reach the peer: counted, and an event on the timeline.
    void recordDiscarded(qint64 bytes, DiscardedFrom from, const QString &text);
    void setState(ConnectionState state, StateCause cause, const QString &why = QString());
    qint64 readSlice() const { return m_options.readSlice; }
    const ConnectionOptions &options() const { return m_options; }
    /// The engine can take more bytes now.
    void flushPending();
    /// Applies the socket options that need a descriptor (nodelay, buffers).
    void applySocketOptions();

    // Restoring a recording (RecordedConnection), on one thread: the same
    // signals as live (a replay is watched while it fills), but no timer
    // and no kernel sampling.
    StreamChannel &channel(Direction direction) { return direction == Direction::Rx ? m_rx : m_tx; }
    /// TLS: wire(direction), to restore; null without TLS.
    StreamChannel *wireChannel(Direction direction)
    {
        return direction == Direction::Rx ? m_wireRx.get() : m_wireTx.get();
    }
    /// Tells the watchers what an append or a stream's end decoded: its
    /// framing errors, then its messages.
    void announceDecoded(Direction direction, const StreamChannel::Appended &appended);
    /// Appends a recorded event; a state change also becomes the state.
    void restoreEvent(const TimelineEvent &event);
    void restoreAddresses(const QString &local, const QString &peer);
    void restoreEnd(ConnectionState state, const QString &local, const QString &peer,
                    qint64 discarded, qint64 discardedFromTx);

private:
    void appendEvent(TimelineEvent event);
    /// What send() and sendFragmented() share.
    void queueSend(const QByteArray &bytes, bool fragmented, qint64 fragmentSize, int delayMs);
    /// Bytes not source's go out next: tx() keeps them itself.
    void endTxSharing();
    /// Writes to the socket and records what it took in tx() (taking it off
    /// the queue when it came from there); the count, 0 when full, -1 on error.
    qint64 writeRecorded(const char *data, qint64 size, bool fromQueue);
    void dropUnsent();
    void afterFlush();
    void handleIdleTimeout();
    void handleWriteStall(qint64 queued);
    void handlePeerCloseTimeout();
    void handleKernelSample(const KernelSample &sample);
    void finishClose(StateCause cause = StateCause::User);

    const Side m_side;
    const quint64 m_id;
    ConnectionOptions m_options;
    StreamChannel m_rx;
    StreamChannel m_tx;
    std::unique_ptr<StreamChannel> m_wireRx; // TLS only
    std::unique_ptr<StreamChannel> m_wireTx;
    Timeline m_timeline;
    std::atomic<ConnectionState> m_state {ConnectionState::Connecting};
    mutable std::mutex m_addressMutex; // also guards m_options' changes after the start
    QString m_local;
    QString m_peer;
    QByteArray m_tlsKeyLog; // guarded by m_addressMutex too

    FragmentedSender m_sender;
    ConnectionDeadlines m_deadlines;
    KernelSampler m_kernel;
    bool m_readPaused = false;
    std::function<void(const char *, qint64)> m_readTap;
    bool m_txShared = false; // tx() reads its bytes from another connection's rx()
    std::atomic<quint64> m_relayPair {0};
    bool m_halfClosePending = false; // FIN once the pending bytes are out
    bool m_closePending = false;     // close once the pending bytes are out
    int m_closeWaitMs = 0;
    bool m_localFinSent = false;
    bool m_remoteEof = false;
    bool m_finishedEmitted = false;
    std::atomic<qint64> m_discarded {0};
    std::atomic<qint64> m_discardedFromTx {0}; // the EngineBuffer part: in tx(), never sent
};

} // namespace TcpInspector
