// SPDX-License-Identifier: GPL-3.0-or-later
#include "recording/sessionreplay.h"

#include <algorithm>

namespace TcpInspector {

namespace {
constexpr int kEventRank = 2;
// A TLS connection's records (format 1.2): revealed as they come, but not
// steps of their own (position counts the plaintext's chunks).
constexpr int kWireRxRank = 3;
constexpr int kWireTxRank = 4;
constexpr int kRankCount = 5;

bool isWire(int rank)
{
    return rank >= kWireRxRank;
}

Direction directionOf(int rank)
{
    return Direction(isWire(rank) ? rank - kWireRxRank : rank);
}
constexpr int kTickMs = 33;
// What one tick may reveal before the cursor waits for the window: a fast
// stream at 10x must not freeze it. Past this the replay runs behind.
constexpr qint64 kTickBytes = qint64(4) * 1024 * 1024;
constexpr int kTickItems = 2000;
} // namespace

/// One connection being revealed: its two directions' next chunks (then
/// their ends) and its next event.
struct SessionReplay::Feed
{
    const SessionConnection *rec = nullptr;
    // By rank: rx, tx, (the event's rank unused), wire rx, wire tx.
    SessionReader::ChunkCursor chunks[kRankCount];
    SessionReader::ByteCursor bytes[kRankCount];
    ChunkRecord head[kRankCount];
    bool hasHead[kRankCount] = {};
    bool finishPending[kRankCount] = {};

    qint64 finishedAtNs(int rank) const
    {
        return rec->direction(directionOf(rank), isWire(rank)).finishedAtNs;
    }
    std::vector<TimelineEvent> events;
    size_t nextEvent = 0;
    int queued = 0; ///< of its items in the queue
    QPointer<RecordedConnection> connection;
    bool created = false;
};

SessionReplay::SessionReplay(Adopt adopt, Discard discard, QObject *parent)
    : QObject(parent), m_adopt(std::move(adopt)), m_discard(std::move(discard))
{
    m_timer.setInterval(kTickMs);
    connect(&m_timer, &QTimer::timeout, this, &SessionReplay::tick);
}

SessionReplay::~SessionReplay() = default;

bool SessionReplay::open(const QString &path, const LoadOptions &options,
                         QList<SessionError> *problems)
{
    pause();
    std::unique_ptr<SessionInput> input = openSessionFile(path, problems);
    auto reader = std::make_unique<SessionReader>();
    if (!input || !reader->open(std::move(input), problems))
        return false;
    m_path = path;
    m_options = options;
    m_reader = std::move(reader);
    m_chunkCount = 0;
    for (const SessionConnection &rec : m_reader->connections()) {
        for (const SessionDirection &d : rec.directions)
            m_chunkCount += std::max<qint64>(0, d.chunkCount - d.firstChunk);
    }
    restart();
    return true;
}

const SessionInfo &SessionReplay::info() const
{
    static const SessionInfo none;
    return m_reader ? m_reader->info() : none;
}

void SessionReplay::setFramings(quint64 id, const QString &rx, const QString &tx)
{
    m_framings.insert(id, {rx, tx});
}

void SessionReplay::clearFramings()
{
    m_framings.clear();
}

QList<RecordedConnection *> SessionReplay::connections() const
{
    QList<RecordedConnection *> result;
    for (const auto &feed : m_feeds) {
        if (feed->connection)
            result.append(feed->connection);
    }
    return result;
}

void SessionReplay::restart()
{
    const QList<RecordedConnection *> shown = connections();
    m_feeds.clear();
    if (!shown.isEmpty())
        m_discard(shown);
    m_queue = {};
    m_position = 0;
    if (m_reader)
        buildFeeds();
    m_startNs = m_queue.empty() ? 0 : m_queue.top().timeNs;
    m_clockNs = m_startNs;
    emit restarted();
    emit positionChanged();
}

void SessionReplay::buildFeeds()
{
    m_endNs = 0;
    for (const SessionConnection &rec : m_reader->connections()) {
        auto feed = std::make_unique<Feed>();
        feed->rec = &rec;
        for (int rank = 0; rank < kRankCount; ++rank) {
            if (rank == kEventRank || (isWire(rank) && !rec.hasWire))
                continue;
            const Direction d = directionOf(rank);
            feed->chunks[rank] = m_reader->chunks(rec, d, &m_problems, isWire(rank));
            feed->bytes[rank] = m_reader->bytes(rec, d, &m_problems, isWire(rank));
            feed->hasHead[rank] = feed->chunks[rank].next(&feed->head[rank]);
            feed->finishPending[rank] = feed->finishedAtNs(rank) >= 0;
            m_endNs = std::max(m_endNs, feed->finishedAtNs(rank));
        }
        m_reader->readEvents(
            rec.id, [&](const TimelineEvent &e) { feed->events.push_back(e); }, &m_problems);
        if (!feed->events.empty())
            m_endNs = std::max(m_endNs, feed->events.back().timeNs);
        m_feeds.push_back(std::move(feed));
        const int index = int(m_feeds.size() - 1);
        for (int rank = 0; rank < kRankCount; ++rank)
            push(index, rank);
    }
}

void SessionReplay::push(int index, int rank)
{
    Feed &feed = *m_feeds[size_t(index)];
    qint64 timeNs = 0;
    if (rank == kEventRank) {
        if (feed.nextEvent >= feed.events.size())
            return;
        timeNs = feed.events[feed.nextEvent].timeNs;
    } else if (feed.hasHead[rank]) {
        timeNs = feed.head[rank].timestampNs;
    } else if (feed.finishPending[rank]) {
        timeNs = feed.finishedAtNs(rank);
    } else {
        return;
    }
    m_queue.push(Item {timeNs, rank, index});
    ++feed.queued;
}

RecordedConnection *SessionReplay::connectionOf(Feed &feed)
{
    if (feed.created)
        return feed.connection;
    feed.created = true;
    LoadOptions options = m_options;
    const auto framing = m_framings.constFind(feed.rec->id);
    if (framing != m_framings.constEnd()) {
        options.rxFraming = framing->first;
        options.txFraming = framing->second;
    }
    std::unique_ptr<RecordedConnection> c = createRecorded(*feed.rec, options, &m_problems);
    c->setAddresses(feed.rec->localAddress, feed.rec->peerAddress);
    c->setReplayClock(m_clockNs);
    feed.connection = c.get();
    m_adopt(std::move(c));
    return feed.connection;
}

qint64 SessionReplay::revealNext()
{
    const Item item = m_queue.top();
    m_queue.pop();
    Feed &feed = *m_feeds[size_t(item.feed)];
    --feed.queued;
    RecordedConnection *c = connectionOf(feed);
    qint64 revealed = -1;
    if (item.rank == kEventRank) {
        if (c)
            c->addEvent(feed.events[feed.nextEvent]);
        ++feed.nextEvent;
    } else if (feed.hasHead[item.rank]) {
        const ChunkRecord &head = feed.head[item.rank];
        m_buffer.resize(qsizetype(head.size));
        feed.bytes[item.rank].read(head.offset, m_buffer.data(), head.size);
        const Direction d = directionOf(item.rank);
        if (isWire(item.rank)) {
            if (c)
                c->addWireChunk(d, m_buffer.constData(), head.size, head.timestampNs);
        } else {
            if (c)
                c->addChunk(d, m_buffer.constData(), head.size, head.timestampNs);
            revealed = head.size;
            ++m_position;
        }
        feed.hasHead[item.rank] = feed.chunks[item.rank].next(&feed.head[item.rank]);
    } else {
        if (c && isWire(item.rank))
            c->finishWire(directionOf(item.rank), item.timeNs);
        else if (c)
            c->finishDirection(directionOf(item.rank), item.timeNs);
        feed.finishPending[item.rank] = false;
    }
    m_endNs = std::max(m_endNs, item.timeNs);
    push(item.feed, item.rank);
    finishIfDone(feed);
    return revealed;
}

void SessionReplay::finishIfDone(Feed &feed)
{
    if (feed.queued > 0 || !feed.connection)
        return;
    const SessionConnection &rec = *feed.rec;
    feed.connection->finishLoading(rec.state, rec.localAddress, rec.peerAddress, rec.discardedBytes,
                                   rec.discardedFromTx);
}

void SessionReplay::stepForward()
{
    qint64 timeNs = m_clockNs;
    while (!m_queue.empty()) {
        timeNs = m_queue.top().timeNs;
        if (revealNext() >= 0)
            break;
    }
    setClock(timeNs);
    if (atEnd())
        pause();
    emit positionChanged();
}

void SessionReplay::stepBack()
{
    seek(m_position - 1);
}

void SessionReplay::seek(qint64 position)
{
    position = std::clamp<qint64>(position, 0, m_chunkCount);
    if (position < m_position)
        restart();
    qint64 timeNs = m_clockNs;
    while (m_position < position && !m_queue.empty()) {
        timeNs = m_queue.top().timeNs;
        revealNext();
    }
    setClock(timeNs);
    emit positionChanged();
}

void SessionReplay::revealAll()
{
    pause();
    qint64 timeNs = m_clockNs;
    while (!m_queue.empty()) {
        timeNs = m_queue.top().timeNs;
        revealNext();
    }
    setClock(timeNs);
    emit positionChanged();
}

void SessionReplay::play()
{
    if (!m_reader || atEnd() || isPlaying())
        return;
    m_sinceTick.start();
    m_timer.start();
    emit playingChanged(true);
}

void SessionReplay::pause()
{
    if (!isPlaying())
        return;
    m_timer.stop();
    emit playingChanged(false);
}

void SessionReplay::setSpeed(double speed)
{
    m_speed = std::clamp(speed, 0.1, 10.0);
}

void SessionReplay::tick()
{
    const qint64 elapsed = m_sinceTick.nsecsElapsed();
    m_sinceTick.start();
    qint64 target = m_clockNs + qint64(double(elapsed) * m_speed);
    qint64 bytes = 0;
    int items = 0;
    while (!m_queue.empty() && m_queue.top().timeNs <= target) {
        if (bytes >= kTickBytes || items >= kTickItems) {
            target = m_queue.top().timeNs; // behind: the cursor waits here
            break;
        }
        bytes += std::max<qint64>(0, revealNext());
        ++items;
    }
    setClock(atEnd() ? std::min(target, m_endNs) : target);
    if (atEnd())
        pause();
    emit positionChanged();
}

void SessionReplay::setClock(qint64 timeNs)
{
    m_clockNs = std::max(m_clockNs, timeNs);
    for (const auto &feed : m_feeds) {
        if (feed->connection)
            feed->connection->setReplayClock(m_clockNs);
    }
}

} // namespace TcpInspector
