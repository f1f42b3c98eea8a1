// SPDX-License-Identifier: GPL-3.0-or-later
// ExpectationCheck, continued: what `expect` checks about TLS, from the
// connection's timeline (tls_handshake, tls_alert) and its wire records.
#include "scenario/expectationcheck.h"

#include "framing/tlsdecoder.h"
#include "net/connection.h"
#include "text/tr.h"

#include <algorithm>

namespace TcpInspector {

namespace {

QString recordTypeName(int type)
{
    if (type < 0)
        return QStringLiteral("any");
    const QString name = TlsDecoder::kindKey(quint16(type));
    return name.isEmpty() ? QString::number(type) : name;
}

bool sameOrUnasked(const std::optional<QString> &asked, const QString &value)
{
    return !asked || *asked == value;
}

// Shown in failures: at most this many records.
constexpr qint64 shownRecords = 8;

} // namespace

std::shared_ptr<const TlsDetails> ExpectationCheck::handshakeDetails(const Connection &connection)
{
    for (const TimelineEvent &event : connection.timeline().since(0)) {
        if (event.type == TimelineEvent::Note && event.code == QLatin1String("tls_handshake")
            && event.tls) {
            return event.tls;
        }
    }
    return nullptr;
}

bool ExpectationCheck::checkHandshake(const Connection &connection) const
{
    const std::shared_ptr<const TlsDetails> details = handshakeDetails(connection);
    if (!details)
        return false;
    const HandshakeCheck &asked = m_args.handshake;
    return sameOrUnasked(asked.protocol, details->protocol)
           && sameOrUnasked(asked.alpn, details->alpn)
           && sameOrUnasked(asked.cipher, details->cipher)
           && sameOrUnasked(asked.serverName, details->serverName)
           && (!asked.peer || details->peerSubject.contains(*asked.peer))
           && (!asked.verified || *asked.verified == details->verified);
}

bool ExpectationCheck::checkAlert(const Connection &connection) const
{
    for (const TimelineEvent &event : connection.timeline().since(0)) {
        if (event.type != TimelineEvent::Note || event.code != QLatin1String("tls_alert")
            || !event.tls || event.tls->alertKey != m_args.alertKey) {
            continue;
        }
        const QString side
            = event.direction == Direction::Tx ? QStringLiteral("local") : QStringLiteral("remote");
        if (m_args.alertSide.isEmpty() || m_args.alertSide == side)
            return true;
    }
    return false;
}

bool ExpectationCheck::checkRecord(const Connection &connection)
{
    // In order, as messages: the first record after the last one matched
    // that has the type and size asked for.
    const StreamChannel *wire = connection.wire(Direction::Rx);
    if (!wire)
        return false;
    const qint64 count = wire->frameCount();
    for (qint64 i = std::max(m_recordCursor, wire->firstFrame()); i < count; ++i) {
        const Frame frame = wire->frame(i);
        if ((m_args.recordType < 0 || frame.kind == m_args.recordType)
            && (!m_args.recordSizeGiven || m_args.recordSize.holds(frame.length))) {
            m_recordCursor = i + 1;
            return true;
        }
    }
    return false;
}

QString ExpectationCheck::expectedTls() const
{
    QStringList parts = {expectKindKey(m_args.what)};
    if (m_args.what == ExpectKind::Alert) {
        parts += m_args.alertKey;
        if (!m_args.alertSide.isEmpty())
            parts += QStringLiteral("side=") + m_args.alertSide;
    } else if (m_args.what == ExpectKind::Record) {
        parts += recordTypeName(m_args.recordType);
        if (m_args.recordSizeGiven)
            parts += QStringLiteral("size=") + m_args.recordSize.toString();
    } else {
        const HandshakeCheck &asked = m_args.handshake;
        const auto add = [&parts](const char *key, const std::optional<QString> &value) {
            if (value)
                parts += QLatin1String(key) + QStringLiteral("=\"") + *value + QLatin1Char('"');
        };
        add("protocol", asked.protocol);
        add("alpn", asked.alpn);
        add("cipher", asked.cipher);
        add("sni", asked.serverName);
        add("peer", asked.peer);
        if (asked.verified)
            parts
                += *asked.verified ? QStringLiteral("verified=on") : QStringLiteral("verified=off");
    }
    return parts.join(QLatin1Char(' '));
}

QString ExpectationCheck::receivedTls(const Connection &connection) const
{
    if (!connection.usesTls())
        return Tr::tr("no TLS on this connection: add tls to its listen or connect step");
    if (m_args.what == ExpectKind::Record) {
        const StreamChannel *wire = connection.wire(Direction::Rx);
        QStringList records;
        const qint64 count = wire->frameCount();
        for (qint64 i = std::max({m_recordCursor, wire->firstFrame(), count - shownRecords});
             i < count; ++i) {
            const Frame frame = wire->frame(i);
            records += QStringLiteral("%1 %2").arg(recordTypeName(frame.kind)).arg(frame.length);
        }
        if (records.isEmpty())
            return Tr::tr("no record after the last one matched (%1 in all)").arg(count);
        return Tr::tr("records %1 (of %2 in all)")
            .arg(records.join(QLatin1String(", ")))
            .arg(count);
    }
    // The handshake's outcome, the alerts and the errors: what TLS said.
    QStringList said;
    for (const TimelineEvent &event : connection.timeline().since(0)) {
        if (event.type == TimelineEvent::Error && event.code.startsWith(QLatin1String("tls_"))) {
            said += event.code;
        } else if (event.type == TimelineEvent::Note && event.tls
                   && event.code != QLatin1String("tls_handshake_start")) {
            said += event.text;
        }
    }
    return said.isEmpty() ? Tr::tr("no TLS handshake yet") : said.join(QLatin1String("; "));
}

} // namespace TcpInspector
