// SPDX-License-Identifier: GPL-3.0-or-later
#include "recording/packetsynth.h"

#include "recording/pcapngwriter.h"

#include "net/connection.h"
#include "net/hostport.h"
#include "text/tr.h"

#include <QSet>
#include <QtEndian>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <memory>
#include <queue>
#include <utility>

namespace TcpInspector {

namespace {

enum TcpFlag : quint8 { Fin = 0x01, Syn = 0x02, Rst = 0x04, Psh = 0x08, Ack = 0x10 };

constexpr int maxIpv4Payload = 65535 - 20 - 20;
// Scaled by 2^7 (the SYNs' window scale): 8 MiB, so that no chunk the
// engines read fills the window.
constexpr quint16 window = 65535;
constexpr quint8 windowScale = 7;
constexpr int synOptionsLength = 8; // MSS (4), NOP (1), window scale (3)
// Where Linux picks ephemeral ports (net.ipv4.ip_local_port_range).
constexpr quint16 ephemeralFirst = 32768;
constexpr quint16 ephemeralCount = 28232;

int fromIndex(bool local)
{
    return local ? 0 : 1;
}

void putBe16(char *at, quint16 value)
{
    qToBigEndian(value, at);
}

void putBe32(char *at, quint32 value)
{
    qToBigEndian(value, at);
}

// ::ffff:a.b.c.d, which a dual-stack socket reports for an IPv4 peer. (Qt's
// toIPv4Address() also says yes for ::, hence the bytes.)
bool isV4Mapped(const QHostAddress &address)
{
    if (address.protocol() != QAbstractSocket::IPv6Protocol)
        return false;
    const Q_IPV6ADDR bytes = address.toIPv6Address();
    for (int i = 0; i < 10; ++i)
        if (bytes[i] != 0)
            return false;
    return bytes[10] == 0xFF && bytes[11] == 0xFF;
}

QHostAddress unmapped(const QHostAddress &address)
{
    if (!isV4Mapped(address))
        return address;
    const Q_IPV6ADDR bytes = address.toIPv6Address();
    return QHostAddress(qFromBigEndian<quint32>(bytes.c + 12));
}

QString endpointText(const QHostAddress &address, quint16 port)
{
    if (address.protocol() == QAbstractSocket::IPv6Protocol)
        return QStringLiteral("[%1]:%2").arg(address.toString()).arg(port);
    return QStringLiteral("%1:%2").arg(address.toString()).arg(port);
}

// The address bytes as they go into a header: 4 for IPv4, 16 for IPv6.
QByteArray addressBytes(const QHostAddress &address)
{
    if (address.protocol() == QAbstractSocket::IPv4Protocol) {
        QByteArray bytes(4, Qt::Uninitialized);
        putBe32(bytes.data(), address.toIPv4Address());
        return bytes;
    }
    const Q_IPV6ADDR raw = address.toIPv6Address();
    return QByteArray(reinterpret_cast<const char *>(raw.c), 16);
}

} // namespace

SynthOptions SynthOptions::now()
{
    SynthOptions options;
    options.startMonotonicNs = monotonicNs();
    options.startWallNs = std::chrono::duration_cast<std::chrono::nanoseconds>(
                              std::chrono::system_clock::now().time_since_epoch())
                              .count();
    return options;
}

PacketSynth::PacketSynth(const Connection &connection, const SynthOptions &options)
    : m_connection(connection),
      m_maxPayload(std::clamp(options.maxPayload, 1, maxIpv4Payload)),
      m_localIsClient(connection.side() == Connection::Side::Client)
{
    const ConnectionOptions settings = connection.optionsSnapshot();
    if (settings.maxSegment > 0)
        m_mss = std::min(settings.maxSegment, maxIpv4Payload);
    // Reproducible: the same recording exports to the same file.
    const auto id = quint32(connection.id());
    m_isn[0] = 0x10000000u + id * 0x9E3779B1u;
    m_isn[1] = 0x80000000u + id * 0x85EBCA77u;
    m_ipId[0] = quint16(0x1000 + id * 16);
    m_ipId[1] = quint16(0x8000 + id * 16);

    for (const TimelineEvent &event : connection.timeline().since(0)) {
        if (m_synNs < 0)
            m_synNs = event.timeNs; // a client's attempt starts with its timeline
        if (event.type == TimelineEvent::StateChanged || event.type == TimelineEvent::HalfClosed
            || event.type == TimelineEvent::Error)
            m_events.push_back(event);
    }
    if (!m_localIsClient)
        m_synNs = -1; // the peer's SYN: just before the accept

    chooseStores(connection);
    for (int d = 0; d < 2; ++d) {
        const StreamStore &store = *m_stores[d];
        m_chunk[d] = store.firstChunk();
        m_chunkCount[d] = store.chunkCount();
        m_next[d] = store.firstOffset();
        m_limit[d] = store.size();
        const QString dir = directionKey(Direction(d));
        if (store.firstOffset() > 0)
            m_warnings.append(Tr::tr("Connection %1 %2: the first %3 bytes were no longer kept "
                                     "(ring mode); its data starts at sequence offset %3.")
                                  .arg(connection.id())
                                  .arg(dir)
                                  .arg(store.firstOffset()));
        if (store.droppedBytes() > 0)
            m_warnings.append(Tr::tr("Connection %1 %2: %3 bytes past the store's cap were not "
                                     "kept and are missing.")
                                  .arg(connection.id())
                                  .arg(dir)
                                  .arg(store.droppedBytes()));
    }
    // Bytes the engine threw away after recording them never left. (The
    // wire holds only what send(2) took.)
    const int tx = int(Direction::Tx);
    if (!m_wire)
        m_limit[tx] = std::max(m_next[tx], m_limit[tx] - connection.discardedFromTx());

    if (!resolveEnds(connection, options)) {
        m_done = true;
        return;
    }
    fill();
}

void PacketSynth::chooseStores(const Connection &connection)
{
    const StreamChannel *wire[2] = {connection.wire(Direction::Rx), connection.wire(Direction::Tx)};
    m_wire = wire[0] && wire[1];
    // A session of format 1.1 kept no records: the plaintext is all there is.
    if (m_wire && wire[0]->store().chunkCount() == 0 && wire[1]->store().chunkCount() == 0
        && (connection.rx().store().chunkCount() > 0 || connection.tx().store().chunkCount() > 0)) {
        m_wire = false;
        m_warnings.append(Tr::tr("Connection %1 used TLS, but its records were not recorded "
                                 "(a session saved before format 1.2): its packets carry the "
                                 "plaintext.")
                              .arg(connection.id()));
    }
    for (int d = 0; d < 2; ++d)
        m_stores[d]
            = m_wire ? &wire[d]->store() : &(d == 0 ? connection.rx() : connection.tx()).store();
}

bool PacketSynth::parseEndpoint(const QString &text, Endpoint *out) const
{
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0)
        return false;
    QString host = text.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    bool ok = false;
    const uint port = text.mid(colon + 1).toUInt(&ok);
    QHostAddress address;
    if (!ok || port > 0xFFFF || !address.setAddress(host))
        return false;
    out->address = address;
    out->port = quint16(port);
    return true;
}

bool PacketSynth::resolveEnds(const Connection &connection, const SynthOptions &options)
{
    const quint64 id = connection.id();
    const QString local = connection.localAddress();
    const QString peer = connection.peerAddress();
    if (!local.isEmpty() && !peer.isEmpty()) {
        if (!parseEndpoint(local, &m_local) || !parseEndpoint(peer, &m_peer)) {
            m_problem = Tr::tr("Connection %1 is left out: its addresses %2 and %3 are not IP "
                               "addresses with ports.")
                            .arg(id)
                            .arg(local, peer);
            return false;
        }
    } else {
        // Never connected: its target says where the SYN went; our end is
        // made up, as the kernel would have picked it.
        const QString target = peer.isEmpty() ? options.targets.value(id) : peer;
        QString error;
        const std::optional<HostPort> parsed
            = HostPort::parse(target, HostPort::Use::Connect, &error);
        if (target.isEmpty() || !parsed || !m_peer.address.setAddress(parsed->host)) {
            m_problem = Tr::tr("Connection %1 is left out: it never connected, and where it was "
                               "going is not known as an address.")
                            .arg(id);
            return false;
        }
        m_peer.port = parsed->port;
        const bool v6 = m_peer.address.protocol() == QAbstractSocket::IPv6Protocol;
        if (m_peer.address.isLoopback())
            m_local.address
                = QHostAddress(v6 ? QHostAddress::LocalHostIPv6 : QHostAddress::LocalHost);
        else
            m_local.address = QHostAddress(v6 ? QHostAddress::AnyIPv6 : QHostAddress::AnyIPv4);
        m_local.port = quint16(ephemeralFirst + id % ephemeralCount);
        m_warnings.append(Tr::tr("Connection %1 never connected: its local end %2 is made up.")
                              .arg(id)
                              .arg(endpointText(m_local.address, m_local.port)));
    }
    // A dual-stack socket talking IPv4 names both ends ::ffff:a.b.c.d.
    m_local.address = unmapped(m_local.address);
    m_peer.address = unmapped(m_peer.address);
    if (m_local.address.protocol() != m_peer.address.protocol()) {
        m_problem = Tr::tr("Connection %1 is left out: one end is IPv4 and the other IPv6 (%2, "
                           "%3).")
                        .arg(id)
                        .arg(local, peer);
        return false;
    }
    return true;
}

QString PacketSynth::clientEndpoint() const
{
    const Endpoint &client = m_localIsClient ? m_local : m_peer;
    return endpointText(client.address, client.port);
}

QString PacketSynth::serverEndpoint() const
{
    const Endpoint &server = m_localIsClient ? m_peer : m_local;
    return endpointText(server.address, server.port);
}

SynthPacket PacketSynth::next()
{
    const Action action = std::move(m_pending.front());
    m_pending.pop_front();
    SynthPacket packet;
    packet.timeNs = action.timeNs;
    packet.ip = build(action);
    packet.comment = action.comment;
    fill();
    return packet;
}

void PacketSynth::fill()
{
    while (m_pending.empty() && !m_done)
        step();
}

bool PacketSynth::nextChunk(int *direction, qint64 *timeNs) const
{
    const StreamStore *const *stores = m_stores;
    *direction = -1;
    for (int d = 0; d < 2; ++d) {
        if (m_chunk[d] >= m_chunkCount[d])
            continue;
        const ChunkRecord chunk = stores[d]->chunk(m_chunk[d]);
        if (chunk.offset >= m_limit[d])
            continue; // discarded by the engine: never on the wire
        // On a tie the read goes first, as the printer orders them.
        if (*direction < 0 || chunk.timestampNs < *timeNs) {
            *direction = d;
            *timeNs = chunk.timestampNs;
        }
    }
    return *direction >= 0;
}

// One item of the merged time order: a chunk of either direction or an
// event (a chunk before an event at the same time: the event follows it).
void PacketSynth::step()
{
    if (m_localIsClient && !m_synSent && m_synNs >= 0) {
        sendSyn(m_synNs);
        return;
    }
    int direction = -1;
    qint64 chunkNs = 0;
    const bool haveChunk = nextChunk(&direction, &chunkNs);
    const bool haveEvent = m_event < m_events.size();
    if (!haveChunk && !haveEvent) {
        m_done = true;
        return;
    }
    if (haveChunk && (!haveEvent || chunkNs <= m_events[m_event].timeNs)) {
        const StreamStore &store = *m_stores[direction];
        const qint64 index = m_chunk[direction]++;
        handleChunk(Direction(direction), store.chunk(index), index);
        return;
    }
    handleEvent(m_events[m_event++]);
}

void PacketSynth::handleEvent(const TimelineEvent &event)
{
    const qint64 t = event.timeNs;
    if (event.type == TimelineEvent::Error) {
        if (event.code == QLatin1String("refused") || event.sysErrno == ECONNREFUSED)
            m_refused = true;
        return;
    }
    if (event.type == TimelineEvent::HalfClosed) {
        if (!m_established)
            return;
        const From from = event.direction == Direction::Tx ? From::Local : From::Peer;
        if (!m_finSent[fromIndex(from == From::Local)]) {
            sendFin(from, t);
            ack(from == From::Local ? From::Peer : From::Local, t, QStringLiteral("FIN"));
        }
        return;
    }
    switch (event.state) {
    case ConnectionState::Established:
        handshake(t);
        break;
    case ConnectionState::Closed:
        if (m_established && !m_finSent[fromIndex(true)]) {
            sendFin(From::Local, t);
            ack(From::Peer, t, QStringLiteral("FIN"));
        }
        m_done = true;
        break;
    case ConnectionState::Reset:
        if (m_established)
            sendReset(event.cause == StateCause::User ? From::Local : From::Peer, t,
                      event.cause == StateCause::User ? QStringLiteral("reset by us")
                                                      : QStringLiteral("reset by the peer"));
        m_done = true;
        break;
    case ConnectionState::Failed:
        if (!m_established && m_localIsClient && m_refused) {
            if (!m_synSent)
                sendSyn(t);
            push(From::Peer, t, Rst | Ack, 0, m_isn[fromIndex(true)] + 1,
                 QStringLiteral("conn %1 rx RST-ACK: refused").arg(m_connection.id()));
        }
        m_done = true; // a connect timeout leaves the SYN unanswered
        break;
    default:
        break;
    }
}

void PacketSynth::handleChunk(Direction direction, const ChunkRecord &chunk, qint64 index)
{
    const int d = int(direction);
    const qint64 start = std::max(chunk.offset, m_next[d]);
    const qint64 end = std::min(chunk.end(), m_limit[d]);
    const From from = direction == Direction::Tx ? From::Local : From::Peer;
    if (start >= end || m_done || m_finSent[fromIndex(from == From::Local)])
        return;
    const qint64 t = chunk.timestampNs;
    if (!m_established)
        handshake(t);
    m_next[d] = start;
    const qint64 segments = (end - start + m_maxPayload - 1) / m_maxPayload;
    const QString what = QStringLiteral("conn %1 %2 %3 %4")
                             .arg(m_connection.id())
                             .arg(directionKey(direction))
                             .arg(m_wire ? QStringLiteral("tls chunk") : QStringLiteral("chunk"))
                             .arg(index);
    for (qint64 k = 0; k < segments; ++k) {
        const qint64 length = std::min<qint64>(m_maxPayload, end - m_next[d]);
        const bool last = k + 1 == segments;
        push(from, t, quint8(Ack | (last ? Psh : 0)), nextSeq(from), ackFrom(from),
             segments > 1 ? QStringLiteral("%1 segment %2/%3").arg(what).arg(k + 1).arg(segments)
                          : what,
             m_next[d], length);
        m_next[d] += length;
    }
    ack(from == From::Local ? From::Peer : From::Local, t, QStringLiteral("chunk %1").arg(index));
}

void PacketSynth::handshake(qint64 establishedNs)
{
    if (m_established)
        return;
    m_established = true;
    const From client = m_localIsClient ? From::Local : From::Peer;
    const From server = m_localIsClient ? From::Peer : From::Local;
    if (!m_synSent)
        sendSyn(establishedNs - 2000);
    const quint32 clientIsn = m_isn[fromIndex(client == From::Local)];
    const quint32 serverIsn = m_isn[fromIndex(server == From::Local)];
    const quint64 id = m_connection.id();
    push(server, establishedNs - 1000, Syn | Ack, serverIsn, clientIsn + 1,
         QStringLiteral("conn %1 %2 SYN-ACK").arg(id).arg(label(server)));
    push(client, establishedNs, Ack, clientIsn + 1, serverIsn + 1,
         QStringLiteral("conn %1 %2 ACK of SYN-ACK").arg(id).arg(label(client)));
}

void PacketSynth::sendSyn(qint64 timeNs)
{
    m_synSent = true;
    const From client = m_localIsClient ? From::Local : From::Peer;
    push(client, timeNs, Syn, m_isn[fromIndex(client == From::Local)], 0,
         QStringLiteral("conn %1 %2 SYN").arg(m_connection.id()).arg(label(client)));
}

void PacketSynth::sendFin(From from, qint64 timeNs)
{
    push(from, timeNs, Fin | Ack, nextSeq(from), ackFrom(from),
         QStringLiteral("conn %1 %2 FIN").arg(m_connection.id()).arg(label(from)));
    m_finSent[fromIndex(from == From::Local)] = true;
}

void PacketSynth::sendReset(From from, qint64 timeNs, const QString &why)
{
    push(from, timeNs, Rst | Ack, nextSeq(from), ackFrom(from),
         QStringLiteral("conn %1 %2 RST: %3").arg(m_connection.id()).arg(label(from), why));
}

void PacketSynth::ack(From from, qint64 timeNs, const QString &what)
{
    push(from, timeNs, Ack, nextSeq(from), ackFrom(from),
         QStringLiteral("conn %1 %2 ACK of %3").arg(m_connection.id()).arg(label(from), what));
}

void PacketSynth::push(From from, qint64 timeNs, quint8 flags, quint32 seq, quint32 ackNumber,
                       const QString &comment, qint64 payloadOffset, qint64 payloadLength)
{
    // Within a connection packets never go back in time, whatever the
    // handshake's made-up offsets say.
    m_lastNs = std::max(m_lastNs, timeNs);
    Action action;
    action.timeNs = m_lastNs;
    action.from = from;
    action.flags = flags;
    action.seq = seq;
    action.ack = ackNumber;
    action.payloadOffset = payloadOffset;
    action.payloadLength = payloadLength;
    action.comment = comment;
    m_pending.push_back(std::move(action));
}

quint32 PacketSynth::nextSeq(From from) const
{
    const bool local = from == From::Local;
    const int d = int(local ? Direction::Tx : Direction::Rx);
    return m_isn[fromIndex(local)] + 1 + quint32(m_next[d]) + (m_finSent[fromIndex(local)] ? 1 : 0);
}

quint32 PacketSynth::ackFrom(From from) const
{
    return nextSeq(from == From::Local ? From::Peer : From::Local);
}

QString PacketSynth::label(From from) const
{
    return from == From::Local ? QStringLiteral("tx") : QStringLiteral("rx");
}

quint32 PacketSynth::addToChecksum(quint32 sum, const char *data, qint64 size)
{
    quint64 total = sum;
    const auto *bytes = reinterpret_cast<const uchar *>(data);
    qint64 i = 0;
    for (; i + 1 < size; i += 2)
        total += quint32(bytes[i]) << 8 | bytes[i + 1];
    if (i < size)
        total += quint32(bytes[i]) << 8; // an odd last byte, padded with zero
    while (total >> 32)
        total = (total & 0xFFFFFFFFu) + (total >> 32);
    return quint32(total);
}

quint16 PacketSynth::foldChecksum(quint32 sum)
{
    while (sum >> 16)
        sum = (sum & 0xFFFFu) + (sum >> 16);
    return quint16(sum);
}

QByteArray PacketSynth::build(const Action &action)
{
    const bool local = action.from == From::Local;
    const Endpoint &source = local ? m_local : m_peer;
    const Endpoint &destination = local ? m_peer : m_local;
    const bool v6 = source.address.protocol() == QAbstractSocket::IPv6Protocol;
    const int ipLength = v6 ? 40 : 20;
    const int tcpLength = 20 + ((action.flags & Syn) ? synOptionsLength : 0);
    const qint64 segmentLength = tcpLength + action.payloadLength;
    QByteArray packet(ipLength + segmentLength, '\0');
    char *ip = packet.data();
    const QByteArray sourceBytes = addressBytes(source.address);
    const QByteArray destinationBytes = addressBytes(destination.address);

    if (v6) {
        putBe32(ip, 0x60000000u);
        putBe16(ip + 4, quint16(segmentLength));
        ip[6] = 6;  // TCP
        ip[7] = 64; // hop limit
        std::copy(sourceBytes.begin(), sourceBytes.end(), ip + 8);
        std::copy(destinationBytes.begin(), destinationBytes.end(), ip + 24);
    } else {
        ip[0] = 0x45; // version 4, 5 words
        putBe16(ip + 2, quint16(ipLength + segmentLength));
        putBe16(ip + 4, m_ipId[fromIndex(local)]++);
        putBe16(ip + 6, 0x4000); // don't fragment
        ip[8] = 64;              // TTL
        ip[9] = 6;               // TCP
        std::copy(sourceBytes.begin(), sourceBytes.end(), ip + 12);
        std::copy(destinationBytes.begin(), destinationBytes.end(), ip + 16);
        putBe16(ip + 10, quint16(~foldChecksum(addToChecksum(0, ip, 20))));
    }

    char *tcp = ip + ipLength;
    putBe16(tcp, source.port);
    putBe16(tcp + 2, destination.port);
    putBe32(tcp + 4, action.seq);
    putBe32(tcp + 8, action.ack);
    tcp[12] = char((tcpLength / 4) << 4);
    tcp[13] = char(action.flags);
    putBe16(tcp + 14, window);
    if (action.flags & Syn) {
        tcp[20] = 2; // MSS
        tcp[21] = 4;
        putBe16(tcp + 22, quint16(m_mss));
        tcp[24] = 1; // NOP
        tcp[25] = 3; // window scale
        tcp[26] = 3;
        tcp[27] = char(windowScale);
    }
    if (action.payloadLength > 0) {
        const StreamStore &store = *m_stores[int(local ? Direction::Tx : Direction::Rx)];
        store.read(action.payloadOffset, tcp + tcpLength, action.payloadLength);
    }

    // The pseudo-header: addresses, protocol and TCP length (RFC 793, 8200).
    QByteArray pseudo = sourceBytes + destinationBytes;
    const qsizetype lengthAt = pseudo.size();
    pseudo.resize(lengthAt + (v6 ? 8 : 4));
    std::fill(pseudo.begin() + lengthAt, pseudo.end(), '\0');
    if (v6) {
        putBe32(pseudo.data() + lengthAt, quint32(segmentLength));
        pseudo[lengthAt + 7] = 6;
    } else {
        pseudo[lengthAt + 1] = 6;
        putBe16(pseudo.data() + lengthAt + 2, quint16(segmentLength));
    }
    quint32 sum = addToChecksum(0, pseudo.constData(), pseudo.size());
    sum = addToChecksum(sum, tcp, segmentLength);
    putBe16(tcp + 16, quint16(~foldChecksum(sum)));
    return packet;
}

bool exportPcapng(const QList<const Connection *> &connections, const SynthOptions &options,
                  QIODevice *out, QString *why, QStringList *warnings)
{
    std::vector<std::unique_ptr<PacketSynth>> synths;
    QStringList notes;
    for (const Connection *connection : connections) {
        if (!connection)
            continue;
        auto synth = std::make_unique<PacketSynth>(*connection, options);
        notes += synth->warnings();
        if (!synth->isValid()) {
            notes.append(synth->problem());
            continue;
        }
        synths.push_back(std::move(synth));
    }
    // Both ends of a loopback connection: the client's view stands for both.
    QSet<QString> clientPairs;
    for (const auto &synth : synths)
        if (synth->localIsClient())
            clientPairs.insert(synth->clientEndpoint() + QLatin1Char(' ')
                               + synth->serverEndpoint());
    synths.erase(std::remove_if(synths.begin(), synths.end(),
                                [&](const std::unique_ptr<PacketSynth> &synth) {
                                    return !synth->localIsClient()
                                           && clientPairs.contains(synth->clientEndpoint()
                                                                   + QLatin1Char(' ')
                                                                   + synth->serverEndpoint());
                                }),
                 synths.end());

    QStringList comments {
        Tr::tr("Synthesized by TCP Inspector from recorded reads and writes, not captured: one "
               "segment per read or write (split at %1 bytes); the handshake, the ACKs and the "
               "window are made up.")
            .arg(std::clamp(options.maxPayload, 1, maxIpv4Payload))};
    comments += notes;
    if (warnings)
        *warnings = notes;
    // The secrets come before the packets they open, as readers expect.
    QByteArray keyLog;
    bool anyTls = false;
    for (const auto &synth : synths) {
        anyTls = anyTls || synth->carriesTls();
        if (options.includeTlsKeys && synth->carriesTls())
            keyLog += synth->connection().tlsKeyLog();
    }
    if (anyTls)
        comments.append(
            options.includeTlsKeys
                ? Tr::tr("TLS connections carry their records; their key log is in a Decryption "
                         "Secrets Block, so Wireshark shows the plaintext. Anyone with this file "
                         "can read it.")
                : Tr::tr("TLS connections carry their records, encrypted; the keys were left "
                         "out."));
    PcapngWriter writer;
    if (!writer.open(out, QStringLiteral("TCP Inspector"), comments, why))
        return false;
    if (!keyLog.isEmpty())
        writer.writeDecryptionSecrets(PcapngWriter::secretsTlsKeyLog, keyLog);

    // Merged by time across connections; ties keep the connections' order.
    using Head = std::pair<qint64, size_t>;
    std::priority_queue<Head, std::vector<Head>, std::greater<>> heads;
    for (size_t i = 0; i < synths.size(); ++i)
        if (!synths[i]->atEnd())
            heads.emplace(synths[i]->nextTimeNs(), i);
    while (!heads.empty() && writer.ok()) {
        const size_t i = heads.top().second;
        heads.pop();
        const SynthPacket packet = synths[i]->next();
        writer.writePacket(options.wallNs(packet.timeNs), packet.ip, packet.comment);
        if (!synths[i]->atEnd())
            heads.emplace(synths[i]->nextTimeNs(), i);
    }
    if (!writer.ok()) {
        if (why)
            *why = writer.error();
        return false;
    }
    return true;
}

} // namespace TcpInspector
