// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/connection.h"

#include <QJsonObject>
#include <QString>

#include <array>

namespace TcpInspector {

/// What a session file says about one direction of one connection (its
/// CONN record), as it was when saved.
struct SessionDirection
{
    QString framing;         ///< the spec in use when saved
    qint64 dataStart = 0;    ///< stream offset of the first saved byte (ring mode: > 0)
    qint64 size = 0;         ///< end of the saved bytes: the saved chunks' end
    qint64 evictedBytes = 0; ///< ring mode: StreamStore::firstOffset() when saved
    qint64 firstChunk = 0;   ///< index of the first saved chunk
    qint64 chunkCount = 0;   ///< chunks [firstChunk, chunkCount) are saved
    qint64 droppedBytes = 0;
    qint64 droppedChunks = 0;
    qint64 finishedAtNs = -1; ///< StreamChannel::finishedAtNs()
    qint64 frameCount = 0;    ///< when saved: a check for the re-decoding
    qint64 errorCount = 0;
};

/// What a session file says about one connection.
struct SessionConnection
{
    quint64 id = 0;
    Connection::Side side = Connection::Side::Client;
    EngineKind engine = EngineKind::Qt;
    ConnectionState state = ConnectionState::Connecting;
    /// Ended when saved: the frame counts are final and can be checked.
    bool finalAtSave = false;
    QString localAddress;
    QString peerAddress;
    qint64 discardedBytes = 0;
    qint64 discardedFromTx = 0;
    qint64 eventCount = 0;
    std::array<SessionDirection, 2> directions; ///< by Direction: rx, tx
    /// Format 1.2, TLS: the records as they crossed the wire, by Direction
    /// (their framing is tls); hasWire false for a 1.1 file or without TLS.
    bool hasWire = false;
    std::array<SessionDirection, 2> wire;
    /// Format 1.2, TLS: the session's NSS key log lines (Connection::tlsKeyLog()).
    QByteArray tlsKeyLog;
    /// Every ConnectionOptions field (SessionCodec::optionsToJson), and
    /// what the endpoint added (client target, server address...).
    QJsonObject settings;
    qint64 fileOffset = -1; ///< of its CONN record

    const SessionDirection &direction(Direction d) const { return directions[size_t(d)]; }
    SessionDirection &direction(Direction d) { return directions[size_t(d)]; }
    /// directions or, with wire, the wire's.
    const SessionDirection &direction(Direction d, bool wireLayer) const
    {
        return (wireLayer ? wire : directions)[size_t(d)];
    }
};

/// One line the CLI printed (LINE record): when, about which connection (0:
/// none), and the JSON object without its "t".
struct SessionLine
{
    qint64 timeNs = 0;
    quint64 connection = 0;
    QByteArray json;
};

/// One record as the trailer lists it: what a reader needs to find the
/// record without reading it.
struct SessionRecordRef
{
    quint32 type = 0;
    quint32 flags = 0;
    quint64 connection = 0;
    quint8 direction = 0;
    qint64 offset = 0; ///< of the record header in the file
    qint64 length = 0; ///< of the payload
    qint64 first = 0;  ///< first chunk or event index, or DATA's stream offset
    qint64 count = 0;  ///< chunks, events, or DATA's bytes
    qint64 firstNs = 0;
    qint64 lastNs = 0;
    int ordinal = 0; ///< among the records of its type, from 1: "CHNK #17" (not stored)
};

} // namespace TcpInspector
