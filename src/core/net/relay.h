// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/clientendpoint.h"
#include "net/relayfaults.h"
#include "net/serverendpoint.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <map>
#include <memory>

namespace TcpInspector {

/// The settings of a relay: where it listens, where it connects each
/// connection it accepts, and what it does when that fails.
struct RelayOptions
{
    /// address, backlog, and the client legs' connection options; the reply
    /// policy is ignored (a relay answers nothing of its own).
    ServerOptions listen;
    /// target, connect timeout, and the server legs' connection options.
    ClientOptions upstream;
    /// When the upstream connect fails, or its TLS: reset the accepted leg
    /// (the client sees ECONNRESET, as if the server had refused it), or
    /// close it.
    bool resetOnUpstreamFailure = true;
    /// Bytes one leg may hold unsent before the relay stops reading the
    /// other leg, and resumes below lowWater: a slow reader on one side
    /// holds the other end to end, as TCP would, instead of the relay
    /// buffering without bound.
    qint64 highWater = qint64(1) << 20;
    qint64 lowWater = qint64(256) << 10;
    /// Latency, slicing, limits...: none by default.
    RelayFaults faults;
};

/// A relay between a client and its server: listens on one address, and for
/// every connection it accepts (the client leg) opens one to the target (the
/// server leg). Both legs are Connections, so each keeps its chunks,
/// messages and timeline: the reads on one leg and the writes on the other
/// differ, and that is the point. Their bytes do not: a leg's tx keeps its
/// own chunks but reads its bytes from the other leg's rx, so a relayed byte
/// is stored (and spilled) once.
///
/// TCP's semantics are carried through: a FIN on one leg becomes a
/// half-close on the other after the bytes before it, and the other
/// direction goes on until it ends too; an RST becomes an RST; a refused or
/// timed out upstream resets (or closes) the accepted leg, with the reason
/// on its timeline. Use the native engine: the qt one closes at the peer's
/// EOF, so it cannot carry a half-close.
///
/// Either leg may speak TLS (its ConnectionOptions::tls): the listen leg
/// to the clients, the server leg to the target. A leg's chunks are then its
/// plaintext, so what is relayed is the plaintext, and a TLS leg's records
/// are its own. A server leg whose TLS fails ends the client leg as a failed
/// connect does, with the failure's code in the note.
class Relay : public QObject
{
    Q_OBJECT

public:
    /// Which end of the relay a connection is.
    enum class Leg { Client, Server };

    explicit Relay(QObject *parent = nullptr);
    ~Relay() override;

    bool listen(const RelayOptions &options, SocketErrorInfo *error);
    void stop();
    bool isListening() const { return m_server.isListening(); }
    HostPort boundAddress() const { return m_server.boundAddress(); }
    const RelayOptions &options() const { return m_options; }
    /// Changes the faults while it runs: bytes read from now on meet them;
    /// a pause or resume acts at once on every pair.
    void setFaults(const RelayFaults &faults);
    /// Framings of both legs of the pairs accepted from now on.
    void setFraming(const QString &rx, const QString &tx);
    ServerEndpoint &server() { return m_server; }
    ClientEndpoint &client() { return m_client; }

    /// The pair a connection belongs to (from 1), or 0 for none of ours.
    quint64 pairOf(const Connection *connection) const;
    Leg legOf(const Connection *connection) const;
    /// The other leg of connection's pair, or null.
    Connection *partnerOf(const Connection *connection) const;
    /// Pairs with a leg still open.
    int openPairs() const;
    /// Both legs of every pair, as an endpoint lists its connections.
    QList<Connection *> connections() const;
    int openConnections() const;

Q_SIGNALS:
    /// A connection accepted: the client leg of a new pair. Its signals may
    /// be connected now; it has read nothing yet.
    void pairStarted(quint64 pair, TcpInspector::Connection *clientLeg);
    /// The pair's upstream connect begins (at once, or after a connect
    /// delay): the server leg, before it has done anything.
    void upstreamStarted(quint64 pair, TcpInspector::Connection *serverLeg);
    /// Both legs have ended.
    void pairFinished(quint64 pair);

private:
    struct Pipe;
    struct Pair
    {
        Pair();
        ~Pair();
        quint64 id = 0;
        QPointer<Connection> legs[2];           ///< by Leg
        bool heldBack[2] = {false, false};      ///< a leg's reading paused for the other's backlog
        bool finishPending[2] = {false, false}; ///< a FIN to pass on once upstream connects
        bool finished = false;
        /// By the leg the bytes were read on: what waits under a fault.
        std::unique_ptr<Pipe> pipes[2];
    };

    void handleAccepted(Connection *clientLeg);
    void connectUpstream(quint64 pairId);
    void wire(Pair &pair, Leg leg);
    /// Bytes read on from go to the other leg, through the faults.
    void forward(Pair &pair, Leg from, const char *data, qint64 size);
    /// Queues bytes (or the FIN, when fin) read on from until the faults
    /// let them go.
    void enqueue(Pair &pair, Leg from, const QByteArray &bytes, bool fin);
    void deliverDue(quint64 pairId, Leg from);
    /// The leg from ended (state) after the bytes its pipe still holds.
    void enqueueEnd(Pair &pair, Leg from, ConnectionState state);
    /// Writes bytes read on from to the other leg: sliced, limited.
    void deliver(Pair &pair, Leg from, const char *data, qint64 size);
    /// Each leg's tx reads its bytes from the other leg's rx.
    void shareBytes(Pair &pair);
    /// Bytes read on from not yet taken by the kernel of the other leg.
    qint64 waiting(const Pair &pair, Leg from) const;
    const RelayFault &faultOf(Leg from) const;
    /// Reading a leg goes on unless its bytes are held back or paused.
    void resumeReading(Pair &pair, Leg leg);
    void endAtLimit(Pair &pair, Leg from);
    /// The other leg drained: reading from may go on.
    void release(quint64 pairId, Leg held);
    void handleState(quint64 pairId, Leg leg, ConnectionState state);
    void passFin(Pair &pair, Leg to);
    void endOther(Pair &pair, Leg ended, ConnectionState state);
    /// Resets or closes the client leg, as RelayOptions::resetOnUpstreamFailure says.
    void endAfterUpstreamFailure(Connection *clientLeg);
    void checkFinished(Pair &pair);
    Pair *find(quint64 pairId);

    RelayOptions m_options;
    ServerEndpoint m_server;
    ClientEndpoint m_client;
    std::map<quint64, std::unique_ptr<Pair>> m_pairs;
    QHash<const Connection *, quint64> m_pairOf;
    quint64 m_nextPair = 1;
    QTimer m_releasePoll;
    QElapsedTimer m_clock; ///< ms, for the faults' due times
};

QString relayLegKey(Relay::Leg leg); ///< "client", "server"

} // namespace TcpInspector
