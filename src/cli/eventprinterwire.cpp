// SPDX-License-Identifier: GPL-3.0-or-later
// EventPrinter's --tls-records lines (wire_chunk, tls_record): the records of
// a TLS connection as they crossed the socket, beside the plaintext's lines.
#include "eventprinter.h"

#include "jsonline.h"

#include "framing/decoderregistry.h"
#include "net/connection.h"
#include "stream/linking.h"

#include <algorithm>

namespace TcpInspector {

namespace {

// The record layer's version field. TLS 1.3 keeps 0x0303 there (RFC 8446,
// 5.1): it names the legacy version, not the one negotiated.
QString recordVersionName(quint16 version)
{
    switch (version) {
    case 0x0300:
        return QStringLiteral("SSL 3.0");
    case 0x0301:
        return QStringLiteral("TLS 1.0");
    case 0x0302:
        return QStringLiteral("TLS 1.1");
    case 0x0303:
        return QStringLiteral("TLS 1.2");
    case 0x0304:
        return QStringLiteral("TLS 1.3");
    default:
        return QStringLiteral("0x%1").arg(version, 4, 16, QLatin1Char('0'));
    }
}

} // namespace

qint64 EventPrinter::nextWireChunkNs(const Progress &progress, Direction direction) const
{
    const StreamChannel *wire = progress.connection->wire(direction);
    if (!m_tlsRecords || !wire)
        return noItem;
    const StreamStore &store = wire->store();
    const qint64 index = std::max(progress.wireChunks[int(direction)], store.firstChunk());
    return index < store.chunkCount() ? store.chunk(index).timestampNs : noItem;
}

void EventPrinter::printWireChunk(Progress &progress, Direction direction)
{
    const Connection *connection = progress.connection;
    const int d = int(direction);
    const StreamChannel &wire = *connection->wire(direction);
    const StreamStore &store = wire.store();
    // Ring mode may have let chunks and records go before they were printed.
    progress.wireChunks[d] = std::max(progress.wireChunks[d], store.firstChunk());
    const qint64 index = progress.wireChunks[d]++;
    const StreamStore::Chunk chunk = store.chunk(index);
    refreshNext(progress, direction == Direction::Rx ? WireRxChunk : WireTxChunk);
    if (m_events.shows("wire_chunk")) {
        JsonLine line = begin("wire_chunk", connection);
        line.add("dir", directionKey(direction))
            .add("index", index)
            .add("offset", chunk.offset)
            .add("size", chunk.size);
        write(line, chunk.timestampNs);
    }
    progress.wireFrames[d] = std::max(progress.wireFrames[d], wire.firstFrame());
    const qint64 upTo = std::min(wire.frameCount(), wire.firstFrameEndingAfter(chunk.end()));
    if (upTo <= progress.wireFrames[d])
        return;
    const std::vector<Frame> frames
        = wire.frames(progress.wireFrames[d], upTo - progress.wireFrames[d]);
    for (const Frame &frame : frames)
        printTlsRecord(connection, direction, frame, progress.wireFrames[d]++, chunk.timestampNs);
}

void EventPrinter::printTlsRecord(const Connection *connection, Direction direction,
                                  const Frame &frame, qint64 index, qint64 timeNs)
{
    if (!m_events.shows("tls_record"))
        return;
    const StreamStore &store = connection->wire(direction)->store();
    JsonLine line = begin("tls_record", connection);
    line.add("dir", directionKey(direction))
        .add("index", index)
        .add("offset", frame.offset)
        .add("size", frame.length)
        .add("payload", frame.payloadLength)
        .add("content_type", qint64(frame.kind));
    static const KindNamer namer = DecoderRegistry::instance().kindNamer(QStringLiteral("tls"));
    const QString name = namer ? namer(frame.kind) : QString();
    if (!name.isEmpty())
        line.add("content_type_name", name);
    // type (1), version (2), length (2): a ring may have let the header go.
    const QByteArray header = store.read(frame.offset, 5);
    if (header.size() == 5)
        line.add("version", recordVersionName(quint16(quint8(header[1]) << 8 | quint8(header[2]))));
    const IndexRange chunks = chunksOfRange(store, frame.offset, frame.length);
    line.addPair("chunks", chunks.first, chunks.last);
    write(line, timeNs);
}

} // namespace TcpInspector
