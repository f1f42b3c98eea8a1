// SPDX-License-Identifier: GPL-3.0-or-later
// tcpinspector --listen, --connect and --framing: the window starts as asked,
// through its panels as a user would have filled them, on real loopback
// sockets; a bad value names its option and what is wrong, and what could be
// done is done.
#include "net/connection.h"
#include "session/workbench.h"
#include "widgets/mainwindow.h"
#include "widgets/relaypanel.h"

#include "windowfixture.h"

#include <QMessageBox>
#include <QTest>

using namespace TcpInspector;

class tst_StartOptions : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void listenConnectAndFraming();
    void badValuesAreNamed_data();
    void badValuesAreNamed();
    void relayStarts();

private:
    std::unique_ptr<MainWindow> m_window;
};

void tst_StartOptions::init()
{
    m_window = makeTestWindow();
    QVERIFY(testWindowReady(m_window.get()));
}

void tst_StartOptions::cleanup()
{
    m_window.reset();
}

void tst_StartOptions::listenConnectAndFraming()
{
    Workbench *bench = m_window->workbench();
    const QStringList problems = m_window->applyStart(
        {QStringLiteral("[::1]:0"), QString(), QStringLiteral("line"), QString(), QString()});
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    QTRY_VERIFY(bench->isListening());
    QCOMPARE(bench->boundAddress().host, QStringLiteral("::1"));
    // Now connect to where it listens: both ends decode lines.
    const QString target = bench->boundAddress().toString();
    QVERIFY(m_window->applyStart({QString(), target, QString(), QString(), QString()}).isEmpty());
    QTRY_COMPARE(bench->connections(Connection::Side::Client).size(), 1);
    Connection *client = bench->connections(Connection::Side::Client).first();
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), ConnectionState::Established, 5000);
    QTRY_COMPARE(bench->connections(Connection::Side::Server).size(), 1);
    QCOMPARE(client->rx().framing(), QStringLiteral("line"));
    QCOMPARE(client->tx().framing(), QStringLiteral("line"));
    QCOMPARE(bench->connections(Connection::Side::Server).first()->rx().framing(),
             QStringLiteral("line"));
    QVERIFY(!m_window->findChild<QMessageBox *>(QStringLiteral("startReport")));
}

void tst_StartOptions::badValuesAreNamed_data()
{
    QTest::addColumn<QString>("listen");
    QTest::addColumn<QString>("connect");
    QTest::addColumn<QString>("framing");
    QTest::addColumn<QString>("said");
    // A bare port is refused with the fix (S1).
    QTest::newRow("bare port") << "8080"
                               << ""
                               << ""
                               << "--listen 8080:";
    QTest::newRow("no port to connect") << ""
                                        << "localhost"
                                        << ""
                                        << "--connect localhost:";
    QTest::newRow("unknown framing") << ""
                                     << ""
                                     << "nosuch"
                                     << "--framing nosuch:";
    QTest::newRow("bad option") << ""
                                << ""
                                << "line:maxx=3"
                                << "--framing line:maxx=3:";
}

void tst_StartOptions::relayStarts()
{
    // --relay TARGET --relay-listen ADDR: relaying to the embedded server;
    // a relay target without a port is named with the fix.
    Workbench *bench = m_window->workbench();
    QTRY_VERIFY(bench->isListening());
    const QStringList problems
        = m_window->applyStart({QString(), QString(), QString(), bench->boundAddress().toString(),
                                QStringLiteral("127.0.0.1:0")});
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    QVERIFY(bench->isRelaying());
    QVERIFY(bench->relayAddress().port != 0);
    m_window->relayPanel()->stop();
    const QStringList bad = m_window->applyStart(
        {QString(), QString(), QString(), QStringLiteral("localhost"), QString()});
    QCOMPARE(bad.size(), 1);
    QVERIFY2(bad.first().startsWith(QLatin1String("--relay localhost: "))
                 && bad.first().size() > 30,
             qPrintable(bad.first()));
    QVERIFY(!bench->isRelaying());
}

void tst_StartOptions::badValuesAreNamed()
{
    QFETCH(QString, listen);
    QFETCH(QString, connect);
    QFETCH(QString, framing);
    QFETCH(QString, said);
    Workbench *bench = m_window->workbench();
    const HostPort before = bench->boundAddress();
    const QStringList problems
        = m_window->applyStart({listen, connect, framing, QString(), QString()});
    QCOMPARE(problems.size(), 1);
    QVERIFY2(problems.first().startsWith(said) && problems.first().size() > said.size() + 5,
             qPrintable(problems.first()));
    // Shown in the window too, without stopping it.
    auto *box = m_window->findChild<QMessageBox *>(QStringLiteral("startReport"));
    QVERIFY(box);
    QVERIFY(box->text().contains(said));
    QVERIFY(box->isVisible()); // open(), not exec(): the window runs on
    // Nothing else changed: the embedded server still listens where it did.
    QVERIFY(bench->isListening());
    QCOMPARE(bench->boundAddress().toString(), before.toString());
    QCOMPARE(bench->connections().size(), 0);
}

QTEST_MAIN(tst_StartOptions)
#include "tst_startoptions.moc"
