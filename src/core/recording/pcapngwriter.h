// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QtGlobal>

class QIODevice;

namespace TcpInspector {

/// Writes a pcapng capture file (draft-ietf-opsawg-pcapng) of raw IP packets:
/// one section header, one interface with LINKTYPE_RAW (101, IPv4 and IPv6
/// alike) and nanosecond timestamps, then one enhanced packet block per
/// packet, each with a comment. Wireshark and tshark read it as is.
///
///     PcapngWriter writer;
///     if (!writer.open(&file, QStringLiteral("TCP Inspector 1.0"), {}, &why))
///         return false;
///     writer.writePacket(wallNs, ipPacket, QStringLiteral("conn 3 rx chunk 17"));
///     if (!writer.ok()) ... writer.error()
///
/// Blocks are written in the machine's byte order, which the section header's
/// byte-order magic tells readers, as the format intends.
class PcapngWriter
{
public:
    /// LINKTYPE_RAW: each packet starts with its IP header.
    static constexpr quint16 linkTypeRaw = 101;
    /// A Decryption Secrets Block of TLS secrets: NSS key log lines ("TLSK").
    static constexpr quint32 secretsTlsKeyLog = 0x544c534b;

    /// Writes the section header (with application and, as comments,
    /// sectionComments: what a reader should know about the whole file) and
    /// the interface block. False with *why when the device refuses.
    bool open(QIODevice *out, const QString &application, const QStringList &sectionComments,
              QString *why);
    /// One enhanced packet block: ipPacket captured whole, at wallNs (UTC
    /// nanoseconds since 1970), with comment (empty: none). Errors stick:
    /// see ok().
    void writePacket(qint64 wallNs, const QByteArray &ipPacket, const QString &comment);
    /// A Decryption Secrets Block: secrets of secretsType (secretsTlsKeyLog:
    /// the NSS key log's lines) that readers use for the packets after it,
    /// so it goes before them. Errors stick: see ok().
    void writeDecryptionSecrets(quint32 secretsType, const QByteArray &secrets);
    /// False once a write failed; error() says why.
    bool ok() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }
    qint64 packetsWritten() const { return m_packets; }

private:
    void writeBlock(const QByteArray &block);

    QIODevice *m_out = nullptr;
    QString m_error;
    qint64 m_packets = 0;
};

} // namespace TcpInspector
