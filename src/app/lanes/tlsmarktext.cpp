// SPDX-License-Identifier: GPL-3.0-or-later
#include "lanes/tlsmarktext.h"

#include <QRegularExpression>

namespace TcpInspector {

namespace {
QString orNone(const QString &text)
{
    return text.isEmpty() ? TlsMarkText::tr("none") : text;
}

QString warning(const QString &text)
{
    return QStringLiteral("<b style=\"color:#c62828\">%1</b>").arg(text.toHtmlEscaped());
}
} // namespace

QDateTime TlsMarkText::expiryOf(const QString &chainEntry)
{
    // The entry's words are translated; the date in it is ISO 8601 whatever the language.
    static const QRegularExpression date(
        QStringLiteral("(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z?)"));
    const QRegularExpressionMatch match = date.match(chainEntry);
    if (!match.hasMatch())
        return {};
    QDateTime when = QDateTime::fromString(match.captured(1), Qt::ISODate);
    when.setTimeSpec(Qt::UTC);
    return when;
}

QStringList TlsMarkText::chainLines(const TlsDetails &details, const QDateTime &now)
{
    QStringList lines;
    for (const QString &entry : details.chain) {
        QString line = entry.toHtmlEscaped();
        const QDateTime expires = expiryOf(entry);
        if (expires.isValid() && expires <= now)
            line += QStringLiteral(" ") + warning(tr("expired"));
        else if (expires.isValid() && now.secsTo(expires) < qint64(24) * 3600)
            line += QStringLiteral(" ") + warning(tr("expires within a day"));
        else if (expires.isValid() && now.daysTo(expires) < soonDays)
            line += QStringLiteral(" ")
                    + warning(tr("expires in %n day(s)", nullptr, int(now.daysTo(expires))));
        lines.append(line);
    }
    return lines;
}

QString TlsMarkText::handshakeHtml(const TlsDetails &details, const QDateTime &now)
{
    QStringList lines;
    lines << tr("Protocol <b>%1</b>, cipher <b>%2</b>, ALPN <b>%3</b>")
                 .arg(details.protocol.toHtmlEscaped(), details.cipher.toHtmlEscaped(),
                      orNone(details.alpn).toHtmlEscaped());
    if (!details.serverName.isEmpty())
        lines << tr("Server name (SNI): %1").arg(details.serverName.toHtmlEscaped());
    if (details.peerSubject.isEmpty() && details.chain.isEmpty()) {
        lines << tr("The peer sent no certificate.").toHtmlEscaped();
        return lines.join(QStringLiteral("<br/>"));
    }
    if (!details.peerSubject.isEmpty())
        lines << tr("Peer certificate %1, issued by %2")
                     .arg(details.peerSubject, details.peerIssuer)
                     .toHtmlEscaped();
    const QStringList chain = chainLines(details, now);
    if (!chain.isEmpty())
        lines << tr("Certificate chain:").toHtmlEscaped() + QStringLiteral("<br/>&nbsp;&nbsp;")
                     + chain.join(QStringLiteral("<br/>&nbsp;&nbsp;"));
    if (details.verified)
        lines << tr("Verified: the chain leads to a trusted CA and names the server.")
                     .toHtmlEscaped();
    else if (!details.verifyError.isEmpty())
        lines << warning(tr("Not verified: the check was off; it would have failed with %1.")
                             .arg(details.verifyError));
    else
        lines << warning(tr("Not verified: the certificate was not checked."));
    return lines.join(QStringLiteral("<br/>"));
}

QString TlsMarkText::html(const LaneMark &mark, const QDateTime &now)
{
    // A TLS error's explanation already names the fix where the connection's
    // options were set (TlsFixNames): nothing to add.
    if (mark.kind == MarkKind::TlsError)
        return QString();
    if (!mark.tls)
        return QString();
    const TlsDetails &details = *mark.tls;
    switch (mark.kind) {
    case MarkKind::TlsHandshake:
        return handshakeHtml(details, now);
    case MarkKind::TlsCloseNotify:
    case MarkKind::TlsAlert:
        if (details.alertLevel == QLatin1String("fatal"))
            return warning(tr("Fatal alert %1: the connection ends here.").arg(details.alertKey));
        return tr("Alert %1, level %2").arg(details.alertKey, details.alertLevel).toHtmlEscaped();
    case MarkKind::TlsHandshakeStart:
        if (!details.serverName.isEmpty())
            return tr("Server name (SNI): %1").arg(details.serverName).toHtmlEscaped();
        return QString();
    default:
        return QString();
    }
}

} // namespace TcpInspector
