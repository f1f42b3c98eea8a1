// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/relay.h"

#include "net/connection.h"

#include <QRandomGenerator>

#include <algorithm>
#include <deque>

namespace TcpInspector {

namespace {
constexpr int kClient = int(Relay::Leg::Client);
constexpr int kServer = int(Relay::Leg::Server);
constexpr int otherOf(int leg)
{
    return 1 - leg;
}
// The qt engine drains its own buffer without a tx chunk to say so: while
// a leg is held back, the relay looks this often.
constexpr int kReleasePollMs = 20;

/// Why a connection failed, in the words of its newest error or timeout.
QString failureText(const Connection *c)
{
    if (!c)
        return QString();
    const Timeline &timeline = c->timeline();
    for (qint64 i = timeline.count() - 1; i >= 0; --i) {
        const TimelineEvent e = timeline.at(i);
        if (e.type == TimelineEvent::Error)
            return e.message.isEmpty() ? e.code : e.message;
        if (e.type == TimelineEvent::Timeout)
            return e.text;
    }
    return QString();
}

/// The TLS failure that ended c (not a close without close_notify, after
/// which the data went on), or an event of no type.
TimelineEvent tlsFailureOf(const Connection *c)
{
    if (!c || !c->usesTls())
        return {};
    // A failure records its error just before the close: among the last few.
    const Timeline &timeline = c->timeline();
    for (qint64 i = timeline.count() - 1; i >= 0 && i >= timeline.count() - 4; --i) {
        TimelineEvent e = timeline.at(i);
        if (e.type != TimelineEvent::Error)
            continue;
        if (e.code.startsWith(QLatin1String("tls_")) && e.code != QLatin1String("tls_truncated"))
            return e;
        break;
    }
    return {};
}
} // namespace

/// What waits between the two legs in one direction while a fault holds it.
struct Relay::Pipe
{
    struct Item
    {
        qint64 due = 0; ///< m_clock ms
        QByteArray bytes;
        bool fin = false; ///< the FIN read after the bytes before it
        bool end = false; ///< the leg ended (endState) after the bytes before it
        ConnectionState endState = ConnectionState::Closed;
        bool group = false; ///< a coalescing group: later bytes join it until it is due
    };
    std::deque<Item> items;
    QTimer timer;
    qint64 queued = 0;    ///< bytes in items
    qint64 delivered = 0; ///< bytes written to the other leg
    qint64 lastDue = 0;
    qint64 nextFree = 0; ///< the bandwidth's next free moment
    bool limitReached = false;
};

Relay::Pair::Pair()
{
    for (auto &pipe : pipes) {
        pipe = std::make_unique<Pipe>();
        pipe->timer.setSingleShot(true);
        pipe->timer.setTimerType(Qt::PreciseTimer);
    }
}

Relay::Pair::~Pair() = default;

QString relayLegKey(Relay::Leg leg)
{
    return leg == Relay::Leg::Client ? QStringLiteral("client") : QStringLiteral("server");
}

// Children, so that moveToThread() (the app's I/O thread) takes them along.
Relay::Relay(QObject *parent) : QObject(parent), m_server(this), m_client(this), m_releasePoll(this)
{
    m_clock.start();
    connect(&m_server, &ServerEndpoint::connectionAccepted, this, &Relay::handleAccepted);
    m_releasePoll.setInterval(kReleasePollMs);
    connect(&m_releasePoll, &QTimer::timeout, this, [this] {
        bool held = false;
        for (const auto &entry : m_pairs) {
            const Pair &pair = *entry.second;
            for (int leg : {kClient, kServer}) {
                if (pair.heldBack[leg]) {
                    release(pair.id, Leg(leg));
                    held = held || pair.heldBack[leg];
                }
            }
        }
        if (!held)
            m_releasePoll.stop();
    });
}

Relay::~Relay()
{
    // The endpoints delete the legs after this body, and a leg says so as
    // it goes: nothing of the relay may hear it.
    for (Connection *c : connections()) {
        disconnect(c, nullptr, this, nullptr);
        c->setReadTap({});
    }
}

bool Relay::listen(const RelayOptions &options, SocketErrorInfo *error)
{
    m_options = options;
    ServerOptions server = options.listen;
    // The relay answers nothing of its own, and a client's FIN is passed
    // on rather than ending the accepted leg.
    server.reply = ReplyPolicy();
    server.closeAtPeerEof = false;
    server.acceptMode = AcceptMode::Many;
    return m_server.listen(server, error);
}

void Relay::setFraming(const QString &rx, const QString &tx)
{
    for (ConnectionOptions *legs : {&m_options.listen.connection, &m_options.upstream.connection}) {
        legs->rxFraming = rx;
        legs->txFraming = tx;
    }
    // The listener keeps its own copy for the legs it accepts.
    m_server.setFraming(rx, tx);
}

void Relay::setFaults(const RelayFaults &faults)
{
    const RelayFaults before = m_options.faults;
    m_options.faults = faults;
    for (const auto &entry : m_pairs) {
        Pair &pair = *entry.second;
        for (int leg : {kClient, kServer}) {
            const bool paused = faultOf(Leg(leg)).paused;
            const bool wasPaused = before
                                       .direction[leg == kClient ? RelayFaults::ClientToServer
                                                                 : RelayFaults::ServerToClient]
                                       .paused;
            Connection *source = pair.legs[leg];
            if (paused && source && !isFinalState(source->state()))
                source->setReadPaused(true);
            if (wasPaused && !paused) {
                resumeReading(pair, Leg(leg));
                deliverDue(pair.id, Leg(leg));
            }
        }
    }
}

void Relay::resumeReading(Pair &pair, Leg leg)
{
    Connection *source = pair.legs[int(leg)];
    if (!source || isFinalState(source->state()) || pair.heldBack[int(leg)] || faultOf(leg).paused)
        return;
    // The client leg reads nothing before the server leg can take it.
    if (leg == Leg::Client) {
        const Connection *upstream = pair.legs[kServer];
        if (!upstream || upstream->state() == ConnectionState::Resolving
            || upstream->state() == ConnectionState::Connecting)
            return;
    }
    source->setReadPaused(false);
}

void Relay::stop()
{
    m_server.stop();
}

quint64 Relay::pairOf(const Connection *connection) const
{
    return m_pairOf.value(connection, 0);
}

Relay::Leg Relay::legOf(const Connection *connection) const
{
    return connection && connection->side() == Connection::Side::Client ? Leg::Server : Leg::Client;
}

Connection *Relay::partnerOf(const Connection *connection) const
{
    const auto it = m_pairs.find(pairOf(connection));
    if (it == m_pairs.end())
        return nullptr;
    return it->second->legs[otherOf(int(legOf(connection)))];
}

int Relay::openPairs() const
{
    int open = 0;
    for (const auto &entry : m_pairs)
        open += entry.second->finished ? 0 : 1;
    return open;
}

QList<Connection *> Relay::connections() const
{
    return m_server.connections() + m_client.connections();
}

int Relay::openConnections() const
{
    return m_server.openConnections() + m_client.openConnections();
}

Relay::Pair *Relay::find(quint64 pairId)
{
    const auto it = m_pairs.find(pairId);
    return it == m_pairs.end() ? nullptr : it->second.get();
}

void Relay::handleAccepted(Connection *clientLeg)
{
    // Nothing is read before the server leg can take it: until then the
    // kernel holds the client's bytes, and its window says so.
    clientLeg->setReadPaused(true);
    const quint64 id = m_nextPair++;
    auto owned = std::make_unique<Pair>();
    Pair &pair = *owned;
    m_pairs.emplace(id, std::move(owned));
    pair.id = id;
    for (int leg : {kClient, kServer})
        connect(&pair.pipes[leg]->timer, &QTimer::timeout, this,
                [this, id, leg] { deliverDue(id, Leg(leg)); });
    pair.legs[kClient] = clientLeg;
    clientLeg->setRelayPair(id);
    m_pairOf.insert(clientLeg, id);
    emit pairStarted(id, clientLeg);
    wire(pair, Leg::Client);
    const RelayFaults &faults = m_options.faults;
    // The accepted leg starts (takes its descriptor) after this signal: a
    // reset, or an upstream connect that fails at once, must come after.
    if (faults.refuseNew) {
        QTimer::singleShot(0, clientLeg, [clientLeg] {
            clientLeg->addNote(tr("The relay refuses new connections (a fault asked for): reset."));
            clientLeg->abortWithReset();
        });
        return;
    }
    if (faults.resetAfterMs > 0) {
        QTimer::singleShot(faults.resetAfterMs, this, [this, id, ms = faults.resetAfterMs] {
            Pair *p = find(id);
            for (int leg : {kClient, kServer}) {
                Connection *c = p ? p->legs[leg].data() : nullptr;
                if (c && !isFinalState(c->state())) {
                    c->addNote(tr("Reset by the relay %1 ms after the accept (a fault asked for).")
                                   .arg(ms));
                    c->abortWithReset();
                }
            }
        });
    }
    if (faults.connectDelayMs > 0) {
        clientLeg->addNote(
            tr("The relay waits %1 ms before connecting upstream (a fault asked for).")
                .arg(faults.connectDelayMs));
        QTimer::singleShot(faults.connectDelayMs, this, [this, id] { connectUpstream(id); });
        return;
    }
    QTimer::singleShot(0, this, [this, id] { connectUpstream(id); });
}

void Relay::connectUpstream(quint64 pairId)
{
    Pair *pair = find(pairId);
    if (!pair || !pair->legs[kClient] || isFinalState(pair->legs[kClient]->state()))
        return;
    // Wired as it is created: a connect that fails at once fails inside
    // connectTo().
    const QMetaObject::Connection created = connect(&m_client, &ClientEndpoint::connectionCreated,
                                                    this, [this, pairId](Connection *c) {
                                                        Pair *p = find(pairId);
                                                        p->legs[kServer] = c;
                                                        c->setRelayPair(pairId);
                                                        m_pairOf.insert(c, pairId);
                                                        emit upstreamStarted(pairId, c);
                                                        wire(*p, Leg::Server);
                                                        shareBytes(*p);
                                                    });
    m_client.connectTo(m_options.upstream);
    disconnect(created);
}

void Relay::wire(Pair &pair, Leg which)
{
    const quint64 id = pair.id;
    const int leg = int(which);
    Connection *c = pair.legs[leg];
    {
        c->setReadTap([this, id, leg](const char *data, qint64 size) {
            Pair *p = find(id);
            if (p)
                forward(*p, Leg(leg), data, size);
        });
        connect(c, &Connection::chunkRecorded, this, [this, id, leg](Direction d, qint64, qint64) {
            // The engine took bytes of this leg: the other may read again.
            if (d == Direction::Tx)
                release(id, Leg(otherOf(leg)));
        });
        connect(c, &Connection::stateChanged, this,
                [this, id, leg](ConnectionState state, StateCause) {
                    handleState(id, Leg(leg), state);
                });
        connect(c, &QObject::destroyed, this, [this, c] { m_pairOf.remove(c); });
    }
}

void Relay::shareBytes(Pair &pair)
{
    // Neither leg has written yet: each writes the other's reads from the
    // first byte on, so its tx keeps its own chunks over the other's bytes.
    Connection *client = pair.legs[kClient];
    Connection *server = pair.legs[kServer];
    if (client && server) {
        client->shareTxWithRxOf(*server);
        server->shareTxWithRxOf(*client);
    }
}

void Relay::forward(Pair &pair, Leg from, const char *data, qint64 size)
{
    Connection *source = pair.legs[int(from)];
    const RelayFault &fault = faultOf(from);
    if (fault.isNone() && pair.pipes[int(from)]->items.empty())
        deliver(pair, from, data, size);
    else
        enqueue(pair, from, QByteArray(data, qsizetype(size)), false);
    if (source && !source->readPaused() && waiting(pair, from) > m_options.highWater) {
        source->setReadPaused(true);
        pair.heldBack[int(from)] = true;
        m_releasePoll.start();
    }
}

qint64 Relay::waiting(const Pair &pair, Leg from) const
{
    const Connection *target = pair.legs[otherOf(int(from))];
    const qint64 held = pair.pipes[int(from)]->queued;
    return target ? held + target->pendingBytes() + target->bufferedInEngine() : held;
}

const RelayFault &Relay::faultOf(Leg from) const
{
    return m_options.faults
        .direction[from == Leg::Client ? RelayFaults::ClientToServer : RelayFaults::ServerToClient];
}

void Relay::enqueue(Pair &pair, Leg from, const QByteArray &bytes, bool fin)
{
    Pipe &pipe = *pair.pipes[int(from)];
    const RelayFault &fault = faultOf(from);
    const qint64 now = m_clock.elapsed();
    qint64 due = now + fault.latencyMs;
    if (fault.jitterMs > 0)
        due += QRandomGenerator::global()->bounded(fault.jitterMs + 1);
    if (!fin && fault.coalesceMs > 0) {
        // Joins the group still held; a new group waits coalesceMs.
        if (!pipe.items.empty() && pipe.items.back().group) {
            pipe.items.back().bytes += bytes;
            pipe.queued += bytes.size();
            if (fault.bandwidth > 0)
                pipe.nextFree += bytes.size() * 1000 / fault.bandwidth;
            return;
        }
        due += fault.coalesceMs;
    }
    // In order: a byte never overtakes one read before it, nor the FIN.
    due = std::max(due, pipe.lastDue);
    // A bandwidth: pieces of 20 ms worth, each when the budget allows.
    // Never below 256 bytes: a slow rate must not make an item per byte.
    const qint64 piece = fault.bandwidth > 0 && !fin ? std::max<qint64>(256, fault.bandwidth / 50)
                                                     : std::max<qint64>(1, bytes.size());
    for (qint64 at = 0; at < bytes.size() || (fin && at == 0); at += piece) {
        Pipe::Item item;
        item.bytes = bytes.mid(at, piece);
        item.fin = fin;
        item.group = !fin && fault.coalesceMs > 0;
        if (fault.bandwidth > 0) {
            due = std::max(due, pipe.nextFree);
            pipe.nextFree = due + item.bytes.size() * 1000 / fault.bandwidth;
        }
        item.due = due;
        pipe.queued += item.bytes.size();
        pipe.items.push_back(std::move(item));
        if (fin)
            break;
    }
    pipe.lastDue = due;
    if (!pipe.timer.isActive() || pipe.timer.remainingTime() > int(pipe.items.front().due - now))
        pipe.timer.start(int(std::max<qint64>(0, pipe.items.front().due - now)));
}

void Relay::deliverDue(quint64 pairId, Leg from)
{
    Pair *pair = find(pairId);
    if (!pair)
        return;
    Pipe &pipe = *pair->pipes[int(from)];
    if (faultOf(from).paused)
        return; // setFaults() delivers them when the direction resumes
    const qint64 now = m_clock.elapsed();
    while (!pipe.items.empty() && pipe.items.front().due <= now) {
        Pipe::Item item = std::move(pipe.items.front());
        pipe.items.pop_front();
        pipe.queued -= item.bytes.size();
        if (item.end)
            endOther(*pair, from, item.endState);
        else if (item.fin)
            passFin(*pair, Leg(otherOf(int(from))));
        else
            deliver(*pair, from, item.bytes.constData(), item.bytes.size());
    }
    if (!pipe.items.empty())
        pipe.timer.start(int(std::max<qint64>(0, pipe.items.front().due - now)));
}

void Relay::deliver(Pair &pair, Leg from, const char *data, qint64 size)
{
    Connection *target = pair.legs[otherOf(int(from))];
    if (!target)
        return;
    Pipe &pipe = *pair.pipes[int(from)];
    const RelayFault &fault = faultOf(from);
    bool limited = false;
    if (fault.limitBytes >= 0) {
        if (pipe.limitReached)
            return; // read on the other leg, never written: the recordings show it
        const qint64 allowed = fault.limitBytes - pipe.delivered;
        if (size >= allowed) {
            size = allowed;
            limited = true;
        }
    }
    pipe.delivered += size;
    // To an ended leg too: the connection records what it could not send
    // as discarded, so no byte is lost in silence.
    if (size > 0) {
        if (fault.sliceBytes > 0)
            target->sendRelayedFragmented(QByteArray(data, qsizetype(size)), fault.sliceBytes,
                                          fault.sliceDelayMs);
        else
            target->sendRelayed(data, size);
    }
    if (limited)
        endAtLimit(pair, from);
}

void Relay::endAtLimit(Pair &pair, Leg from)
{
    Pipe &pipe = *pair.pipes[int(from)];
    pipe.limitReached = true;
    const RelayFault &fault = faultOf(from);
    const QString text
        = fault.limitReset
              ? tr("%1 bytes passed from the %2 leg (a limit a fault set): the relay resets both "
                   "legs.")
                    .arg(fault.limitBytes)
                    .arg(relayLegKey(from))
              : tr("%1 bytes passed from the %2 leg (a limit a fault set): the relay closes both "
                   "legs.")
                    .arg(fault.limitBytes)
                    .arg(relayLegKey(from));
    for (int leg : {kClient, kServer}) {
        Connection *c = pair.legs[leg];
        if (!c || isFinalState(c->state()))
            continue;
        c->addNote(text);
        if (fault.limitReset)
            c->abortWithReset();
        else
            c->close();
    }
}

void Relay::release(quint64 pairId, Leg held)
{
    Pair *pair = find(pairId);
    if (!pair || !pair->heldBack[int(held)])
        return;
    const Connection *target = pair->legs[otherOf(int(held))];
    if (target && !isFinalState(target->state()) && waiting(*pair, held) > m_options.lowWater)
        return;
    pair->heldBack[int(held)] = false;
    resumeReading(*pair, held);
}

void Relay::handleState(quint64 pairId, Leg leg, ConnectionState state)
{
    Pair *pair = find(pairId);
    if (!pair)
        return;
    Connection *client = pair->legs[kClient];
    if (leg == Leg::Server && state == ConnectionState::Established) {
        if (!client || isFinalState(client->state())) {
            // The client went while we connected: nobody to relay for.
            pair->legs[kServer]->close();
            return;
        }
        resumeReading(*pair, Leg::Client);
        if (pair->finishPending[kServer])
            passFin(*pair, Leg::Server);
        return;
    }
    if (state == ConnectionState::RemoteHalfClosed) {
        // Behind the bytes the faults still hold.
        if (pair->pipes[int(leg)]->items.empty() && !faultOf(leg).paused)
            passFin(*pair, Leg(otherOf(int(leg))));
        else
            enqueue(*pair, leg, QByteArray(), true);
        return;
    }
    if (isFinalState(state)) {
        // A close waits behind the bytes a fault still holds (an RST does
        // not: it throws away what is in flight, as TCP's does).
        if (state != ConnectionState::Reset && !pair->pipes[int(leg)]->items.empty())
            enqueueEnd(*pair, leg, state);
        else
            endOther(*pair, leg, state);
        checkFinished(*pair);
    }
}

void Relay::enqueueEnd(Pair &pair, Leg from, ConnectionState state)
{
    Pipe &pipe = *pair.pipes[int(from)];
    Pipe::Item item;
    item.end = true;
    item.endState = state;
    item.due = pipe.lastDue;
    pipe.items.push_back(std::move(item));
}

void Relay::passFin(Pair &pair, Leg to)
{
    Connection *target = pair.legs[int(to)];
    if (!target || isFinalState(target->state()))
        return;
    const ConnectionState s = target->state();
    if (s == ConnectionState::Resolving || s == ConnectionState::Connecting) {
        pair.finishPending[int(to)] = true;
        return;
    }
    pair.finishPending[int(to)] = false;
    // After the bytes before it, as the FIN came after them.
    if (s == ConnectionState::RemoteHalfClosed)
        target->close();
    else
        target->halfClose();
}

void Relay::endOther(Pair &pair, Leg ended, ConnectionState state)
{
    Connection *gone = pair.legs[int(ended)];
    Connection *other = pair.legs[otherOf(int(ended))];
    if (!other || isFinalState(other->state()))
        return;
    if (other->state() == ConnectionState::Resolving
        || other->state() == ConnectionState::Connecting) {
        // The upstream connect is moot now.
        other->failByTimeout(tr("The %1 leg ended before this one was connected; the relay "
                                "gives up connecting.")
                                 .arg(relayLegKey(ended)));
        return;
    }
    if (ended == Leg::Server
        && (state == ConnectionState::Failed || state == ConnectionState::Closed)) {
        const QString target = m_options.upstream.target.toString();
        const bool reset = m_options.resetOnUpstreamFailure;
        if (state == ConnectionState::Failed) {
            const QString why = failureText(gone);
            other->addNote(reset ? tr("The relay could not connect to %1 (%2): it resets this "
                                      "connection, as a server that refuses would.")
                                       .arg(target, why)
                                 : tr("The relay could not connect to %1 (%2): it closes this "
                                      "connection.")
                                       .arg(target, why));
            endAfterUpstreamFailure(other);
            return;
        }
        // A server leg whose TLS failed is a failed upstream too: the client
        // must not take its close for the end of a good reply.
        const TimelineEvent tls = tlsFailureOf(gone);
        if (tls.type == TimelineEvent::Error) {
            other->addNote(reset ? tr("The relay's TLS to %1 failed (%2): it resets this "
                                      "connection, as a server that refuses would. %3")
                                       .arg(target, tls.code, tls.explanation)
                                 : tr("The relay's TLS to %1 failed (%2): it closes this "
                                      "connection. %3")
                                       .arg(target, tls.code, tls.explanation));
            endAfterUpstreamFailure(other);
            return;
        }
    }
    // An RST carries through whoever sent it: the peer, a fault, the user.
    if (state == ConnectionState::Reset) {
        other->addNote(
            tr("The %1 leg was reset: the relay resets this one too.").arg(relayLegKey(ended)));
        other->abortWithReset();
        return;
    }
    // Closed after both FINs (this leg's own close), by a timeout or an
    // error: the other ends after what it still has to send.
    if (other->state() == ConnectionState::RemoteHalfClosed
        || other->state() == ConnectionState::Established
        || other->state() == ConnectionState::LocalHalfClosed)
        other->close();
}

void Relay::endAfterUpstreamFailure(Connection *clientLeg)
{
    if (m_options.resetOnUpstreamFailure)
        clientLeg->abortWithReset();
    else
        clientLeg->close();
}

void Relay::checkFinished(Pair &pair)
{
    if (pair.finished)
        return;
    for (int leg : {kClient, kServer}) {
        const Connection *c = pair.legs[leg];
        if (c && !isFinalState(c->state()))
            return;
    }
    pair.finished = true;
    pair.heldBack[kClient] = pair.heldBack[kServer] = false;
    const quint64 id = pair.id;
    emit pairFinished(id);
    // Later, not under the caller: a relay that runs for days keeps no
    // finished pair (pairOf() still knows the legs while they exist).
    QTimer::singleShot(0, this, [this, id] { m_pairs.erase(id); });
}

} // namespace TcpInspector
