// SPDX-License-Identifier: GPL-3.0-or-later
// The client panel's Advanced section on real loopback connections: the
// socket options it sets are on the connected socket (keepalive timing,
// TCP_USER_TIMEOUT, SYN retries, buffer sizes, NODELAY), "Read once" takes
// one read of the read slice from a paused connection, the fields are
// remembered, and currentOptions() / applyOptions() go round every field.
#include "panelfixture.h"
#include "panelsockets.h"

#include "session/workbench.h"
#include "widgets/advancedsection.h"
#include "widgets/clientpanel.h"

#include <QCheckBox>
#include <QHostAddress>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include <netinet/in.h>
#include <netinet/tcp.h>

using namespace TcpInspector;

class tst_ClientPanel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void advancedOptionsReachTheSocket();
    void readOnceTakesOneSlice();
    void settingsRoundTrip();
    void optionsRoundTrip();

private:
    template<typename T>
    T *field(const char *name) const
    {
        return panelField<T>(m_panel.get(), name);
    }
    /// Connects through the panel; the established connection, or null.
    Connection *connectThroughPanel();

    QTcpServer m_server;
    std::unique_ptr<Workbench> m_bench;
    std::unique_ptr<ClientPanel> m_panel;
};

void tst_ClientPanel::init()
{
    QVERIFY(m_server.listen(QHostAddress::LocalHost, 0));
    m_bench = std::make_unique<Workbench>();
    m_panel = std::make_unique<ClientPanel>(m_bench.get());
    field<QLineEdit>("targetEdit")
        ->setText(QStringLiteral("127.0.0.1:%1").arg(m_server.serverPort()));
    QVERIFY(showPanel(m_panel.get()));
}

void tst_ClientPanel::cleanup()
{
    m_panel.reset();
    m_bench.reset();
    m_server.close();
}

Connection *tst_ClientPanel::connectThroughPanel()
{
    if (!m_panel->connectToTarget())
        return nullptr;
    if (!QTest::qWaitFor([&] { return m_bench->connections(Connection::Side::Client).size() == 1; },
                         5000))
        return nullptr;
    Connection *connection = m_bench->connections(Connection::Side::Client).constFirst();
    if (!QTest::qWaitFor([&] { return connection->state() == ConnectionState::Established; }, 5000))
        return nullptr;
    return connection;
}

void tst_ClientPanel::advancedOptionsReachTheSocket()
{
    QVERIFY(!m_panel->advancedSection()->isExpanded());
    field<QCheckBox>("keepaliveCheck")->setChecked(true);
    field<QCheckBox>("noDelayCheck")->setChecked(true);
    field<QSpinBox>("keepIdleSpin")->setValue(7);
    field<QSpinBox>("keepIntervalSpin")->setValue(3);
    field<QSpinBox>("keepCountSpin")->setValue(4);
    field<QSpinBox>("userTimeoutSpin")->setValue(5000);
    field<QSpinBox>("synRetriesSpin")->setValue(2);
    field<QSpinBox>("maxSegmentSpin")->setValue(1000);
    field<QSpinBox>("receiveBufferSpin")->setValue(65536);
    field<QSpinBox>("sendBufferSpin")->setValue(32768);
    Connection *connection = connectThroughPanel();
    QVERIFY(connection);
    const int fd = descriptorOf(connection);
    QVERIFY(fd >= 0);
    QCOMPARE(intOption(fd, SOL_SOCKET, SO_KEEPALIVE), 1);
    QCOMPARE(intOption(fd, IPPROTO_TCP, TCP_KEEPIDLE), 7);
    QCOMPARE(intOption(fd, IPPROTO_TCP, TCP_KEEPINTVL), 3);
    QCOMPARE(intOption(fd, IPPROTO_TCP, TCP_KEEPCNT), 4);
    QCOMPARE(intOption(fd, IPPROTO_TCP, TCP_USER_TIMEOUT), 5000);
    QCOMPARE(intOption(fd, IPPROTO_TCP, TCP_SYNCNT), 2);
    QCOMPARE(intOption(fd, IPPROTO_TCP, TCP_NODELAY), 1);
    QCOMPARE(intOption(fd, SOL_SOCKET, SO_RCVBUF), 2 * 65536); // the kernel doubles it
    QCOMPARE(intOption(fd, SOL_SOCKET, SO_SNDBUF), 2 * 32768);
    const int segment = intOption(fd, IPPROTO_TCP, TCP_MAXSEG); // less its TCP options
    QVERIFY2(segment > 0 && segment <= 1000, qPrintable(QString::number(segment)));
}

void tst_ClientPanel::readOnceTakesOneSlice()
{
    auto *readOnce = field<QPushButton>("readOnceButton");
    QVERIFY(!readOnce->isEnabled());
    field<QSpinBox>("readSliceSpin")->setValue(4);
    Connection *connection = connectThroughPanel();
    QVERIFY(connection);
    m_bench->setReadPaused(connection, true);
    QTRY_VERIFY(m_server.hasPendingConnections());
    std::unique_ptr<QTcpSocket> peer(m_server.nextPendingConnection());
    peer->write("0123456789");
    QVERIFY(peer->waitForBytesWritten(5000));
    QTest::qWait(100); // paused: the bytes wait in the kernel
    QCOMPARE(connection->rx().store().size(), qint64(0));

    m_panel->selectConnection(connection);
    m_panel->refresh();
    QVERIFY(readOnce->isEnabled());
    m_panel->advancedSection()->setExpanded(true);
    QTest::mouseClick(readOnce, Qt::LeftButton);
    QTRY_COMPARE(connection->rx().store().size(), qint64(4));
    QTest::mouseClick(readOnce, Qt::LeftButton);
    QTRY_COMPARE(connection->rx().store().size(), qint64(8));
    QCOMPARE(connection->rx().store().chunkCount(), qint64(2));
}

void tst_ClientPanel::settingsRoundTrip()
{
    field<QSpinBox>("idleTimeoutSpin")->setValue(1200);
    field<QSpinBox>("writeStallSpin")->setValue(600);
    field<QSpinBox>("readSliceSpin")->setValue(16);
    field<QSpinBox>("keepIdleSpin")->setValue(20);
    field<QSpinBox>("keepIntervalSpin")->setValue(2);
    field<QSpinBox>("keepCountSpin")->setValue(9);
    field<QSpinBox>("userTimeoutSpin")->setValue(3000);
    field<QSpinBox>("synRetriesSpin")->setValue(1);
    field<QSpinBox>("maxSegmentSpin")->setValue(536);
    field<QSpinBox>("receiveBufferSpin")->setValue(4096);
    field<QSpinBox>("sendBufferSpin")->setValue(8192);
    m_panel->advancedSection()->setExpanded(true);

    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("c.ini")), QSettings::IniFormat);
    m_panel->saveSettings(settings);
    ClientPanel other(m_bench.get());
    QCOMPARE(other.findChild<QSpinBox *>(QStringLiteral("keepIdleSpin"))->value(), 10);
    other.restoreSettings(settings);
    QVERIFY(other.advancedSection()->isExpanded());
    other.findChild<QLineEdit *>(QStringLiteral("targetEdit"))
        ->setText(QStringLiteral("127.0.0.1:9"));
    const ClientOptions after = *other.currentOptions();
    QCOMPARE(after.connection.idleTimeoutMs, 1200);
    QCOMPARE(after.connection.writeStallMs, 600);
    QCOMPARE(after.connection.readSlice, qint64(16));
    QCOMPARE(after.keepalive.idleSeconds, 20);
    QCOMPARE(after.keepalive.intervalSeconds, 2);
    QCOMPARE(after.keepalive.count, 9);
    QCOMPARE(after.userTimeoutMs, 3000);
    QCOMPARE(after.connection.synRetries, 1);
    QCOMPARE(after.connection.maxSegment, 536);
    QCOMPARE(after.connection.receiveBuffer, 4096);
    QCOMPARE(after.connection.sendBuffer, 8192);
}

void tst_ClientPanel::optionsRoundTrip()
{
    ClientOptions lesson;
    lesson.target
        = *HostPort::parse(QStringLiteral("127.0.0.1:7"), HostPort::Use::Connect, nullptr);
    lesson.localHost = QStringLiteral("127.0.0.1");
    lesson.localPort = 40000;
    lesson.connectTimeoutMs = 800;
    lesson.keepalive = {true, 4, 1, 2};
    lesson.userTimeoutMs = 1500;
    lesson.connection.engine = EngineKind::Native;
    lesson.connection.noDelay = true;
    lesson.connection.rxFraming = QStringLiteral("line");
    lesson.connection.txFraming = QStringLiteral("raw");
    lesson.connection.readSlice = 1;
    lesson.connection.synRetries = 1;
    const ClientOptions users = *m_panel->currentOptions();

    m_panel->applyOptions(lesson);
    const ClientOptions now = *m_panel->currentOptions();
    QCOMPARE(now.target.toString(), QStringLiteral("127.0.0.1:7"));
    QCOMPARE(now.localHost, QStringLiteral("127.0.0.1"));
    QCOMPARE(now.localPort, quint16(40000));
    QCOMPARE(now.connectTimeoutMs, 800);
    QCOMPARE(now.keepalive.enabled, true);
    QCOMPARE(now.keepalive.idleSeconds, 4);
    QCOMPARE(now.keepalive.intervalSeconds, 1);
    QCOMPARE(now.keepalive.count, 2);
    QCOMPARE(now.userTimeoutMs, 1500);
    QCOMPARE(now.connection.engine, EngineKind::Native);
    QCOMPARE(now.connection.noDelay, true);
    QCOMPARE(now.connection.rxFraming, QStringLiteral("line"));
    QCOMPARE(now.connection.txFraming, QStringLiteral("raw"));
    QCOMPARE(now.connection.readSlice, qint64(1));
    QCOMPARE(now.connection.synRetries, 1);

    // A local bind of ":PORT" is any local address.
    ClientOptions anyLocal = lesson;
    anyLocal.localHost.clear();
    m_panel->applyOptions(anyLocal);
    QCOMPARE(field<QLineEdit>("localBindEdit")->text(), QStringLiteral(":40000"));
    QVERIFY(m_panel->currentOptions()->localHost.isEmpty());

    m_panel->applyOptions(users);
    const ClientOptions back = *m_panel->currentOptions();
    QCOMPARE(back.target.toString(), users.target.toString());
    QVERIFY(back.localHost.isEmpty());
    QCOMPARE(back.localPort, quint16(0));
    QCOMPARE(back.keepalive.enabled, users.keepalive.enabled);
    QCOMPARE(back.keepalive.idleSeconds, users.keepalive.idleSeconds);
    QCOMPARE(back.connection.engine, users.connection.engine);
    QCOMPARE(back.connection.readSlice, users.connection.readSlice);
}

QTEST_MAIN(tst_ClientPanel)
#include "tst_clientpanel.moc"
