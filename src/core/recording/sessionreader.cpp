// SPDX-License-Identifier: GPL-3.0-or-later
#include "recording/sessionreader.h"

#include "recording/crc32c.h"
#include "recording/sessioncodec.h"
#include "recording/sessionformat.h"
#include "text/tr.h"

#include <QJsonDocument>
#include <QtEndian>

#include <algorithm>
#include <cstring>

namespace TcpInspector {

std::unique_ptr<SessionInput> openSessionFile(const QString &path, QList<SessionError> *problems)
{
    auto input = std::make_unique<FileInput>();
    if (input->open(path))
        return input;
    problems->append(SessionError {SessionError::Kind::Io, -1, QString(),
                                   Tr::tr("cannot open %1: %2").arg(path, input->errorString())});
    return nullptr;
}

using namespace SessionFormat;
using SessionCodec::Reader;
using Kind = SessionError::Kind;

namespace {

constexpr qint64 dataHeaderBytes = 17; // u64 connection, u8 direction, u64 stream offset

void report(QList<SessionError> *problems, Kind kind, qint64 offset, const QString &record,
            const QString &message)
{
    if (problems)
        problems->append(SessionError {kind, offset, record, message});
}

QString typeName(quint32 type)
{
    QString name;
    for (int i = 0; i < 4; ++i) {
        const char c = char(type >> (8 * i));
        if (c < 0x20 || c > 0x7e)
            return QStringLiteral("0x%1").arg(type, 8, 16, QLatin1Char('0'));
        name.append(QLatin1Char(c));
    }
    return name;
}

/// What a file that is not a session is, from its first bytes.
QString whatItIs(const QByteArray &head, qint64 size)
{
    const auto starts = [&](const char *bytes, int n) {
        return head.size() >= n && std::memcmp(head.constData(), bytes, size_t(n)) == 0;
    };
    if (size == 0)
        return Tr::tr("not a TCP Inspector session: the file is empty");
    if (starts("\x0a\x0d\x0d\x0a", 4))
        return Tr::tr("not a TCP Inspector session: this is a pcapng capture");
    if (starts("\xd4\xc3\xb2\xa1", 4) || starts("\xa1\xb2\xc3\xd4", 4)
        || starts("\x4d\x3c\xb2\xa1", 4) || starts("\xa1\xb2\x3c\x4d", 4))
        return Tr::tr("not a TCP Inspector session: this is a pcap capture");
    if (starts("PK\x03\x04", 4) || starts("PK\x05\x06", 4))
        return Tr::tr("not a TCP Inspector session: this is a zip archive");
    if (starts("\x1f\x8b", 2))
        return Tr::tr("not a TCP Inspector session: this is a gzip file (uncompress it first?)");
    if (starts("\x89TCPI", 5))
        return Tr::tr("not a TCP Inspector session: its first bytes were changed, as a "
                      "text-mode transfer does to line ends");
    const bool text = std::all_of(head.begin(), head.end(), [](char c) {
        return quint8(c) >= 0x20 || c == '\n' || c == '\r' || c == '\t';
    });
    if (text)
        return Tr::tr("not a TCP Inspector session: this is a text file");
    return Tr::tr("not a TCP Inspector session");
}

/// "connection 3, rx", or "connection 3, rx TLS records" for its wire.
QString streamName(quint64 id, Direction direction, bool wire)
{
    return wire ? Tr::tr("connection %1, %2 TLS records").arg(id).arg(directionKey(direction))
                : Tr::tr("connection %1, %2").arg(id).arg(directionKey(direction));
}

/// The padding after a record's CRC is zero: so that no byte of a file
/// can change unnoticed.
bool zeroPadding(const char *record, qint64 from, qint64 to)
{
    return std::all_of(record + from, record + to, [](char c) { return c == 0; });
}

} // namespace

SessionReader::SessionReader() = default;
SessionReader::~SessionReader() = default;

bool SessionReader::open(std::unique_ptr<SessionInput> input, QList<SessionError> *problems)
{
    m_input = std::move(input);
    m_info = SessionInfo();
    m_records.clear();
    m_connections.clear();
    m_info.fileName = m_input->name();
    m_info.fileSize = m_input->size();
    if (!readHeader(problems))
        return false;
    if (!readTrailer(problems))
        scan(problems);
    numberRecords();
    readConnections(problems);
    return true;
}

bool SessionReader::readHeader(QList<SessionError> *problems)
{
    char h[headerSize] = {};
    const qint64 got = m_input->read(0, h, headerSize);
    if (got < 0) {
        report(problems, Kind::Io, 0, QString(), QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    if (got < qint64(sizeof magic) || std::memcmp(h, magic, sizeof magic) != 0) {
        report(problems, Kind::NotASession, 0, QString(),
               whatItIs(QByteArray(h, int(std::min<qint64>(got, 16))), m_info.fileSize));
        return false;
    }
    const auto major = qFromLittleEndian<quint16>(h + headerMajorAt);
    const auto minor = qFromLittleEndian<quint16>(h + headerMinorAt);
    if (got >= headerMinorAt + 2 && major > majorVersion) {
        report(problems, Kind::NewerVersion, headerMajorAt, QString(),
               Tr::tr("made by a newer TCP Inspector (format %1.%2; this one reads %3.x)")
                   .arg(major)
                   .arg(minor)
                   .arg(majorVersion));
        return false;
    }
    if (got < headerSize) {
        report(problems, Kind::Truncated, got, Tr::tr("header"),
               Tr::tr("the file ends inside the header"));
        return false;
    }
    if (major == 0) {
        report(problems, Kind::Corrupt, headerMajorAt, Tr::tr("header"),
               Tr::tr("format version 0.%1 does not exist").arg(minor));
        return false;
    }
    m_info.major = major;
    m_info.minor = minor;
    m_info.startMonotonicNs = qFromLittleEndian<qint64>(h + headerMonotonicAt);
    m_info.startWallNs = qFromLittleEndian<qint64>(h + headerWallAt);
    const auto size = qFromLittleEndian<quint32>(h + headerSizeAt);
    if (crc32c(h, headerCrcAt) != qFromLittleEndian<quint32>(h + headerCrcAt))
        report(problems, Kind::Corrupt, headerCrcAt, Tr::tr("header"),
               Tr::tr("checksum mismatch: the start times may be wrong"));
    // A later minor version may have a longer header; records follow it.
    m_firstRecord = size >= headerSize && size <= 4096 && size % alignment == 0 ? size : headerSize;
    m_end = m_info.fileSize;
    return true;
}

bool SessionReader::readTrailer(QList<SessionError> *problems)
{
    const qint64 footerAt = m_info.fileSize - footerSize;
    char f[footerSize] = {};
    if (footerAt < m_firstRecord + recordSpan(0)
        || m_input->read(footerAt, f, footerSize) != footerSize
        || std::memcmp(f + 24, footerMagic, sizeof footerMagic) != 0
        || crc32c(f, 20) != qFromLittleEndian<quint32>(f + 20)) {
        report(problems, Kind::Warning, -1, QString(),
               Tr::tr("the file has no trailer (a save that did not finish, or an autosave): "
                      "its records were read one by one"));
        return false;
    }
    const auto trailerAt = qFromLittleEndian<qint64>(f);
    const auto count = qFromLittleEndian<qint64>(f + 8);
    SessionRecordRef trailer;
    trailer.type = typeTrlr;
    trailer.offset = trailerAt;
    trailer.length = count * SessionCodec::recordRefBytes + 8;
    trailer.ordinal = 1;
    const auto damaged = [&](qint64 at) {
        report(problems, Kind::Corrupt, at, QStringLiteral("TRLR"),
               Tr::tr("the trailer is damaged: the records were read one by one"));
        return false;
    };
    if (trailerAt < m_firstRecord || trailerAt % alignment != 0 || count < 0
        || count > (footerAt - trailerAt) / SessionCodec::recordRefBytes
        || trailerAt + recordSpan(trailer.length) != footerAt)
        return damaged(footerAt);
    QByteArray payload;
    if (!readRecord(trailer, &payload, nullptr))
        return damaged(trailerAt);
    Reader in(payload);
    if (qint64(in.u64()) != count)
        return damaged(trailerAt);
    std::vector<SessionRecordRef> refs;
    refs.reserve(size_t(count));
    qint64 previousEnd = m_firstRecord;
    for (qint64 i = 0; i < count; ++i) {
        SessionRecordRef ref = SessionCodec::getRecordRef(in);
        if (!in.ok() || ref.offset < previousEnd || ref.offset % alignment != 0 || ref.length < 0
            || ref.length > maxRecordLength || ref.offset + recordSpan(ref.length) > trailerAt
            || ref.direction > 1 || ref.count < 0)
            return damaged(trailerAt);
        previousEnd = ref.offset + recordSpan(ref.length);
        refs.push_back(ref);
    }
    m_info.finalized = true;
    m_end = trailerAt;
    // The index grows with the session (a ref per 64 KiB of bytes): keep
    // one copy of it, not the payload, refs and a growing m_records at once.
    payload = QByteArray();
    size_t kept = 0;
    for (const SessionRecordRef &ref : refs) {
        if (ref.type == typeTrlr)
            continue;
        const bool known = ref.type == typeMeta || ref.type == typeConn || ref.type == typeChnk
                           || ref.type == typeData || ref.type == typeEvnt || ref.type == typeLine
                           || ref.type == typeWireChnk || ref.type == typeWireData;
        if (known)
            refs[kept++] = ref;
        else if (!(ref.flags & recordSkippable))
            report(problems, Kind::Unsupported, ref.offset, typeName(ref.type),
                   Tr::tr("a record this version does not know and may not skip; it is left out"));
    }
    refs.resize(kept);
    m_records = std::move(refs);
    return true;
}

QString SessionReader::scanName(quint32 type, qint64 at,
                                std::vector<std::pair<quint32, int>> *counts) const
{
    auto it = std::find_if(counts->begin(), counts->end(),
                           [&](const auto &c) { return c.first == type; });
    if (it == counts->end())
        it = counts->insert(counts->end(), {type, 0});
    SessionRecordRef ref;
    ref.type = type;
    ref.ordinal = ++it->second;
    // The connection and direction lead the payload of the records that have them.
    char prefix[9];
    if (type == typeConn || type == typeChnk || type == typeData || type == typeEvnt
        || type == typeWireChnk || type == typeWireData) {
        if (m_input->read(at + recordHeaderSize, prefix, 9) != 9)
            return QStringLiteral("%1 #%2").arg(typeName(type)).arg(ref.ordinal);
        ref.connection = qFromLittleEndian<quint64>(prefix);
        ref.direction = quint8(prefix[8]) > 1 ? 0 : quint8(prefix[8]);
    }
    return recordName(ref);
}

void SessionReader::scan(QList<SessionError> *problems)
{
    qint64 at = m_firstRecord;
    QByteArray record;
    std::vector<std::pair<quint32, int>> counts;
    while (at < m_info.fileSize) {
        char h[recordHeaderSize];
        const qint64 got = m_input->read(at, h, recordHeaderSize);
        if (got != recordHeaderSize) {
            const QString name = got >= 4 ? scanName(qFromLittleEndian<quint32>(h), at, &counts)
                                          : Tr::tr("a record header");
            report(problems, Kind::Truncated, at, name,
                   Tr::tr("the file ends at offset %1 inside the record header; everything "
                          "before opens")
                       .arg(m_info.fileSize));
            return;
        }
        const auto type = qFromLittleEndian<quint32>(h);
        const auto flags = qFromLittleEndian<quint32>(h + 4);
        const auto length = qFromLittleEndian<qint64>(h + 8);
        if (at + footerSize == m_info.fileSize) {
            // The footer of a file whose trailer is damaged: the end.
            char f[footerSize];
            if (m_input->read(at, f, footerSize) == footerSize
                && std::memcmp(f + 24, footerMagic, sizeof footerMagic) == 0)
                return;
        }
        const QString name = scanName(type, at, &counts);
        if (length < 0 || length > maxRecordLength) {
            report(problems, Kind::Corrupt, at, name,
                   Tr::tr("a record claiming %1 bytes: the file is damaged from here on")
                       .arg(quint64(length)));
            return;
        }
        const qint64 span = recordSpan(length);
        if (at + span > m_info.fileSize) {
            report(problems, Kind::Truncated, m_info.fileSize, name,
                   Tr::tr("the file ends at offset %1 inside this record (which claims %2 "
                          "bytes); everything before opens")
                       .arg(m_info.fileSize)
                       .arg(length));
            return;
        }
        record.resize(qsizetype(span));
        if (m_input->read(at, record.data(), span) != span) {
            report(problems, Kind::Io, at, name, QString::fromLocal8Bit(std::strerror(errno)));
            return;
        }
        const qint64 crcAt = recordHeaderSize + length;
        if (crc32c(record.constData(), crcAt)
                != qFromLittleEndian<quint32>(record.constData() + crcAt)
            || !zeroPadding(record.constData(), crcAt + recordCrcSize, span)) {
            report(problems, Kind::Corrupt, at, name,
                   Tr::tr("checksum mismatch: the record is left out"));
        } else if (type != typeTrlr) {
            indexRecord(
                type, flags, at,
                QByteArray::fromRawData(record.constData() + recordHeaderSize, qsizetype(length)),
                problems);
        }
        at += span;
    }
}

bool SessionReader::indexRecord(quint32 type, quint32 flags, qint64 offset,
                                const QByteArray &payload, QList<SessionError> *problems)
{
    SessionRecordRef ref;
    ref.type = type;
    ref.flags = flags;
    ref.offset = offset;
    ref.length = payload.size();
    Reader in(payload);
    if (type == typeConn || type == typeLine) {
        if (type == typeLine)
            ref.firstNs = ref.lastNs = in.i64();
        ref.connection = in.u64();
        ref.count = 1;
    } else if (type == typeChnk || type == typeWireChnk) {
        ref.connection = in.u64();
        ref.direction = in.u8();
        ref.first = in.i64();
        in.i64(); // first offset
        ref.firstNs = in.i64();
        ref.count = qint64(in.varint());
    } else if (type == typeData || type == typeWireData) {
        ref.connection = in.u64();
        ref.direction = in.u8();
        ref.first = in.i64();
        ref.count = payload.size() - dataHeaderBytes;
    } else if (type == typeEvnt) {
        ref.connection = in.u64();
        ref.first = in.i64();
        ref.firstNs = in.i64();
        ref.count = qint64(in.varint());
    } else if (type != typeMeta) {
        if (!(flags & recordSkippable))
            report(problems, Kind::Unsupported, offset, typeName(type),
                   Tr::tr("a record this version does not know and may not skip; it is left out"));
        return false;
    }
    if (!in.ok() || ref.direction > 1 || ref.first < 0 || ref.count < 0) {
        report(problems, Kind::Corrupt, offset, typeName(type),
               Tr::tr("its fields make no sense: the record is left out"));
        return false;
    }
    m_records.push_back(ref);
    return true;
}

void SessionReader::numberRecords()
{
    std::vector<std::pair<quint32, int>> counts;
    for (SessionRecordRef &ref : m_records) {
        auto it = std::find_if(counts.begin(), counts.end(),
                               [&](const auto &c) { return c.first == ref.type; });
        if (it == counts.end())
            it = counts.insert(counts.end(), {ref.type, 0});
        ref.ordinal = ++it->second;
    }
}

QString SessionReader::recordName(const SessionRecordRef &ref) const
{
    QString name = QStringLiteral("%1 #%2").arg(typeName(ref.type)).arg(ref.ordinal);
    if (ref.type == typeChnk || ref.type == typeData || ref.type == typeWireChnk
        || ref.type == typeWireData)
        return Tr::tr("%1 (connection %2, %3)")
            .arg(name)
            .arg(ref.connection)
            .arg(directionKey(Direction(ref.direction)));
    if (ref.type == typeConn || ref.type == typeEvnt)
        return Tr::tr("%1 (connection %2)").arg(name).arg(ref.connection);
    return name;
}

bool SessionReader::readRecord(const SessionRecordRef &ref, QByteArray *payload,
                               QList<SessionError> *problems, const QString &consequence) const
{
    const qint64 span = recordSpan(ref.length);
    const QString name = recordName(ref);
    const auto withConsequence = [&](const QString &what) {
        return consequence.isEmpty() ? what : Tr::tr("%1; %2").arg(what, consequence);
    };
    if (ref.offset + span > m_info.fileSize) {
        report(problems, Kind::Truncated, ref.offset, name,
               withConsequence(Tr::tr("the file ends inside this record (which claims %1 bytes)")
                                   .arg(ref.length)));
        return false;
    }
    QByteArray bytes(qsizetype(span), Qt::Uninitialized);
    if (m_input->read(ref.offset, bytes.data(), span) != span) {
        report(problems, Kind::Io, ref.offset, name,
               withConsequence(QString::fromLocal8Bit(std::strerror(errno))));
        return false;
    }
    const char *h = bytes.constData();
    const qint64 crcAt = recordHeaderSize + ref.length;
    if (qFromLittleEndian<quint32>(h) != ref.type
        || qFromLittleEndian<qint64>(h + 8) != ref.length) {
        report(problems, Kind::Corrupt, ref.offset, name,
               withConsequence(Tr::tr("the trailer points at something else")));
        return false;
    }
    if (crc32c(h, crcAt) != qFromLittleEndian<quint32>(h + crcAt)
        || !zeroPadding(h, crcAt + recordCrcSize, span)) {
        report(problems, Kind::Corrupt, ref.offset, name,
               withConsequence(Tr::tr("checksum mismatch")));
        return false;
    }
    *payload = bytes.mid(int(recordHeaderSize), qsizetype(ref.length));
    return true;
}

void SessionReader::readConnections(QList<SessionError> *problems)
{
    bool haveMeta = false;
    for (const SessionRecordRef &ref : m_records) {
        if (ref.type != typeConn && !(ref.type == typeMeta && !haveMeta))
            continue;
        QByteArray payload;
        if (!readRecord(ref, &payload, problems, Tr::tr("it is left out")))
            continue;
        if (ref.type == typeMeta) {
            m_info.meta = QJsonDocument::fromJson(payload).object();
            haveMeta = true;
            continue;
        }
        SessionConnection c;
        Reader in(payload);
        // The saved bytes of a direction come from this file: a CONN that
        // claims more is damaged (and must not make the loader allocate it).
        const auto tooBig = [&](const SessionDirection &d) {
            return d.size - d.dataStart > m_info.fileSize;
        };
        if (!SessionCodec::getConnection(in, &c) || c.id == 0 || tooBig(c.directions[0])
            || tooBig(c.directions[1]) || tooBig(c.wire[0]) || tooBig(c.wire[1])) {
            report(problems, Kind::Corrupt, ref.offset, recordName(ref),
                   Tr::tr("its fields make no sense: the connection is left out"));
            continue;
        }
        c.fileOffset = ref.offset;
        auto same = std::find_if(m_connections.begin(), m_connections.end(),
                                 [&](const SessionConnection &o) { return o.id == c.id; });
        if (same != m_connections.end())
            *same = std::move(c); // a later save of the same connection (autosave)
        else
            m_connections.push_back(std::move(c));
    }
}

std::vector<const SessionRecordRef *> SessionReader::refsOf(quint32 type, quint64 connection,
                                                            int direction) const
{
    std::vector<const SessionRecordRef *> refs;
    for (const SessionRecordRef &ref : m_records) {
        if (ref.type == type && ref.connection == connection
            && (direction < 0 || ref.direction == direction))
            refs.push_back(&ref);
    }
    std::stable_sort(refs.begin(), refs.end(),
                     [](const auto *a, const auto *b) { return a->first < b->first; });
    return refs;
}

SessionReader::ChunkCursor SessionReader::chunks(const SessionConnection &connection,
                                                 Direction direction, QList<SessionError> *problems,
                                                 bool wire) const
{
    const SessionDirection &d = connection.direction(direction, wire);
    ChunkCursor cursor;
    cursor.m_reader = this;
    cursor.m_problems = problems;
    cursor.m_refs = refsOf(wire ? typeWireChnk : typeChnk, connection.id, int(direction));
    cursor.m_nextIndex = d.firstChunk;
    cursor.m_nextOffset = d.dataStart;
    cursor.m_endIndex = d.chunkCount;
    cursor.m_endOffset = d.size;
    cursor.m_name = streamName(connection.id, direction, wire);
    return cursor;
}

bool SessionReader::ChunkCursor::next(ChunkRecord *chunk)
{
    while (m_inBatch >= m_batch.size()) {
        if (m_stopped || m_nextIndex >= m_endIndex || !load())
            return false;
    }
    *chunk = m_batch[m_inBatch++];
    return true;
}

void SessionReader::ChunkCursor::stop(SessionError::Kind kind, const SessionRecordRef *ref,
                                      const QString &message)
{
    m_stopped = true;
    report(m_problems, kind, ref ? ref->offset : -1, ref ? m_reader->recordName(*ref) : m_name,
           message);
}

bool SessionReader::ChunkCursor::load()
{
    // Records a later save made again (autosave) are skipped.
    while (m_nextRef < m_refs.size() && m_refs[m_nextRef]->first < m_nextIndex)
        ++m_nextRef;
    const QString lost
        = Tr::tr("chunks %1 to %2 are left out").arg(m_nextIndex).arg(m_endIndex - 1);
    if (m_nextRef >= m_refs.size() || m_refs[m_nextRef]->first != m_nextIndex) {
        stop(Kind::Truncated, nullptr,
             Tr::tr("no record holds chunk %1: %2").arg(m_nextIndex).arg(lost));
        return false;
    }
    const SessionRecordRef *ref = m_refs[m_nextRef++];
    QByteArray payload;
    if (!m_reader->readRecord(*ref, &payload, m_problems, lost)) {
        m_stopped = true;
        return false;
    }
    Reader in(payload);
    const quint64 connection = in.u64();
    const quint8 direction = in.u8();
    const qint64 first = in.i64();
    const qint64 offset = in.i64();
    qint64 timeNs = in.i64();
    const quint64 count = in.varint();
    if (!in.ok() || connection != ref->connection || direction != ref->direction
        || first != m_nextIndex || offset != m_nextOffset
        || count > quint64(in.remaining() / SessionCodec::minChunkBytes)) {
        stop(Kind::Corrupt, ref, Tr::tr("its chunks do not follow the ones before: %1").arg(lost));
        return false;
    }
    m_batch.clear();
    m_batch.reserve(size_t(std::min<quint64>(count, quint64(m_endIndex - m_nextIndex))));
    m_inBatch = 0;
    qint64 at = offset;
    for (quint64 i = 0; i < count && m_nextIndex < m_endIndex; ++i) {
        const quint64 size = in.varint();
        timeNs += in.zigzag();
        if (!in.ok() || size > quint64(m_endOffset - at)) {
            stop(Kind::Corrupt, ref,
                 Tr::tr("chunk %1 lies past the saved bytes: %2")
                     .arg(m_nextIndex)
                     .arg(Tr::tr("chunks %1 to %2 are left out")
                              .arg(m_nextIndex)
                              .arg(m_endIndex - 1)));
            return !m_batch.empty();
        }
        m_batch.push_back({at, qint64(size), timeNs});
        at += qint64(size);
        ++m_nextIndex;
    }
    m_nextOffset = at;
    return true;
}

SessionReader::ByteCursor SessionReader::bytes(const SessionConnection &connection,
                                               Direction direction, QList<SessionError> *problems,
                                               bool wire) const
{
    ByteCursor cursor;
    cursor.m_reader = this;
    cursor.m_problems = problems;
    cursor.m_refs = refsOf(wire ? typeWireData : typeData, connection.id, int(direction));
    cursor.m_name = streamName(connection.id, direction, wire);
    return cursor;
}

const SessionRecordRef *SessionReader::ByteCursor::find(qint64 offset) const
{
    auto it = std::upper_bound(m_refs.begin(), m_refs.end(), offset,
                               [](qint64 at, const SessionRecordRef *r) { return at < r->first; });
    if (it == m_refs.begin())
        return nullptr;
    const SessionRecordRef *ref = *(it - 1);
    return offset < ref->first + ref->count ? ref : nullptr;
}

void SessionReader::ByteCursor::read(qint64 offset, char *out, qint64 n)
{
    while (n > 0) {
        const SessionRecordRef *ref = find(offset);
        if (!ref) {
            // No record holds these bytes: zeros up to the next one.
            auto next = std::upper_bound(
                m_refs.begin(), m_refs.end(), offset,
                [](qint64 at, const SessionRecordRef *r) { return at < r->first; });
            const qint64 gap = next == m_refs.end() ? n : std::min(n, (*next)->first - offset);
            std::memset(out, 0, size_t(gap));
            if (m_reportedGapAt < 0 || offset != m_reportedGapAt) {
                report(m_problems, Kind::Truncated, -1, m_name,
                       Tr::tr("bytes %1 to %2 are missing from the file: they read as zeros")
                           .arg(offset)
                           .arg(offset + gap - 1));
            }
            m_reportedGapAt = offset + gap;
            offset += gap;
            out += gap;
            n -= gap;
            continue;
        }
        if (ref != m_cached) {
            m_cached = ref;
            const QString zeros = Tr::tr("bytes %1 to %2 read as zeros")
                                      .arg(ref->first)
                                      .arg(ref->first + ref->count - 1);
            m_cachedGood = m_reader->readRecord(*ref, &m_payload, m_problems, zeros);
            Reader in(m_payload);
            if (m_cachedGood
                && (in.u64() != ref->connection || in.u8() != ref->direction
                    || in.i64() != ref->first
                    || m_payload.size() - dataHeaderBytes != ref->count)) {
                report(m_problems, Kind::Corrupt, ref->offset, m_reader->recordName(*ref),
                       Tr::tr("it does not hold the bytes the trailer says: %1").arg(zeros));
                m_cachedGood = false;
            }
        }
        const qint64 inRecord = offset - ref->first;
        const qint64 take = std::min(n, ref->count - inRecord);
        if (m_cachedGood)
            std::memcpy(out, m_payload.constData() + dataHeaderBytes + inRecord, size_t(take));
        else
            std::memset(out, 0, size_t(take));
        offset += take;
        out += take;
        n -= take;
    }
}

void SessionReader::readEvents(quint64 connection,
                               const std::function<void(const TimelineEvent &)> &visit,
                               QList<SessionError> *problems) const
{
    for (const SessionRecordRef *ref : refsOf(typeEvnt, connection, -1)) {
        QByteArray payload;
        const QString lost = Tr::tr("its %1 events are left out").arg(ref->count);
        if (!readRecord(*ref, &payload, problems, lost))
            continue;
        Reader in(payload);
        const quint64 id = in.u64();
        in.i64(); // first index
        qint64 previousNs = in.i64();
        const quint64 count = in.varint();
        if (!in.ok() || id != connection
            || count > quint64(in.remaining() / SessionCodec::minEventBytes)) {
            report(problems, Kind::Corrupt, ref->offset, recordName(*ref),
                   Tr::tr("its fields make no sense: %1").arg(lost));
            continue;
        }
        std::vector<TimelineEvent> events;
        for (quint64 i = 0; i < count; ++i) {
            TimelineEvent event;
            if (!SessionCodec::getEvent(in, &event, previousNs)) {
                report(problems, Kind::Corrupt, ref->offset, recordName(*ref),
                       Tr::tr("event %1 makes no sense: the %2 after it are left out")
                           .arg(ref->first + qint64(i))
                           .arg(count - i));
                break;
            }
            previousNs = event.timeNs;
            events.push_back(std::move(event));
        }
        // Format 1.1: the TLS details of the events follow them.
        if (events.size() == count && !SessionCodec::getTlsDetails(in, &events))
            report(problems, Kind::Corrupt, ref->offset, recordName(*ref),
                   Tr::tr("its TLS details make no sense: the events keep their texts only"));
        for (const TimelineEvent &event : events)
            visit(event);
    }
}

void SessionReader::readLines(const std::function<void(const SessionLine &)> &visit,
                              QList<SessionError> *problems) const
{
    for (const SessionRecordRef &ref : m_records) {
        if (ref.type != typeLine)
            continue;
        QByteArray payload;
        if (!readRecord(ref, &payload, problems, Tr::tr("the line is left out")))
            continue;
        Reader in(payload);
        SessionLine line;
        line.timeNs = in.i64();
        line.connection = in.u64();
        line.json = in.blob();
        if (in.ok())
            visit(line);
        else
            report(problems, Kind::Corrupt, ref.offset, recordName(ref),
                   Tr::tr("its fields make no sense: the line is left out"));
    }
}

} // namespace TcpInspector
