// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <utility>
#include <vector>

#include "net/connectionoptions.h"
#include "recording/sessionrecords.h"
#include "timeline/timeline.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

/// The little-endian fields a session record's payload is made of, and the
/// encodings of what several records share (events, settings).
namespace TcpInspector::SessionCodec {

/// Appends fields to a payload.
class Writer
{
public:
    void u8(quint8 v) { m_bytes.append(char(v)); }
    void u16(quint16 v);
    void u32(quint32 v);
    void u64(quint64 v);
    void i64(qint64 v) { u64(quint64(v)); }
    void varint(quint64 v);
    void zigzag(qint64 v) { varint((quint64(v) << 1) ^ quint64(v >> 63)); }
    /// A varint length and UTF-8.
    void string(const QString &s) { blob(s.toUtf8()); }
    void blob(const QByteArray &b);
    QByteArray &bytes() { return m_bytes; }

private:
    QByteArray m_bytes;
};

/// Reads fields from a payload without ever reading past it: a field that
/// does not fit reads as 0 and makes ok() false for good.
class Reader
{
public:
    Reader(const char *data, qint64 size)
        : m_p(reinterpret_cast<const quint8 *>(data)), m_end(m_p + size)
    { }
    explicit Reader(const QByteArray &b) : Reader(b.constData(), b.size()) { }

    quint8 u8();
    quint16 u16();
    quint32 u32();
    quint64 u64();
    qint64 i64() { return qint64(u64()); }
    quint64 varint();
    qint64 zigzag();
    QString string();
    QByteArray blob();
    /// Takes n bytes as they are (null when they are not there).
    const char *take(qint64 n);
    bool ok() const { return m_ok; }
    void fail() { m_ok = false; }
    qint64 remaining() const { return m_end - m_p; }

private:
    const quint8 *m_p;
    const quint8 *m_end;
    bool m_ok = true;
};

/// The fewest bytes an encoded event takes: what bounds a claimed count.
constexpr qint64 minEventBytes = 13;
/// The fewest bytes an encoded chunk takes.
constexpr qint64 minChunkBytes = 2;

void putEvent(Writer &out, const TimelineEvent &event, qint64 previousNs);
/// False when the bytes do not make an event (an enum out of range).
bool getEvent(Reader &in, TimelineEvent *event, qint64 previousNs);

/// The TLS details of an EVNT record's events, after its events (format
/// 1.1; a 1.0 reader stops before them): varint count, then per event its
/// index in the record and its TlsDetails.
void putTlsDetails(Writer &out, const std::vector<std::pair<qint64, const TlsDetails *>> &details);
/// Attaches the details to events (the record's, in order); false when the
/// bytes make no sense. No bytes left: none to attach.
bool getTlsDetails(Reader &in, std::vector<TimelineEvent> *events);

/// A trailer entry: a fixed size, so a claimed count is checked at once.
constexpr qint64 recordRefBytes = 65;
void putRecordRef(Writer &out, const SessionRecordRef &r);
SessionRecordRef getRecordRef(Reader &in);

void putConnection(Writer &out, const SessionConnection &c);
/// False when the bytes do not make a CONN (an enum out of range).
bool getConnection(Reader &in, SessionConnection *c);

/// Every ConnectionOptions field, by name.
QJsonObject optionsToJson(const ConnectionOptions &options);
/// The fields found over the defaults; out-of-range values keep the default.
ConnectionOptions optionsFromJson(const QJsonObject &json);

} // namespace TcpInspector::SessionCodec
