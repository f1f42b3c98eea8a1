// SPDX-License-Identifier: GPL-3.0-or-later
// The server panel's Advanced section on real loopback connections: what it
// says reaches the listener and each accepted socket (accept mode, staying
// open after EOF, socket options), it is remembered, and currentOptions() /
// applyOptions() go round every field. Offscreen, 127.0.0.1 only.
#include "panelfixture.h"
#include "panelsockets.h"

#include "net/serverendpoint.h"
#include "session/workbench.h"
#include "widgets/advancedsection.h"
#include "widgets/serverpanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSpinBox>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include <netinet/in.h>
#include <netinet/tcp.h>

using namespace TcpInspector;

class tst_ServerPanel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void advancedIsClosedByDefault();
    void advancedOptionsReachTheSockets();
    void acceptOnceLeavesTheSecondClientWaiting();
    void settingsRoundTrip();
    void optionsRoundTrip();
    void everyInterfaceNoteStaysHiddenOnLoopback();

private:
    template<typename T>
    T *field(const char *name) const
    {
        return panelField<T>(m_panel.get(), name);
    }
    QList<Connection *> serverConnections() const
    {
        return m_bench->connections(Connection::Side::Server);
    }
    std::unique_ptr<QTcpSocket> connectClient() const;

    std::unique_ptr<Workbench> m_bench;
    std::unique_ptr<ServerPanel> m_panel;
};

void tst_ServerPanel::init()
{
    m_bench = std::make_unique<Workbench>();
    m_panel = std::make_unique<ServerPanel>(m_bench.get());
    field<QComboBox>("replyCombo")->setCurrentIndex(0); // no reply
    QVERIFY(showPanel(m_panel.get()));
}

void tst_ServerPanel::cleanup()
{
    m_panel.reset();
    m_bench.reset();
}

std::unique_ptr<QTcpSocket> tst_ServerPanel::connectClient() const
{
    auto socket = std::make_unique<QTcpSocket>();
    socket->connectToHost(QStringLiteral("127.0.0.1"), m_bench->boundAddress().port);
    return socket;
}

void tst_ServerPanel::advancedIsClosedByDefault()
{
    QVERIFY(!m_panel->advancedSection()->isExpanded());
    QVERIFY(!field<QComboBox>("acceptModeCombo")->isVisible());
    QTest::mouseClick(field<QWidget>("advancedToggle"), Qt::LeftButton);
    QVERIFY(m_panel->advancedSection()->isExpanded());
    QVERIFY(field<QComboBox>("acceptModeCombo")->isVisible());
}

void tst_ServerPanel::advancedOptionsReachTheSockets()
{
    field<QComboBox>("engineCombo")->setCurrentIndex(1); // native: can stay half-open
    field<QCheckBox>("stayOpenCheck")->setChecked(true);
    field<QCheckBox>("noDelayCheck")->setChecked(true);
    field<QSpinBox>("receiveBufferSpin")->setValue(65536);
    field<QSpinBox>("sendBufferSpin")->setValue(32768);
    field<QCheckBox>("reuseAddressCheck")->setChecked(false);
    field<QLineEdit>("addressEdit")->setText(QStringLiteral("127.0.0.1:0"));
    QVERIFY(m_panel->listen());
    QVERIFY(!field<QCheckBox>("stayOpenCheck")->isEnabled()); // set at listen time

    const auto client = connectClient();
    QVERIFY(client->waitForConnected(5000));
    QTRY_COMPARE(serverConnections().size(), 1);
    Connection *served = serverConnections().constFirst();
    QTRY_COMPARE(served->state(), ConnectionState::Established);
    const int fd = descriptorOf(served);
    QVERIFY(fd >= 0);
    QCOMPARE(intOption(fd, IPPROTO_TCP, TCP_NODELAY), 1);
    QCOMPARE(intOption(fd, SOL_SOCKET, SO_RCVBUF), 2 * 65536); // the kernel doubles it
    QCOMPARE(intOption(fd, SOL_SOCKET, SO_SNDBUF), 2 * 32768);

    // The peer half-closes: the server stays half-open instead of closing.
    QCOMPARE(::shutdown(int(client->socketDescriptor()), SHUT_WR), 0);
    QTRY_COMPARE(served->state(), ConnectionState::RemoteHalfClosed);
    QTest::qWait(300);
    QCOMPARE(served->state(), ConnectionState::RemoteHalfClosed);
}

void tst_ServerPanel::acceptOnceLeavesTheSecondClientWaiting()
{
    auto *mode = field<QComboBox>("acceptModeCombo");
    mode->setCurrentIndex(mode->findData(acceptModeKey(AcceptMode::Once)));
    field<QLineEdit>("addressEdit")->setText(QStringLiteral("127.0.0.1:0"));
    QVERIFY(m_panel->listen());
    const auto first = connectClient();
    QTRY_COMPARE(serverConnections().size(), 1);
    const auto second = connectClient();
    QVERIFY(second->waitForConnected(5000)); // by the kernel, in the backlog
    QTest::qWait(300);
    QCOMPARE(serverConnections().size(), 1);
}

void tst_ServerPanel::settingsRoundTrip()
{
    auto *mode = field<QComboBox>("acceptModeCombo");
    mode->setCurrentIndex(mode->findData(acceptModeKey(AcceptMode::OneAtATime)));
    field<QCheckBox>("reuseAddressCheck")->setChecked(false);
    field<QCheckBox>("stayOpenCheck")->setChecked(true);
    field<QCheckBox>("closeAfterReplyCheck")->setChecked(true);
    field<QSpinBox>("replyDelaySpin")->setValue(250);
    field<QSpinBox>("idleTimeoutSpin")->setValue(1500);
    field<QSpinBox>("writeStallSpin")->setValue(700);
    field<QSpinBox>("readSliceSpin")->setValue(3);
    field<QCheckBox>("noDelayCheck")->setChecked(true);
    field<QSpinBox>("receiveBufferSpin")->setValue(4096);
    field<QSpinBox>("sendBufferSpin")->setValue(8192);
    m_panel->advancedSection()->setExpanded(true);
    const ServerOptions before = *m_panel->currentOptions();

    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
    m_panel->saveSettings(settings);
    ServerPanel other(m_bench.get());
    QCOMPARE(other.currentOptions()->acceptMode, AcceptMode::Many);
    other.restoreSettings(settings);
    const ServerOptions after = *other.currentOptions();
    QVERIFY(other.advancedSection()->isExpanded());
    QCOMPARE(after.acceptMode, AcceptMode::OneAtATime);
    QCOMPARE(after.reuseAddress, false);
    QCOMPARE(after.closeAtPeerEof, false);
    QCOMPARE(after.reply.closeAfterReply, true);
    QCOMPARE(after.reply.delayMs, 250);
    QCOMPARE(after.connection.idleTimeoutMs, 1500);
    QCOMPARE(after.connection.writeStallMs, 700);
    QCOMPARE(after.connection.readSlice, qint64(3));
    QCOMPARE(after.connection.noDelay, true);
    QCOMPARE(after.connection.receiveBuffer, 4096);
    QCOMPARE(after.connection.sendBuffer, 8192);
    QCOMPARE(after.reply.delayMs, before.reply.delayMs);
}

void tst_ServerPanel::optionsRoundTrip()
{
    ServerOptions lesson;
    lesson.address
        = *HostPort::parse(QStringLiteral("127.0.0.1:0"), HostPort::Use::Listen, nullptr);
    lesson.acceptMode = AcceptMode::Once;
    lesson.backlog = 3;
    lesson.maxConnections = 2;
    lesson.reuseAddress = false;
    lesson.closeAtPeerEof = false;
    lesson.reply.kind = ReplyPolicy::Kind::Fixed;
    lesson.reply.fixed = "ok\r\n";
    lesson.reply.delayMs = 40;
    lesson.connection.engine = EngineKind::Native;
    lesson.connection.rxFraming = QStringLiteral("length:bytes=4");
    lesson.connection.txFraming = QStringLiteral("raw");
    lesson.connection.readSlice = 5;
    lesson.connection.idleTimeoutMs = 900;
    const ServerOptions users = *m_panel->currentOptions();

    m_panel->applyOptions(lesson);
    const ServerOptions now = *m_panel->currentOptions();
    QCOMPARE(now.address.toString(), QStringLiteral("127.0.0.1:0"));
    QCOMPARE(now.acceptMode, AcceptMode::Once);
    QCOMPARE(now.backlog, 3);
    QCOMPARE(now.maxConnections, 2);
    QCOMPARE(now.reuseAddress, false);
    QCOMPARE(now.closeAtPeerEof, false);
    QCOMPARE(now.reply.kind, ReplyPolicy::Kind::Fixed);
    QCOMPARE(now.reply.fixed, QByteArray("ok\r\n"));
    QCOMPARE(now.reply.delayMs, 40);
    QCOMPARE(now.connection.engine, EngineKind::Native);
    QCOMPARE(now.connection.rxFraming, QStringLiteral("length:bytes=4"));
    QCOMPARE(now.connection.txFraming, QStringLiteral("raw"));
    QCOMPARE(now.connection.readSlice, qint64(5));
    QCOMPARE(now.connection.idleTimeoutMs, 900);

    m_panel->applyOptions(users); // the user's settings back
    const ServerOptions back = *m_panel->currentOptions();
    QCOMPARE(back.acceptMode, users.acceptMode);
    QCOMPARE(back.backlog, users.backlog);
    QCOMPARE(back.reply.kind, users.reply.kind);
    QCOMPARE(back.connection.engine, users.connection.engine);
    QCOMPARE(back.connection.rxFraming, users.connection.rxFraming);
    QCOMPARE(back.connection.readSlice, users.connection.readSlice);
}

void tst_ServerPanel::everyInterfaceNoteStaysHiddenOnLoopback()
{
    // Tests never listen beyond loopback; the note's other half is the
    // isLoopback() test in tst_hostport.
    auto *note = field<QLabel>("exposureNote");
    field<QLineEdit>("addressEdit")->setText(QStringLiteral("127.0.0.1:0"));
    QVERIFY(m_panel->listen());
    QVERIFY(!note->isVisible());
    m_panel->stop();
    QVERIFY(!note->isVisible());
}

QTEST_MAIN(tst_ServerPanel)
#include "tst_serverpanel.moc"
