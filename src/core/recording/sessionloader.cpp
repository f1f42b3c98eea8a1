// SPDX-License-Identifier: GPL-3.0-or-later
#include "recording/sessionloader.h"

#include "recording/sessioncodec.h"
#include "text/tr.h"

#include <algorithm>
#include <limits>

namespace TcpInspector {

namespace {

using Kind = SessionError::Kind;

QString nameOf(quint64 id, Direction d)
{
    return Tr::tr("connection %1, %2").arg(id).arg(directionKey(d));
}

void warn(QList<SessionError> *problems, quint64 id, Direction d, const QString &message)
{
    problems->append(SessionError {Kind::Warning, -1, nameOf(id, d), message});
}

void warn(LoadedSession *out, quint64 id, Direction d, const QString &message)
{
    warn(&out->problems, id, d, message);
}

/// One direction being fed: its next chunk, and its end still to come.
struct Feed
{
    SessionReader::ChunkCursor chunks;
    SessionReader::ByteCursor bytes;
    ChunkRecord head;
    bool hasHead = false;
    bool finishPending = false;
    qint64 finishNs = -1;

    qint64 nextNs() const
    {
        if (hasHead)
            return head.timestampNs;
        return finishPending ? finishNs : std::numeric_limits<qint64>::max();
    }
    bool done() const { return !hasHead && !finishPending; }
};

ConnectionOptions optionsFor(const SessionConnection &rec, const LoadOptions &options)
{
    ConnectionOptions o = SessionCodec::optionsFromJson(rec.settings);
    o.engine = rec.engine;
    // No timers, no kernel sampling: nothing runs behind a recording.
    o.kernelSampleMs = 0;
    o.idleTimeoutMs = 0;
    o.writeStallMs = 0;
    // The framings are set afterwards, where a bad spec can be reported.
    o.rxFraming = o.txFraming = QStringLiteral("raw");
    if (options.store) {
        const qint64 maxBytes = o.store.maxBytes;
        const qint64 keepBytes = o.store.keepBytes;
        o.store = *options.store;
        o.store.maxBytes = maxBytes;
        o.store.keepBytes = keepBytes;
    }
    return o;
}

void setFramings(RecordedConnection *c, const SessionConnection &rec, const LoadOptions &options,
                 QList<SessionError> *out)
{
    for (Direction d : {Direction::Rx, Direction::Tx}) {
        const QString wanted = d == Direction::Rx ? options.rxFraming : options.txFraming;
        const QString recorded = rec.direction(d).framing;
        QString error;
        if (!wanted.isEmpty() && c->setFraming(d, wanted, &error))
            continue;
        if (!wanted.isEmpty())
            warn(out, rec.id, d,
                 Tr::tr("framing \"%1\": %2; decoded as recorded").arg(wanted, error));
        if (!recorded.isEmpty() && !c->setFraming(d, recorded, &error))
            warn(out, rec.id, d,
                 Tr::tr("the recorded framing \"%1\" is unknown here (%2); decoded as raw")
                     .arg(recorded, error));
    }
}

/// Feeds both directions' chunks in time order (ties: rx first), then ends
/// each direction where it ended live. False when cancelled.
bool feedChunks(const SessionReader &reader, const SessionConnection &rec, RecordedConnection *c,
                LoadedSession *out, std::atomic<qint64> *progress, const std::atomic<bool> *cancel)
{
    Feed feeds[2];
    for (int d = 0; d < 2; ++d) {
        feeds[d].chunks = reader.chunks(rec, Direction(d), &out->problems);
        feeds[d].bytes = reader.bytes(rec, Direction(d), &out->problems);
        feeds[d].hasHead = feeds[d].chunks.next(&feeds[d].head);
        feeds[d].finishNs = rec.directions[size_t(d)].finishedAtNs;
        feeds[d].finishPending = feeds[d].finishNs >= 0;
    }
    QByteArray buffer;
    qint64 fed = 0;
    while (!feeds[0].done() || !feeds[1].done()) {
        const int d = feeds[1].nextNs() < feeds[0].nextNs() || feeds[0].done() ? 1 : 0;
        Feed &feed = feeds[d];
        if (!feed.hasHead) {
            c->finishDirection(Direction(d), feed.finishNs);
            feed.finishPending = false;
            continue;
        }
        buffer.resize(qsizetype(feed.head.size));
        feed.bytes.read(feed.head.offset, buffer.data(), feed.head.size);
        c->addChunk(Direction(d), buffer.constData(), feed.head.size, feed.head.timestampNs);
        if (progress)
            progress->fetch_add(feed.head.size, std::memory_order_relaxed);
        if (cancel && (++fed & 255) == 0 && cancel->load(std::memory_order_relaxed))
            return false;
        feed.hasHead = feed.chunks.next(&feed.head);
    }
    return !(cancel && cancel->load(std::memory_order_relaxed));
}

/// Format 1.2: the TLS records of each direction as they crossed the wire.
/// Each wire is decoded on its own (tls framing), so one direction after the
/// other. False when cancelled.
bool feedWire(const SessionReader &reader, const SessionConnection &rec, RecordedConnection *c,
              LoadedSession *out, std::atomic<qint64> *progress, const std::atomic<bool> *cancel)
{
    if (!rec.hasWire)
        return true;
    if (!c->wire(Direction::Rx)) {
        warn(out, rec.id, Direction::Rx,
             Tr::tr("TLS records were saved for a connection without TLS settings; they are "
                    "left out"));
        return true;
    }
    QByteArray buffer;
    qint64 fed = 0;
    for (Direction d : {Direction::Rx, Direction::Tx}) {
        SessionReader::ChunkCursor chunks = reader.chunks(rec, d, &out->problems, true);
        SessionReader::ByteCursor bytes = reader.bytes(rec, d, &out->problems, true);
        ChunkRecord chunk;
        while (chunks.next(&chunk)) {
            buffer.resize(qsizetype(chunk.size));
            bytes.read(chunk.offset, buffer.data(), chunk.size);
            c->addWireChunk(d, buffer.constData(), chunk.size, chunk.timestampNs);
            if (progress)
                progress->fetch_add(chunk.size, std::memory_order_relaxed);
            if (cancel && (++fed & 255) == 0 && cancel->load(std::memory_order_relaxed))
                return false;
        }
        const qint64 finishedAtNs = rec.wire[size_t(d)].finishedAtNs;
        if (finishedAtNs >= 0)
            c->finishWire(d, finishedAtNs);
    }
    return !(cancel && cancel->load(std::memory_order_relaxed));
}

/// What no longer matches the live run: ring mode's lost front, and
/// message counts a newer decoder changed.
void compareWithSave(const SessionConnection &rec, const RecordedConnection &c,
                     const LoadOptions &options, LoadedSession *out)
{
    for (Direction d : {Direction::Rx, Direction::Tx}) {
        const SessionDirection &saved = rec.direction(d);
        if (saved.dataStart > 0) {
            warn(out, rec.id, d,
                 Tr::tr("ring mode had let go of the first %1 bytes (%2 chunks) before saving; "
                        "the rest is loaded from offset 0, so its offsets are %1 lower than "
                        "in the live run")
                     .arg(saved.dataStart)
                     .arg(saved.firstChunk));
            continue;
        }
        const bool overridden
            = !(d == Direction::Rx ? options.rxFraming : options.txFraming).isEmpty();
        const StreamChannel &channel = d == Direction::Rx ? c.rx() : c.tx();
        if (channel.store().chunkCount() != saved.chunkCount)
            continue; // chunks are missing: reported already, the counts cannot agree
        const qint64 frames = channel.frameCount();
        const qint64 errors = qint64(channel.errors().size());
        if (rec.finalAtSave && !overridden && saved.framing == channel.framing()
            && (frames != saved.frameCount || errors != saved.errorCount))
            warn(out, rec.id, d,
                 Tr::tr("decoded again, the bytes make %1 messages and %2 framing errors; when "
                        "saved they made %3 and %4 (a newer decoder?)")
                     .arg(frames)
                     .arg(errors)
                     .arg(saved.frameCount)
                     .arg(saved.errorCount));
    }
}

} // namespace

std::unique_ptr<RecordedConnection> createRecorded(const SessionConnection &rec,
                                                   const LoadOptions &options,
                                                   QList<SessionError> *problems)
{
    auto c = std::make_unique<RecordedConnection>(rec.side, rec.id, optionsFor(rec, options));
    setFramings(c.get(), rec, options, problems);
    // A relay's legs stay paired (the leg follows from the side).
    c->setRelayPair(
        quint64(std::max<qint64>(0, rec.settings.value(QLatin1String("pair")).toInteger())));
    for (Direction d : {Direction::Rx, Direction::Tx}) {
        const SessionDirection &saved = rec.direction(d);
        c->addDropped(d, saved.droppedBytes, saved.droppedChunks);
    }
    c->setTlsKeyLog(rec.tlsKeyLog);
    return c;
}

bool loadSession(const QString &path, LoadedSession *out, const LoadOptions &options,
                 std::atomic<qint64> *progress, const std::atomic<bool> *cancel)
{
    std::unique_ptr<SessionInput> input = openSessionFile(path, &out->problems);
    return input && loadSession(std::move(input), out, options, progress, cancel);
}

bool loadSession(std::unique_ptr<SessionInput> input, LoadedSession *out,
                 const LoadOptions &options, std::atomic<qint64> *progress,
                 const std::atomic<bool> *cancel)
{
    SessionReader reader;
    if (!reader.open(std::move(input), &out->problems))
        return false;
    out->info = reader.info();
    for (const SessionConnection &rec : reader.connections()) {
        std::unique_ptr<RecordedConnection> c = createRecorded(rec, options, &out->problems);
        if (!feedChunks(reader, rec, c.get(), out, progress, cancel)
            || !feedWire(reader, rec, c.get(), out, progress, cancel)) {
            out->connections.clear();
            out->recorded.clear();
            out->problems.append(
                SessionError {Kind::Cancelled, -1, QString(), Tr::tr("opening was cancelled")});
            return false;
        }
        reader.readEvents(
            rec.id, [&](const TimelineEvent &e) { c->addEvent(e); }, &out->problems);
        c->finishLoading(rec.state, rec.localAddress, rec.peerAddress, rec.discardedBytes,
                         rec.discardedFromTx);
        compareWithSave(rec, *c, options, out);
        out->connections.push_back(std::move(c));
        out->recorded.push_back(rec);
    }
    reader.readEvents(
        0, [&](const TimelineEvent &e) { out->listenerEvents.push_back(e); }, &out->problems);
    reader.readLines([&](const SessionLine &l) { out->lines.push_back(l); }, &out->problems);
    return true;
}

} // namespace TcpInspector
