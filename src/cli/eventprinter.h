// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "eventselection.h"

#include "framing/frame.h"
#include "net/socketerror.h"
#include "stream/streamstore.h"
#include "timeline/timeline.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>

#include <functional>
#include <limits>
#include <vector>

class QIODevice;

namespace TcpInspector {

class Connection;
class JsonLine;
struct HostPort;

/// A line a command printed on its own rather than from a connection's
/// recording (listening, connecting, note, expect_*, step, say, summary):
/// a session file keeps these beside the connections.
struct StoredLine
{
    qint64 timeNs = 0; ///< monotonicNs() when it was printed
    quint64 conn = 0;  ///< the connection it names, 0 for none
    QByteArray json;   ///< the object without "t": {"event":...}
};

/// Prints what happens to connections as JSON lines on stdout, each with the
/// milliseconds since the run began, and counts it for the summary. Shared by
/// `tcpinspector-cli listen`, `connect`, `run` and `show`.
///
/// Each connection's lines come from what it recorded: its chunks and
/// messages (both directions), the ends of its streams and its timeline,
/// merged by time. Live, every signal of the connection only makes the
/// printer catch up with that recording; replay() walks the same recording
/// of a finished run, so a saved session prints the lines the run printed.
class EventPrinter : public QObject
{
    Q_OBJECT

public:
    /// Gets a command's own lines, whether --events shows them or not.
    using LineRecorder
        = std::function<void(qint64 timeNs, quint64 conn, const QByteArray &jsonWithoutT)>;

    /// previewBytes: bytes of each message's payload shown in its "preview";
    /// startNs: the monotonicNs() that "t" counts from.
    explicit EventPrinter(int previewBytes, qint64 startNs = monotonicNs(),
                          QObject *parent = nullptr);
    ~EventPrinter() override;

    qint64 startNs() const { return m_startNs; }
    /// Which event lines to print (all by default). What is not printed is
    /// still counted for the summary.
    void setEvents(const EventSelection &events) { m_events = events; }
    /// Where lines go: stdout (null, the default) or device.
    void setOutput(QIODevice *device) { m_device = device; }
    /// --tls-records: also a wire_chunk line per read or write of a TLS
    /// connection's records (Connection::wire()) and a tls_record line per
    /// record, merged by time with the plaintext's lines. Off by default,
    /// so the output of a TLS run stays the plaintext's.
    void setTlsRecords(bool on) { m_tlsRecords = on; }
    /// recorder hears every line no connection's recording holds (listening,
    /// connecting, errors outside a connection, notes, expect_*, printEvent's
    /// lines, the summary), before --events filters it: `-q --save` keeps them.
    void setLineRecorder(LineRecorder recorder) { m_recorder = std::move(recorder); }

    /// Prints the events of connection from now on. Call it before the
    /// connection starts, so that nothing is missed.
    void watch(Connection *connection);

    void printListening(const HostPort &address);
    /// A client connection about to connect to address.
    void printConnecting(const Connection *connection, const QString &address);
    /// An error outside any connection: listening or accepting failed.
    void printError(const SocketErrorInfo &error);
    /// Something the command did on its own (stopping on a signal...).
    void printNote(const QString &text);
    /// --expect: pattern number index (from 1) matched received message
    /// number message (from 0) after waitedNs.
    void printExpectMatched(const Connection *connection, int index, const QString &pattern,
                            qint64 message, const QByteArray &payload, qint64 waitedNs);
    /// --expect: pattern number index did not match in time ("timeout") or
    /// before the peer closed ("closed"); passedOver messages came meanwhile,
    /// the newest of them lastPayload.
    void printExpectFailed(const Connection *connection, int index, const QString &pattern,
                           const char *reason, qint64 waitedNs, qint64 passedOver,
                           const QByteArray &lastPayload);
    /// A line of a command's own event (run's step, say), if shown: fill
    /// adds the fields after "event" (and "conn" when there is a connection).
    void printEvent(const char *event, const Connection *connection,
                    const std::function<void(JsonLine &)> &fill);
    /// Fields every line of a connection adds after "conn" (relay's "leg"
    /// and "pair").
    void setConnectionFields(std::function<void(const Connection *, JsonLine &)> fields)
    {
        m_connectionFields = std::move(fields);
    }
    /// Fields the summary adds after its own (run's scenario counts).
    void setSummaryFields(std::function<void(JsonLine &)> fields)
    {
        m_summaryFields = std::move(fields);
    }
    /// The last line: connections, bytes and messages each way, bytes
    /// discarded, errors.
    void printSummary();

    /// Prints finished connections and a command's stored lines as the live
    /// run printed them: merged by time, "t" from startNs(). The stored
    /// summary ends it; without one, a summary is counted from what was
    /// printed (without the process's figures: descriptors, time, memory).
    void replay(const QList<const Connection *> &connections, const std::vector<StoredLine> &lines);

    /// Writes the lines printed so far now. Lines otherwise leave in
    /// batches, when the event loop has handled what was pending.
    void flush();

    /// Connections that were never established or that an error ended.
    int failedConnections() const { return m_failedConnections; }

private:
    /// The sources of a connection's lines, in the order that wins a tie:
    /// TLS records are read before their plaintext and sent before a write
    /// is recorded, a read makes a reply, and a stream's end and its event
    /// come after its last chunk (they are recorded after it).
    enum Source {
        WireRxChunk,
        WireTxChunk,
        RxChunk,
        TxChunk,
        RxEnd,
        TxEnd,
        TimelineEvents,
        SourceCount
    };
    static constexpr qint64 noItem = std::numeric_limits<qint64>::max();

    /// How far the output of one connection has got.
    // NOLINTNEXTLINE(bugprone-reserved-identifier): clang-tidy 14 sees a name of its own making
    struct Progress
    {
        const Connection *connection = nullptr;
        qint64 chunks[2] = {0, 0}; ///< per Direction: chunks printed
        qint64 frames[2] = {0, 0};
        qint64 errors[2] = {0, 0};
        qint64 printedEnd[2] = {0, 0};        ///< stream offset after the last chunk printed
        qint64 evicted[2] = {0, 0};           ///< ring mode: bytes let go, as last seen
        bool ended[2] = {false, false};       ///< the stream's end (finishedAtNs) printed
        qint64 events = 0;                    ///< timeline events printed
        qint64 wireChunks[2] = {0, 0};        ///< --tls-records: wire chunks printed
        qint64 wireFrames[2] = {0, 0};        ///< --tls-records: records printed
        std::vector<FrameError> errorCopy[2]; ///< the channel's framing errors, as last copied
        qint64 next[SourceCount] = {};        ///< each source's next time, noItem when none
        /// Why it began closing: a close that a timeout began ends in a plain
        /// Closed, and the closed event should say why.
        StateCause closingCause = StateCause::User;
    };

    /// Prints everything connection recorded since the last call, merged by
    /// time. Handlers of the connection's signals act before the printer
    /// hears of them (an echo server writes the reply from its chunkRecorded
    /// handler), so the printer goes by what was recorded, not by which
    /// signal came first.
    void catchUp(const Connection *connection);
    /// Every watched connection: before a command's own line, so that the
    /// line follows what happened before it, as replay() puts it.
    void catchUpAll();
    /// Looks up the next time of every source.
    void refreshNext(Progress &progress) const;
    void refreshNext(Progress &progress, Source source) const;
    /// The source whose item comes next, or SourceCount when there is none.
    static Source nextSource(const Progress &progress);
    void printItem(Progress &progress, Source source);
    /// A command's own line: recorded, then printed if --events shows it.
    void writeCommandLine(const char *event, const Connection *connection, const JsonLine &line,
                          qint64 timeNs);
    /// A stored line in replay(): printed if shown, and counted as live.
    void writeStoredLine(const StoredLine &line);
    qint64 evictedBytes() const;
    void skipEvicted(const Connection *connection, Progress &progress);
    void printChunk(const Connection *connection, Direction direction,
                    const StreamStore::Chunk &chunk);
    /// --tls-records: when the next wire chunk of direction came, or noItem.
    qint64 nextWireChunkNs(const Progress &progress, Direction direction) const;
    /// --tls-records: the next wire chunk of direction, then the records it completed.
    void printWireChunk(Progress &progress, Direction direction);
    void printTlsRecord(const Connection *connection, Direction direction, const Frame &frame,
                        qint64 index, qint64 timeNs);
    /// Messages and framing errors of direction that end by offset end (all when -1).
    void printDecodedUpTo(const Connection *connection, Direction direction, qint64 end,
                          qint64 timeNs);
    void printMessage(const Connection *connection, Direction direction, const Frame &frame,
                      qint64 index, qint64 timeNs);
    void printFramingError(const Connection *connection, Direction direction,
                           const FrameError &error, qint64 timeNs);
    void printTimelineEvent(const Connection *connection, const TimelineEvent &event);
    /// A TLS note: tls_handshake_start, tls_handshake or tls_alert.
    void printTlsEvent(const Connection *connection, const TimelineEvent &event);
    void printStateChange(const Connection *connection, const TimelineEvent &event);
    /// An "error" line from a connection's timeline.
    void writeError(const Connection *connection, const SocketErrorInfo &error, qint64 timeNs);
    /// A line for event: "event", then "conn" when there is a connection.
    JsonLine begin(const char *event, const Connection *connection) const;
    /// Queues line with "t" (ms since the start, 3 decimals) in front.
    void write(const JsonLine &line, qint64 timeNs);
    /// fields: the object's text between its braces.
    void writeFields(const char *fields, qsizetype size, qint64 timeNs);
    /// The summary's line; processFigures: this process's descriptors,
    /// time, rates and memory (not for a replay).
    JsonLine summaryLine(bool processFigures, qint64 nowNs) const;

    const qint64 m_startNs;
    const int m_previewBytes;
    QHash<quint64, Progress> m_progress;
    qint64 m_connections = 0;
    qint64 m_bytes[2] = {0, 0};
    qint64 m_messages[2] = {0, 0};
    qint64 m_evicted = 0;         ///< ring mode, of connections gone
    qint64 m_discarded = 0;       ///< bytes handed to send that never reached the kernel
    qint64 m_discardedFromTx = 0; ///< the part of them that tx chunks had counted
    qint64 m_errors = 0;
    qint64 m_framingErrors = 0;
    qint64 m_expectFailed = 0;
    int m_failedConnections = 0;
    EventSelection m_events;
    std::function<void(JsonLine &)> m_summaryFields;
    std::function<void(const Connection *, JsonLine &)> m_connectionFields;
    LineRecorder m_recorder;
    QIODevice *m_device = nullptr;
    QByteArray m_out; ///< lines not yet written
    bool m_flushQueued = false;
    bool m_summaryWritten = false;
    bool m_tlsRecords = false;
};

} // namespace TcpInspector
