// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "stream/chunkindex.h"
#include "timeline/timeline.h"

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QString>
#include <QStringList>

#include <deque>
#include <limits>
#include <vector>

class QIODevice;

namespace TcpInspector {

class Connection;
class StreamStore;

/// How recorded times become capture times, and how packets are cut.
struct SynthOptions
{
    /// The recording's clock (monotonicNs()) and the wall clock (UTC ns since
    /// 1970) at one and the same moment: a packet recorded at t is stamped
    /// startWallNs + (t - startMonotonicNs). A session file keeps both.
    qint64 startMonotonicNs = 0;
    qint64 startWallNs = 0;
    /// The most payload one segment carries. 65,495, not the 65,535 one might
    /// expect: an IPv4 packet is at most 65,535 bytes including its 20-byte IP
    /// and 20-byte TCP headers. (IPv6 would allow 65,515; one limit for both.)
    int maxPayload = 65495;
    /// Where connections that never got established were going ("host:port"
    /// with an address literal), by connection id: they have no addresses of
    /// their own. Without one, such a connection is left out (with a warning).
    QHash<quint64, QString> targets;
    /// Write the TLS connections' key logs (Connection::tlsKeyLog()) into
    /// the capture as a Decryption Secrets Block, so that Wireshark shows
    /// the plaintext inside the records. Off by default: whoever has the
    /// file can then read everything the connections carried.
    bool includeTlsKeys = false;

    /// Both clocks read now: what exporting live connections takes.
    static SynthOptions now();
    qint64 wallNs(qint64 monotonic) const { return startWallNs + (monotonic - startMonotonicNs); }
};

/// One synthesized IP packet.
struct SynthPacket
{
    qint64 timeNs = 0; ///< on the recording's clock (monotonicNs())
    QByteArray ip;     ///< IP header, TCP header and payload, checksums filled in
    QString comment;   ///< "conn 3 rx chunk 17": which read or write it stands for
};

/// The packets a capture would have shown for one recorded connection,
/// made up from its reads, writes and timeline: the handshake (SYN with MSS
/// and window scale, SYN-ACK, ACK), one segment per chunk at its time (split
/// at SynthOptions::maxPayload) followed by the receiver's ACK, a FIN for
/// each half-close and at close when none was sent, an RST for a reset, SYN
/// and RST-ACK for a refused connect, a lone SYN for one that timed out.
/// Sequence numbers start at an ISN derived from the connection's id, so
/// exporting twice gives the same file. tx bytes the engine threw away
/// (Connection::discardedFromTx()) never reached the wire and are left out.
/// A TLS connection's segments carry its records (Connection::wire()), as
/// they were on the wire, not the plaintext inside them.
///
/// Packets come one at a time, in time order, with payload read from the
/// stores only then: a 2 GB stream never sits in memory. Works on a live
/// connection too (what was recorded when it was built).
///
///     PacketSynth synth(connection, options);
///     if (!synth.isValid()) return synth.problem();
///     while (!synth.atEnd()) { SynthPacket p = synth.next(); ... }
class PacketSynth
{
public:
    PacketSynth(const Connection &connection, const SynthOptions &options);

    /// False when the connection cannot be written (no addresses, one end
    /// IPv4 and the other IPv6); problem() says why.
    bool isValid() const { return m_problem.isEmpty(); }
    QString problem() const { return m_problem; }
    /// What the packets leave out or make up: an evicted ring-mode prefix,
    /// bytes past the store's cap, a made-up local end.
    QStringList warnings() const { return m_warnings; }
    /// The ends as written ("127.0.0.1:5000", "[::1]:5000"; IPv4-mapped IPv6
    /// addresses as IPv4): client first, so both ends of a loopback pair give
    /// the same pair.
    QString clientEndpoint() const;
    QString serverEndpoint() const;
    bool localIsClient() const { return m_localIsClient; }
    /// The packets carry TLS records (Connection::wire()).
    bool carriesTls() const { return m_wire; }
    const Connection &connection() const { return m_connection; }

    bool atEnd() const { return m_pending.empty(); }
    /// The time of the packet next() returns; atEnd() must be false.
    qint64 nextTimeNs() const { return m_pending.front().timeNs; }
    SynthPacket next();

    /// Sums 16-bit big-endian words the Internet way (RFC 1071), continuing
    /// from sum; finish with ~fold(sum).
    static quint32 addToChecksum(quint32 sum, const char *data, qint64 size);
    static quint16 foldChecksum(quint32 sum);

private:
    enum class From { Local, Peer };
    struct Endpoint
    {
        QHostAddress address;
        quint16 port = 0;
    };
    /// A packet to build, without its payload yet.
    struct Action
    {
        qint64 timeNs = 0;
        From from = From::Local;
        quint8 flags = 0;
        quint32 seq = 0;
        quint32 ack = 0;
        qint64 payloadOffset = 0; ///< in the sender's stream (tx for Local, rx for Peer)
        qint64 payloadLength = 0;
        QString comment;
    };

    /// The wire's stores for a TLS connection whose records were recorded,
    /// else rx's and tx's.
    void chooseStores(const Connection &connection);
    bool resolveEnds(const Connection &connection, const SynthOptions &options);
    bool parseEndpoint(const QString &text, Endpoint *out) const;
    void fill();
    void step();
    bool nextChunk(int *direction, qint64 *timeNs) const;
    void handleEvent(const TimelineEvent &event);
    void handleChunk(Direction direction, const ChunkRecord &chunk, qint64 index);
    void handshake(qint64 establishedNs);
    void sendSyn(qint64 timeNs);
    void sendFin(From from, qint64 timeNs);
    void sendReset(From from, qint64 timeNs, const QString &why);
    void ack(From from, qint64 timeNs, const QString &what);
    void push(From from, qint64 timeNs, quint8 flags, quint32 seq, quint32 ackNumber,
              const QString &comment, qint64 payloadOffset = 0, qint64 payloadLength = 0);
    quint32 nextSeq(From from) const;
    quint32 ackFrom(From from) const;
    QString label(From from) const;
    QByteArray build(const Action &action);

    const Connection &m_connection;
    /// By Direction: what the segments carry (the wire with TLS).
    const StreamStore *m_stores[2] = {nullptr, nullptr};
    bool m_wire = false;
    int m_maxPayload = 65495;
    int m_mss = 65495;
    bool m_localIsClient = true;
    Endpoint m_local;
    Endpoint m_peer;
    QString m_problem;
    QStringList m_warnings;

    quint32 m_isn[2] = {0, 0}; // by From
    quint16 m_ipId[2] = {0, 0};
    bool m_finSent[2] = {false, false};
    bool m_synSent = false;
    bool m_established = false;
    bool m_refused = false;
    bool m_done = false;
    qint64 m_synNs = -1; ///< a client's SYN: when the timeline begins

    // Both directions' chunks and the timeline are walked in one time order.
    qint64 m_chunk[2] = {0, 0};      ///< next chunk, by Direction
    qint64 m_chunkCount[2] = {0, 0}; ///< chunks when the synth was built
    qint64 m_next[2] = {0, 0};       ///< next stream byte to send, by Direction
    qint64 m_limit[2] = {0, 0};      ///< bytes that reached the wire
    std::vector<TimelineEvent> m_events;
    size_t m_event = 0;
    qint64 m_lastNs = std::numeric_limits<qint64>::min();
    std::deque<Action> m_pending;
};

/// Writes connections as one pcapng capture (see PcapngWriter, PacketSynth),
/// their packets merged in time order. When both ends of one connection
/// were recorded (a loopback pair: the client's connection and the
/// server's accepted one), it is written once, as the client saw it.
/// Connections that cannot be written are left out with a warning; the
/// warnings also go into the file's section comment. False with *why only
/// when writing failed.
///
///     QFile file(path);
///     file.open(QIODevice::WriteOnly);
///     QString why;
///     QStringList warnings;
///     if (!exportPcapng({connection}, SynthOptions::now(), &file, &why, &warnings))
///         ...
bool exportPcapng(const QList<const Connection *> &connections, const SynthOptions &options,
                  QIODevice *out, QString *why, QStringList *warnings = nullptr);

} // namespace TcpInspector
