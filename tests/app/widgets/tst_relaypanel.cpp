// SPDX-License-Identifier: GPL-3.0-or-later
// The Relay dock on real loopback sockets: a client of the window's own echo
// server goes through the relay, both legs are listed in the relay's table
// (and not in the server's or client's), shown in the views, and faults typed
// as on the command line apply to the bytes that follow. With TLS on both
// legs to openssl s_server, the legs carry the plaintext; an upstream
// certificate refused resets the client's leg, and the fix names the
// relay's own fields; the TLS fields are remembered.
#include "net/connection.h"
#include "net/localcertificate.h"
#include "session/workbench.h"
#include "views/timelineview.h"
#include "widgets/advancedsection.h"
#include "widgets/clientpanel.h"
#include "widgets/connectiontable.h"
#include "widgets/mainwindow.h"
#include "widgets/relayfaultseditor.h"
#include "widgets/relaypanel.h"
#include "widgets/serverpanel.h"
#include "widgets/timelinepane.h"
#include "widgets/tlsoptionfields.h"

#include "shared/peerserver.h"
#include "windowfixture.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace TcpInspector;

class tst_RelayPanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void relaysThroughTheWindow();
    void badFieldsSayWhatIsWrong_data();
    void badFieldsSayWhatIsWrong();
    void faultControlsActLive();
    void tlsOnBothLegs();
    void upstreamCertificateRefused();
    void tlsSettingsRoundTrip();

private:
    /// openssl s_server with the generated localhost certificate, answering
    /// each line reversed; false when it cannot.
    bool startTlsServer(PeerServer &server);
    /// A client of the window's own (not the relay's) through the relay, with
    /// TLS and no verification; null when it was not made.
    Connection *connectThroughRelay();
    Connection *relayLeg(Connection::Side side) const;

    QTemporaryDir m_data;
    std::unique_ptr<MainWindow> m_window;
};

void tst_RelayPanel::initTestCase()
{
    QVERIFY(m_data.isValid());
    // The generated certificate goes to the app's data folder: a fresh one here.
    qputenv("XDG_DATA_HOME", m_data.path().toLocal8Bit());
}

void tst_RelayPanel::init()
{
    m_window = makeTestWindow();
    QVERIFY(testWindowReady(m_window.get()));
}

void tst_RelayPanel::cleanup()
{
    m_window.reset();
}

void tst_RelayPanel::relaysThroughTheWindow()
{
    Workbench *bench = m_window->workbench();
    RelayPanel *relay = m_window->relayPanel();
    QVERIFY(relay);
    // Framing chosen at start goes for the relay's legs too.
    QVERIFY(
        m_window->applyStart({QString(), QString(), QStringLiteral("line"), QString(), QString()})
            .isEmpty());
    relay->setAddresses(QStringLiteral("127.0.0.1:0"), bench->boundAddress().toString());
    QVERIFY(relay->start());
    QVERIFY(bench->isRelaying());
    QVERIFY(relay->statusText().contains(bench->relayAddress().toString()));
    // 1-byte slices from the server to the client, 2 ms apart.
    QVERIFY(relay->applyFaults(QStringLiteral("--slice s2c:1:2")));

    ClientOptions options;
    options.target = bench->relayAddress();
    options.connection.rxFraming = QStringLiteral("line");
    bench->connectTo(options);
    QTRY_COMPARE(bench->connections(Connection::Side::Client).size(), 2);
    Connection *client = nullptr;
    for (Connection *c : bench->connections(Connection::Side::Client))
        if (c->relayPair() == 0)
            client = c;
    QVERIFY(client);
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), ConnectionState::Established, 5000);
    SendRequest request;
    request.bytes = QByteArray("through the relay\n");
    bench->send(client, request);
    QTRY_COMPARE_WITH_TIMEOUT(client->rx().store().size(), qint64(18), 5000);
    QCOMPARE(client->rx().store().read(0, 18), QByteArray("through the relay\n"));

    // The relay's table lists both legs; the panels list their own only:
    // the client panel the client, the server panel the echo server's end.
    m_window->refresh();
    const QList<Connection *> legs = relay->table()->allConnections();
    QCOMPARE(legs.size(), 2);
    QCOMPARE(legs.at(0)->relayPair(), legs.at(1)->relayPair());
    for (Connection *c : m_window->clientPanel()->table()->allConnections())
        QCOMPARE(c->relayPair(), quint64(0));
    for (Connection *c : m_window->serverPanel()->table()->allConnections())
        QCOMPARE(c->relayPair(), quint64(0));
    QCOMPARE(m_window->clientPanel()->table()->allConnections().size(), 1);
    QCOMPARE(m_window->serverPanel()->table()->allConnections().size(), 1);
    // The relay wrote the echo a byte at a time to the client.
    Connection *clientLeg
        = legs.at(0)->side() == Connection::Side::Server ? legs.at(0) : legs.at(1);
    QCOMPARE(clientLeg->tx().store().chunkCount(), qint64(18));
    QCOMPARE(clientLeg->rx().framing(), QStringLiteral("line"));
    QCOMPARE(clientLeg->rx().frameCount(), qint64(1));
    // A leg shows in the views like any connection.
    m_window->selectInPanel(clientLeg);
    QTRY_COMPARE(m_window->currentConnection(), clientLeg);
    // Its menu goes to the relay's other leg.
    Connection *serverLeg = relay->table()->otherLeg(clientLeg);
    QVERIFY(serverLeg && serverLeg != clientLeg);
    QCOMPARE(serverLeg->side(), Connection::Side::Client);
    std::unique_ptr<QMenu> menu(relay->table()->contextMenu());
    auto *showLeg = menu->findChild<QAction *>(QStringLiteral("showOtherLegAction"));
    QVERIFY(showLeg && showLeg->isEnabled());
    showLeg->trigger();
    QTRY_COMPARE(m_window->currentConnection(), serverLeg);

    relay->stop();
    QVERIFY(!bench->isRelaying());
}

void tst_RelayPanel::badFieldsSayWhatIsWrong_data()
{
    QTest::addColumn<QString>("listen");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("faults");
    QTest::addColumn<QString>("said");
    QTest::newRow("no target") << "127.0.0.1:0"
                               << ""
                               << ""
                               << "Say where to relay to";
    QTest::newRow("bare port") << "8080"
                               << "127.0.0.1:1"
                               << ""
                               << "8080";
    QTest::newRow("unknown fault") << "127.0.0.1:0"
                                   << "127.0.0.1:1"
                                   << "--jitter 5"
                                   << "'--jitter' is not a fault";
    QTest::newRow("bad value") << "127.0.0.1:0"
                               << "127.0.0.1:1"
                               << "--slice zero"
                               << "--slice 'zero' is not understood";
}

void tst_RelayPanel::badFieldsSayWhatIsWrong()
{
    QFETCH(QString, listen);
    QFETCH(QString, target);
    QFETCH(QString, faults);
    QFETCH(QString, said);
    RelayPanel *relay = m_window->relayPanel();
    relay->setAddresses(listen, target);
    relay->findChild<QLineEdit *>(QStringLiteral("relayFaultsEdit"))->setText(faults);
    QVERIFY(!relay->start());
    QVERIFY(!m_window->workbench()->isRelaying());
    auto *message = relay->findChild<QLabel *>(QStringLiteral("relayMessage"));
    QVERIFY2(message->text().contains(said), qPrintable(message->text()));
}

void tst_RelayPanel::faultControlsActLive()
{
    // Pausing client to server in the controls holds the client's bytes on
    // the way to the window's echo server until it is unticked; the
    // controls and the options text stay one; the timeline shows the chain
    // server end, server leg, client leg, client end, top to bottom.
    Workbench *bench = m_window->workbench();
    RelayPanel *relay = m_window->relayPanel();
    relay->setAddresses(QStringLiteral("127.0.0.1:0"), bench->boundAddress().toString());
    QVERIFY(relay->start());
    ClientOptions options;
    options.target = bench->relayAddress();
    bench->connectTo(options);
    QTRY_COMPARE(bench->connections(Connection::Side::Client).size(), 2);
    QTRY_COMPARE(bench->connections(Connection::Side::Server).size(), 2);
    Connection *client = nullptr;
    for (Connection *c : bench->connections(Connection::Side::Client))
        if (c->relayPair() == 0)
            client = c;
    QVERIFY(client);
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), ConnectionState::Established, 5000);
    Connection *echo = m_window->serverPanel()->table()->allConnections().value(0);
    QVERIFY(echo);

    RelayFaultsEditor *editor = relay->faultsEditor();
    relay->faultsSection()->setExpanded(true);
    editor->pauseBox(RelayFaults::ClientToServer)->setChecked(true);
    QTRY_VERIFY(relay->faults().direction[RelayFaults::ClientToServer].paused);
    editor->spinBox(QStringLiteral("slice"), RelayFaults::ServerToClient)->setValue(1);
    auto *text = relay->findChild<QLineEdit *>(QStringLiteral("relayFaultsEdit"));
    QTRY_COMPARE(text->text(), QStringLiteral("--slice s2c:1"));
    QTest::qWait(100); // the I/O thread takes the faults
    SendRequest request;
    request.bytes = QByteArray("held back\n");
    bench->send(client, request);
    QTest::qWait(300);
    QCOMPARE(echo->rx().store().size(), qint64(0));
    editor->pauseBox(RelayFaults::ClientToServer)->setChecked(false);
    QTRY_COMPARE_WITH_TIMEOUT(client->rx().store().size(), qint64(10), 5000);
    QCOMPARE(client->rx().store().read(0, 10), QByteArray("held back\n"));
    // The echo came back a byte at a time: the slice set in the controls.
    Connection *clientLeg = nullptr;
    for (Connection *c : relay->table()->allConnections())
        if (c->side() == Connection::Side::Server)
            clientLeg = c;
    QVERIFY(clientLeg);
    QCOMPARE(clientLeg->tx().store().chunkCount(), qint64(10));

    // Typed options fill the controls; the pause ticked stays.
    editor->pauseBox(RelayFaults::ServerToClient)->setChecked(true);
    QVERIFY(relay->applyFaults(QStringLiteral("--latency c2s:40:5")));
    QCOMPARE(editor->spinBox(QStringLiteral("latency"), RelayFaults::ClientToServer)->value(), 40);
    QCOMPARE(editor->spinBox(QStringLiteral("jitter"), RelayFaults::ClientToServer)->value(), 5);
    QCOMPARE(editor->spinBox(QStringLiteral("slice"), RelayFaults::ServerToClient)->value(), 0);
    QVERIFY(relay->faults().direction[RelayFaults::ServerToClient].paused);

    m_window->refresh();
    TimelineView *timeline = m_window->timelinePane()->view();
    Connection *serverLeg = m_window->workbench()->connections(Connection::Side::Client).value(0);
    if (serverLeg == client)
        serverLeg = m_window->workbench()->connections(Connection::Side::Client).value(1);
    QTRY_VERIFY(timeline->rowOf(echo) >= 0 && timeline->rowOf(client) >= 0);
    const int top = timeline->rowOf(echo);
    QCOMPARE(timeline->rowOf(serverLeg), top + 1);
    QCOMPARE(timeline->rowOf(clientLeg), top + 2);
    QCOMPARE(timeline->rowOf(client), top + 3);
}

bool tst_RelayPanel::startTlsServer(PeerServer &server)
{
    const QString openssl = PeerServer::find(QStringLiteral("openssl"));
    QString why;
    const LocalCertificate local
        = LocalCertificate::ensure(LocalCertificate::defaultFolder(), &why);
    if (openssl.isEmpty() || local.certificateFile.isEmpty())
        return false;
    return server.start(openssl, [local](quint16 port) {
        return QStringList {"s_server",
                            "-accept",
                            QStringLiteral("127.0.0.1:%1").arg(port),
                            "-cert",
                            local.certificateFile,
                            "-key",
                            local.keyFile,
                            "-rev"};
    });
}

Connection *tst_RelayPanel::connectThroughRelay()
{
    Workbench *bench = m_window->workbench();
    ClientOptions options;
    options.target = bench->relayAddress();
    options.connection.engine = EngineKind::Native;
    options.connection.tls.enabled = true;
    options.connection.tls.verify = false;
    bench->connectTo(options);
    if (!QTest::qWaitFor(
            [bench] { return bench->connections(Connection::Side::Client).size() == 2; }, 5000))
        return nullptr;
    for (Connection *c : bench->connections(Connection::Side::Client))
        if (c->relayPair() == 0)
            return c;
    return nullptr;
}

Connection *tst_RelayPanel::relayLeg(Connection::Side side) const
{
    for (Connection *c : m_window->relayPanel()->table()->allConnections())
        if (c->side() == side)
            return c;
    return nullptr;
}

void tst_RelayPanel::tlsOnBothLegs()
{
    PeerServer server;
    if (!startTlsServer(server))
        QSKIP("openssl is not installed, or no certificate could be made");
    RelayPanel *relay = m_window->relayPanel();
    relay->setAddresses(QStringLiteral("127.0.0.1:0"), server.target());
    relay->findChild<QCheckBox *>(QStringLiteral("relayClientsTlsCheck"))->setChecked(true);
    relay->findChild<QCheckBox *>(QStringLiteral("relayServerTlsCheck"))->setChecked(true);
    // Turning TLS on opened its fields; no files: the generated certificate.
    QVERIFY(relay->tlsSection()->isExpanded());
    auto *serverFields = relay->findChild<QWidget *>(QStringLiteral("relayServerTls"));
    serverFields->findChild<QCheckBox *>(QStringLiteral("tlsVerifyCheck"))->setChecked(false);
    QVERIFY2(relay->start(), qPrintable(relay->errorText()));
    // Started, the legs' TLS is fixed.
    QVERIFY(!serverFields->findChild<QCheckBox *>(QStringLiteral("tlsVerifyCheck"))->isEnabled());

    Connection *client = connectThroughRelay();
    QVERIFY(client);
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), ConnectionState::Established, 5000);
    SendRequest request;
    request.bytes = QByteArray("through tls\n");
    m_window->workbench()->send(client, request);
    // s_server -rev answers the line reversed: it got the plaintext.
    QTRY_COMPARE_WITH_TIMEOUT(client->rx().store().size(), qint64(12), 5000);
    QCOMPARE(client->rx().store().read(0, 12), QByteArray("slt hguorht\n"));
    m_window->refresh();
    Connection *clientLeg = relayLeg(Connection::Side::Server);
    Connection *serverLeg = relayLeg(Connection::Side::Client);
    QVERIFY(clientLeg && serverLeg);
    QVERIFY(clientLeg->usesTls() && serverLeg->usesTls());
    // Each leg reads the plaintext out of its own records.
    QCOMPARE(clientLeg->rx().store().read(0, 12), QByteArray("through tls\n"));
    QCOMPARE(serverLeg->rx().store().read(0, 12), QByteArray("slt hguorht\n"));
}

void tst_RelayPanel::upstreamCertificateRefused()
{
    PeerServer server;
    if (!startTlsServer(server))
        QSKIP("openssl is not installed, or no certificate could be made");
    RelayPanel *relay = m_window->relayPanel();
    relay->setAddresses(QStringLiteral("127.0.0.1:0"), server.target());
    relay->findChild<QCheckBox *>(QStringLiteral("relayClientsTlsCheck"))->setChecked(true);
    relay->findChild<QCheckBox *>(QStringLiteral("relayServerTlsCheck"))->setChecked(true);
    QVERIFY2(relay->start(), qPrintable(relay->errorText()));
    Connection *client = connectThroughRelay();
    QVERIFY(client);
    m_window->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(relayLeg(Connection::Side::Client)
                                 && isFinalState(relayLeg(Connection::Side::Client)->state()),
                             5000);
    Connection *serverLeg = relayLeg(Connection::Side::Client);
    TimelineEvent error;
    for (qint64 i = 0; i < serverLeg->timeline().count(); ++i)
        if (serverLeg->timeline().at(i).type == TimelineEvent::Error)
            error = serverLeg->timeline().at(i);
    QVERIFY2(error.code == QLatin1String("tls_self_signed")
                 || error.code == QLatin1String("tls_unknown_ca"),
             qPrintable(error.code));
    // The fix in the window's words, where the relay's fields are.
    QVERIFY2(error.explanation.contains(QLatin1String("the CA file under TLS > To the server"))
                 && error.explanation.contains(QLatin1String("\"Verify the certificate\"")),
             qPrintable(error.explanation));
    QVERIFY2(!error.explanation.contains(QLatin1String("--")), qPrintable(error.explanation));
    // The client's leg is reset, as a refused connect would be, and says why.
    Connection *clientLeg = relayLeg(Connection::Side::Server);
    QTRY_COMPARE_WITH_TIMEOUT(clientLeg->state(), ConnectionState::Reset, 5000);
    bool noted = false;
    for (qint64 i = 0; i < clientLeg->timeline().count(); ++i)
        noted = noted || clientLeg->timeline().at(i).text.contains(error.code);
    QVERIFY(noted);
}

void tst_RelayPanel::tlsSettingsRoundTrip()
{
    const QString file = m_data.filePath(QStringLiteral("settings.ini"));
    RelayPanel *relay = m_window->relayPanel();
    relay->findChild<QCheckBox *>(QStringLiteral("relayServerTlsCheck"))->setChecked(true);
    auto *serverFields = relay->findChild<QWidget *>(QStringLiteral("relayServerTls"));
    serverFields->findChild<QLineEdit *>(QStringLiteral("tlsServerNameEdit"))
        ->setText(QStringLiteral("example.com"));
    serverFields->findChild<QLineEdit *>(QStringLiteral("tlsAlpnEdit"))
        ->setText(QStringLiteral("h2,http/1.1"));
    auto *clientsFields = relay->findChild<QWidget *>(QStringLiteral("relayClientsTls"));
    clientsFields->findChild<QLineEdit *>(QStringLiteral("tlsCertificateEdit"))
        ->setText(QStringLiteral("/etc/cert.pem"));
    {
        QSettings settings(file, QSettings::IniFormat);
        relay->saveSettings(settings);
    }
    m_window.reset();
    m_window = makeTestWindow();
    QVERIFY(testWindowReady(m_window.get()));
    relay = m_window->relayPanel();
    QVERIFY(!relay->serverTls()->isOn());
    QSettings settings(file, QSettings::IniFormat);
    relay->restoreSettings(settings);
    TlsOptions upstream;
    relay->serverTls()->apply(&upstream);
    QVERIFY(upstream.enabled);
    QCOMPARE(upstream.serverName, QStringLiteral("example.com"));
    QCOMPARE(upstream.alpn, QStringList({"h2", "http/1.1"}));
    TlsOptions clients;
    relay->clientsTls()->apply(&clients);
    QVERIFY(!clients.enabled);
    QCOMPARE(clients.certificateFile, QStringLiteral("/etc/cert.pem"));
}

QTEST_MAIN(tst_RelayPanel)
#include "tst_relaypanel.moc"
