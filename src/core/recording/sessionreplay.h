// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "recording/sessionloader.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <memory>
#include <queue>
#include <vector>

namespace TcpInspector {

/// Plays a session file back the way it arrived: the chunks of every
/// connection one by one in time order, with the events between them, into
/// RecordedConnections that the views watch fill as they watched the live
/// ones. A connection appears when its first event is revealed.
///
/// Reads the file as it goes, one chunk at a time (memory does not grow
/// with the file). Going back starts again from the beginning: a decoder
/// cannot be run backwards, and new connections are simpler for every view
/// than connections that shrink.
///
///     SessionReplay replay(adopt, discard);
///     if (!replay.open(path, {}, &problems)) ...
///     replay.stepForward();   // the first chunk, and what came before it
///     replay.setSpeed(0.5);
///     replay.play();          // half the recorded speed
///
/// Lives on one thread with the connections it fills.
class SessionReplay : public QObject
{
    Q_OBJECT

public:
    /// Takes the connections as they appear (the views' owner).
    using Adopt = std::function<void(std::unique_ptr<RecordedConnection>)>;
    /// Gives back the ones adopted so far, before a restart deletes them.
    using Discard = std::function<void(const QList<RecordedConnection *> &)>;

    SessionReplay(Adopt adopt, Discard discard, QObject *parent = nullptr);
    ~SessionReplay() override;

    /// Opens path; nothing is revealed yet. False when nothing can be read
    /// (problems says why); problems found later are in problems().
    bool open(const QString &path, const LoadOptions &options, QList<SessionError> *problems);
    /// Decodes connection id with these specs (empty: as recorded) when it
    /// is revealed next (after a restart, if it is shown already).
    void setFramings(quint64 id, const QString &rx, const QString &tx);
    void clearFramings();
    bool isOpen() const { return m_reader != nullptr; }
    QString path() const { return m_path; }
    const SessionInfo &info() const;
    const QList<SessionError> &problems() const { return m_problems; }

    /// Chunks in the file, both directions of every connection.
    qint64 chunkCount() const { return m_chunkCount; }
    /// Chunks revealed so far.
    qint64 position() const { return m_position; }
    /// Everything is revealed.
    bool atEnd() const { return m_queue.empty(); }
    /// On the recording's clock: the first event's time, the last one's
    /// (as far as the file says before it is played), and the cursor.
    qint64 startNs() const { return m_startNs; }
    qint64 endNs() const { return m_endNs; }
    qint64 clockNs() const { return m_clockNs; }
    bool isPlaying() const { return m_timer.isActive(); }
    double speed() const { return m_speed; }
    /// The connections revealed so far, in the order they appeared.
    QList<RecordedConnection *> connections() const;

public Q_SLOTS:
    /// Back to nothing revealed: the connections shown are discarded.
    void restart();
    /// The next chunk, and every event before it; at the end, what remains.
    void stepForward();
    /// One chunk fewer: from the start again, up to position() - 1.
    void stepBack();
    void seek(qint64 position);
    void revealAll();
    /// Reveals in time at speed() x the recorded pace, from the cursor.
    void play();
    void pause();
    /// 0.1 to 10; out of range values are clamped.
    void setSpeed(double speed);

Q_SIGNALS:
    /// position(), clockNs() or atEnd() changed.
    void positionChanged();
    void playingChanged(bool playing);
    /// restart() replaced the connections: what a view showed is gone.
    void restarted();

private:
    struct Feed;
    struct Item
    {
        qint64 timeNs;
        int rank; ///< at the same time: rx chunk, tx chunk, the event, then TLS records
        int feed;
        bool operator>(const Item &other) const
        {
            return timeNs != other.timeNs
                       ? timeNs > other.timeNs
                       : (rank != other.rank ? rank > other.rank : feed > other.feed);
        }
    };

    void buildFeeds();
    void push(int feed, int rank);
    /// Reveals the earliest item; returns the bytes of the chunk revealed,
    /// or -1 for an event or an end.
    qint64 revealNext();
    RecordedConnection *connectionOf(Feed &feed);
    void finishIfDone(Feed &feed);
    void tick();
    void setClock(qint64 timeNs);

    Adopt m_adopt;
    Discard m_discard;
    QString m_path;
    LoadOptions m_options;
    QHash<quint64, std::pair<QString, QString>> m_framings;
    std::unique_ptr<SessionReader> m_reader;
    QList<SessionError> m_problems;
    std::vector<std::unique_ptr<Feed>> m_feeds;
    std::priority_queue<Item, std::vector<Item>, std::greater<>> m_queue;
    QByteArray m_buffer;
    qint64 m_chunkCount = 0;
    qint64 m_position = 0;
    qint64 m_startNs = 0;
    qint64 m_endNs = 0;
    qint64 m_clockNs = 0;
    double m_speed = 1.0;
    QTimer m_timer;
    QElapsedTimer m_sinceTick;
};

} // namespace TcpInspector
