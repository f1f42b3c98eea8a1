// SPDX-License-Identifier: GPL-3.0-or-later
// A TLS mark's tooltip lines: the handshake's protocol, cipher and ALPN; each
// certificate of the chain with its expiry, warned about when it has expired,
// expires within 30 days or was not verified; alerts, fatal or not.
#include "lanes/tlsmarktext.h"

#include <QTest>

using namespace TcpInspector;

class tst_TlsMarkText : public QObject
{
    Q_OBJECT

private slots:
    void expiryIsRead();
    void chainWarns_data();
    void chainWarns();
    void handshakeSaysWhatWasAgreed();
    void alerts();
    void otherMarksSayNothing();
};

namespace {
const QDateTime now = QDateTime(QDate(2026, 12, 7), QTime(6, 0), Qt::UTC);

LaneMark markOf(MarkKind kind, const TlsDetails &details)
{
    LaneMark mark;
    mark.kind = kind;
    mark.tls = std::make_shared<const TlsDetails>(details);
    return mark;
}
} // namespace

void tst_TlsMarkText::expiryIsRead()
{
    QCOMPARE(TlsMarkText::expiryOf(QStringLiteral("CN=localhost; expires 2027-01-02T03:04:05Z")),
             QDateTime(QDate(2027, 1, 2), QTime(3, 4, 5), Qt::UTC));
    // Translated words round the date: the date is still found.
    QCOMPARE(TlsMarkText::expiryOf(QStringLiteral("CN=localhost；过期时间 2027-01-02T03:04:05Z")),
             QDateTime(QDate(2027, 1, 2), QTime(3, 4, 5), Qt::UTC));
    QVERIFY(!TlsMarkText::expiryOf(QStringLiteral("CN=localhost")).isValid());
}

void tst_TlsMarkText::chainWarns_data()
{
    QTest::addColumn<QString>("expires");
    QTest::addColumn<QString>("warning");
    QTest::newRow("a year") << "2027-12-07T06:00:00Z" << QString();
    QTest::newRow("31 days") << "2027-01-07T07:00:00Z" << QString();
    QTest::newRow("10 days") << "2026-12-17T06:00:00Z"
                             << "expires in 10 day(s)";
    QTest::newRow("hours") << "2026-12-07T09:00:00Z"
                           << "expires within a day";
    QTest::newRow("expired") << "2026-12-06T06:00:00Z"
                             << "expired";
}

void tst_TlsMarkText::chainWarns()
{
    QFETCH(QString, expires);
    QFETCH(QString, warning);
    TlsDetails details;
    details.chain = {QStringLiteral("CN=leaf; expires %1").arg(expires),
                     QStringLiteral("CN=root; expires 2036-01-01T00:00:00Z")};
    const QStringList lines = TlsMarkText::chainLines(details, now);
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines[0].startsWith(QLatin1String("CN=leaf; expires ") + expires),
             qPrintable(lines[0]));
    QCOMPARE(lines[0].contains(QLatin1String("<b")), !warning.isEmpty());
    if (!warning.isEmpty())
        QVERIFY2(lines[0].contains(warning), qPrintable(lines[0]));
    QVERIFY(!lines[1].contains(QLatin1String("<b")));
}

void tst_TlsMarkText::handshakeSaysWhatWasAgreed()
{
    TlsDetails details;
    details.protocol = QStringLiteral("TLSv1.3");
    details.cipher = QStringLiteral("TLS_AES_256_GCM_SHA384");
    details.serverName = QStringLiteral("localhost");
    details.peerSubject = QStringLiteral("CN=localhost");
    details.peerIssuer = QStringLiteral("CN=localhost");
    details.chain = {QStringLiteral("CN=localhost; expires 2036-01-01T00:00:00Z")};
    details.verifyError = QStringLiteral("tls_self_signed");
    const QString off = TlsMarkText::html(markOf(MarkKind::TlsHandshake, details), now);
    QVERIFY2(off.contains(QLatin1String("<b>TLSv1.3</b>")), qPrintable(off));
    QVERIFY(off.contains(QLatin1String("TLS_AES_256_GCM_SHA384")));
    QVERIFY(off.contains(QLatin1String("ALPN <b>none</b>")));
    QVERIFY(off.contains(QLatin1String("2036-01-01T00:00:00Z")));
    QVERIFY(off.contains(QLatin1String("Not verified")));
    QVERIFY(off.contains(QLatin1String("tls_self_signed")));
    details.verifyError.clear();
    details.verified = true;
    details.alpn = QStringLiteral("h2");
    const QString on = TlsMarkText::html(markOf(MarkKind::TlsHandshake, details), now);
    QVERIFY(on.contains(QLatin1String("ALPN <b>h2</b>")));
    QVERIFY2(on.contains(QLatin1String("Verified")) && !on.contains(QLatin1String("Not verified")),
             qPrintable(on));
    // A server's view: the client sent no certificate.
    TlsDetails server;
    server.protocol = details.protocol;
    server.cipher = details.cipher;
    const QString none = TlsMarkText::html(markOf(MarkKind::TlsHandshake, server), now);
    QVERIFY2(none.contains(QLatin1String("no certificate")), qPrintable(none));
}

void tst_TlsMarkText::alerts()
{
    TlsDetails details;
    details.alertLevel = QStringLiteral("warning");
    details.alertKey = QStringLiteral("close_notify");
    const QString notify = TlsMarkText::html(markOf(MarkKind::TlsCloseNotify, details), now);
    QCOMPARE(notify, QStringLiteral("Alert close_notify, level warning"));
    details.alertLevel = QStringLiteral("fatal");
    details.alertKey = QStringLiteral("unknown_ca");
    const QString fatal = TlsMarkText::html(markOf(MarkKind::TlsAlert, details), now);
    QVERIFY2(fatal.contains(QLatin1String("Fatal alert unknown_ca")), qPrintable(fatal));
}

void tst_TlsMarkText::otherMarksSayNothing()
{
    LaneMark fin;
    fin.kind = MarkKind::FinSent;
    QVERIFY(TlsMarkText::html(fin, now).isEmpty());
}

QTEST_GUILESS_MAIN(tst_TlsMarkText)
#include "tst_tlsmarktext.moc"
