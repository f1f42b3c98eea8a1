// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "recording/sessionerror.h"
#include "recording/sessionrecords.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <atomic>
#include <vector>

namespace TcpInspector {

/// What a session starts with: the origin of the CLI's "t" and the wall
/// clock then, and free-form facts (command line, language...).
struct SessionMeta
{
    qint64 startMonotonicNs = 0; ///< monotonicNs() at the start of the run
    qint64 startWallNs = 0;      ///< UTC ns since the epoch at the same moment
    QJsonObject meta;
};

/// Writes a session file (docs/SESSION-FORMAT.md): connections with their
/// bytes, chunks, timelines and settings, the listener's timeline, the CLI's
/// lines. It writes FILE.part and renames it on commit(), so a file named
/// FILE is always whole; any failure removes the .part. It only reads the
/// connections, so a full disk never harms the recording.
///
///     SessionWriter writer;
///     SessionError error;
///     if (!writer.open(path, {startNs, wallNs, meta}, &error)
///         || !writer.addTimeline(0, server.timeline(), &error))
///         return report(error);
///     for (Connection *c : server.connections())
///         if (!writer.addConnection(*c, {{"address", address}}, &error))
///             return report(error);
///     if (!writer.commit(&error))
///         return report(error);
///
/// One thread uses a writer; the connections may be live on another: each
/// is saved as far as it had got when addConnection() looked at it.
class SessionWriter
{
public:
    SessionWriter();
    ~SessionWriter(); ///< abort() unless committed
    SessionWriter(const SessionWriter &) = delete;
    SessionWriter &operator=(const SessionWriter &) = delete;

    /// Creates path + ".part" and writes the header and the META record.
    bool open(const QString &path, const SessionMeta &meta, SessionError *error);
    /// Saves one connection: its settings (every ConnectionOptions field
    /// plus extraSettings), its bytes in pieces of up to 1 MiB, its chunks,
    /// its events. Safe on a live connection: only what was published when
    /// it started is saved.
    bool addConnection(const Connection &connection, const QJsonObject &extraSettings,
                       SessionError *error);
    /// Events that belong to no connection: the listener's own (id 0).
    bool addTimeline(quint64 id, const Timeline &timeline, SessionError *error);
    /// One line the CLI printed, without its "t" (LINE record).
    bool addLine(qint64 timeNs, quint64 connection, const QByteArray &json, SessionError *error);
    /// The trailer, fdatasync, and the rename to the final name.
    bool commit(SessionError *error);
    /// Stops and removes the .part file.
    void abort();
    /// bytesDone grows by the bytes written; cancel, when set, stops the
    /// next call (error kind Cancelled, the .part removed).
    void setProgress(std::atomic<qint64> *bytesDone, const std::atomic<bool> *cancel);

    bool isOpen() const { return m_fd >= 0; }
    QString path() const { return m_path; }

private:
    /// context: "connection 3, rx", for the error message.
    bool writeRecord(SessionRecordRef entry, const QByteArray &payload, const QString &context,
                     SessionError *error);
    bool writeAt(const char *data, qint64 size, const QString &context, SessionError *error);
    bool fail(SessionError::Kind kind, const QString &message, SessionError *error);
    bool checkCancel(SessionError *error);
    /// One stream of a connection: a plaintext direction, or its TLS wire.
    struct Stream
    {
        quint64 id = 0;
        Direction direction = Direction::Rx;
        const StreamStore *store = nullptr;
        bool wire = false; ///< WCHK and WDAT records rather than CHNK and DATA
    };
    bool writeChunks(const Stream &stream, qint64 firstChunk, qint64 chunkCount,
                     SessionError *error);
    bool writeData(const Stream &stream, qint64 from, qint64 to, SessionError *error);
    bool writeEvents(quint64 id, const Timeline &timeline, qint64 count, SessionError *error);

    QString m_path;
    QString m_partPath;
    int m_fd = -1;
    qint64 m_offset = 0;
    SessionMeta m_meta;
    std::vector<SessionRecordRef> m_entries;
    QByteArray m_buffer; // one record at a time
    std::atomic<qint64> *m_bytesDone = nullptr;
    const std::atomic<bool> *m_cancel = nullptr;
};

} // namespace TcpInspector
