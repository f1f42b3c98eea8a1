// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/relay.h"

#include "net/connection.h"

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
} // namespace

QString relayLegKey(Relay::Leg leg)
{
    return leg == Relay::Leg::Client ? QStringLiteral("client") : QStringLiteral("server");
}

Relay::Relay(QObject *parent) : QObject(parent)
{
    connect(&m_server, &ServerEndpoint::connectionAccepted, this, &Relay::handleAccepted);
    m_releasePoll.setInterval(kReleasePollMs);
    connect(&m_releasePoll, &QTimer::timeout, this, [this] {
        bool held = false;
        for (Pair &pair : m_pairs) {
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
    const auto it = m_pairs.constFind(pairOf(connection));
    if (it == m_pairs.constEnd())
        return nullptr;
    return it->legs[otherOf(int(legOf(connection)))];
}

int Relay::openPairs() const
{
    int open = 0;
    for (const Pair &pair : m_pairs)
        open += pair.finished ? 0 : 1;
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
    return it == m_pairs.end() ? nullptr : &*it;
}

void Relay::handleAccepted(Connection *clientLeg)
{
    // Nothing is read before the server leg can take it: until then the
    // kernel holds the client's bytes, and its window says so.
    clientLeg->setReadPaused(true);
    const quint64 id = m_nextPair++;
    Pair &pair = m_pairs[id];
    pair.id = id;
    pair.legs[kClient] = clientLeg;
    m_pairOf.insert(clientLeg, id);
    // Wired as it is created: a connect that fails at once fails inside
    // connectTo().
    const QMetaObject::Connection created
        = connect(&m_client, &ClientEndpoint::connectionCreated, this, [this, id](Connection *c) {
              Pair *p = find(id);
              p->legs[kServer] = c;
              m_pairOf.insert(c, id);
              emit pairStarted(id, p->legs[kClient], c);
              wire(*p);
          });
    m_client.connectTo(m_options.upstream);
    disconnect(created);
}

void Relay::wire(Pair &pair)
{
    const quint64 id = pair.id;
    for (int leg : {kClient, kServer}) {
        Connection *c = pair.legs[leg];
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
                [this, id, leg](ConnectionState state, StateCause cause) {
                    handleState(id, Leg(leg), state, cause);
                });
        connect(c, &QObject::destroyed, this, [this, c] { m_pairOf.remove(c); });
    }
}

void Relay::forward(Pair &pair, Leg from, const char *data, qint64 size)
{
    Connection *source = pair.legs[int(from)];
    Connection *target = pair.legs[otherOf(int(from))];
    if (!target)
        return;
    // To an ended leg too: the connection records what it could not send
    // as discarded, so no byte is lost in silence.
    target->send(QByteArray(data, qsizetype(size)));
    if (source && !source->readPaused()
        && target->pendingBytes() + target->bufferedInEngine() > m_options.highWater) {
        source->setReadPaused(true);
        pair.heldBack[int(from)] = true;
        m_releasePoll.start();
    }
}

void Relay::release(quint64 pairId, Leg waiting)
{
    Pair *pair = find(pairId);
    if (!pair || !pair->heldBack[int(waiting)])
        return;
    Connection *source = pair->legs[int(waiting)];
    Connection *target = pair->legs[otherOf(int(waiting))];
    if (target && !isFinalState(target->state())
        && target->pendingBytes() + target->bufferedInEngine() > m_options.lowWater)
        return;
    pair->heldBack[int(waiting)] = false;
    if (source && !isFinalState(source->state()))
        source->setReadPaused(false);
}

void Relay::handleState(quint64 pairId, Leg leg, ConnectionState state, StateCause cause)
{
    Pair *pair = find(pairId);
    if (!pair)
        return;
    Connection *client = pair->legs[kClient];
    if (leg == Leg::Server && state == ConnectionState::Established) {
        if (client && !pair->heldBack[kClient])
            client->setReadPaused(false);
        if (pair->finishPending[kServer])
            passFin(*pair, Leg::Server);
        return;
    }
    if (state == ConnectionState::RemoteHalfClosed) {
        passFin(*pair, Leg(otherOf(int(leg))));
        return;
    }
    if (isFinalState(state)) {
        endOther(*pair, leg, state, cause);
        checkFinished(*pair);
    }
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

void Relay::endOther(Pair &pair, Leg ended, ConnectionState state, StateCause cause)
{
    Connection *gone = pair.legs[int(ended)];
    Connection *other = pair.legs[otherOf(int(ended))];
    if (!other || isFinalState(other->state()))
        return;
    if (state == ConnectionState::Failed && ended == Leg::Server) {
        const QString why = failureText(gone);
        other->addNote(
            m_options.resetOnUpstreamFailure
                ? tr("The relay could not connect to %1 (%2): it resets this connection, as a "
                     "server that refuses would.")
                      .arg(m_options.upstream.target.toString(), why)
                : tr("The relay could not connect to %1 (%2): it closes this connection.")
                      .arg(m_options.upstream.target.toString(), why));
        if (m_options.resetOnUpstreamFailure)
            other->abortWithReset();
        else
            other->close();
        return;
    }
    if (state == ConnectionState::Reset && cause != StateCause::User) {
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
    emit pairFinished(pair.id);
}

} // namespace TcpInspector
