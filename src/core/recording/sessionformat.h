// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

/// The constants of the session file format v1 (docs/SESSION-FORMAT.md):
/// what the writer, the reader and the tests agree on.
namespace TcpInspector::SessionFormat {

constexpr quint16 majorVersion = 1;
// 1.1: TLS details after an EVNT record's events; 1.2: a TLS connection's
// records (WCHK, WDAT) and key log (at the end of its CONN).
constexpr quint16 minorVersion = 2;

/// 89 'T' 'C' 'P' 'I' 0D 0A 1A: a high byte first (not text), then CR LF
/// and ^Z, which a text-mode copy or an FTP transfer would damage.
constexpr char magic[8] = {'\x89', 'T', 'C', 'P', 'I', '\r', '\n', '\x1a'};
constexpr char footerMagic[8] = {'T', 'C', 'P', 'I', 'E', 'N', 'D', '\0'};

constexpr qint64 headerSize = 64;
constexpr qint64 footerSize = 32;
constexpr qint64 recordHeaderSize = 16; ///< u32 type, u32 flags, u64 length
constexpr qint64 recordCrcSize = 4;
constexpr qint64 alignment = 8;

// Header fields.
constexpr int headerMajorAt = 8;
constexpr int headerMinorAt = 10;
constexpr int headerSizeAt = 12;
constexpr int headerMonotonicAt = 16;
constexpr int headerWallAt = 24;
constexpr int headerBlockSizeAt = 32;
constexpr int headerFlagsAt = 36;
constexpr int headerCrcAt = 60;
constexpr quint32 headerFinalized = 1; ///< a trailer and a footer end the file

/// Record flag: a reader that does not know the type may skip the record.
constexpr quint32 recordSkippable = 1;

constexpr quint32 fourCC(const char (&name)[5])
{
    return quint32(quint8(name[0])) | quint32(quint8(name[1])) << 8 | quint32(quint8(name[2])) << 16
           | quint32(quint8(name[3])) << 24;
}

constexpr quint32 typeMeta = fourCC("META");
constexpr quint32 typeConn = fourCC("CONN");
constexpr quint32 typeChnk = fourCC("CHNK");
constexpr quint32 typeData = fourCC("DATA");
constexpr quint32 typeEvnt = fourCC("EVNT");
constexpr quint32 typeLine = fourCC("LINE");
constexpr quint32 typeTrlr = fourCC("TRLR");
/// 1.2: the chunks and bytes of a TLS connection's wire (Connection::wire()),
/// laid out as CHNK and DATA; skippable, so a 1.1 reader opens the plaintext.
constexpr quint32 typeWireChnk = fourCC("WCHK");
constexpr quint32 typeWireData = fourCC("WDAT");

/// Bytes a DATA record holds at most: one CRC per 64 KiB of stream.
constexpr qint64 dataRecordBytes = qint64(64) * 1024;
constexpr qint64 chunksPerRecord = 65536;
constexpr qint64 eventsPerRecord = 4096;
/// The largest record the reader accepts (a CHNK of 65,536 chunks needs
/// ~1.3 MB, an EVNT of 4096 long events a few MB).
constexpr qint64 maxRecordLength = qint64(64) * 1024 * 1024;

/// The bytes a record takes in the file, with header, CRC and padding.
constexpr qint64 recordSpan(qint64 payloadLength)
{
    const qint64 raw = recordHeaderSize + payloadLength + recordCrcSize;
    return (raw + alignment - 1) / alignment * alignment;
}

} // namespace TcpInspector::SessionFormat
