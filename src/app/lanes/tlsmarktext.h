// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lanes/timelinelane.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>
#include <QStringList>

namespace TcpInspector {

/// What a TLS mark's tooltip says beyond its name: the negotiated protocol,
/// cipher and ALPN, the peer's certificate chain with each expiry (and a
/// warning when one has expired, expires soon or was not verified), an
/// alert's level. Rich text, pure, so it is tested without painting.
class TlsMarkText
{
    Q_DECLARE_TR_FUNCTIONS(TcpInspector::TlsMarkText)

public:
    /// A certificate expiring within this many days is worth a warning.
    static constexpr int soonDays = 30;

    /// The lines for a TLS mark (HTML, escaped), or empty for another mark.
    static QString html(const LaneMark &mark, const QDateTime &now);
    /// Each certificate of the chain, "subject; expires DATE", with a
    /// warning when it has expired or expires within soonDays of @p now.
    static QStringList chainLines(const TlsDetails &details, const QDateTime &now);

    /// The expiry in a chain entry ("...; expires 2027-01-02T03:04:05Z"), or invalid.
    static QDateTime expiryOf(const QString &chainEntry);

private:
    static QString handshakeHtml(const TlsDetails &details, const QDateTime &now);
};

} // namespace TcpInspector
