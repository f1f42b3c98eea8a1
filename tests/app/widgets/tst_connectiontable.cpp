// SPDX-License-Identifier: GPL-3.0-or-later
// The server and client panels' connection tables with many rows selected:
// the buttons and the context menu act on every selected connection, send
// to the selected ones or to all, and "Remove closed" keeps the user's
// place. Real loopback connections through the Workbench, offscreen.
#include "models/connectionlistmodel.h"
#include "net/connection.h"
#include "session/sendrequest.h"
#include "session/workbench.h"
#include "widgets/clientpanel.h"
#include "widgets/connectiontable.h"
#include "widgets/serverpanel.h"
#include "widgets/tableexport.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QHBoxLayout>
#include <QMenu>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace TcpInspector;

class tst_ConnectionTable : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void closeActsOnEverySelectedRow();
    void resetFromTheMenuActsOnEverySelectedRow();
    void sendToSelectedAndToAll();
    void removeClosedKeepsThePlace();
    void menuCopiesShowsTheOtherEndAndExports();
    void refreshSignalsRunsOfRows();

private:
    bool open(int count);
    void ctrlClickRows(QTableView *table, const QList<int> &rows);
    static QAction *action(QMenu *menu, const char *name);

    std::unique_ptr<Workbench> m_bench;
    std::unique_ptr<QWidget> m_window;
    ServerPanel *m_server = nullptr;
    ClientPanel *m_client = nullptr;
    QTableView *m_serverTable = nullptr;
    QTableView *m_clientTable = nullptr;
};

void tst_ConnectionTable::init()
{
    m_bench = std::make_unique<Workbench>();
    m_window = std::make_unique<QWidget>();
    m_server = new ServerPanel(m_bench.get());
    m_client = new ClientPanel(m_bench.get());
    auto *layout = new QHBoxLayout(m_window.get());
    layout->addWidget(m_server);
    layout->addWidget(m_client);
    m_serverTable = m_server->findChild<QTableView *>(QStringLiteral("connectionTable"));
    m_clientTable = m_client->findChild<QTableView *>(QStringLiteral("connectionTable"));
    QVERIFY(m_serverTable && m_clientTable);
    // Echo off: what arrives is only what the test sent.
    m_server->findChild<QComboBox *>(QStringLiteral("replyCombo"))->setCurrentIndex(0);
    QVERIFY(m_server->listen());
    m_client->suggestTarget(m_bench->boundAddress());
    m_window->resize(1400, 500);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    auto *refresh = new QTimer(m_window.get());
    connect(refresh, &QTimer::timeout, m_server, &ServerPanel::refresh);
    connect(refresh, &QTimer::timeout, m_client, &ClientPanel::refresh);
    refresh->start(33);
}

void tst_ConnectionTable::cleanup()
{
    TableExport::setSavePathAsker({});
    m_window.reset();
    m_bench.reset();
}

bool tst_ConnectionTable::open(int count)
{
    if (!m_client->connectToTarget(count))
        return false;
    return QTest::qWaitFor(
        [&] {
            const auto clients = m_bench->connections(Connection::Side::Client);
            if (clients.size() != count
                || m_bench->connections(Connection::Side::Server).size() != count)
                return false;
            for (const Connection *c : clients) {
                if (c->state() != ConnectionState::Established)
                    return false;
            }
            return m_clientTable->model()->rowCount() == count;
        },
        10000);
}

void tst_ConnectionTable::ctrlClickRows(QTableView *table, const QList<int> &rows)
{
    for (int i = 0; i < rows.size(); ++i) {
        const QRect rect = table->visualRect(table->model()->index(rows.at(i), 0));
        QTest::mouseClick(table->viewport(), Qt::LeftButton,
                          i == 0 ? Qt::NoModifier : Qt::ControlModifier, rect.center());
    }
}

QAction *tst_ConnectionTable::action(QMenu *menu, const char *name)
{
    // The menu's own actions and the send button's, which it shares.
    for (QAction *action : menu->actions()) {
        if (action->objectName() == QLatin1String(name))
            return action;
    }
    qFatal("no action %s", name);
}

void tst_ConnectionTable::closeActsOnEverySelectedRow()
{
    QVERIFY(open(5));
    ctrlClickRows(m_clientTable, {0, 2, 4});
    const QList<Connection *> selected = m_client->table()->selectedConnections();
    QCOMPARE(selected.size(), 3);
    auto *close = m_client->findChild<QPushButton *>(QStringLiteral("closeButton"));
    QTRY_VERIFY(close->isEnabled());
    QTest::mouseClick(close, Qt::LeftButton);
    const QList<Connection *> clients = m_bench->connections(Connection::Side::Client);
    for (Connection *c : selected)
        QTRY_VERIFY_WITH_TIMEOUT(isFinalState(c->state()), 5000);
    QTest::qWait(100);
    int open = 0;
    for (Connection *c : clients)
        open += c->state() == ConnectionState::Established ? 1 : 0;
    QCOMPARE(open, 2);
    // Only ended rows selected now: nothing left to close.
    QTRY_VERIFY(!close->isEnabled());
}

void tst_ConnectionTable::resetFromTheMenuActsOnEverySelectedRow()
{
    QVERIFY(open(5));
    QTRY_COMPARE(m_serverTable->model()->rowCount(), 5);
    ctrlClickRows(m_serverTable, {1, 2, 3});
    const QList<Connection *> selected = m_server->table()->selectedConnections();
    QCOMPARE(selected.size(), 3);
    std::unique_ptr<QMenu> menu(m_server->table()->contextMenu());
    QVERIFY(action(menu.get(), "resetAction")->isEnabled());
    action(menu.get(), "resetAction")->trigger();
    for (Connection *c : selected)
        QTRY_COMPARE_WITH_TIMEOUT(c->state(), ConnectionState::Reset, 5000);
    // Their clients saw the RST; the other two are untouched.
    int reset = 0;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            reset = 0;
            for (Connection *c : m_bench->connections(Connection::Side::Client))
                reset += isFinalState(c->state()) ? 1 : 0;
            return reset == 3;
        }(),
        5000);
    for (Connection *c : m_bench->connections(Connection::Side::Server)) {
        if (!selected.contains(c))
            QCOMPARE(c->state(), ConnectionState::Established);
    }
}

void tst_ConnectionTable::sendToSelectedAndToAll()
{
    QVERIFY(open(5));
    SendRequest request;
    request.bytes = "hello many\n";
    // What the window does with the panel's signal (MainWindow wires the composer).
    connect(m_client, &ClientPanel::sendToManyRequested, m_bench.get(),
            [&](const QList<Connection *> &targets) { m_bench->sendToMany(targets, request); });
    QSignalSpy asked(m_client, &ClientPanel::sendToManyRequested);
    ctrlClickRows(m_clientTable, {1, 3});
    auto *toSelected = m_client->findChild<QAction *>(QStringLiteral("sendToSelectedAction"));
    auto *toAll = m_client->findChild<QAction *>(QStringLiteral("sendToAllAction"));
    QVERIFY(toSelected && toAll);
    QTRY_VERIFY(toSelected->isEnabled() && toAll->isEnabled());
    toSelected->trigger();
    QCOMPARE(asked.count(), 1);
    const auto targets = asked.at(0).at(0).value<QList<Connection *>>();
    const QList<Connection *> clients = m_bench->connections(Connection::Side::Client);
    QCOMPARE(targets, (QList<Connection *> {clients.at(1), clients.at(3)}));
    auto received = [&] {
        qint64 bytes = 0;
        for (Connection *s : m_bench->connections(Connection::Side::Server))
            bytes += s->rx().store().size();
        return bytes;
    };
    QTRY_COMPARE_WITH_TIMEOUT(received(), qint64(2 * 11), 5000);
    for (int i : {0, 2, 4})
        QCOMPARE(clients.at(i)->tx().store().size(), qint64(0));

    toAll->trigger();
    QCOMPARE(asked.count(), 2);
    QCOMPARE(asked.at(1).at(0).value<QList<Connection *>>().size(), 5);
    QTRY_COMPARE_WITH_TIMEOUT(received(), qint64(7 * 11), 5000);
    for (int i : {0, 2, 4})
        QCOMPARE(clients.at(i)->tx().store().size(), qint64(11));
}

void tst_ConnectionTable::removeClosedKeepsThePlace()
{
    QVERIFY(open(40));
    // A table that shows a few rows, scrolled into the middle.
    m_window->resize(1400, 300);
    QTRY_VERIFY(m_clientTable->verticalScrollBar()->maximum() > 20);
    ConnectionListModel *model = m_client->table()->model();
    const QList<Connection *> clients = m_bench->connections(Connection::Side::Client);
    m_clientTable->scrollTo(model->index(20, 0), QAbstractItemView::PositionAtTop);
    QTRY_COMPARE(m_clientTable->rowAt(0), 20);
    ctrlClickRows(m_clientTable, {22, 24, 23});
    QCOMPARE(m_client->currentConnection(), clients.at(23));
    // Ended above the top row, below it, and the top row itself.
    for (int i : {2, 5, 9, 20, 30, 35})
        m_bench->close(clients.at(i));
    for (int i : {2, 5, 9, 20, 30, 35})
        QTRY_VERIFY_WITH_TIMEOUT(isFinalState(clients.at(i)->state()), 5000);
    QSignalSpy current(m_client, &ClientPanel::currentConnectionChanged);
    auto *remove = m_client->findChild<QPushButton *>(QStringLiteral("removeClosedButton"));
    QTest::mouseClick(remove, Qt::LeftButton);
    QTRY_COMPARE(model->rowCount(), 34);
    // The same current row, the same selection, and the top row still on
    // top (20 is gone: the next one, 21, now at row 17).
    QCOMPARE(m_client->currentConnection(), clients.at(23));
    QCOMPARE(m_client->table()->selectedConnections(),
             (QList<Connection *> {clients.at(22), clients.at(23), clients.at(24)}));
    QCOMPARE(current.count(), 0);
    QApplication::processEvents();
    QCOMPARE(m_clientTable->rowAt(0), model->rowOf(clients.at(21)));
    QCOMPARE(model->rowOf(clients.at(21)), 17);
}

void tst_ConnectionTable::menuCopiesShowsTheOtherEndAndExports()
{
    QVERIFY(open(3));
    ctrlClickRows(m_clientTable, {0, 2});
    QSignalSpy show(m_client, &ClientPanel::connectionShowRequested);
    std::unique_ptr<QMenu> menu(m_client->table()->contextMenu());
    for (const char *name :
         {"copyRowsAction", "showOtherEndAction", "halfCloseAction", "closeAction", "resetAction",
          "sendToSelectedAction", "sendToAllAction", "exportRowsAction", "removeClosedAction"})
        QVERIFY2(action(menu.get(), name)->isEnabled(), name);

    action(menu.get(), "copyRowsAction")->trigger();
    const QStringList lines
        = QApplication::clipboard()->text().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    QVERIFY(lines.at(0).startsWith(QLatin1String("#\tLocal\tState")));
    const QList<Connection *> clients = m_bench->connections(Connection::Side::Client);
    QVERIFY(lines.at(2).startsWith(QString::number(clients.at(2)->id()) + QLatin1Char('\t')));

    // The other end of the current client: the server connection it talks to.
    action(menu.get(), "showOtherEndAction")->trigger();
    QCOMPARE(show.count(), 1);
    auto *other = show.at(0).at(0).value<Connection *>();
    QVERIFY(other && other->side() == Connection::Side::Server);
    QCOMPARE(other->peerAddress(), m_client->currentConnection()->localAddress());

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("rows.tsv"));
    TableExport::setSavePathAsker([&](const QString &) { return path; });
    action(menu.get(), "exportRowsAction")->trigger();
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll().count('\n'), 3);
}

void tst_ConnectionTable::refreshSignalsRunsOfRows()
{
    // Rows that change in the same refresh come as one signal per run of
    // rows: 10,000 open rows whose age ticks in the same second made 10,000
    // signals through the sorting proxy and stalled the window.
    QVERIFY(open(40));
    const auto timers = m_window->findChildren<QTimer *>(QString(), Qt::FindDirectChildrenOnly);
    for (QTimer *timer : timers)
        timer->stop();
    ConnectionListModel *model = m_server->table()->model();
    model->refresh();
    const QList<Connection *> servers = m_bench->connections(Connection::Side::Server);
    QCOMPARE(servers.size(), 40);
    // Bytes for every server row but two, so three runs change: 0-9, 11-29, 31-39.
    const QList<Connection *> clients = m_bench->connections(Connection::Side::Client);
    SendRequest request;
    request.bytes = QByteArrayLiteral("ping\n");
    QList<Connection *> quiet;
    for (Connection *server : servers) {
        const int row = model->rowOf(server);
        if (row == 10 || row == 30)
            quiet.append(server);
    }
    QCOMPARE(quiet.size(), 2);
    for (Connection *client : clients) {
        const bool toQuiet = std::any_of(quiet.begin(), quiet.end(), [&](Connection *server) {
            return server->peerAddress() == client->localAddress();
        });
        if (!toQuiet)
            m_bench->send(client, request);
    }
    QVERIFY(QTest::qWaitFor(
        [&] {
            int received = 0;
            for (Connection *server : servers)
                received += server->rx().store().size() == 5 ? 1 : 0;
            return received == 38;
        },
        10000));
    QSignalSpy changed(model, &QAbstractItemModel::dataChanged);
    model->refresh();
    QList<QPair<int, int>> runs;
    for (const QList<QVariant> &signal : changed)
        runs.append({signal.at(0).toModelIndex().row(), signal.at(1).toModelIndex().row()});
    // A row's age may tick between two refreshes; it then joins a run, never
    // adds a signal per row.
    QVERIFY2(runs.size() <= 3, qPrintable(QString::number(runs.size())));
    int covered = 0;
    for (const auto &run : runs)
        covered += run.second - run.first + 1;
    QVERIFY(covered >= 38);
}

QTEST_MAIN(tst_ConnectionTable)
#include "tst_connectiontable.moc"
