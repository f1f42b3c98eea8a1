// SPDX-License-Identifier: GPL-3.0-or-later
// The connection view over a real loopback connection driven through the
// Workbench: following a fast stream of small lines, and the chunk and
// message tables' context menus, triggered by objectName without exec().
#include "models/byteformat.h"
#include "models/chunktablemodel.h"
#include "net/connection.h"
#include "session/workbench.h"
#include "widgets/connectionview.h"
#include "widgets/followscroller.h"
#include "widgets/tableexport.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QClipboard>
#include <QElapsedTimer>
#include <QFile>
#include <QMenu>
#include <QScrollBar>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>

using namespace TcpInspector;

class tst_ConnectionView : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void followLiveOnAndOff();
    void followLiveIsSaved();
    void chunkMenuCopiesJumpsAndExports();
    void messageMenuJumpsToChunksAndCloses();

private:
    /// Sends count lines "line N\n" from the client, repeat by repeat, and
    /// waits until the server side has read them all.
    bool sendLines(int count, int intervalMs);
    static QAction *action(QMenu *menu, const char *name);
    static bool atEnd(const QAbstractItemView *table);

    std::unique_ptr<Workbench> m_bench;
    std::unique_ptr<ConnectionView> m_view;
    QTimer *m_refresh = nullptr;
    Connection *m_client = nullptr;
    Connection *m_server = nullptr;
    qint64 m_expected = 0;
};

void tst_ConnectionView::init()
{
    m_bench = std::make_unique<Workbench>();
    ServerOptions options;
    options.address
        = *HostPort::parse(QStringLiteral("127.0.0.1:0"), HostPort::Use::Listen, nullptr);
    options.reply = *ReplyPolicy::parse(QStringLiteral("none"), nullptr);
    options.connection.rxFraming = QStringLiteral("line");
    SocketErrorInfo error;
    QVERIFY(m_bench->listen(options, &error));
    ClientOptions client;
    client.target = m_bench->boundAddress();
    m_bench->connectTo(client);
    QTRY_COMPARE_WITH_TIMEOUT(m_bench->connections().size(), 2, 5000);
    m_client = m_bench->connections(Connection::Side::Client).value(0);
    m_server = m_bench->connections(Connection::Side::Server).value(0);
    QTRY_COMPARE_WITH_TIMEOUT(m_client->state(), ConnectionState::Established, 5000);
    m_expected = 0;

    m_view = std::make_unique<ConnectionView>(m_bench.get());
    m_view->resize(1000, 600);
    m_view->setConnection(m_server);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    // The window's display-rate pull (MainWindow::refresh), on its own.
    m_refresh = new QTimer(m_view.get());
    m_refresh->setInterval(33);
    connect(m_refresh, &QTimer::timeout, m_view.get(), &ConnectionView::refresh);
    m_refresh->start();
}

void tst_ConnectionView::cleanup()
{
    TableExport::setSavePathAsker({});
    m_view.reset();
    m_bench.reset();
}

bool tst_ConnectionView::sendLines(int count, int intervalMs)
{
    SendRequest request;
    request.bytes = "line of the stream\n";
    request.repeat = count;
    request.intervalMs = intervalMs;
    m_bench->send(m_client, request);
    m_expected += qint64(request.bytes.size()) * count;
    return QTest::qWaitFor([&] { return m_server->rx().store().size() == m_expected; }, 10000);
}

QAction *tst_ConnectionView::action(QMenu *menu, const char *name)
{
    auto *found = menu->findChild<QAction *>(QLatin1String(name));
    if (!found)
        qFatal("no action %s", name);
    return found;
}

bool tst_ConnectionView::atEnd(const QAbstractItemView *table)
{
    const QScrollBar *bar = table->verticalScrollBar();
    return bar->value() == bar->maximum();
}

void tst_ConnectionView::followLiveOnAndOff()
{
    QAbstractItemView *messages = m_view->messageTable();
    QAbstractItemView *chunks = m_view->chunkTable();
    QScrollBar *bar = messages->verticalScrollBar();
    QVERIFY(m_view->followLive());

    // A fast stream: 1500 lines, one write a millisecond. While it flows,
    // each table is at its end whenever it is looked at.
    SendRequest request;
    request.bytes = "line of the stream\n";
    request.repeat = 1500;
    request.intervalMs = 1;
    m_bench->send(m_client, request);
    m_expected += qint64(request.bytes.size()) * request.repeat;
    int samples = 0;
    QElapsedTimer clock;
    clock.start();
    while (m_server->rx().store().size() < m_expected && clock.elapsed() < 15000) {
        QTest::qWait(5);
        if (bar->maximum() == 0)
            continue;
        ++samples;
        QVERIFY2(atEnd(messages), qPrintable(QStringLiteral("%1 of %2 after %3 rows")
                                                 .arg(bar->value())
                                                 .arg(bar->maximum())
                                                 .arg(messages->model()->rowCount())));
        QVERIFY(atEnd(chunks));
    }
    QCOMPARE(m_server->rx().store().size(), m_expected);
    QVERIFY2(samples > 5, qPrintable(QString::number(samples)));
    QTRY_COMPARE(messages->model()->rowCount(), 1500);
    QTRY_VERIFY(atEnd(messages) && bar->maximum() > 1000);

    // The user scrolls up a page: the table stays there as rows arrive.
    bar->triggerAction(QAbstractSlider::SliderPageStepSub);
    bar->triggerAction(QAbstractSlider::SliderPageStepSub);
    QVERIFY(!m_view->messageFollower()->isFollowing());
    const int place = bar->value();
    const int maximum = bar->maximum();
    QVERIFY(sendLines(400, 0));
    QTRY_COMPARE(messages->model()->rowCount(), 1900);
    QTRY_VERIFY(bar->maximum() >= maximum + 400);
    QCOMPARE(bar->value(), place);
    // The chunk table was left at its end: it followed.
    QTRY_VERIFY(atEnd(chunks));

    // Back to the end: following again.
    bar->triggerAction(QAbstractSlider::SliderToMaximum);
    QVERIFY(m_view->messageFollower()->isFollowing());
    QVERIFY(sendLines(300, 0));
    QTRY_COMPARE(messages->model()->rowCount(), 2200);
    QTRY_VERIFY(atEnd(messages) && bar->maximum() >= maximum + 700);

    // The toggle off: both tables stay where they are.
    auto *toggle = m_view->findChild<QToolButton *>(QStringLiteral("followButton"));
    QVERIFY(toggle);
    QTest::mouseClick(toggle, Qt::LeftButton);
    QVERIFY(!m_view->followLive());
    QVERIFY(!m_view->chunkFollower()->isEnabled());
    const int stopped = bar->value();
    const int chunkStopped = chunks->verticalScrollBar()->value();
    QVERIFY(sendLines(300, 0));
    QTRY_COMPARE(messages->model()->rowCount(), 2500);
    QTRY_VERIFY(bar->maximum() >= stopped + 300);
    QCOMPARE(bar->value(), stopped);
    QCOMPARE(chunks->verticalScrollBar()->value(), chunkStopped);
    // And on again: straight to the end.
    QTest::mouseClick(toggle, Qt::LeftButton);
    QVERIFY(atEnd(messages) && atEnd(chunks));
}

void tst_ConnectionView::followLiveIsSaved()
{
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("view.ini")), QSettings::IniFormat);
    m_view->setFollowLive(false);
    m_view->saveSettings(settings);
    ConnectionView other(m_bench.get());
    QVERIFY(other.followLive());
    other.restoreSettings(settings);
    QVERIFY(!other.followLive());
    QVERIFY(!other.messageFollower()->isEnabled());
}

void tst_ConnectionView::chunkMenuCopiesJumpsAndExports()
{
    m_refresh->stop();
    QVERIFY(sendLines(3, 20)); // three reads, most likely; one line each
    m_view->refresh();
    QAbstractItemView *chunks = m_view->chunkTable();
    QTRY_VERIFY(chunks->model()->rowCount() >= 1);
    chunks->selectionModel()->select(chunks->model()->index(0, 0),
                                     QItemSelectionModel::ClearAndSelect
                                         | QItemSelectionModel::Rows);
    const StreamStore::Chunk first = m_server->rx().store().chunk(0);
    const QByteArray bytes = m_server->rx().store().read(first.offset, first.size);

    std::unique_ptr<QMenu> menu(m_view->contextMenu(chunks));
    for (const char *name :
         {"copyRowsAction", "jumpToLinkedAction", "followLiveAction", "exportBytesAction",
          "exportRowsAction", "closeConnectionAction", "resetConnectionAction"})
        QVERIFY2(action(menu.get(), name)->isEnabled(), name);
    auto *copyAs = menu->findChild<QMenu *>(QStringLiteral("copyAsMenu"));
    QVERIFY(copyAs);
    QCOMPARE(copyAs->actions().size(), ByteFormat::copyFormats().size());

    action(menu.get(), "copyAs0Action")->trigger(); // Hex
    QCOMPARE(QApplication::clipboard()->text(), ByteFormat::format(bytes, ByteFormat::Hex));
    action(menu.get(), "copyRowsAction")->trigger();
    const QStringList lines
        = QApplication::clipboard()->text().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    QVERIFY(lines.at(0).startsWith(QLatin1String("#\tTime\tDir\tOffset\tSize\tHex\tText")));
    QVERIFY(lines.at(1).startsWith(QLatin1String("1\t+")));

    // Go to its messages: the lines of the first chunk, selected.
    action(menu.get(), "jumpToLinkedAction")->trigger();
    const QModelIndexList selected = m_view->messageTable()->selectionModel()->selectedRows();
    QVERIFY(!selected.isEmpty());
    QCOMPARE(selected.first().row(), 0);

    // Export, to a file the test names instead of a dialog.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bytes.bin"));
    TableExport::setSavePathAsker([&](const QString &) { return path; });
    chunks->selectionModel()->select(chunks->model()->index(0, 0),
                                     QItemSelectionModel::ClearAndSelect
                                         | QItemSelectionModel::Rows);
    menu.reset(m_view->contextMenu(chunks));
    action(menu.get(), "exportBytesAction")->trigger();
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), bytes);
    file.close();
    action(menu.get(), "exportRowsAction")->trigger();
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll().count('\n'), 2);

    // Follow live, from the menu.
    action(menu.get(), "followLiveAction")->trigger();
    QVERIFY(!m_view->followLive());
}

void tst_ConnectionView::messageMenuJumpsToChunksAndCloses()
{
    QVERIFY(sendLines(5, 10));
    QAbstractItemView *messages = m_view->messageTable();
    QTRY_COMPARE(messages->model()->rowCount(), 5);
    // The chunk table refreshes on its own tick: under load it can lag the
    // messages, and a jump needs the rows it jumps to.
    QAbstractItemModel *chunkRows = m_view->chunkTable()->model();
    QTRY_VERIFY([&] {
        const int last = chunkRows->rowCount() - 1;
        if (last < 0)
            return false;
        const QModelIndex index = chunkRows->index(last, 0);
        return index.data(ChunkTableModel::OffsetRole).toLongLong()
                   + index.data(ChunkTableModel::SizeRole).toLongLong()
               >= 95;
    }());
    messages->selectionModel()->select(messages->model()->index(4, 0),
                                       QItemSelectionModel::ClearAndSelect
                                           | QItemSelectionModel::Rows);
    std::unique_ptr<QMenu> menu(m_view->contextMenu(messages));
    QCOMPARE(action(menu.get(), "jumpToLinkedAction")->text(), QStringLiteral("Go to its chunks"));
    action(menu.get(), "jumpToLinkedAction")->trigger();
    // The chunks that hold the fifth line (bytes 76 to 94).
    const QModelIndexList chunks = m_view->chunkTable()->selectionModel()->selectedRows();
    QVERIFY(!chunks.isEmpty());
    for (const QModelIndex &index : chunks) {
        const qint64 offset = index.data(ChunkTableModel::OffsetRole).toLongLong();
        const qint64 size = index.data(ChunkTableModel::SizeRole).toLongLong();
        QVERIFY(offset < 95 && offset + size > 76);
    }
    action(menu.get(), "copyAs1Action")->trigger(); // Text
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("line of the stream\\n"));

    action(menu.get(), "resetConnectionAction")->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(m_server->state(), ConnectionState::Reset, 5000);
    menu.reset(m_view->contextMenu(messages));
    QVERIFY(!action(menu.get(), "closeConnectionAction")->isEnabled());
    QVERIFY(!action(menu.get(), "resetConnectionAction")->isEnabled());
}

QTEST_MAIN(tst_ConnectionView)
#include "tst_connectionview.moc"
