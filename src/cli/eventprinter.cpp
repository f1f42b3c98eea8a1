// SPDX-License-Identifier: GPL-3.0-or-later
#include "eventprinter.h"

#include "jsonline.h"

#include "framing/decoderregistry.h"

#include "net/connection.h"
#include "net/descriptorcount.h"
#include "net/hostport.h"
#include "stream/bytepreview.h"

#include <QFile>
#include <QIODevice>
#include <QJsonDocument>
#include <QJsonObject>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <queue>

namespace TcpInspector {

namespace {

// Only the states that no event of their own stands for get a "state" line:
// Established is "accepted"/"connected", the half-closed states follow a
// "half_closed" line, and the final ones are "closed"/"reset".
bool hasOwnStateLine(ConnectionState state)
{
    return state == ConnectionState::Resolving || state == ConnectionState::Connecting
           || state == ConnectionState::Closing;
}

// Past this many bytes of lines a batch is written at once.
constexpr qsizetype flushBytes = qsizetype(256) * 1024;

// The most this process held in RAM (VmHWM); -1 when the kernel does not
// say. Not ru_maxrss: Linux carries a parent's high-water mark through fork
// and exec into it, so a child of a process that once held 300 MB said 300 MB.
qint64 peakResidentBytes()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (status.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : status.readAll().split('\n')) {
            if (line.startsWith("VmHWM:"))
                return line.mid(6).trimmed().split(' ').value(0).toLongLong() * 1024;
        }
    }
    struct rusage usage = {};
    if (getrusage(RUSAGE_SELF, &usage) != 0)
        return -1;
    return qint64(usage.ru_maxrss) * 1024; // Linux reports kilobytes
}

// The "event" of a stored line, which JsonLine always writes first.
QByteArray storedEventName(const QByteArray &json)
{
    static const QByteArray prefix = QByteArrayLiteral("{\"event\":\"");
    if (json.startsWith(prefix)) {
        const qsizetype end = json.indexOf('"', prefix.size());
        if (end > 0)
            return json.mid(prefix.size(), end - prefix.size());
    }
    return QJsonDocument::fromJson(json).object().value(QLatin1String("event")).toString().toUtf8();
}

} // namespace

EventPrinter::EventPrinter(int previewBytes, qint64 startNs, QObject *parent)
    : QObject(parent), m_startNs(startNs), m_previewBytes(previewBytes)
{ }

JsonLine EventPrinter::begin(const char *event, const Connection *connection) const
{
    JsonLine line;
    line.add("event", event);
    if (connection) {
        line.add("conn", qint64(connection->id()));
        if (m_connectionFields)
            m_connectionFields(connection, line);
    }
    return line;
}

EventPrinter::~EventPrinter()
{
    flush();
}

void EventPrinter::write(const JsonLine &line, qint64 timeNs)
{
    const QByteArray &text = line.openText();
    writeFields(text.constData() + 1, text.size() - 1, timeNs);
}

void EventPrinter::writeFields(const char *fields, qsizetype size, qint64 timeNs)
{
    // The summary is the last line (docs/CLI.md): a kernel lookup that
    // reports after it, on a connection that ended, is not printed.
    if (m_summaryWritten)
        return;
    // JsonLine has integers only; "t" is milliseconds with 3 decimals, put
    // first so that a person scanning the output sees the time at the left.
    const double ms = double(std::max<qint64>(0, timeNs - m_startNs)) / 1e6;
    m_out += "{\"t\":";
    m_out += QByteArray::number(ms, 'f', 3);
    if (size > 0) {
        m_out += ',';
        m_out.append(fields, size);
    }
    m_out += "}\n";
    // One write(2) per batch rather than per line: a read of 64-byte lines
    // makes thousands of "message" lines. A script (or a test) waits for
    // "listening" to learn the port, so a batch leaves as soon as the event
    // loop has handled what was pending, never later.
    if (m_out.size() >= flushBytes) {
        flush();
    } else if (!m_flushQueued) {
        m_flushQueued = true;
        QMetaObject::invokeMethod(this, &EventPrinter::flush, Qt::QueuedConnection);
    }
}

void EventPrinter::flush()
{
    m_flushQueued = false;
    if (m_device) {
        m_device->write(m_out);
        m_out.resize(0);
        return;
    }
    if (!m_out.isEmpty()) {
        std::fwrite(m_out.constData(), 1, size_t(m_out.size()), stdout);
        m_out.resize(0); // keeps its capacity for the next batch
    }
    std::fflush(stdout);
}

void EventPrinter::watch(Connection *connection)
{
    ++m_connections;
    Progress fresh;
    fresh.connection = connection;
    m_progress.insert(connection->id(), fresh);
    // Which signal it was does not matter: each one means "the recording has
    // grown", and catchUp() prints what is new in the order it happened.
    // State changes, half-closes, errors, timeouts, kernel samples and notes
    // all go through the timeline.
    const auto catchUpThis = [this, connection] {
        catchUp(connection);
    };
    connect(connection, &Connection::chunkRecorded, this, catchUpThis);
    connect(connection, &Connection::messagesDecoded, this, catchUpThis);
    connect(connection, &Connection::framingErrors, this, catchUpThis);
    connect(connection, &Connection::eventRecorded, this, catchUpThis);
    if (m_tlsRecords) {
        connect(connection, &Connection::wireChunkRecorded, this, catchUpThis);
        connect(connection, &Connection::wireMessagesDecoded, this, catchUpThis);
    }
    connect(connection, &QObject::destroyed, this, [this, id = connection->id()] {
        const Progress progress = m_progress.take(id);
        m_evicted += progress.evicted[0] + progress.evicted[1];
    });
}

void EventPrinter::printListening(const HostPort &address)
{
    JsonLine line = begin("listening", nullptr);
    line.add("address", address.host).add("port", qint64(address.port));
    writeCommandLine("listening", nullptr, line, monotonicNs());
}

void EventPrinter::printConnecting(const Connection *connection, const QString &address)
{
    JsonLine line = begin("connecting", connection);
    line.add("address", address);
    writeCommandLine("connecting", connection, line, monotonicNs());
}

void EventPrinter::printError(const SocketErrorInfo &error)
{
    const qint64 now = monotonicNs();
    ++m_errors;
    JsonLine line = begin("error", nullptr);
    line.add("code", error.code)
        .add("errno", qint64(error.sysErrno))
        .add("message", error.message)
        .add("explain", error.explanation);
    writeCommandLine("error", nullptr, line, now);
}

void EventPrinter::writeError(const Connection *connection, const SocketErrorInfo &error,
                              qint64 timeNs)
{
    ++m_errors;
    if (!m_events.shows("error"))
        return;
    JsonLine line = begin("error", connection);
    line.add("code", error.code)
        .add("errno", qint64(error.sysErrno))
        .add("message", error.message)
        .add("explain", error.explanation);
    write(line, timeNs);
}

void EventPrinter::printNote(const QString &text)
{
    JsonLine line = begin("note", nullptr);
    line.add("text", text);
    writeCommandLine("note", nullptr, line, monotonicNs());
}

void EventPrinter::printExpectMatched(const Connection *connection, int index,
                                      const QString &pattern, qint64 message,
                                      const QByteArray &payload, qint64 waitedNs)
{
    printEvent("expect_matched", connection, [&](JsonLine &line) {
        line.add("index", index)
            .add("expected", pattern)
            .add("message", message)
            .add("waited_ms", waitedNs / 1000000)
            .add("preview", bytePreview(payload, m_previewBytes));
    });
}

void EventPrinter::printExpectFailed(const Connection *connection, int index,
                                     const QString &pattern, const char *reason, qint64 waitedNs,
                                     qint64 passedOver, const QByteArray &lastPayload)
{
    ++m_expectFailed;
    printEvent("expect_failed", connection, [&](JsonLine &line) {
        line.add("index", index)
            .add("expected", pattern)
            .add("reason", reason)
            .add("waited_ms", waitedNs / 1000000)
            .add("received_messages", passedOver);
        if (passedOver > 0)
            line.add("received", bytePreview(lastPayload, m_previewBytes));
        else
            line.addNull("received");
    });
}

void EventPrinter::printEvent(const char *event, const Connection *connection,
                              const std::function<void(JsonLine &)> &fill)
{
    if (!m_recorder && !m_events.shows(event))
        return;
    JsonLine line = begin(event, connection);
    fill(line);
    writeCommandLine(event, connection, line, monotonicNs());
}

void EventPrinter::writeCommandLine(const char *event, const Connection *connection,
                                    const JsonLine &line, qint64 timeNs)
{
    // What the connections recorded before this line prints before it, as
    // a replay orders it by time (an expectation's handler may run before
    // the printer hears of the message it matched).
    catchUpAll();
    if (m_recorder)
        m_recorder(timeNs, connection ? connection->id() : 0, line.openText() + '}');
    if (m_events.shows(event))
        write(line, timeNs);
}

void EventPrinter::printSummary()
{
    catchUpAll();
    const qint64 now = monotonicNs();
    JsonLine line = summaryLine(true, now);
    if (m_summaryFields)
        m_summaryFields(line);
    if (m_recorder)
        m_recorder(now, 0, line.openText() + '}');
    write(line, now);
    m_summaryWritten = true;
    flush();
}

JsonLine EventPrinter::summaryLine(bool processFigures, qint64 nowNs) const
{
    JsonLine line = begin("summary", nullptr);
    line.add("connections", m_connections)
        .add("rx_bytes", m_bytes[int(Direction::Rx)])
        // What reached the kernel: a tx chunk is what was handed to the
        // engine, and the qt engine may have thrown part of it away.
        .add("tx_bytes", m_bytes[int(Direction::Tx)] - m_discardedFromTx)
        .add("rx_messages", m_messages[int(Direction::Rx)])
        .add("tx_messages", m_messages[int(Direction::Tx)])
        .add("errors", m_errors)
        .add("framing_errors", m_framingErrors)
        .add("discarded_bytes", m_discarded)
        .add("evicted_bytes", evictedBytes())
        .add("expect_failed", m_expectFailed);
    if (!processFigures)
        return line;
    line.add("open_descriptors", qint64(openDescriptorCount()))
        .add("descriptor_limit", qint64(descriptorLimit()));
    // How long and how fast, and what it cost: the figures a user of a quiet
    // run (-q) looks for, as tshark -q and iperf3 print them.
    const qint64 wallNs = std::max<qint64>(1, nowNs - m_startNs);
    const auto perSecond = [wallNs](qint64 bytes) {
        return qint64(double(bytes) * 1e9 / double(wallNs));
    };
    line.add("wall_ms", wallNs / 1000000)
        .add("rx_bytes_per_s", perSecond(m_bytes[int(Direction::Rx)]))
        .add("tx_bytes_per_s", perSecond(m_bytes[int(Direction::Tx)] - m_discardedFromTx))
        .add("peak_rss_bytes", peakResidentBytes());
    return line;
}

void EventPrinter::replay(const QList<const Connection *> &connections,
                          const std::vector<StoredLine> &lines)
{
    QList<const Connection *> replayed;
    for (const Connection *connection : connections) {
        if (m_progress.contains(connection->id()))
            continue; // one recording per connection
        ++m_connections;
        Progress fresh;
        fresh.connection = connection;
        m_progress.insert(connection->id(), fresh);
        replayed.append(connection);
    }
    // A k-way merge by time: each connection's next item, then the stored
    // lines, which were printed after what was recorded before them.
    // Pointers into m_progress: nothing is inserted from here on.
    std::vector<Progress *> progress;
    using Head = std::pair<qint64, size_t>; // next time, index into progress
    std::priority_queue<Head, std::vector<Head>, std::greater<>> heads;
    const auto push = [&heads, &progress](size_t index) {
        const Source source = nextSource(*progress[index]);
        if (source != SourceCount)
            heads.push({progress[index]->next[source], index});
    };
    for (const Connection *connection : std::as_const(replayed)) {
        Progress &p = m_progress[connection->id()];
        skipEvicted(connection, p);
        refreshNext(p);
        progress.push_back(&p);
        push(progress.size() - 1);
    }
    qint64 lastNs = m_startNs;
    size_t line = 0;
    while (!m_summaryWritten && (!heads.empty() || line < lines.size())) {
        if (line < lines.size() && (heads.empty() || lines[line].timeNs < heads.top().first)) {
            lastNs = std::max(lastNs, lines[line].timeNs);
            writeStoredLine(lines[line++]);
            continue;
        }
        const size_t index = heads.top().second;
        lastNs = std::max(lastNs, heads.top().first);
        heads.pop();
        printItem(*progress[index], nextSource(*progress[index]));
        push(index);
    }
    if (!m_summaryWritten) {
        // A session without its summary (a run that did not get that far):
        // counted from what was printed.
        write(summaryLine(false, lastNs), lastNs);
        m_summaryWritten = true;
    }
    flush();
}

void EventPrinter::writeStoredLine(const StoredLine &line)
{
    const QByteArray event = storedEventName(line.json);
    if (event == "error") {
        ++m_errors; // a listener's or an accept's error, as printError() counts it
    } else if (event == "expect_failed" && line.conn != 0) {
        ++m_expectFailed; // connect --expect's; run's have no connection
    }
    if (event != "summary" && !m_events.shows(event.constData()))
        return;
    if (line.json.size() >= 2 && line.json.startsWith('{') && line.json.endsWith('}'))
        writeFields(line.json.constData() + 1, line.json.size() - 2, line.timeNs);
    if (event == "summary")
        m_summaryWritten = true;
}

qint64 EventPrinter::evictedBytes() const
{
    qint64 total = m_evicted;
    for (const Progress &progress : m_progress)
        total += progress.evicted[0] + progress.evicted[1];
    return total;
}

void EventPrinter::skipEvicted(const Connection *connection, Progress &progress)
{
    // Ring mode let chunks go before they were printed (a printer that fell
    // behind): their bytes still count as received, and were counted as let go.
    const StreamStore *stores[2] = {&connection->rx().store(), &connection->tx().store()};
    for (int d = 0; d < 2; ++d) {
        progress.evicted[d] = stores[d]->evictedBytes();
        const qint64 first = stores[d]->firstChunk();
        if (progress.chunks[d] >= first)
            continue;
        const qint64 resume
            = first < stores[d]->chunkCount() ? stores[d]->chunk(first).offset : stores[d]->size();
        m_bytes[d] += resume - progress.printedEnd[d];
        progress.printedEnd[d] = resume;
        progress.chunks[d] = first;
    }
}

void EventPrinter::catchUp(const Connection *connection)
{
    const auto it = m_progress.find(connection->id());
    if (it == m_progress.end())
        return;
    Progress &progress = *it;
    skipEvicted(connection, progress);
    refreshNext(progress);
    for (Source source = nextSource(progress); source != SourceCount; source = nextSource(progress))
        printItem(progress, source);
}

void EventPrinter::catchUpAll()
{
    for (const quint64 id : m_progress.keys())
        catchUp(m_progress.value(id).connection);
}

void EventPrinter::refreshNext(Progress &progress) const
{
    for (int source = 0; source < SourceCount; ++source)
        refreshNext(progress, Source(source));
}

void EventPrinter::refreshNext(Progress &progress, Source source) const
{
    static_assert(int(Direction::Rx) == 0 && int(Direction::Tx) == 1);
    const Connection *connection = progress.connection;
    qint64 &next = progress.next[source];
    next = noItem;
    if (source == WireRxChunk || source == WireTxChunk) {
        next = nextWireChunkNs(progress, source == WireRxChunk ? Direction::Rx : Direction::Tx);
        return;
    }
    if (source == TimelineEvents) {
        const Timeline &timeline = connection->timeline();
        if (progress.events < timeline.count())
            next = timeline.at(progress.events).timeNs;
        return;
    }
    const int d = source == RxChunk || source == RxEnd ? 0 : 1;
    const StreamChannel &channel = d == 0 ? connection->rx() : connection->tx();
    const StreamStore &store = channel.store();
    const bool chunksLeft = progress.chunks[d] < store.chunkCount();
    if (source == RxChunk || source == TxChunk) {
        if (chunksLeft)
            next = store.chunk(progress.chunks[d]).timestampNs;
    } else if (!progress.ended[d] && !chunksLeft) {
        const qint64 endNs = channel.finishedAtNs();
        if (endNs >= 0)
            next = endNs;
    }
}

EventPrinter::Source EventPrinter::nextSource(const Progress &progress)
{
    // The first of equal times wins: the sources are in their tie order.
    Source best = SourceCount;
    for (int source = 0; source < SourceCount; ++source) {
        const qint64 next = progress.next[source];
        if (next != noItem && (best == SourceCount || next < progress.next[best]))
            best = Source(source);
    }
    return best;
}

void EventPrinter::printItem(Progress &progress, Source source)
{
    const Connection *connection = progress.connection;
    if (source == TimelineEvents) {
        const TimelineEvent event = connection->timeline().at(progress.events++);
        refreshNext(progress, source);
        printTimelineEvent(connection, event);
        return;
    }
    if (source == WireRxChunk || source == WireTxChunk) {
        printWireChunk(progress, source == WireRxChunk ? Direction::Rx : Direction::Tx);
        return;
    }
    const Direction direction
        = source == RxChunk || source == RxEnd ? Direction::Rx : Direction::Tx;
    const int d = int(direction);
    const Source end = direction == Direction::Rx ? RxEnd : TxEnd;
    if (source == end) {
        // What no chunk completed: messages that EOF ended, at the end's time.
        progress.ended[d] = true;
        const qint64 timeNs = progress.next[source];
        progress.next[source] = noItem;
        printDecodedUpTo(connection, direction, -1, timeNs);
        return;
    }
    const StreamStore &store
        = direction == Direction::Rx ? connection->rx().store() : connection->tx().store();
    const StreamStore::Chunk chunk = store.chunk(progress.chunks[d]++);
    progress.printedEnd[d] = chunk.end();
    refreshNext(progress, source);
    refreshNext(progress, end);
    printChunk(connection, direction, chunk);
    printDecodedUpTo(connection, direction, chunk.end(), chunk.timestampNs);
}

void EventPrinter::printChunk(const Connection *connection, Direction direction,
                              const StreamStore::Chunk &chunk)
{
    m_bytes[int(direction)] += chunk.size;
    if (!m_events.showsChunks())
        return;
    JsonLine line = begin("chunk", connection);
    line.add("dir", directionKey(direction)).add("offset", chunk.offset).add("size", chunk.size);
    write(line, chunk.timestampNs);
}

void EventPrinter::printDecodedUpTo(const Connection *connection, Direction direction, qint64 end,
                                    qint64 timeNs)
{
    Progress &progress = m_progress[connection->id()];
    const int d = int(direction);
    const StreamChannel &channel = direction == Direction::Rx ? connection->rx() : connection->tx();
    const qint64 frameCount = channel.frameCount();
    const qint64 errorCount = channel.errorCount();
    if (progress.frames[d] >= frameCount && progress.errors[d] >= errorCount)
        return;
    // Frames ring mode let go before they were printed: decoded, so counted.
    const qint64 firstFrame = channel.firstFrame();
    if (progress.frames[d] < firstFrame) {
        m_messages[d] += firstFrame - progress.frames[d];
        progress.frames[d] = firstFrame;
    }
    if (!m_events.showsMessages() && !m_events.shows("framing_error")) {
        // Nothing of them is printed: count them without copying a frame.
        m_messages[d] += frameCount - progress.frames[d];
        progress.frames[d] = frameCount;
        m_framingErrors += errorCount - progress.errors[d];
        progress.errors[d] = errorCount;
        return;
    }
    // Only the frames this chunk completed: a replay finds every frame of
    // the stream decoded already, those EOF settled too, which print at the
    // stream's end as they did live.
    qint64 upTo = frameCount;
    qint64 errorLimit = errorCount;
    if (end >= 0) {
        upTo = std::min(frameCount, channel.firstFrameEndingAfter(end));
        if (const qint64 beforeFinish = channel.framesBeforeFinish(); beforeFinish >= 0) {
            upTo = std::min(upTo, beforeFinish);
            errorLimit = std::min(errorLimit, channel.errorsBeforeFinish());
        }
    }
    const std::vector<Frame> frames
        = upTo > progress.frames[d] ? channel.frames(progress.frames[d], upTo - progress.frames[d])
                                    : std::vector<Frame>();
    // Copying the errors costs a lock and a vector: only when there are new ones.
    std::vector<FrameError> &errors = progress.errorCopy[d];
    if (qint64(errors.size()) < errorCount)
        errors = channel.errors();
    auto nextError = [&]() -> const FrameError * {
        const qint64 i = progress.errors[d];
        if (i >= std::min(errorLimit, qint64(errors.size()))
            || (end >= 0 && errors[size_t(i)].offset >= end))
            return nullptr;
        return &errors[size_t(i)];
    };
    for (const Frame &frame : frames) {
        // Stream order, as `decode` prints them: an error before the frame after it.
        while (const FrameError *error = nextError()) {
            if (error->offset > frame.offset)
                break;
            printFramingError(connection, direction, *error, timeNs);
            ++progress.errors[d];
        }
        printMessage(connection, direction, frame, progress.frames[d]++, timeNs);
    }
    while (const FrameError *error = nextError()) {
        printFramingError(connection, direction, *error, timeNs);
        ++progress.errors[d];
    }
}

void EventPrinter::printMessage(const Connection *connection, Direction direction,
                                const Frame &frame, qint64 index, qint64 timeNs)
{
    ++m_messages[int(direction)];
    if (!m_events.showsMessages())
        return;
    const StreamChannel &channel = direction == Direction::Rx ? connection->rx() : connection->tx();
    JsonLine line = begin("message", connection);
    line.add("dir", directionKey(direction))
        .add("index", index)
        .add("offset", frame.offset)
        .add("size", frame.length)
        .add("payload", frame.payloadLength);
    if (frame.kind != 0) {
        line.add("kind", qint64(frame.kind));
        // Only framings that name their kinds add a name (delim's kind is an index).
        const KindNamer namer = DecoderRegistry::instance().kindNamer(channel.framing());
        const QString name = namer ? namer(frame.kind) : QString();
        if (!name.isEmpty())
            line.add("kind_name", name);
    }
    if (frame.status == Frame::EndedByEof)
        line.add("ended_by", "eof");
    // In 64 bits: --preview may be INT_MAX, and one more byte says "more follows".
    const qint64 previewSize = std::min<qint64>(frame.payloadLength, qint64(m_previewBytes) + 1);
    line.add("preview",
             bytePreview(channel.store().read(frame.payloadOffset, previewSize), m_previewBytes));
    write(line, timeNs);
}

void EventPrinter::printFramingError(const Connection *connection, Direction direction,
                                     const FrameError &error, qint64 timeNs)
{
    ++m_framingErrors;
    if (!m_events.shows("framing_error"))
        return;
    JsonLine line = begin("framing_error", connection);
    line.add("dir", directionKey(direction))
        .add("offset", error.offset)
        .add("kind", frameErrorKindName(error.kind))
        .add("discarded", error.discarded)
        .add("fatal", error.fatal)
        .add("message", error.message);
    write(line, timeNs);
}

void EventPrinter::printTimelineEvent(const Connection *connection, const TimelineEvent &event)
{
    switch (event.type) {
    case TimelineEvent::StateChanged:
        printStateChange(connection, event);
        return;
    case TimelineEvent::HalfClosed: {
        // Tx: we sent FIN; Rx: we read the peer's FIN (EOF).
        if (!m_events.shows("half_closed"))
            return;
        JsonLine line = begin("half_closed", connection);
        line.add("side", event.direction == Direction::Tx ? "local" : "remote");
        write(line, event.timeNs);
        return;
    }
    case TimelineEvent::Error:
        writeError(connection, {event.code, event.sysErrno, event.message, event.explanation},
                   event.timeNs);
        return;
    case TimelineEvent::Timeout: {
        if (!m_events.shows("timeout"))
            return;
        JsonLine line = begin("timeout", connection);
        line.add("kind", timeoutKindKey(event.timeout)).add("text", event.text);
        write(line, event.timeNs);
        return;
    }
    case TimelineEvent::Kernel: {
        const KernelSample &k = event.kernel;
        if (!m_events.shows("tcp_state"))
            return;
        JsonLine line = begin("tcp_state", connection);
        line.add("state", kernelStateKey(k.state));
        // -1 means the kernel did not say (or the socket is gone).
        const auto addKnown = [&line](const char *key, qint64 value) {
            if (value >= 0)
                line.add(key, value);
        };
        addKnown("rtt_us", k.rttUs);
        addKnown("rttvar_us", k.rttVarUs);
        addKnown("cwnd", k.cwnd);
        addKnown("unacked", k.unacked);
        addKnown("send_queue", k.sendQueue);
        addKnown("recv_queue", k.recvQueue);
        addKnown("retransmits", k.retransmits);
        addKnown("time_wait_ms", k.timeWaitMs);
        // Added after the fields above (issue 13): the kernel's timer and
        // what it counts, where keepalive probes and retransmissions show.
        addKnown("consecutive_retransmits", k.consecutiveRetransmits);
        addKnown("probes", k.probes);
        addKnown("backoff", k.backoff);
        if (k.timer != KernelTimer::Unknown)
            line.add("timer", kernelTimerKey(k.timer));
        addKnown("timer_ms", k.timerMs);
        addKnown("keepalive_probes", k.keepaliveProbes);
        write(line, event.timeNs);
        return;
    }
    case TimelineEvent::Note: {
        if (event.tls) {
            printTlsEvent(connection, event);
            return;
        }
        if (!m_events.shows("note"))
            return;
        JsonLine line = begin("note", connection);
        line.add("text", event.text);
        write(line, event.timeNs);
        return;
    }
    case TimelineEvent::Discarded: {
        m_discarded += event.bytes;
        if (event.code == discardedFromKey(DiscardedFrom::EngineBuffer))
            m_discardedFromTx += event.bytes;
        if (!m_events.shows("discarded"))
            return;
        JsonLine line = begin("discarded", connection);
        line.add("bytes", event.bytes).add("from", event.code).add("text", event.text);
        write(line, event.timeNs);
        return;
    }
    }
}

void EventPrinter::printStateChange(const Connection *connection, const TimelineEvent &event)
{
    const StateCause cause = event.cause;
    switch (event.state) {
    case ConnectionState::Established: {
        const char *name
            = connection->side() == Connection::Side::Server ? "accepted" : "connected";
        if (!m_events.shows(name))
            return;
        JsonLine line = begin(name, connection);
        line.add("local", connection->localAddress()).add("peer", connection->peerAddress());
        write(line, event.timeNs);
        return;
    }
    case ConnectionState::Closed:
    case ConnectionState::Failed: {
        // The engine finishes a close that an idle timeout began as the user's
        // close; the cause of the Closing state is the real one.
        StateCause by = cause;
        const StateCause closingCause = m_progress.value(connection->id()).closingCause;
        if (by == StateCause::User
            && (closingCause == StateCause::Timeout || closingCause == StateCause::Error))
            by = closingCause;
        if (event.state == ConnectionState::Failed || by == StateCause::Error)
            ++m_failedConnections;
        if (!m_events.shows("closed"))
            return;
        JsonLine line = begin("closed", connection);
        line.add("by", stateCauseKey(by));
        if (event.state == ConnectionState::Failed)
            line.add("established", false);
        if (!event.text.isEmpty())
            line.add("why", event.text);
        write(line, event.timeNs);
        return;
    }
    case ConnectionState::Reset: {
        // A reset from the peer ends the run with an error (exit 3); one we
        // sent on purpose does not.
        if (cause != StateCause::User)
            ++m_failedConnections;
        if (!m_events.shows("reset"))
            return;
        JsonLine line = begin("reset", connection);
        line.add("by", stateCauseKey(cause));
        if (!event.text.isEmpty())
            line.add("why", event.text);
        write(line, event.timeNs);
        return;
    }
    default:
        break;
    }
    if (event.state == ConnectionState::Closing)
        m_progress[connection->id()].closingCause = cause;
    if (!hasOwnStateLine(event.state) || !m_events.shows("state"))
        return;
    JsonLine line = begin("state", connection);
    line.add("state", connectionStateKey(event.state)).add("cause", stateCauseKey(cause));
    if (!event.text.isEmpty())
        line.add("why", event.text);
    write(line, event.timeNs);
}

} // namespace TcpInspector
