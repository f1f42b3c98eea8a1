// SPDX-License-Identifier: GPL-3.0-or-later
#include "recording/sessionwriter.h"

#include "net/connection.h"
#include "recording/crc32c.h"
#include "recording/sessioncodec.h"
#include "recording/sessionformat.h"
#include "stream/fileio.h"
#include "text/tr.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QtEndian>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <unistd.h>

namespace TcpInspector {

using namespace SessionFormat;
using SessionCodec::Writer;

namespace {

constexpr qint64 readPiece = qint64(1) << 20; // bytes read from a store at a time

QString contextOf(quint64 id, Direction direction, bool wire = false)
{
    return wire ? Tr::tr("connection %1, %2 TLS records").arg(id).arg(directionKey(direction))
                : Tr::tr("connection %1, %2").arg(id).arg(directionKey(direction));
}

QByteArray makeHeader(const SessionMeta &meta, quint32 flags)
{
    QByteArray h(int(headerSize), '\0');
    char *p = h.data();
    std::memcpy(p, magic, sizeof magic);
    qToLittleEndian(majorVersion, p + headerMajorAt);
    qToLittleEndian(minorVersion, p + headerMinorAt);
    qToLittleEndian(quint32(headerSize), p + headerSizeAt);
    qToLittleEndian(meta.startMonotonicNs, p + headerMonotonicAt);
    qToLittleEndian(meta.startWallNs, p + headerWallAt);
    qToLittleEndian(quint32(dataRecordBytes), p + headerBlockSizeAt);
    qToLittleEndian(flags, p + headerFlagsAt);
    qToLittleEndian(crc32c(p, headerCrcAt), p + headerCrcAt);
    return h;
}

} // namespace

SessionWriter::SessionWriter() = default;

SessionWriter::~SessionWriter()
{
    abort();
}

void SessionWriter::setProgress(std::atomic<qint64> *bytesDone, const std::atomic<bool> *cancel)
{
    m_bytesDone = bytesDone;
    m_cancel = cancel;
}

bool SessionWriter::open(const QString &path, const SessionMeta &meta, SessionError *error)
{
    abort();
    m_path = path;
    m_partPath = path + QStringLiteral(".part");
    m_fd = ::open(QFile::encodeName(m_partPath).constData(),
                  O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (m_fd < 0) {
        const QString why = QString::fromLocal8Bit(std::strerror(errno));
        const QString part = m_partPath;
        m_partPath.clear(); // not ours to remove
        return fail(SessionError::Kind::Io, Tr::tr("%1 creating %2").arg(why, part), error);
    }
    m_offset = 0;
    m_entries.clear();
    m_meta = meta;
    const QByteArray header = makeHeader(meta, 0);
    if (!writeAt(header.constData(), header.size(), QString(), error))
        return false;
    SessionRecordRef entry;
    entry.type = typeMeta;
    return writeRecord(entry, QJsonDocument(meta.meta).toJson(QJsonDocument::Compact), QString(),
                       error);
}

bool SessionWriter::fail(SessionError::Kind kind, const QString &message, SessionError *error)
{
    if (error) {
        error->kind = kind;
        error->fileOffset = -1;
        error->record.clear();
        error->message = message;
    }
    abort();
    return false;
}

void SessionWriter::abort()
{
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    if (!m_partPath.isEmpty()) {
        QFile::remove(m_partPath);
        m_partPath.clear();
    }
    m_entries.clear();
}

bool SessionWriter::checkCancel(SessionError *error)
{
    if (m_fd < 0)
        return fail(SessionError::Kind::Io, Tr::tr("the session file is not open"), error);
    if (m_cancel && m_cancel->load(std::memory_order_relaxed))
        return fail(SessionError::Kind::Cancelled, Tr::tr("saving was cancelled"), error);
    return true;
}

bool SessionWriter::writeAt(const char *data, qint64 size, const QString &context,
                            SessionError *error)
{
    if (FileIo::writeAll(m_fd, data, size, m_offset)) {
        m_offset += size;
        if (m_bytesDone)
            m_bytesDone->fetch_add(size, std::memory_order_relaxed);
        return true;
    }
    // EFBIG, ENOSPC, EIO: the session cannot be whole; the recording is untouched.
    const QString why = QString::fromLocal8Bit(std::strerror(errno));
    const qint64 at = m_offset;
    const QString message
        = context.isEmpty()
              ? Tr::tr("%1 writing %2 at offset %3").arg(why, m_path).arg(at)
              : Tr::tr("%1 writing %2 at offset %3 (%4)").arg(why, m_path).arg(at).arg(context);
    return fail(SessionError::Kind::Io, message, error);
}

bool SessionWriter::writeRecord(SessionRecordRef entry, const QByteArray &payload,
                                const QString &context, SessionError *error)
{
    if (!checkCancel(error))
        return false;
    const qint64 span = recordSpan(payload.size());
    m_buffer.resize(qsizetype(span));
    char *p = m_buffer.data();
    qToLittleEndian(entry.type, p);
    qToLittleEndian(entry.flags, p + 4);
    qToLittleEndian(quint64(payload.size()), p + 8);
    std::memcpy(p + recordHeaderSize, payload.constData(), size_t(payload.size()));
    const qint64 crcAt = recordHeaderSize + payload.size();
    qToLittleEndian(crc32c(p, crcAt), p + crcAt);
    std::memset(p + crcAt + recordCrcSize, 0, size_t(span - crcAt - recordCrcSize));
    entry.offset = m_offset;
    entry.length = payload.size();
    if (!writeAt(p, span, context, error))
        return false;
    if (entry.type != typeTrlr)
        m_entries.push_back(entry);
    return true;
}

namespace {

/// What the CONN record says of channel: the prefix of it saved now.
SessionDirection describe(const StreamChannel &channel)
{
    const StreamStore &store = channel.store();
    SessionDirection out;
    out.finishedAtNs = channel.finishedAtNs();
    out.framing = channel.framing();
    out.frameCount = channel.frameCount();
    out.errorCount = qint64(channel.errors().size());
    out.chunkCount = store.chunkCount();
    out.firstChunk = std::min(store.firstChunk(), out.chunkCount);
    out.evictedBytes = store.firstOffset();
    out.droppedBytes = store.droppedBytes();
    out.droppedChunks = store.droppedChunks();
    if (out.firstChunk < out.chunkCount) {
        out.dataStart = store.chunk(out.firstChunk).offset;
        out.size = store.chunk(out.chunkCount - 1).end();
    } else {
        out.dataStart = out.size = store.size();
    }
    return out;
}

} // namespace

bool SessionWriter::addConnection(const Connection &c, const QJsonObject &extraSettings,
                                  SessionError *error)
{
    if (!checkCancel(error))
        return false;
    // A live connection goes on while we read it: take what ends first
    // (state, finishing), then the counts, and save only that prefix.
    SessionConnection record;
    record.id = c.id();
    record.side = c.side();
    record.engine = c.engine();
    record.state = c.state();
    record.finalAtSave = isFinalState(record.state);
    for (Direction d : {Direction::Rx, Direction::Tx}) {
        record.direction(d) = describe(d == Direction::Rx ? c.rx() : c.tx());
        if (const StreamChannel *wire = c.wire(d)) {
            record.hasWire = true;
            record.wire[size_t(d)] = describe(*wire);
        }
    }
    record.tlsKeyLog = c.tlsKeyLog();
    record.eventCount = c.timeline().count();
    record.localAddress = c.localAddress();
    record.peerAddress = c.peerAddress();
    record.discardedBytes = c.discardedBytes();
    record.discardedFromTx = c.discardedFromTx();
    record.settings = SessionCodec::optionsToJson(c.optionsSnapshot());
    // A relay's legs, wherever they are saved from (the CLI passes the same).
    if (const quint64 pair = c.relayPair()) {
        record.settings.insert(QStringLiteral("pair"), qint64(pair));
        record.settings.insert(QStringLiteral("leg"), c.side() == Connection::Side::Server
                                                          ? QStringLiteral("client")
                                                          : QStringLiteral("server"));
    }
    for (auto it = extraSettings.begin(); it != extraSettings.end(); ++it) {
        if (!record.settings.contains(it.key()))
            record.settings.insert(it.key(), it.value());
    }

    Writer payload;
    SessionCodec::putConnection(payload, record);
    SessionRecordRef entry;
    entry.type = typeConn;
    entry.connection = record.id;
    if (!writeRecord(entry, payload.bytes(), Tr::tr("connection %1").arg(record.id), error))
        return false;
    for (const bool wire : {false, true}) {
        for (Direction d : {Direction::Rx, Direction::Tx}) {
            const StreamChannel *channel
                = wire ? c.wire(d) : (d == Direction::Rx ? &c.rx() : &c.tx());
            if (!channel || (wire && !record.hasWire))
                continue;
            const SessionDirection &dir = record.direction(d, wire);
            const Stream stream {c.id(), d, &channel->store(), wire};
            if (!writeChunks(stream, dir.firstChunk, dir.chunkCount, error)
                || !writeData(stream, dir.dataStart, dir.size, error))
                return false;
        }
    }
    return writeEvents(record.id, c.timeline(), record.eventCount, error);
}

bool SessionWriter::writeChunks(const Stream &stream, qint64 firstChunk, qint64 chunkCount,
                                SessionError *error)
{
    const StreamStore &store = *stream.store;
    const QString context = contextOf(stream.id, stream.direction, stream.wire);
    for (qint64 from = firstChunk; from < chunkCount; from += chunksPerRecord) {
        const qint64 count = std::min(chunksPerRecord, chunkCount - from);
        const ChunkRecord first = store.chunk(from);
        Writer payload;
        payload.u64(stream.id);
        payload.u8(quint8(stream.direction));
        payload.u64(quint64(from));
        payload.i64(first.offset);
        payload.i64(first.timestampNs);
        payload.varint(quint64(count));
        qint64 previousNs = first.timestampNs;
        for (qint64 i = from; i < from + count; ++i) {
            const ChunkRecord chunk = i == from ? first : store.chunk(i);
            payload.varint(quint64(chunk.size));
            payload.zigzag(chunk.timestampNs - previousNs);
            previousNs = chunk.timestampNs;
        }
        SessionRecordRef entry;
        entry.type = stream.wire ? typeWireChnk : typeChnk;
        entry.flags = stream.wire ? recordSkippable : 0;
        entry.connection = stream.id;
        entry.direction = quint8(stream.direction);
        entry.first = from;
        entry.count = count;
        entry.firstNs = first.timestampNs;
        entry.lastNs = previousNs;
        if (!writeRecord(entry, payload.bytes(), context, error))
            return false;
    }
    return true;
}

bool SessionWriter::writeData(const Stream &stream, qint64 from, qint64 to, SessionError *error)
{
    const StreamStore &store = *stream.store;
    const QString context = contextOf(stream.id, stream.direction, stream.wire);
    QByteArray piece;
    for (qint64 at = from; at < to;) {
        const qint64 n = std::min(readPiece, to - at);
        piece.resize(qsizetype(n));
        const qint64 got = std::max<qint64>(store.read(at, piece.data(), n), 0);
        // Ring mode may let bytes go while we save: they read as zeros.
        std::memset(piece.data() + got, 0, size_t(n - got));
        for (qint64 done = 0; done < n;) {
            const qint64 streamAt = at + done;
            // Records hold whole 64 KiB blocks of the stream but the ends.
            const qint64 length = std::min(dataRecordBytes - streamAt % dataRecordBytes, n - done);
            Writer payload;
            payload.u64(stream.id);
            payload.u8(quint8(stream.direction));
            payload.i64(streamAt);
            payload.bytes().append(piece.constData() + done, qsizetype(length));
            SessionRecordRef entry;
            entry.type = stream.wire ? typeWireData : typeData;
            entry.flags = stream.wire ? recordSkippable : 0;
            entry.connection = stream.id;
            entry.direction = quint8(stream.direction);
            entry.first = streamAt;
            entry.count = length;
            if (!writeRecord(entry, payload.bytes(), context, error))
                return false;
            done += length;
        }
        at += n;
    }
    return true;
}

bool SessionWriter::addTimeline(quint64 id, const Timeline &timeline, SessionError *error)
{
    return checkCancel(error) && writeEvents(id, timeline, timeline.count(), error);
}

bool SessionWriter::writeEvents(quint64 id, const Timeline &timeline, qint64 count,
                                SessionError *error)
{
    for (qint64 from = 0; from < count; from += eventsPerRecord) {
        const qint64 n = std::min(eventsPerRecord, count - from);
        const qint64 baseNs = timeline.at(from).timeNs;
        Writer payload;
        payload.u64(id);
        payload.u64(quint64(from));
        payload.i64(baseNs);
        payload.varint(quint64(n));
        qint64 previousNs = baseNs;
        std::vector<TimelineEvent> events;
        events.reserve(size_t(n));
        std::vector<std::pair<qint64, const TlsDetails *>> tls;
        for (qint64 i = from; i < from + n; ++i) {
            events.push_back(timeline.at(i));
            const TimelineEvent &event = events.back();
            SessionCodec::putEvent(payload, event, previousNs);
            previousNs = event.timeNs;
            if (event.tls)
                tls.emplace_back(i - from, event.tls.get());
        }
        if (!tls.empty())
            SessionCodec::putTlsDetails(payload, tls);
        SessionRecordRef entry;
        entry.type = typeEvnt;
        entry.connection = id;
        entry.first = from;
        entry.count = n;
        entry.firstNs = baseNs;
        entry.lastNs = previousNs;
        if (!writeRecord(entry, payload.bytes(), Tr::tr("connection %1").arg(id), error))
            return false;
    }
    return true;
}

bool SessionWriter::addLine(qint64 timeNs, quint64 connection, const QByteArray &json,
                            SessionError *error)
{
    Writer payload;
    payload.i64(timeNs);
    payload.u64(connection);
    payload.blob(json);
    SessionRecordRef entry;
    entry.type = typeLine;
    entry.connection = connection;
    entry.count = 1;
    entry.firstNs = entry.lastNs = timeNs;
    return writeRecord(entry, payload.bytes(), QString(), error);
}

bool SessionWriter::commit(SessionError *error)
{
    if (!checkCancel(error))
        return false;
    Writer trailer;
    trailer.u64(quint64(m_entries.size()));
    for (const SessionRecordRef &entry : m_entries)
        SessionCodec::putRecordRef(trailer, entry);
    const qint64 trailerAt = m_offset;
    SessionRecordRef entry;
    entry.type = typeTrlr;
    if (!writeRecord(entry, trailer.bytes(), QString(), error))
        return false;
    QByteArray footer(int(footerSize), '\0');
    qToLittleEndian(quint64(trailerAt), footer.data());
    qToLittleEndian(quint64(m_entries.size()), footer.data() + 8);
    qToLittleEndian(crc32c(footer.constData(), 20), footer.data() + 20);
    std::memcpy(footer.data() + 24, footerMagic, sizeof footerMagic);
    if (!writeAt(footer.constData(), footer.size(), QString(), error))
        return false;
    const QByteArray header = makeHeader(m_meta, headerFinalized);
    if (!FileIo::writeAll(m_fd, header.constData(), header.size(), 0) || ::fdatasync(m_fd) != 0) {
        const QString why = QString::fromLocal8Bit(std::strerror(errno));
        return fail(SessionError::Kind::Io, Tr::tr("%1 writing %2").arg(why, m_path), error);
    }
    ::close(m_fd);
    m_fd = -1;
    if (::rename(QFile::encodeName(m_partPath).constData(), QFile::encodeName(m_path).constData())
        != 0) {
        const QString why = QString::fromLocal8Bit(std::strerror(errno));
        return fail(SessionError::Kind::Io,
                    Tr::tr("%1 renaming %2 to %3").arg(why, m_partPath, m_path), error);
    }
    m_partPath.clear();
    // The rename itself is on disk once the folder is.
    const int dir = ::open(QFile::encodeName(QFileInfo(m_path).absolutePath()).constData(),
                           O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
    m_entries.clear();
    return true;
}

} // namespace TcpInspector
