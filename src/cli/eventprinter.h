// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "eventselection.h"

#include "framing/frame.h"
#include "net/socketerror.h"
#include "stream/streamstore.h"
#include "timeline/timeline.h"

#include <QHash>
#include <QObject>

#include <functional>

namespace TcpInspector {

class Connection;
class JsonLine;
struct HostPort;

/// Prints what happens to connections as JSON lines on stdout, each with the
/// milliseconds since the run began, and counts it for the summary. Shared by
/// `tcpinspector-cli listen` and `tcpinspector-cli connect`.
class EventPrinter : public QObject
{
    Q_OBJECT

public:
    /// previewBytes: bytes of each message's payload shown in its "preview".
    explicit EventPrinter(int previewBytes, QObject *parent = nullptr);
    ~EventPrinter() override;

    /// Which event lines to print (all by default). What is not printed is
    /// still counted for the summary.
    void setEvents(const EventSelection &events) { m_events = events; }

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
    /// Fields the summary adds after its own (run's scenario counts).
    void setSummaryFields(std::function<void(JsonLine &)> fields)
    {
        m_summaryFields = std::move(fields);
    }
    /// The last line: connections, bytes and messages each way, bytes
    /// discarded, errors.
    void printSummary();

    /// Writes the lines printed so far to stdout now. Lines otherwise leave
    /// in batches, when the event loop has handled what was pending.
    void flush();

    /// Connections that were never established or that an error ended.
    int failedConnections() const { return m_failedConnections; }

private:
    /// How far the output of one connection has got.
    struct Progress
    {
        qint64 chunks[2] = {0, 0}; ///< per Direction: chunks printed
        qint64 frames[2] = {0, 0};
        qint64 errors[2] = {0, 0};
        qint64 knownErrors[2] = {0, 0}; ///< framing errors the channel has reported
        qint64 printedEnd[2] = {0, 0};  ///< stream offset after the last chunk printed
        qint64 evicted[2] = {0, 0};     ///< ring mode: bytes let go, as last seen
        /// Why it began closing: a close that a timeout began ends in a plain
        /// Closed, and the closed event should say why.
        StateCause closingCause = StateCause::User;
    };

    /// Prints the chunks, messages and framing errors recorded since the last
    /// call, both directions merged by time. Handlers of the connection's
    /// signals act before the printer hears of them (an echo server writes
    /// the reply from its chunkRecorded handler), so the printer goes by what
    /// the stores hold, not by which signal came first.
    void catchUp(const Connection *connection);
    qint64 evictedBytes() const;
    void skipEvicted(const Connection *connection, Progress &progress);
    void printChunk(const Connection *connection, Direction direction,
                    const StreamStore::Chunk &chunk);
    /// Messages and framing errors of direction that end by offset end (all when -1).
    void printDecodedUpTo(const Connection *connection, Direction direction, qint64 end,
                          qint64 timeNs);
    void printMessage(const Connection *connection, Direction direction, const Frame &frame,
                      qint64 index, qint64 timeNs);
    void printFramingError(const Connection *connection, Direction direction,
                           const FrameError &error, qint64 timeNs);
    void printTimelineEvent(const Connection *connection, const TimelineEvent &event);
    void printStateChange(const Connection *connection, const TimelineEvent &event);
    /// An "error" line, from a listener's error or a connection's timeline.
    void writeError(const Connection *connection, const SocketErrorInfo &error, qint64 timeNs);
    /// A line for event: "event", then "conn" when there is a connection.
    JsonLine begin(const char *event, const Connection *connection) const;
    /// Queues line with "t" (ms since the start, 3 decimals) in front.
    void write(const JsonLine &line, qint64 timeNs);

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
    QByteArray m_out; ///< lines not yet written
    bool m_flushQueued = false;
    bool m_summaryWritten = false;
};

} // namespace TcpInspector
