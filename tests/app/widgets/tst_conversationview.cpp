// SPDX-License-Identifier: GPL-3.0-or-later
// The conversation tab of the window over real loopback connections: the
// turns it shows are the exchange that happened, in order and size; bytes
// that arrive while it is shown are appended and followed; a click on a chunk
// selects it in the direction view and back; a relayed connection and a
// recording, opened or replayed, read the same; a 50 MB conversation paints
// only what is on screen.
#include "models/byteformat.h"
#include "net/recordedconnection.h"
#include "recording/sessionreplay.h"
#include "session/workbench.h"
#include "views/conversationview.h"
#include "widgets/connectionview.h"
#include "widgets/conversationpane.h"
#include "widgets/replaybar.h"
#include "widgets/sessionfiles.h"
#include "windowfixture.h"

#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QElapsedTimer>
#include <QMenu>
#include <QScrollBar>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace TcpInspector;

namespace {
struct Turn
{
    Direction direction;
    qint64 bytes;
    friend bool operator==(const Turn &a, const Turn &b)
    {
        return a.direction == b.direction && a.bytes == b.bytes;
    }
    /// What QCOMPARE prints of a turn that differs.
    friend char *toString(const Turn &turn)
    {
        return qstrdup(
            qPrintable(QStringLiteral("%1:%2").arg(directionKey(turn.direction)).arg(turn.bytes)));
    }
};

QList<Turn> shownTurns(const ConversationView *view)
{
    QList<Turn> turns;
    for (const ConversationIndex::Turn &turn : view->index().turns())
        turns.append({turn.direction, turn.bytes});
    return turns;
}

} // namespace

class tst_ConversationView : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void turnsAreTheExchange();
    void liveBytesAreAppendedAndFollowed();
    void chunkClickSelectsInTheDirectionView();
    void relayedConnection();
    void recordingWithBytesNotKept();
    void openedAndReplayedSession();
    void largeConversationPaintsOnlyTheScreen();

private:
    /// Client sends, waits till the server has it, then the server answers
    /// in two writes, each awaited: three chunks, two turns.
    bool exchange(const QByteArray &request, const QByteArray &reply);
    void showConversation(Connection *connection);
    ConversationView *view() const { return m_window->conversationPane()->view(); }

    std::unique_ptr<MainWindow> m_window;
    Workbench *m_bench = nullptr;
    Connection *m_client = nullptr;
    Connection *m_server = nullptr;
};

void tst_ConversationView::init()
{
    m_window = makeTestWindow();
    QVERIFY(testWindowReady(m_window.get()));
    m_bench = m_window->workbench();
    m_bench->setReplyPolicy(*ReplyPolicy::parse(QStringLiteral("none"), nullptr));
    ClientOptions client;
    client.target = m_bench->boundAddress();
    m_bench->connectTo(client);
    QTRY_COMPARE_WITH_TIMEOUT(m_bench->connections().size(), 2, 5000);
    m_client = m_bench->connections(Connection::Side::Client).value(0);
    m_server = m_bench->connections(Connection::Side::Server).value(0);
    QTRY_COMPARE_WITH_TIMEOUT(m_client->state(), ConnectionState::Established, 5000);
}

void tst_ConversationView::cleanup()
{
    m_window.reset();
}

bool tst_ConversationView::exchange(const QByteArray &request, const QByteArray &reply)
{
    const qint64 serverRx = m_server->rx().store().size() + request.size();
    const qint64 clientRx = m_client->rx().store().size();
    SendRequest send;
    send.bytes = request;
    m_bench->send(m_client, send);
    if (!QTest::qWaitFor([&] { return m_server->rx().store().size() == serverRx; }, 5000))
        return false;
    const qint64 half = reply.size() / 2;
    send.bytes = reply.left(half);
    m_bench->send(m_server, send);
    if (!QTest::qWaitFor([&] { return m_client->rx().store().size() == clientRx + half; }, 5000))
        return false;
    send.bytes = reply.mid(half);
    m_bench->send(m_server, send);
    return QTest::qWaitFor([&] { return m_client->rx().store().size() == clientRx + reply.size(); },
                           5000);
}

void tst_ConversationView::showConversation(Connection *connection)
{
    m_window->selectInPanel(connection);
    m_window->findChild<QAction *>(QStringLiteral("actionShowConversation"))->trigger();
    QCOMPARE(m_window->centre()->currentWidget(), m_window->conversationPane());
    QVERIFY(view()->isVisible());
    QCOMPARE(view()->connection(), connection);
}

void tst_ConversationView::turnsAreTheExchange()
{
    QList<Turn> serverSide;
    QList<Turn> clientSide;
    for (int i = 1; i <= 4; ++i) {
        const QByteArray request = "GET /" + QByteArray(i * 7, 'r') + "\n";
        const QByteArray reply = "HTTP " + QByteArray(i * 13, 's') + "\n";
        QVERIFY(exchange(request, reply));
        serverSide << Turn {Direction::Rx, request.size()} << Turn {Direction::Tx, reply.size()};
        clientSide << Turn {Direction::Tx, request.size()} << Turn {Direction::Rx, reply.size()};
    }
    showConversation(m_server);
    QTRY_COMPARE(shownTurns(view()), serverSide);
    // Each reply was two writes: two chunks, one turn.
    QCOMPARE(view()->index().turns().at(1).chunks, 2);
    // The server reads what the client sends: rx is the client's colour.
    QVERIFY(view()->fromClient(Direction::Rx));

    showConversation(m_client);
    QTRY_COMPARE(shownTurns(view()), clientSide);
    QVERIFY(view()->fromClient(Direction::Tx));
    // The first row on screen is the first request, in the client's band.
    const QRect first = view()->chunkRect(Direction::Tx, 0);
    QVERIFY(!first.isNull());
    QCOMPARE(view()->chunkAt(first.center())->direction, Direction::Tx);
    const QImage image = view()->viewport()->grab().toImage();
    QCOMPARE(QColor(image.pixel(first.right() - 2, first.center().y())).name(),
             view()->colors().clientBand.name());
    const QRect reply = view()->chunkRect(Direction::Rx, 0);
    QCOMPARE(QColor(image.pixel(reply.right() - 2, reply.center().y())).name(),
             view()->colors().serverBand.name());

    view()->setMode(ConversationView::Mode::Hex);
    QTRY_COMPARE(shownTurns(view()), clientSide);
    QVERIFY(!view()->chunkRect(Direction::Rx, 0).isNull());
}

void tst_ConversationView::liveBytesAreAppendedAndFollowed()
{
    QVERIFY(exchange("hello\n", "welcome\n"));
    showConversation(m_server);
    QTRY_COMPARE(shownTurns(view()).size(), 2);
    // Enough turns to scroll: the view stays at the end while they arrive.
    for (int i = 0; i < 40; ++i)
        QVERIFY(exchange("ping " + QByteArray::number(i) + "\n", "pong\n"));
    QTRY_COMPARE(shownTurns(view()).size(), 82);
    QTRY_VERIFY(view()->verticalScrollBar()->maximum() > 0);
    QTRY_VERIFY(view()->atEnd());
    QVERIFY(view()->topRow() > 0);
    QCOMPARE(shownTurns(view()).last(), (Turn {Direction::Tx, 5}));

    // Scrolled up, it stays where it is.
    view()->verticalScrollBar()->setValue(0);
    QVERIFY(exchange("more\n", "reply\n"));
    QTRY_COMPARE(shownTurns(view()).size(), 84);
    QCOMPARE(view()->topRow(), 0);
}

void tst_ConversationView::chunkClickSelectsInTheDirectionView()
{
    QVERIFY(exchange("first request\n", "first reply\n"));
    QVERIFY(exchange("second request\n", "second reply\n"));
    showConversation(m_server);
    QTRY_COMPARE(shownTurns(view()).size(), 4);
    ConnectionView *directions = m_window->connectionView();

    // The second reply's second write: tx chunk 3.
    const QRect rect = view()->chunkRect(Direction::Tx, 3);
    QVERIFY(!rect.isNull());
    QTest::mouseClick(view()->viewport(), Qt::LeftButton, {}, rect.center());
    QCOMPARE(directions->direction(), Direction::Tx);
    QCOMPARE(directions->chunkTable()->currentIndex().row(), 3);
    QCOMPARE(view()->currentChunk()->chunk, 3);

    // And back: a chunk selected in the table is the current one here.
    directions->setDirection(Direction::Rx);
    directions->selectChunk(1);
    QVERIFY(view()->currentChunk().has_value());
    QCOMPARE(view()->currentChunk()->direction, Direction::Rx);
    QCOMPARE(view()->currentChunk()->chunk, 1);

    // Right-click: copy the chunk, or show it in the table.
    std::unique_ptr<QMenu> menu(m_window->conversationPane()->contextMenu(rect.center()));
    menu->findChild<QAction *>(QStringLiteral("copyChunkAction%1").arg(int(ByteFormat::Text)))
        ->trigger();
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral(" reply\\n"));
    directions->setDirection(Direction::Rx);
    menu->findChild<QAction *>(QStringLiteral("showChunkAction"))->trigger();
    QCOMPARE(m_window->centre()->currentWidget(), directions);
    QCOMPARE(directions->direction(), Direction::Tx);
    QCOMPARE(directions->chunkTable()->currentIndex().row(), 3);
    m_window->findChild<QAction *>(QStringLiteral("actionShowConversation"))->trigger();

    // A double click shows the direction view.
    QTest::mouseDClick(view()->viewport(), Qt::LeftButton, {}, rect.center());
    QCOMPARE(m_window->centre()->currentWidget(), directions);

    // Each view's selector switches to the other: "both" there, one
    // direction here, and the direction view keeps its direction.
    auto *directionCombo = directions->findChild<QComboBox *>(QStringLiteral("directionCombo"));
    directions->setDirection(Direction::Rx);
    directionCombo->setCurrentIndex(2);
    QCOMPARE(m_window->centre()->currentWidget(), m_window->conversationPane());
    QCOMPARE(directionCombo->currentIndex(), 0);
    QCOMPARE(directions->direction(), Direction::Rx);
    auto *viewCombo
        = m_window->conversationPane()->findChild<QComboBox *>(QStringLiteral("viewCombo"));
    QCOMPARE(viewCombo->currentIndex(), 2);
    QTest::keyClick(viewCombo, Qt::Key_Up); // "Sent (tx)"
    QCOMPARE(m_window->centre()->currentWidget(), directions);
    QCOMPARE(directions->direction(), Direction::Tx);
    QCOMPARE(viewCombo->currentIndex(), 2);
}

void tst_ConversationView::relayedConnection()
{
    m_bench->setReplyPolicy(*ReplyPolicy::parse(QStringLiteral("echo"), nullptr));
    RelayOptions relay;
    relay.listen.address
        = *HostPort::parse(QStringLiteral("127.0.0.1:0"), HostPort::Use::Listen, nullptr);
    relay.upstream.target = m_bench->boundAddress();
    SocketErrorInfo error;
    QVERIFY(m_bench->startRelay(relay, &error));
    ClientOptions client;
    client.target = m_bench->relayAddress();
    m_bench->connectTo(client);
    Connection *clientLeg = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (Connection *c : m_bench->connections()) {
                if (c->relayPair() != 0 && c->side() == Connection::Side::Server)
                    clientLeg = c;
            }
            return clientLeg != nullptr;
        }(),
        5000);
    Connection *user = nullptr;
    for (Connection *c : m_bench->connections(Connection::Side::Client)) {
        if (c != m_client && c->relayPair() == 0)
            user = c;
    }
    QVERIFY(user);
    QTRY_COMPARE_WITH_TIMEOUT(user->state(), ConnectionState::Established, 5000);
    for (const QByteArray &line : {QByteArray("one\n"), QByteArray("three\n")}) {
        const qint64 before = user->rx().store().size();
        SendRequest send;
        send.bytes = line;
        m_bench->send(user, send);
        QTRY_COMPARE_WITH_TIMEOUT(user->rx().store().size(), before + line.size(), 5000);
    }
    showConversation(clientLeg);
    // The client leg reads the client's bytes and writes the echo back.
    QTRY_COMPARE(
        shownTurns(view()),
        (QList<Turn> {
            {Direction::Rx, 4}, {Direction::Tx, 4}, {Direction::Rx, 6}, {Direction::Tx, 6}}));
    QVERIFY(view()->fromClient(Direction::Rx));
}

void tst_ConversationView::recordingWithBytesNotKept()
{
    // What a session file or a replay fills: a recording, in time order, with
    // a store whose cap kept 12 bytes of the reply.
    ConnectionOptions options;
    options.store.maxBytes = 12;
    RecordedConnection recording(Connection::Side::Client, 99, options);
    recording.addChunk(Direction::Tx, "request\n", 8, 1000);
    recording.addChunk(Direction::Rx, "a reply longer than ten\n", 24, 2000);
    recording.addChunk(Direction::Tx, "bye\n", 4, 3000);
    ConversationView conversation;
    conversation.resize(800, 300);
    conversation.show();
    QVERIFY(QTest::qWaitForWindowExposed(&conversation));
    conversation.setConnection(&recording);
    QCOMPARE(shownTurns(&conversation),
             (QList<Turn> {{Direction::Tx, 8}, {Direction::Rx, 12}, {Direction::Tx, 4}}));
    // Three chunk rows and the line that says what was not kept.
    QCOMPARE(conversation.rowCount(), 4);
    QCOMPARE(conversation.index().droppedBytes(Direction::Rx), 12);
    conversation.viewport()->repaint();
    QCOMPARE(conversation.lastPaintRows(), 4);
    QCOMPARE(conversation.lastPaintBytesRead(), 24);

    // Ring mode: the front went; a first line says how much of each side.
    ConnectionOptions ring;
    ring.store.blockSize = 64;
    ring.store.keepBytes = 128;
    RecordedConnection kept(Connection::Side::Server, 100, ring);
    for (int i = 0; i < 10; ++i) {
        kept.addChunk(Direction::Rx, QByteArray(32, char('a' + i)).constData(), 32, 10 * i);
        kept.addChunk(Direction::Tx, "ok\n", 3, 10 * i + 5);
    }
    conversation.setConnection(&kept);
    QVERIFY(kept.rx().store().evictedBytes() > 0);
    const qint64 listed = conversation.index().endEntry() - conversation.index().firstEntry();
    QVERIFY(listed > 0 && listed < 20);
    QCOMPARE(conversation.index().hiddenBytes(Direction::Rx),
             kept.rx().store().chunk(kept.rx().store().firstChunk()).offset);
    // One row per chunk (32 bytes wrap at 96), and the two notices first.
    QCOMPARE(conversation.rowCount(), listed + 2);
    conversation.scrollToRow(0);
    conversation.viewport()->repaint();
    QCOMPARE(conversation.lastPaintRows(), listed + 2);
    QVERIFY(!conversation.chunkAt(QPoint(10, 5)).has_value()); // a notice, not a chunk
    conversation.setConnection(nullptr);
}

void tst_ConversationView::openedAndReplayedSession()
{
    QVERIFY(exchange("a\n", "bb\n"));
    QVERIFY(exchange("ccc\n", "dddd\n"));
    const QList<Turn> expected {
        {Direction::Rx, 2}, {Direction::Tx, 3}, {Direction::Rx, 4}, {Direction::Tx, 5}};
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("conversation.tcpsession"));
    QString error;
    QVERIFY2(m_window->sessionFiles()->save(path, &error), qPrintable(error));
    QStringList problems;
    QVERIFY(m_window->sessionFiles()->open(path, &problems));
    Connection *opened = nullptr;
    for (Connection *c : m_bench->connections()) {
        if (c->isRecorded() && c->side() == Connection::Side::Server)
            opened = c;
    }
    QVERIFY(opened);
    showConversation(opened);
    QTRY_COMPARE(shownTurns(view()), expected);

    // A replay fills new recordings chunk by chunk, while they are watched.
    const quint64 id = opened->id();
    QTest::keyClick(m_window.get(), Qt::Key_F6);
    ReplayBar *bar = m_window->replayBar();
    bar->speedBox()->setCurrentIndex(bar->speedBox()->count() - 1);
    bar->playAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(bar->replay()->atEnd(), 10000);
    QTRY_VERIFY(view()->connection() && view()->connection()->id() == id
                && view()->connection()->isRecorded());
    QTRY_COMPARE(shownTurns(view()), expected);
}

void tst_ConversationView::largeConversationPaintsOnlyTheScreen()
{
    // 50 MB from the client in one send, and a short answer.
    constexpr qint64 total = qint64(50) << 20;
    SendRequest send;
    send.bytes = QByteArray(1 << 20, 'x');
    for (qint64 i = 0; i < send.bytes.size(); i += 61)
        send.bytes[i] = '\n';
    send.repeat = int(total >> 20);
    m_bench->send(m_client, send);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->rx().store().size(), total, 60000);
    QVERIFY(exchange("end\n", "ok\n"));
    QElapsedTimer clock;
    clock.start();
    showConversation(m_server);
    ConversationView *conversation = view();
    const qint64 chunks = m_server->rx().store().chunkCount() + 2;
    QTRY_VERIFY_WITH_TIMEOUT(conversation->index().caughtUp(), 30000);
    const qint64 mergedMs = clock.elapsed();
    QCOMPARE(conversation->index().endEntry() - conversation->index().firstEntry(), chunks);
    QCOMPARE(shownTurns(conversation).first(), (Turn {Direction::Rx, total + 4}));

    // Text rows are laid out a few milliseconds per tick, then it is all there.
    QTRY_COMPARE_WITH_TIMEOUT(conversation->index().laidOutEnd(ConversationView::Mode::Text),
                              conversation->index().endEntry(), 30000);
    qInfo("50 MiB in %lld chunks: merged in %lld ms, text rows (%lld) laid out in %lld ms", chunks,
          mergedMs, conversation->index().rowCount(ConversationView::Mode::Text), clock.elapsed());
    const int rows = conversation->viewport()->height() / conversation->fontMetrics().height() + 2;
    for (const double at : {0.0, 0.5, 1.0}) {
        auto *bar = conversation->verticalScrollBar();
        bar->setValue(int(bar->maximum() * at));
        conversation->viewport()->repaint();
        // A paint reads the rows on screen, at most a wrap width each.
        QVERIFY2(conversation->lastPaintRows() <= rows, qPrintable(QString::number(rows)));
        QVERIFY(conversation->lastPaintBytesRead()
                <= conversation->lastPaintRows() * conversation->index().wrapWidth());
        QVERIFY(conversation->lastPaintBytesRead() > 0);
        qInfo("paint at %.0f%%: %lld rows, %lld bytes read", at * 100,
              conversation->lastPaintRows(), conversation->lastPaintBytesRead());
    }
    conversation->setMode(ConversationView::Mode::Hex);
    // 61-byte lines in 16-byte hex rows: many more rows, the same bound.
    QVERIFY(conversation->rowCount() >= total / 16);
    conversation->viewport()->repaint();
    QVERIFY(conversation->lastPaintBytesRead()
            <= conversation->lastPaintRows() * ConversationIndex::hexRowBytes);
}

QTEST_MAIN(tst_ConversationView)
#include "tst_conversationview.moc"
