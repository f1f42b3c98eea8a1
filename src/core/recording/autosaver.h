// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "recording/sessionwriter.h"

#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>

class QTimer;

namespace TcpInspector {

class Connection;
class Timeline;

/// What an autosave writes: the same as File > Save would.
struct AutosaveSnapshot
{
    SessionMeta meta;
    QList<const Connection *> connections;
    const Timeline *listener = nullptr; ///< the listener's own events, or null
};

/// Keeps a session file up to date with a running session, so a crash or a
/// power loss costs only the last seconds. Every interval, when something
/// changed since the last write, it writes the whole session again on a
/// worker thread (SessionWriter: FILE.part, then a rename, so the file on
/// disk is always whole). One write at a time; a write that took d keeps
/// the next one from starting sooner than 10 d after it started, so saving
/// a big session costs at most a tenth of the time. A failed write (disk
/// full) leaves the recording untouched and is tried again later.
///
///     Autosaver saver(path, [&] { return snapshotOfTheSession(); });
///     saver.setEnabled(true);
///     // before connections are deleted:
///     saver.cancelAndWait();
class Autosaver : public QObject
{
    Q_OBJECT

public:
    using Source = std::function<AutosaveSnapshot()>;

    /// source is called on this object's thread when a write may start;
    /// the connections it names must live until cancelAndWait() returns.
    Autosaver(QString path, Source source, QObject *parent = nullptr);
    ~Autosaver() override; ///< cancels a write in progress and waits for it

    QString path() const { return m_path; }
    /// On: the first write comes within an interval. Off: a write in
    /// progress is cancelled and the file removed.
    void setEnabled(bool on);
    bool isEnabled() const { return m_enabled; }
    void setIntervalMs(int ms);
    int intervalMs() const { return m_intervalMs; }

    /// Stops a write in progress (it leaves the previous file as it was)
    /// and waits for its thread: call it before the connections go.
    void cancelAndWait();
    bool isWriting() const { return bool(m_job); }

    /// monotonicNs() when the last successful write ended; -1: none yet.
    qint64 lastWrittenNs() const { return m_lastWrittenNs; }
    /// How long the last write took, failed or not (ns); -1: none yet.
    qint64 lastDurationNs() const { return m_lastDurationNs; }
    /// The earliest monotonicNs() the next write may start.
    qint64 nextWriteNs() const { return m_nextNs; }
    /// Why the last write failed; empty after a success.
    QString lastError() const { return m_lastError; }
    int writeCount() const { return m_writeCount; }

    /// When a write that started at startNs and took durationNs lets the
    /// next one start: an interval later, or 10 times its duration.
    static qint64 nextStartNs(qint64 startNs, qint64 durationNs, qint64 intervalNs);

Q_SIGNALS:
    void written();
    /// Each failed write, with the reason (the file, the offset, errno's words).
    void failed(const QString &message);

private:
    struct Job;
    void tick();
    void startWrite(const AutosaveSnapshot &snapshot, quint64 fingerprint);
    void finishWrite(quint64 generation);
    /// Joins the worker and takes in its result.
    void collect();
    void removeFile();
    static quint64 fingerprintOf(const AutosaveSnapshot &snapshot);

    QString m_path;
    Source m_source;
    QTimer *m_timer;
    bool m_enabled = false;
    int m_intervalMs = 5000;
    std::unique_ptr<Job> m_job;
    quint64 m_generation = 0;
    quint64 m_writtenFingerprint = 0;
    qint64 m_lastWrittenNs = -1;
    qint64 m_lastDurationNs = -1;
    qint64 m_nextNs = 0;
    QString m_lastError;
    int m_writeCount = 0;
};

} // namespace TcpInspector
