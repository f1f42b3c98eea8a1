// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "recording/sessionerror.h"
#include "recording/sessioninput.h"
#include "recording/sessionrecords.h"
#include "stream/chunkindex.h"

#include <QJsonObject>
#include <QList>

#include <functional>
#include <memory>
#include <vector>

namespace TcpInspector {

/// The session as a whole: its header and META.
struct SessionInfo
{
    int major = 0;
    int minor = 0;
    qint64 startMonotonicNs = 0; ///< the origin of the CLI's "t"
    qint64 startWallNs = 0;      ///< UTC ns since the epoch at that moment
    /// A trailer and a footer end the file: opened without a scan. False
    /// for an autosave, or a save that never finished.
    bool finalized = false;
    QJsonObject meta;
    QString fileName;
    qint64 fileSize = 0;
};

/// The file at path, for SessionReader::open(); null, with an Io problem
/// ("cannot open PATH: why"), when it cannot be opened.
std::unique_ptr<SessionInput> openSessionFile(const QString &path, QList<SessionError> *problems);

/// Reads a session file (docs/SESSION-FORMAT.md) without trusting it: every
/// count is checked against the bytes that could hold it before anything is
/// allocated, every record's checksum before its contents are used, and
/// every problem names the offset and the record. open() reads the header,
/// the footer and the trailer, then the CONN and META records; chunks,
/// bytes and events are read on demand, one record at a time, so memory
/// does not grow with the file. A file without a valid footer (a crash, an
/// autosave, a truncation) is scanned from the first record instead, and
/// what is whole is kept.
///
/// Once open, its const functions may be called from several threads.
class SessionReader
{
public:
    SessionReader();
    ~SessionReader();
    SessionReader(const SessionReader &) = delete;
    SessionReader &operator=(const SessionReader &) = delete;

    /// False when nothing can be read (not a session, a newer major
    /// version, no header); problems then say why. True with problems when
    /// part of the file is damaged: the rest opens.
    bool open(std::unique_ptr<SessionInput> input, QList<SessionError> *problems);

    const SessionInfo &info() const { return m_info; }
    /// In file order; a later CONN with the same id has replaced the earlier.
    const std::vector<SessionConnection> &connections() const { return m_connections; }
    /// Every record found, in file order.
    const std::vector<SessionRecordRef> &records() const { return m_records; }
    /// "CHNK #17 (connection 3, rx)"
    QString recordName(const SessionRecordRef &ref) const;

    /// One direction's saved chunks, in order, one CHNK record in memory
    /// at a time. Stops at the first damaged or missing record (the chunks
    /// after it have no known offsets), with a problem.
    class ChunkCursor
    {
    public:
        bool next(ChunkRecord *chunk);

    private:
        friend class SessionReader;
        bool load();
        void stop(SessionError::Kind kind, const SessionRecordRef *ref, const QString &message);
        const SessionReader *m_reader = nullptr;
        QList<SessionError> *m_problems = nullptr;
        std::vector<const SessionRecordRef *> m_refs; // by first chunk
        size_t m_nextRef = 0;
        std::vector<ChunkRecord> m_batch;
        size_t m_inBatch = 0;
        qint64 m_nextIndex = 0;
        qint64 m_nextOffset = 0;
        qint64 m_endIndex = 0;
        qint64 m_endOffset = 0;
        QString m_name;
        bool m_stopped = false;
    };
    /// wire: the TLS records' chunks (WCHK, format 1.2) rather than the plaintext's.
    ChunkCursor chunks(const SessionConnection &connection, Direction direction,
                       QList<SessionError> *problems, bool wire = false) const;

    /// One direction's saved bytes, one DATA record (64 KiB) in memory at a
    /// time. A damaged or missing record reads as zeros, with a problem.
    class ByteCursor
    {
    public:
        /// n bytes at stream offset into out: always n.
        void read(qint64 offset, char *out, qint64 n);

    private:
        friend class SessionReader;
        const SessionRecordRef *find(qint64 offset) const;
        const SessionReader *m_reader = nullptr;
        QList<SessionError> *m_problems = nullptr;
        std::vector<const SessionRecordRef *> m_refs; // by stream offset
        const SessionRecordRef *m_cached = nullptr;
        QByteArray m_payload;
        bool m_cachedGood = false;
        qint64 m_reportedGapAt = -1;
        QString m_name;
    };
    /// wire: the TLS records' bytes (WDAT, format 1.2).
    ByteCursor bytes(const SessionConnection &connection, Direction direction,
                     QList<SessionError> *problems, bool wire = false) const;

    /// The events of a connection (0: the listener's own), in order. A
    /// damaged EVNT record is left out, with a problem; the others stay.
    void readEvents(quint64 connection, const std::function<void(const TimelineEvent &)> &visit,
                    QList<SessionError> *problems) const;
    void readLines(const std::function<void(const SessionLine &)> &visit,
                   QList<SessionError> *problems) const;

private:
    bool readHeader(QList<SessionError> *problems);
    bool readTrailer(QList<SessionError> *problems);
    void scan(QList<SessionError> *problems);
    /// "CHNK #3 (connection 2, rx)" for the record at offset at, while scanning.
    QString scanName(quint32 type, qint64 at, std::vector<std::pair<quint32, int>> *counts) const;
    bool indexRecord(quint32 type, quint32 flags, qint64 offset, const QByteArray &payload,
                     QList<SessionError> *problems);
    void numberRecords();
    void readConnections(QList<SessionError> *problems);
    /// The payload of ref, checksum checked; false with a problem.
    bool readRecord(const SessionRecordRef &ref, QByteArray *payload, QList<SessionError> *problems,
                    const QString &consequence = QString()) const;
    std::vector<const SessionRecordRef *> refsOf(quint32 type, quint64 connection,
                                                 int direction) const;

    std::unique_ptr<SessionInput> m_input;
    SessionInfo m_info;
    qint64 m_firstRecord = 0;
    qint64 m_end = 0; ///< where records end: the trailer, or the file's end
    std::vector<SessionRecordRef> m_records;
    std::vector<SessionConnection> m_connections;
};

} // namespace TcpInspector
