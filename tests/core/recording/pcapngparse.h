// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QString>
#include <QStringList>
#include <QtEndian>

#include <cstring>
#include <vector>

/// A pcapng reader for the tests, written apart from PcapngWriter and
/// PacketSynth so that it checks them rather than repeats them: block
/// framing, the interface, and each packet's IP and TCP fields and checksums.
namespace PcapngParse {

struct Packet
{
    quint64 timestampNs = 0;
    QString comment;
    QByteArray ip;
    int version = 0;
    QHostAddress source;
    QHostAddress destination;
    quint16 sourcePort = 0;
    quint16 destinationPort = 0;
    quint32 seq = 0;
    quint32 ack = 0;
    quint8 flags = 0;
    quint16 window = 0;
    int mss = -1;
    int windowScale = -1;
    QByteArray payload;
    bool ipChecksumGood = true;
    bool tcpChecksumGood = false;

    bool has(quint8 flag) const { return (flags & flag) != 0; }
};

enum Flag : quint8 { Fin = 0x01, Syn = 0x02, Rst = 0x04, Psh = 0x08, Ack = 0x10 };

struct File
{
    QString error; ///< empty when every block was well formed
    QStringList sectionComments;
    QString application;
    int linkType = -1;
    int timestampResolution = 6; ///< pcapng's default: microseconds
    std::vector<Packet> packets;
};

inline quint32 le32(const char *at)
{
    return qFromLittleEndian<quint32>(at);
}

inline quint16 le16(const char *at)
{
    return qFromLittleEndian<quint16>(at);
}

inline quint16 internetChecksum(const QByteArray &bytes)
{
    quint64 sum = 0;
    for (qsizetype i = 0; i < bytes.size(); i += 2) {
        const quint8 high = quint8(bytes[i]);
        const quint8 low = i + 1 < bytes.size() ? quint8(bytes[i + 1]) : 0;
        sum += quint32(high) << 8 | low;
    }
    while (sum >> 16)
        sum = (sum & 0xFFFF) + (sum >> 16);
    return quint16(~sum);
}

inline QByteArray addressBytes(const QHostAddress &address)
{
    if (address.protocol() == QAbstractSocket::IPv4Protocol) {
        const quint32 v4 = qToBigEndian(address.toIPv4Address());
        return QByteArray(reinterpret_cast<const char *>(&v4), 4);
    }
    const Q_IPV6ADDR v6 = address.toIPv6Address();
    return QByteArray(reinterpret_cast<const char *>(v6.c), 16);
}

/// Fills the IP and TCP fields of packet from packet.ip; false when it is not IP/TCP.
inline bool decodeIp(Packet *packet)
{
    const QByteArray &ip = packet->ip;
    if (ip.isEmpty())
        return false;
    packet->version = quint8(ip[0]) >> 4;
    int headerLength = 0;
    QByteArray pseudo;
    qsizetype segmentLength = 0;
    if (packet->version == 4) {
        headerLength = (quint8(ip[0]) & 0x0F) * 4;
        if (ip.size() < headerLength || quint8(ip[9]) != 6)
            return false;
        if (qFromBigEndian<quint16>(ip.constData() + 2) != ip.size())
            return false;
        packet->ipChecksumGood = internetChecksum(ip.left(headerLength)) == 0;
        packet->source = QHostAddress(qFromBigEndian<quint32>(ip.constData() + 12));
        packet->destination = QHostAddress(qFromBigEndian<quint32>(ip.constData() + 16));
        segmentLength = ip.size() - headerLength;
        pseudo = ip.mid(12, 8) + QByteArray(1, '\0') + QByteArray(1, char(6));
        pseudo.append(char(segmentLength >> 8)).append(char(segmentLength & 0xFF));
    } else if (packet->version == 6) {
        headerLength = 40;
        if (ip.size() < headerLength || quint8(ip[6]) != 6)
            return false;
        if (qFromBigEndian<quint16>(ip.constData() + 4) != ip.size() - 40)
            return false;
        Q_IPV6ADDR source;
        Q_IPV6ADDR destination;
        std::memcpy(source.c, ip.constData() + 8, 16);
        std::memcpy(destination.c, ip.constData() + 24, 16);
        packet->source = QHostAddress(source);
        packet->destination = QHostAddress(destination);
        segmentLength = ip.size() - headerLength;
        pseudo = ip.mid(8, 32);
        const quint32 length = qToBigEndian(quint32(segmentLength));
        pseudo.append(reinterpret_cast<const char *>(&length), 4);
        pseudo.append(QByteArray(3, '\0')).append(char(6));
    } else {
        return false;
    }
    const char *tcp = ip.constData() + headerLength;
    const int tcpLength = (quint8(tcp[12]) >> 4) * 4;
    if (tcpLength < 20 || tcpLength > segmentLength)
        return false;
    packet->sourcePort = qFromBigEndian<quint16>(tcp);
    packet->destinationPort = qFromBigEndian<quint16>(tcp + 2);
    packet->seq = qFromBigEndian<quint32>(tcp + 4);
    packet->ack = qFromBigEndian<quint32>(tcp + 8);
    packet->flags = quint8(tcp[13]);
    packet->window = qFromBigEndian<quint16>(tcp + 14);
    for (int at = 20; at < tcpLength;) {
        const quint8 kind = quint8(tcp[at]);
        if (kind == 0)
            break;
        if (kind == 1) {
            ++at;
            continue;
        }
        const quint8 length = quint8(tcp[at + 1]);
        if (length < 2 || at + length > tcpLength)
            return false;
        if (kind == 2 && length == 4)
            packet->mss = qFromBigEndian<quint16>(tcp + at + 2);
        if (kind == 3 && length == 3)
            packet->windowScale = quint8(tcp[at + 2]);
        at += length;
    }
    packet->payload = ip.mid(headerLength + tcpLength);
    packet->tcpChecksumGood = internetChecksum(pseudo + ip.mid(headerLength)) == 0;
    return true;
}

/// Options of a block from at to end: code, value.
template<typename Visit>
bool readOptions(const char *at, const char *end, Visit visit)
{
    while (at + 4 <= end) {
        const quint16 code = le16(at);
        const quint16 length = le16(at + 2);
        if (code == 0)
            return true;
        const qsizetype padded = (length + 3) & ~3;
        if (at + 4 + padded > end)
            return false;
        visit(code, QByteArray(at + 4, length));
        at += 4 + padded;
    }
    return at == end;
}

/// Parses a whole little-endian pcapng file.
inline File parse(const QByteArray &data)
{
    File file;
    qsizetype at = 0;
    bool sawSection = false;
    while (at < data.size()) {
        if (at + 12 > data.size()) {
            file.error = QStringLiteral("a block header is cut short at %1").arg(at);
            return file;
        }
        const char *block = data.constData() + at;
        const quint32 type = le32(block);
        const quint32 total = le32(block + 4);
        if (total < 12 || total % 4 != 0 || at + total > data.size()
            || le32(block + total - 4) != total) {
            file.error = QStringLiteral("block at %1 has a bad length %2").arg(at).arg(total);
            return file;
        }
        const char *end = block + total - 4;
        if (type == 0x0A0D0D0A) {
            if (le32(block + 8) != 0x1A2B3C4D || le16(block + 12) != 1) {
                file.error = QStringLiteral("bad section header");
                return file;
            }
            sawSection = true;
            readOptions(block + 24, end, [&](quint16 code, const QByteArray &value) {
                if (code == 1)
                    file.sectionComments.append(QString::fromUtf8(value));
                if (code == 4)
                    file.application = QString::fromUtf8(value);
            });
        } else if (!sawSection) {
            file.error = QStringLiteral("the file does not start with a section header");
            return file;
        } else if (type == 1) {
            file.linkType = le16(block + 8);
            readOptions(block + 16, end, [&](quint16 code, const QByteArray &value) {
                if (code == 9 && value.size() == 1)
                    file.timestampResolution = quint8(value[0]);
            });
        } else if (type == 6) {
            Packet packet;
            packet.timestampNs = quint64(le32(block + 12)) << 32 | le32(block + 16);
            const quint32 captured = le32(block + 20);
            const quint32 original = le32(block + 24);
            if (captured != original || block + 28 + captured > end) {
                file.error = QStringLiteral("packet at %1 has bad lengths").arg(at);
                return file;
            }
            packet.ip = QByteArray(block + 28, captured);
            const char *options = block + 28 + ((captured + 3) & ~3u);
            if (!readOptions(options, end, [&](quint16 code, const QByteArray &value) {
                    if (code == 1)
                        packet.comment = QString::fromUtf8(value);
                })) {
                file.error = QStringLiteral("packet at %1 has bad options").arg(at);
                return file;
            }
            if (!decodeIp(&packet)) {
                file.error = QStringLiteral("packet at %1 is not IP/TCP").arg(at);
                return file;
            }
            file.packets.push_back(packet);
        }
        at += total;
    }
    if (!sawSection)
        file.error = QStringLiteral("empty file");
    return file;
}

} // namespace PcapngParse
