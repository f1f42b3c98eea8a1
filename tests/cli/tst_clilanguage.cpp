// SPDX-License-Identifier: GPL-3.0-or-later
// The CLI speaks the locale's language: under zh_CN its explain texts are
// Chinese, while the JSON keys and error codes stay as docs/CLI.md spells them.
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTest>

class tst_CliLanguage : public QObject
{
    Q_OBJECT

private slots:
    void explainFollowsTheLocale_data();
    void explainFollowsTheLocale();
};

void tst_CliLanguage::explainFollowsTheLocale_data()
{
    QTest::addColumn<QString>("locale");
    QTest::addColumn<QString>("explainStart");
    QTest::newRow("C") << QStringLiteral("C") << QStringLiteral("The peer answered the SYN");
    QTest::newRow("zh_CN") << QStringLiteral("zh_CN.UTF-8")
                           << QStringLiteral("对端用 RST 回应了 SYN");
    QTest::newRow("en_US") << QStringLiteral("en_US.UTF-8")
                           << QStringLiteral("The peer answered the SYN");
}

void tst_CliLanguage::explainFollowsTheLocale()
{
    QFETCH(QString, locale);
    QFETCH(QString, explainStart);
    // A port nobody listens on any more: the connect is refused.
    QTcpServer gone;
    QVERIFY(gone.listen(QHostAddress::LocalHost, 0));
    const quint16 port = gone.serverPort();
    gone.close();

    QProcess cli;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("LC_ALL"), locale);
    cli.setProcessEnvironment(environment);
    cli.start(QStringLiteral(TCPI_CLI_PATH),
              {QStringLiteral("connect"), QStringLiteral("127.0.0.1:%1").arg(port),
               QStringLiteral("--kernel-sample"), QStringLiteral("0")});
    QVERIFY(cli.waitForFinished(10000));
    QJsonObject error;
    for (const QByteArray &line : cli.readAllStandardOutput().split('\n')) {
        const QJsonObject event = QJsonDocument::fromJson(line).object();
        if (event.value(QLatin1String("event")).toString() == QLatin1String("error"))
            error = event;
    }
    QCOMPARE(error.value(QLatin1String("code")).toString(), QStringLiteral("refused"));
    const QString explain = error.value(QLatin1String("explain")).toString();
    QVERIFY2(explain.startsWith(explainStart), qPrintable(explain));
}

QTEST_GUILESS_MAIN(tst_CliLanguage)
#include "tst_clilanguage.moc"
