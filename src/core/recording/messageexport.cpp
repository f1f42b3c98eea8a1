// SPDX-License-Identifier: GPL-3.0-or-later
#include "recording/messageexport.h"

#include "framing/decoderregistry.h"
#include "net/connection.h"
#include "stream/bytepreview.h"
#include "stream/linking.h"
#include "stream/streamstore.h"
#include "text/tr.h"

#include <QIODevice>

#include <algorithm>
#include <memory>
#include <queue>
#include <tuple>
#include <vector>

namespace TcpInspector {

namespace {

constexpr qint64 hexPiece = qint64(64) * 1024;
constexpr qint64 rawPiece = qint64(1024) * 1024;
constexpr qint64 windowBytes = qint64(1024) * 1024;
constexpr qsizetype flushBytes = qsizetype(256) * 1024;
constexpr qint64 framesPerBatch = 1024;

/// Output in batches, with the first write error kept.
class Sink
{
public:
    explicit Sink(QIODevice *out) : m_out(out) { }
    QByteArray &buffer() { return m_buffer; }
    void flushIfFull()
    {
        if (m_buffer.size() >= flushBytes)
            flush();
    }
    bool flush()
    {
        if (!m_error.isEmpty())
            return false;
        if (!m_buffer.isEmpty()) {
            if (!m_out || m_out->write(m_buffer) != m_buffer.size()) {
                m_error = Tr::tr("Writing the export failed: %1")
                              .arg(m_out ? m_out->errorString() : Tr::tr("no output"));
                return false;
            }
            m_buffer.clear();
        }
        return true;
    }
    bool failed() const { return !m_error.isEmpty(); }
    QString error() const { return m_error; }

private:
    QIODevice *m_out;
    QByteArray m_buffer;
    QString m_error;
};

/// The messages of one direction of one connection, in stream order, a
/// batch at a time, each with the time it was complete.
class MessageCursor
{
public:
    MessageCursor(const Connection &connection, Direction direction, int order)
        : m_connection(connection),
          m_channel(direction == Direction::Rx ? connection.rx() : connection.tx()),
          m_direction(direction),
          m_order(order),
          m_next(m_channel.firstFrame()),
          m_end(m_channel.frameCount()),
          m_namer(DecoderRegistry::instance().kindNamer(m_channel.framing()))
    {
        load();
    }

    bool atEnd() const { return m_batchAt >= m_batch.size(); }
    const Frame &frame() const { return m_batch[m_batchAt]; }
    qint64 index() const { return m_next - qint64(m_batch.size() - m_batchAt); }
    qint64 timeNs() const { return m_timeNs; }
    int order() const { return m_order; }
    const Connection &connection() const { return m_connection; }
    const StreamChannel &channel() const { return m_channel; }
    Direction direction() const { return m_direction; }
    QString kindName(quint16 kind) const
    {
        return m_namer && kind != 0 ? m_namer(kind) : QString();
    }

    /// The chunk holding offset, or -1. Messages come in stream order and
    /// many share a read: the last chunk found, or the one after it, is
    /// nearly always the answer, without a search of the chunk index.
    qint64 chunkAt(qint64 offset)
    {
        const StreamStore &store = m_channel.store();
        if (m_chunkIndex >= 0 && offset >= m_chunkRecord.offset && offset < m_chunkRecord.end())
            return m_chunkIndex;
        qint64 index = -1;
        if (m_chunkIndex >= 0 && offset >= m_chunkRecord.end()
            && m_chunkIndex + 1 < store.chunkCount()) {
            const ChunkRecord next = store.chunk(m_chunkIndex + 1);
            if (offset < next.end()) {
                m_chunkIndex += 1;
                m_chunkRecord = next;
                return m_chunkIndex;
            }
        }
        index = store.chunkIndexAt(offset);
        if (index >= 0) {
            m_chunkIndex = index;
            m_chunkRecord = store.chunk(index);
        }
        return index;
    }
    /// chunksOfRange() through chunkAt().
    IndexRange chunksOf(const Frame &f)
    {
        if (f.length <= 0)
            return {};
        const qint64 first = chunkAt(f.offset);
        const qint64 last = chunkAt(f.end() - 1);
        if (first < 0 || last < 0)
            return {};
        return {first, last};
    }

    /// Bytes [offset, offset + length) of the stream, from a window read
    /// 1 MiB at a time: messages come in stream order, and a read of a
    /// spilled store for each would be a system call each. Null for more
    /// than the window holds, or bytes no longer kept.
    QByteArrayView window(qint64 offset, qint64 length)
    {
        if (length > windowBytes)
            return {};
        if (offset < m_windowOffset || offset + length > m_windowOffset + m_window.size()) {
            m_window.resize(windowBytes);
            const qint64 got = m_channel.store().read(offset, m_window.data(), windowBytes);
            m_window.resize(std::max<qint64>(got, 0));
            m_windowOffset = offset;
            if (length > m_window.size())
                return {};
        }
        return QByteArrayView(m_window).sliced(offset - m_windowOffset, length);
    }

    void advance()
    {
        ++m_batchAt;
        if (m_batchAt >= m_batch.size())
            load();
        else
            m_timeNs = completedAt(frame());
    }

private:
    void load()
    {
        m_batch.clear();
        m_batchAt = 0;
        if (m_next >= m_end)
            return;
        m_batch = m_channel.frames(m_next, std::min(framesPerBatch, m_end - m_next));
        m_next += qint64(m_batch.size());
        if (!m_batch.empty())
            m_timeNs = completedAt(frame());
    }

    // When the read that brought a message's last byte happened; EOF ends
    // some messages after their last read.
    qint64 completedAt(const Frame &f)
    {
        const StreamStore &store = m_channel.store();
        if (f.status == Frame::EndedByEof && m_channel.finishedAtNs() >= 0)
            return m_channel.finishedAtNs();
        const qint64 chunk = chunkAt(std::max<qint64>(f.offset, f.end() - 1));
        if (chunk >= 0)
            return m_chunkRecord.timestampNs;
        if (m_channel.finishedAtNs() >= 0)
            return m_channel.finishedAtNs();
        const qint64 count = store.chunkCount();
        return count > store.firstChunk() ? store.chunk(count - 1).timestampNs : 0;
    }

private:
    const Connection &m_connection;
    const StreamChannel &m_channel;
    const Direction m_direction;
    const int m_order; ///< ties: earlier connections first, rx before tx
    qint64 m_next;
    const qint64 m_end; ///< frames decoded when the export began
    const KindNamer m_namer;
    std::vector<Frame> m_batch;
    size_t m_batchAt = 0;
    qint64 m_timeNs = 0;
    qint64 m_chunkIndex = -1; ///< the last chunk chunkAt() found
    ChunkRecord m_chunkRecord;
    QByteArray m_window; ///< see window()
    qint64 m_windowOffset = 0;
};

QByteArray csvField(const QString &text)
{
    QByteArray utf8 = text.toUtf8();
    if (!utf8.contains(',') && !utf8.contains('"') && !utf8.contains('\n') && !utf8.contains('\r'))
        return utf8;
    return '"' + utf8.replace("\"", "\"\"") + '"';
}

QByteArray jsonString(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    QByteArray quoted;
    quoted.reserve(utf8.size() + 2);
    quoted += '"';
    for (const char c : utf8) {
        switch (c) {
        case '"':
            quoted += "\\\"";
            break;
        case '\\':
            quoted += "\\\\";
            break;
        case '\n':
            quoted += "\\n";
            break;
        case '\r':
            quoted += "\\r";
            break;
        case '\t':
            quoted += "\\t";
            break;
        default:
            if (uchar(c) < 0x20)
                quoted += "\\u00" + QByteArray::number(uchar(c), 16).rightJustified(2, '0');
            else
                quoted += c;
        }
    }
    quoted += '"';
    return quoted;
}

/// The payload in hex, straight into the sink a piece at a time.
void writeHex(Sink &sink, MessageCursor &cursor, const Frame &frame)
{
    const QByteArrayView whole = cursor.window(frame.payloadOffset, frame.payloadLength);
    if (!whole.isNull() || frame.payloadLength == 0) {
        sink.buffer() += QByteArray::fromRawData(whole.data(), whole.size()).toHex();
        sink.flushIfFull();
        return;
    }
    const StreamStore &store = cursor.channel().store();
    QByteArray piece;
    for (qint64 at = 0; at < frame.payloadLength && !sink.failed(); at += hexPiece) {
        const qint64 length = std::min(hexPiece, frame.payloadLength - at);
        piece.resize(length);
        const qint64 got = store.read(frame.payloadOffset + at, piece.data(), length);
        if (got < length) // let go in ring mode meanwhile: zeros keep the length honest
            std::fill(piece.begin() + got, piece.end(), '\0');
        sink.buffer() += piece.toHex();
        sink.flushIfFull();
    }
}

void writeRow(Sink &sink, MessageFormat format, MessageCursor &cursor, qint64 startNs,
              int previewBytes)
{
    const Frame &frame = cursor.frame();
    const StreamStore &store = cursor.channel().store();
    const IndexRange chunks = cursor.chunksOf(frame);
    const qint64 previewSize = std::min<qint64>(frame.payloadLength, qint64(previewBytes) + 1);
    const QByteArrayView head = cursor.window(frame.payloadOffset, previewSize);
    const QString preview = bytePreview(head.isNull() ? store.read(frame.payloadOffset, previewSize)
                                                      : head.toByteArray(),
                                        previewBytes);
    const QByteArray time
        = QByteArray::number(double(std::max<qint64>(0, cursor.timeNs() - startNs)) / 1e6, 'f', 3);
    const QString kindName = cursor.kindName(frame.kind);
    const QByteArray endedBy = frame.status == Frame::EndedByEof ? "eof" : "";
    const QByteArray numbers[] = {QByteArray::number(cursor.connection().id()),
                                  directionKey(cursor.direction()).toLatin1(),
                                  QByteArray::number(cursor.index()),
                                  QByteArray::number(frame.offset),
                                  QByteArray::number(frame.length),
                                  QByteArray::number(frame.headerLength),
                                  QByteArray::number(frame.payloadLength)};
    QByteArray &line = sink.buffer();
    if (format == MessageFormat::Csv) {
        line += time;
        for (const QByteArray &field : numbers)
            line += ',' + field;
        line += ',';
        if (!chunks.isEmpty())
            line += QByteArray::number(chunks.first) + '-' + QByteArray::number(chunks.last);
        line += ',' + QByteArray::number(frame.kind) + ',' + csvField(kindName) + ',' + endedBy
                + ',';
        writeHex(sink, cursor, frame);
        sink.buffer() += ',' + csvField(preview) + "\r\n";
    } else {
        static const char *const keys[]
            = {"conn", "dir", "index", "offset", "size", "header", "payload"};
        line += "{\"t\":" + time;
        for (int i = 0; i < 7; ++i) {
            const bool text = i == 1;
            line += ",\"" + QByteArray(keys[i])
                    + "\":" + (text ? '"' + numbers[i] + '"' : numbers[i]);
        }
        line += ",\"chunks\":"
                + (chunks.isEmpty() ? QByteArray("null")
                                    : '[' + QByteArray::number(chunks.first) + ','
                                          + QByteArray::number(chunks.last) + ']');
        line += ",\"kind\":" + QByteArray::number(frame.kind) + ",\"kind_name\":"
                + jsonString(kindName) + R"(,"ended_by":")" + endedBy + R"(","hex":")";
        writeHex(sink, cursor, frame);
        sink.buffer() += R"(","preview":)" + jsonString(preview) + "}\n";
    }
    sink.flushIfFull();
}

} // namespace

bool exportMessages(const QList<const Connection *> &connections, MessageFormat format,
                    QIODevice *out, qint64 startNs, int previewBytes, QString *why)
{
    std::vector<std::unique_ptr<MessageCursor>> cursors;
    for (const Connection *connection : connections) {
        if (!connection)
            continue;
        for (Direction d : {Direction::Rx, Direction::Tx})
            cursors.push_back(std::make_unique<MessageCursor>(*connection, d, int(cursors.size())));
    }
    Sink sink(out);
    if (format == MessageFormat::Csv)
        sink.buffer() += "t_ms,conn,dir,index,offset,size,header,payload,chunks,kind,kind_name,"
                         "ended_by,hex,preview\r\n";
    // Merged by time; ties by connection, then rx before tx.
    using Head = std::pair<qint64, int>;
    std::priority_queue<Head, std::vector<Head>, std::greater<>> heads;
    for (const auto &cursor : cursors)
        if (!cursor->atEnd())
            heads.emplace(cursor->timeNs(), cursor->order());
    while (!heads.empty() && !sink.failed()) {
        MessageCursor &cursor = *cursors[size_t(heads.top().second)];
        heads.pop();
        writeRow(sink, format, cursor, startNs, std::max(0, previewBytes));
        cursor.advance();
        if (!cursor.atEnd())
            heads.emplace(cursor.timeNs(), cursor.order());
    }
    if (!sink.flush()) {
        if (why)
            *why = sink.error();
        return false;
    }
    return true;
}

bool exportRaw(const Connection &connection, Direction direction, QIODevice *out, QString *why)
{
    const StreamStore &store
        = direction == Direction::Rx ? connection.rx().store() : connection.tx().store();
    const qint64 end = store.size();
    QByteArray piece;
    for (qint64 at = store.firstOffset(); at < end;) {
        piece.resize(std::min(rawPiece, end - at));
        const qint64 got = store.read(at, piece.data(), piece.size());
        if (got <= 0)
            break; // ring mode let it go meanwhile: what is left starts later
        if (!out || out->write(piece.constData(), got) != got) {
            if (why)
                *why = Tr::tr("Writing the export failed: %1")
                           .arg(out ? out->errorString() : Tr::tr("no output"));
            return false;
        }
        at += got;
    }
    return true;
}

} // namespace TcpInspector
