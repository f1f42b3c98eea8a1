// SPDX-License-Identifier: GPL-3.0-or-later
#include "recording/pcapngwriter.h"

#include "text/tr.h"

#include <QIODevice>

#include <cstring>

namespace TcpInspector {

namespace {

constexpr quint32 sectionHeaderType = 0x0A0D0D0A;
constexpr quint32 interfaceDescriptionType = 0x00000001;
constexpr quint32 enhancedPacketType = 0x00000006;
constexpr quint32 decryptionSecretsType = 0x0000000A;
constexpr quint32 byteOrderMagic = 0x1A2B3C4D;

constexpr quint16 optEndOfOptions = 0;
constexpr quint16 optComment = 1;
constexpr quint16 shbUserApplication = 4;
constexpr quint16 ifName = 2;
constexpr quint16 ifTimestampResolution = 9;

// Blocks are in host order: the byte-order magic says which one it was.
template<typename T>
void put(QByteArray *block, T value)
{
    char raw[sizeof(T)];
    std::memcpy(raw, &value, sizeof(T));
    block->append(raw, qsizetype(sizeof(T)));
}

void padTo32Bits(QByteArray *block)
{
    while (block->size() % 4 != 0)
        block->append('\0');
}

void putOption(QByteArray *block, quint16 code, const QByteArray &value)
{
    put<quint16>(block, code);
    put<quint16>(block, quint16(value.size()));
    block->append(value);
    padTo32Bits(block);
}

void putEndOfOptions(QByteArray *block)
{
    put<quint16>(block, optEndOfOptions);
    put<quint16>(block, 0);
}

// An option's value is at most 65,535 bytes; a comment is cut short rather
// than corrupting the block.
QByteArray optionText(const QString &text)
{
    QByteArray utf8 = text.toUtf8();
    if (utf8.size() > 0xFFFF)
        utf8.truncate(0xFFFF);
    return utf8;
}

// Type, then a length filled in by finishBlock(): the total length is
// written both at the start and at the end of every block.
QByteArray startBlock(quint32 type)
{
    QByteArray block;
    put<quint32>(&block, type);
    put<quint32>(&block, 0);
    return block;
}

void finishBlock(QByteArray *block)
{
    padTo32Bits(block);
    const auto total = quint32(block->size() + 4);
    std::memcpy(block->data() + 4, &total, sizeof total);
    put<quint32>(block, total);
}

} // namespace

bool PcapngWriter::open(QIODevice *out, const QString &application,
                        const QStringList &sectionComments, QString *why)
{
    m_out = out;
    m_error.clear();
    m_packets = 0;

    QByteArray section = startBlock(sectionHeaderType);
    put<quint32>(&section, byteOrderMagic);
    put<quint16>(&section, 1); // version 1.0
    put<quint16>(&section, 0);
    put<qint64>(&section, -1); // section length: not given, so it may be streamed
    for (const QString &comment : sectionComments)
        putOption(&section, optComment, optionText(comment));
    putOption(&section, shbUserApplication, optionText(application));
    putEndOfOptions(&section);
    finishBlock(&section);
    writeBlock(section);

    QByteArray interface = startBlock(interfaceDescriptionType);
    put<quint16>(&interface, linkTypeRaw);
    put<quint16>(&interface, 0);
    put<quint32>(&interface, 0); // snap length: none, packets are whole
    putOption(&interface, ifName, QByteArrayLiteral("tcpinspector"));
    putOption(&interface, ifTimestampResolution, QByteArray(1, char(9))); // 10^-9 s
    putEndOfOptions(&interface);
    finishBlock(&interface);
    writeBlock(interface);

    if (!ok() && why)
        *why = m_error;
    return ok();
}

void PcapngWriter::writePacket(qint64 wallNs, const QByteArray &ipPacket, const QString &comment)
{
    QByteArray block = startBlock(enhancedPacketType);
    block.reserve(ipPacket.size() + comment.size() + 64);
    const quint64 stamp = quint64(std::max<qint64>(wallNs, 0));
    put<quint32>(&block, 0); // interface 0
    put<quint32>(&block, quint32(stamp >> 32));
    put<quint32>(&block, quint32(stamp & 0xFFFFFFFFu));
    put<quint32>(&block, quint32(ipPacket.size())); // captured
    put<quint32>(&block, quint32(ipPacket.size())); // on the wire
    block.append(ipPacket);
    padTo32Bits(&block);
    if (!comment.isEmpty()) {
        putOption(&block, optComment, optionText(comment));
        putEndOfOptions(&block);
    }
    finishBlock(&block);
    writeBlock(block);
    if (ok())
        ++m_packets;
}

void PcapngWriter::writeDecryptionSecrets(quint32 secretsType, const QByteArray &secrets)
{
    QByteArray block = startBlock(decryptionSecretsType);
    put<quint32>(&block, secretsType);
    put<quint32>(&block, quint32(secrets.size()));
    block.append(secrets);
    finishBlock(&block); // pads the secrets to 32 bits
    writeBlock(block);
}

void PcapngWriter::writeBlock(const QByteArray &block)
{
    if (!ok())
        return;
    if (!m_out || m_out->write(block) != block.size())
        m_error = Tr::tr("Writing the capture failed: %1")
                      .arg(m_out ? m_out->errorString() : Tr::tr("no output"));
}

} // namespace TcpInspector
