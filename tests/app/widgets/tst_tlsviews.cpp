// SPDX-License-Identifier: GPL-3.0-or-later
// The two layers of a TLS connection in the window's views, over real
// loopback TLS (the server panel's generated localhost certificate, the
// native engine): the connection view and the conversation switch between
// the plaintext and the records on the wire, the links between chunks and
// records work on the wire, new records appear live; the timeline marks the
// handshake with its protocol, cipher and chain, and close_notify.
#include "panelfixture.h"

#include "lanes/timelinelane.h"
#include "models/chunktablemodel.h"
#include "models/messagetablemodel.h"
#include "session/sendrequest.h"
#include "session/workbench.h"
#include "views/conversationview.h"
#include "views/timelinelayout.h"
#include "views/timelinemarks.h"
#include "views/timelineview.h"
#include "widgets/clientpanel.h"
#include "widgets/connectionview.h"
#include "widgets/conversationpane.h"
#include "widgets/mainwindow.h"
#include "widgets/serverpanel.h"

#include <QAbstractItemModelTester>
#include <QAbstractItemView>
#include <QAction>
#include <QCheckBox>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <memory>

using namespace TcpInspector;

namespace {
bool hasEvent(const Connection *connection, const QString &code)
{
    const qint64 count = connection->timeline().count();
    for (qint64 i = 0; i < count; ++i) {
        if (connection->timeline().at(i).code == code)
            return true;
    }
    return false;
}

/// The conversation's chunks, both ways.
qint64 entries(const ConversationPane &pane)
{
    return pane.view()->index().endEntry() - pane.view()->index().firstEntry();
}

/// The lane's marks of this kind.
std::vector<LaneMark> marksOf(const TimelineLane &lane, MarkKind kind)
{
    std::vector<LaneMark> found;
    for (const LaneMark &mark : lane.marks()) {
        if (mark.kind == kind)
            found.push_back(mark);
    }
    return found;
}
} // namespace

class tst_TlsViews : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void switchesToTheRecords();
    void linksChunksAndRecordsOnTheWire();
    void conversationFollowsTheLayer();
    void timelineMarksTheHandshake();
    void closeNotifyIsMarked();
    void failedVerificationIsMarked();
    void plainConnectionHasNoSwitch();
    void viewMenuHasTheSwitch();

private:
    /// A TLS client connection through the panels, handshake done, and the
    /// server's side of it; false when it could not be made.
    bool connectTls(bool tls = true, bool verify = false);
    void sendHello();

    QTemporaryDir m_data;
    std::unique_ptr<Workbench> m_bench;
    std::unique_ptr<ServerPanel> m_server;
    std::unique_ptr<ClientPanel> m_client;
    std::unique_ptr<ConnectionView> m_view;
    Connection *m_clientSide = nullptr;
    Connection *m_serverSide = nullptr;
};

void tst_TlsViews::initTestCase()
{
    QVERIFY(m_data.isValid());
    // The generated certificate goes to the app's data folder: a fresh one here.
    qputenv("XDG_DATA_HOME", m_data.path().toLocal8Bit());
}

void tst_TlsViews::init()
{
    m_bench = std::make_unique<Workbench>();
    m_server = std::make_unique<ServerPanel>(m_bench.get());
    m_client = std::make_unique<ClientPanel>(m_bench.get());
    m_view = std::make_unique<ConnectionView>(m_bench.get());
    QVERIFY(showPanel(m_server.get()));
    QVERIFY(showPanel(m_client.get()));
    m_view->resize(1000, 600);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
}

void tst_TlsViews::cleanup()
{
    m_view.reset();
    m_client.reset();
    m_server.reset();
    m_bench.reset();
    m_clientSide = m_serverSide = nullptr;
}

bool tst_TlsViews::connectTls(bool tls, bool verify)
{
    panelField<QLineEdit>(m_server.get(), "addressEdit")->setText(QStringLiteral("127.0.0.1:0"));
    panelField<QCheckBox>(m_server.get(), "tlsCheck")->setChecked(tls);
    if (!m_server->listen())
        return false;
    panelField<QLineEdit>(m_client.get(), "targetEdit")
        ->setText(m_bench->boundAddress().toString());
    panelField<QCheckBox>(m_client.get(), "tlsCheck")->setChecked(tls);
    panelField<QCheckBox>(m_client.get(), "tlsVerifyCheck")->setChecked(verify);
    if (!m_client->connectToTarget())
        return false;
    auto both = [this] {
        return m_bench->connections(Connection::Side::Client).size() == 1
               && m_bench->connections(Connection::Side::Server).size() == 1;
    };
    if (!QTest::qWaitFor(both, 5000))
        return false;
    m_clientSide = m_bench->connections(Connection::Side::Client).constFirst();
    m_serverSide = m_bench->connections(Connection::Side::Server).constFirst();
    const QString done = tls ? QStringLiteral("tls_handshake") : QString();
    return QTest::qWaitFor(
        [&] {
            if (verify)
                return isFinalState(m_clientSide->state());
            return tls ? hasEvent(m_clientSide, done) && hasEvent(m_serverSide, done)
                       : m_clientSide->state() == ConnectionState::Established;
        },
        5000);
}

void tst_TlsViews::sendHello()
{
    SendRequest hello;
    hello.bytes = "hello";
    m_bench->send(m_clientSide, hello);
}

void tst_TlsViews::switchesToTheRecords()
{
    QVERIFY(connectTls());
    m_view->setConnection(m_clientSide);
    m_view->setDirection(Direction::Rx);
    auto *layerBox = panelField<QWidget>(m_view.get(), "layerBox");
    auto *wireButton = panelField<QToolButton>(m_view.get(), "wireButton");
    QVERIFY(layerBox->isVisible());
    QVERIFY(m_view->wireAction()->isEnabled());
    QCOMPARE(m_view->chunkModel()->channel(), &m_clientSide->rx());

    wireButton->click();
    QCOMPARE(m_view->layer(), StreamLayer::Wire);
    QVERIFY(m_view->wireAction()->isChecked());
    QCOMPARE(m_view->chunkModel()->channel(), m_clientSide->wire(Direction::Rx));
    QAbstractItemModelTester tester(m_view->messageModel(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(m_view->messageModel()->rowCount() > 0);
    // The server's first flight: a ServerHello, a handshake record.
    const QString first
        = m_view->messageModel()->index(0, MessageTableModel::HeaderColumn).data().toString();
    QVERIFY2(first.startsWith(QLatin1String("handshake")), qPrintable(first));
    // The records' framing is tls, whatever the window's framing is.
    QVERIFY(!panelField<QWidget>(m_view.get(), "framingCombo")->isEnabled());

    // Live: the echo of "hello" comes as new records, one application_data at least.
    const int chunks = m_view->chunkModel()->rowCount();
    sendHello();
    QTRY_VERIFY_WITH_TIMEOUT(m_clientSide->rx().store().size() == 5, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            m_view->refresh();
            return m_view->chunkModel()->rowCount() > chunks;
        }(),
        5000);
    bool data = false;
    for (int row = 0; row < m_view->messageModel()->rowCount(); ++row)
        data |= m_view->messageModel()
                    ->index(row, MessageTableModel::HeaderColumn)
                    .data()
                    .toString()
                    .startsWith(QLatin1String("application_data"));
    QVERIFY(data);

    // And back, by the View menu's action.
    m_view->wireAction()->trigger();
    QCOMPARE(m_view->layer(), StreamLayer::Plaintext);
    QCOMPARE(m_view->chunkModel()->channel(), &m_clientSide->rx());
    QVERIFY(panelField<QToolButton>(m_view.get(), "plaintextButton")->isChecked());
    QCOMPARE(m_view->messageModel()->channel()->store().read(0, 5), QByteArray("hello"));
}

void tst_TlsViews::linksChunksAndRecordsOnTheWire()
{
    QVERIFY(connectTls());
    m_view->setConnection(m_clientSide);
    m_view->setDirection(Direction::Tx);
    m_view->setLayer(StreamLayer::Wire);
    m_view->refresh();
    // The ClientHello: the first write, the first record.
    QVERIFY(m_view->chunkModel()->rowCount() > 0);
    QVERIFY(m_view->messageModel()->rowCount() > 0);
    QAbstractItemView *messages = m_view->messageTable();
    messages->selectionModel()->select(messages->model()->index(0, 0),
                                       QItemSelectionModel::ClearAndSelect
                                           | QItemSelectionModel::Rows);
    QTRY_COMPARE(m_view->highlightedChunkRows().first, qint64(0));
    QAbstractItemView *chunks = m_view->chunkTable();
    const int last = m_view->chunkModel()->rowCount() - 1;
    chunks->selectionModel()->select(chunks->model()->index(last, 0),
                                     QItemSelectionModel::ClearAndSelect
                                         | QItemSelectionModel::Rows);
    // The last write's records: at least one, after the ClientHello.
    QTRY_VERIFY(m_view->highlightedMessageRows().first > 0);
    QVERIFY(m_view->highlightedMessageRows().last >= m_view->highlightedMessageRows().first);
    // A plaintext chunk asked for (the timeline's ticks) is its write's record chunk.
    sendHello();
    QTRY_COMPARE_WITH_TIMEOUT(m_clientSide->tx().store().chunkCount(), qint64(1), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(m_clientSide->wire(Direction::Tx)->store().chunkCount() > last + 1,
                             5000);
    m_view->selectChunk(0, StreamLayer::Plaintext);
    QCOMPARE(chunks->currentIndex().row(), last + 1);
}

void tst_TlsViews::conversationFollowsTheLayer()
{
    QVERIFY(connectTls());
    ConversationPane pane;
    pane.linkTo(m_view.get());
    pane.resize(900, 500);
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    m_view->setConnection(m_clientSide);
    pane.setConnection(m_clientSide);
    QVERIFY(panelField<QWidget>(&pane, "layerBox")->isVisible());
    sendHello();
    QTRY_COMPARE_WITH_TIMEOUT(m_clientSide->rx().store().size(), qint64(5), 5000);
    // Plaintext: "hello" each way.
    QTRY_VERIFY([&] {
        pane.refresh();
        return entries(pane) == 2;
    }());

    panelField<QToolButton>(&pane, "wireButton")->click();
    QCOMPARE(m_view->layer(), StreamLayer::Wire);
    QCOMPARE(pane.view()->layer(), StreamLayer::Wire);
    const qint64 wireChunks = m_clientSide->wire(Direction::Rx)->store().chunkCount()
                              + m_clientSide->wire(Direction::Tx)->store().chunkCount();
    QTRY_VERIFY([&] {
        pane.refresh();
        return entries(pane) == wireChunks;
    }());
    QVERIFY(wireChunks > 2);
    // The direction view switched back: so does the conversation.
    m_view->setLayer(StreamLayer::Plaintext);
    QCOMPARE(pane.view()->layer(), StreamLayer::Plaintext);
    QVERIFY(panelField<QToolButton>(&pane, "plaintextButton")->isChecked());
}

void tst_TlsViews::timelineMarksTheHandshake()
{
    QVERIFY(connectTls());
    TimelineView timeline;
    timeline.resize(1000, 400);
    timeline.show();
    QVERIFY(QTest::qWaitForWindowExposed(&timeline));
    timeline.addConnection(m_clientSide);
    timeline.refresh();
    timeline.zoomToFit();
    const int row = timeline.rowOf(m_clientSide);
    QVERIFY(row >= 0);
    const TimelineLane *lane = timeline.laneAtRow(row);
    const std::vector<LaneMark> starts = marksOf(*lane, MarkKind::TlsHandshakeStart);
    const std::vector<LaneMark> done = marksOf(*lane, MarkKind::TlsHandshake);
    QCOMPARE(starts.size(), size_t(1));
    QCOMPARE(done.size(), size_t(1));
    QVERIFY(starts[0].timeNs <= done[0].timeNs);
    QVERIFY(done[0].tls);
    const TlsDetails details = *done[0].tls;
    QVERIFY(!details.cipher.isEmpty());
    QCOMPARE(done[0].tag, details.protocol);
    QVERIFY(!details.chain.isEmpty());
    // The chain's entry is "subject; expires DATE": its date is in the tooltip.
    const QString expires = details.chain.first().section(QLatin1Char(' '), -1);
    QVERIFY2(expires.contains(QLatin1Char('T')), qPrintable(details.chain.first()));

    // The tag of the handshake's end names the protocol, whatever marks
    // share its place. (Whether it has room beside the "connected" tag
    // depends on how long the connect took: not asked here.)
    bool tagged = false;
    for (const TimelineMarks::Group &group :
         TimelineMarks(timeline.layout(), timeline.timeScale()).groups(row, *lane)) {
        bool holdsDone = false;
        for (size_t i = group.first; i < group.last; ++i)
            holdsDone |= lane->marks()[i].kind == MarkKind::TlsHandshake;
        if (holdsDone) {
            QVERIFY2(group.text.contains(details.protocol), qPrintable(group.text));
            tagged = true;
        }
    }
    QVERIFY(tagged);

    const QString tip = timeline.toolTipAt(QPointF(timeline.xForTime(double(done[0].timeNs)),
                                                   timeline.layout().barRect(row).center().y()));
    QVERIFY2(tip.contains(QLatin1String("TLS handshake done")), qPrintable(tip));
    QVERIFY2(tip.contains(details.cipher), qPrintable(tip));
    QVERIFY2(tip.contains(details.protocol), qPrintable(tip));
    QVERIFY2(tip.contains(expires), qPrintable(tip));
    // The check was off: the tooltip warns, with what it would have said.
    QVERIFY2(tip.contains(QLatin1String("Not verified")), qPrintable(tip));
}

void tst_TlsViews::closeNotifyIsMarked()
{
    QVERIFY(connectTls());
    m_bench->close(m_clientSide);
    QTRY_VERIFY_WITH_TIMEOUT(isFinalState(m_clientSide->state()), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(hasEvent(m_serverSide, QStringLiteral("tls_alert")), 5000);
    TimelineView timeline;
    timeline.addConnection(m_clientSide);
    timeline.addConnection(m_serverSide);
    timeline.refresh();
    for (Connection *connection : {m_clientSide, m_serverSide}) {
        const TimelineLane *lane = timeline.laneAtRow(timeline.rowOf(connection));
        const std::vector<LaneMark> notify = marksOf(*lane, MarkKind::TlsCloseNotify);
        QVERIFY2(!notify.empty(), qPrintable(connection->side() == Connection::Side::Client
                                                 ? QStringLiteral("client")
                                                 : QStringLiteral("server")));
        // close_notify is an orderly end: not drawn as a fatal alert.
        QVERIFY(marksOf(*lane, MarkKind::TlsAlert).empty());
        QVERIFY(timeline.colors().mark(MarkKind::TlsCloseNotify)
                != timeline.colors().mark(MarkKind::TlsAlert));
    }
}

void tst_TlsViews::failedVerificationIsMarked()
{
    // The generated certificate is self-signed: verification refuses it.
    QVERIFY(connectTls(true, true));
    TimelineView timeline;
    timeline.resize(1000, 400);
    timeline.show();
    QVERIFY(QTest::qWaitForWindowExposed(&timeline));
    timeline.addConnection(m_clientSide);
    timeline.refresh();
    timeline.zoomToFit();
    const int row = timeline.rowOf(m_clientSide);
    const TimelineLane *lane = timeline.laneAtRow(row);
    const std::vector<LaneMark> errors = marksOf(*lane, MarkKind::TlsError);
    QCOMPARE(errors.size(), size_t(1));
    QVERIFY2(errors[0].code == QLatin1String("tls_self_signed")
                 || errors[0].code == QLatin1String("tls_unknown_ca"),
             qPrintable(errors[0].code));
    // The failure is the error's mark, not a second one for the state.
    QVERIFY(marksOf(*lane, MarkKind::Error).empty());
    QVERIFY(marksOf(*lane, MarkKind::TlsHandshake).empty());
    const QString tip = timeline.toolTipAt(QPointF(timeline.xForTime(double(errors[0].timeNs)),
                                                   timeline.layout().barRect(row).center().y()));
    QVERIFY2(tip.contains(QLatin1String("TLS error")), qPrintable(tip));
    // The engine's explanation, with the fix in the window's words, once;
    // the CLI's options would mean nothing here.
    QVERIFY2(!tip.contains(QLatin1String("--ca")), qPrintable(tip));
    QCOMPARE(tip.count(QLatin1String("CA file under Advanced")), 1);
}

void tst_TlsViews::plainConnectionHasNoSwitch()
{
    QVERIFY(connectTls(false));
    m_view->setLayer(StreamLayer::Wire);
    m_view->setConnection(m_clientSide);
    QVERIFY(!panelField<QWidget>(m_view.get(), "layerBox")->isVisible());
    QVERIFY(!m_view->wireAction()->isEnabled());
    QCOMPARE(m_view->shownLayer(), StreamLayer::Plaintext);
    QCOMPARE(m_view->chunkModel()->channel(), &m_clientSide->rx());
    QVERIFY(panelField<QWidget>(m_view.get(), "framingCombo")->isEnabled());
}

void tst_TlsViews::viewMenuHasTheSwitch()
{
    MainWindow::Options options;
    options.useSettings = false;
    MainWindow window(options);
    QAction *wire = window.connectionView()->wireAction();
    QMenu *viewMenu = nullptr;
    for (QAction *menu : window.menuBar()->actions()) {
        if (menu->menu() && menu->menu()->actions().contains(wire))
            viewMenu = menu->menu();
    }
    QVERIFY(viewMenu);
    QCOMPARE(viewMenu->objectName(), QStringLiteral("menuView"));
    QCOMPARE(wire->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_4));
    // Nothing to switch before a TLS connection is shown.
    QVERIFY(!wire->isEnabled());
}

QTEST_MAIN(tst_TlsViews)
#include "tst_tlsviews.moc"
