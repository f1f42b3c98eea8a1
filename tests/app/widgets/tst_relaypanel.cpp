// SPDX-License-Identifier: GPL-3.0-or-later
// The Relay dock on real loopback sockets: a client of the window's own echo
// server goes through the relay, both legs are listed in the relay's table
// (and not in the server's or client's), shown in the views, and faults typed
// as on the command line apply to the bytes that follow.
#include "net/connection.h"
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

#include "windowfixture.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSpinBox>
#include <QTest>

using namespace TcpInspector;

class tst_RelayPanel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void relaysThroughTheWindow();
    void badFieldsSayWhatIsWrong_data();
    void badFieldsSayWhatIsWrong();
    void faultControlsActLive();

private:
    std::unique_ptr<MainWindow> m_window;
};

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

QTEST_MAIN(tst_RelayPanel)
#include "tst_relaypanel.moc"
