// SPDX-License-Identifier: GPL-3.0-or-later
// The event log pane over a real workbench: a refused connect, an accept that
// fails with EMFILE, a listen on a busy port and a reset by the peer land
// there with their explanations; filters, copying, following and removed
// connections; past the row limit the oldest rows go, said under the table,
// with the rows in view and the selection kept.
#include "lanes/eventlogfiltermodel.h"
#include "lanes/eventlogmodel.h"
#include "lanes/timelinetext.h"
#include "net/socketerror.h"
#include "session/workbench.h"
#include "widgets/eventlogpane.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QToolButton>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

using namespace TcpInspector;

class tst_EventLogPane : public QObject
{
    Q_OBJECT

private slots:
    void refusedConnectIsExplained();
    void acceptErrorIsExplained();
    void listenFailureIsExplained();
    void peerResetIsExplained();
    void filtersByConnectionKindAndText();
    void copiesRowsAsText();
    void followsOnlyAtTheEnd();
    void doubleClickAndRemovedConnections();
    void oldestRowsGoAndTheViewStays();
};

namespace {

ServerOptions loopbackServer(EngineKind engine = EngineKind::Qt)
{
    ServerOptions options;
    options.address
        = *HostPort::parse(QStringLiteral("127.0.0.1:0"), HostPort::Use::Listen, nullptr);
    options.connection.engine = engine;
    return options;
}

sockaddr_in loopback(quint16 port)
{
    sockaddr_in where {};
    where.sin_family = AF_INET;
    where.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    where.sin_port = htons(port);
    return where;
}

// A port nothing listens on: bound for a moment, then given back.
quint16 closedPort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in where = loopback(0);
    socklen_t length = sizeof where;
    ::bind(fd, reinterpret_cast<sockaddr *>(&where), length);
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&where), &length);
    ::close(fd);
    return ntohs(where.sin_port);
}

QString labelOf(const Connection *connection)
{
    return TimelineText::laneTitle(connection->side(), connection->id());
}

// Pulls new events, then the first row of that connection saying that; -1 if none.
int findRow(EventLogPane &pane, const QString &connection, const QString &what)
{
    pane.refresh();
    const EventLogModel *model = pane.model();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->cellText(row, EventLogModel::ConnectionColumn) == connection
            && model->cellText(row, EventLogModel::WhatColumn) == what)
            return row;
    }
    return -1;
}

QString explanationOf(EventLogPane &pane, int row)
{
    return pane.model()->cellText(row, EventLogModel::ExplanationColumn);
}

int severityOf(EventLogPane &pane, int row)
{
    return pane.model()->index(row, 0).data(EventLogModel::SeverityRole).toInt();
}

// Both ends of one loopback connection through the workbench.
bool openPair(Workbench &bench, Connection **client, Connection **server)
{
    SocketErrorInfo error;
    if (!bench.isListening() && !bench.listen(loopbackServer(), &error))
        return false;
    const int before = int(bench.connections().size());
    ClientOptions options;
    options.target = bench.boundAddress();
    bench.connectTo(options);
    if (!QTest::qWaitFor([&] { return bench.connections().size() == before + 2; }, 5000))
        return false;
    *client = bench.connections(Connection::Side::Client).constLast();
    *server = bench.connections(Connection::Side::Server).constLast();
    return QTest::qWaitFor([&] { return (*client)->state() == ConnectionState::Established; },
                           5000);
}

QStringList rowTexts(EventLogPane &pane, const QList<int> &proxyRows)
{
    QStringList lines;
    for (int row : proxyRows)
        lines.append(
            pane.model()->rowText(pane.filter()->mapToSource(pane.filter()->index(row, 0)).row()));
    return lines;
}

} // namespace

void tst_EventLogPane::refusedConnectIsExplained()
{
    Workbench bench;
    EventLogPane pane(&bench);
    ClientOptions options;
    options.target.host = QStringLiteral("127.0.0.1");
    options.target.port = closedPort();
    bench.connectTo(options);
    QTRY_COMPARE(bench.connections().size(), 1);
    const QString client = labelOf(bench.connections().first());
    QTRY_VERIFY_WITH_TIMEOUT(findRow(pane, client, QStringLiteral("Error: refused")) >= 0, 5000);
    const int row = findRow(pane, client, QStringLiteral("Error: refused"));
    const SocketErrorInfo refused = explainErrno(ECONNREFUSED, SocketOperation::Connect);
    QVERIFY2(explanationOf(pane, row).contains(refused.explanation),
             qPrintable(explanationOf(pane, row)));
    QCOMPARE(severityOf(pane, row), int(EventLogModel::Error));
    // The state that follows says the connection never came to be.
    QTRY_VERIFY(findRow(pane, client, QStringLiteral("Failed, by an error")) > row);
}

void tst_EventLogPane::acceptErrorIsExplained()
{
    Workbench bench;
    EventLogPane pane(&bench);
    SocketErrorInfo error;
    QVERIFY(bench.listen(loopbackServer(), &error));
    QTRY_VERIFY(findRow(pane, QStringLiteral("listener"), QStringLiteral("Listening")) >= 0);

    // The peer's socket first; then no descriptor is left for accept() to return.
    const int peer = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    QVERIFY(peer >= 0);
    const int lowestFree = ::fcntl(peer, F_DUPFD_CLOEXEC, 0);
    QVERIFY(lowestFree >= 0);
    ::close(lowestFree);
    rlimit saved {};
    QCOMPARE(::getrlimit(RLIMIT_NOFILE, &saved), 0);
    rlimit lowered = saved;
    lowered.rlim_cur = rlim_t(lowestFree);
    QCOMPARE(::setrlimit(RLIMIT_NOFILE, &lowered), 0);
    const sockaddr_in where = loopback(bench.boundAddress().port);
    ::connect(peer, reinterpret_cast<const sockaddr *>(&where), sizeof where);
    const QString what = QStringLiteral("Error: too_many_files");
    const bool failed = QTest::qWaitFor(
        [&] { return findRow(pane, QStringLiteral("listener"), what) >= 0; }, 5000);
    ::setrlimit(RLIMIT_NOFILE, &saved);
    QVERIFY(failed);

    const int row = findRow(pane, QStringLiteral("listener"), what);
    const SocketErrorInfo emfile = explainErrno(EMFILE, SocketOperation::Accept);
    QVERIFY2(explanationOf(pane, row).contains(emfile.explanation),
             qPrintable(explanationOf(pane, row)));
    QVERIFY(explanationOf(pane, row).contains(QStringLiteral("the server keeps running")));
    QCOMPARE(severityOf(pane, row), int(EventLogModel::Error));
    // S4: once descriptors are back, the same client is accepted.
    QTRY_COMPARE_WITH_TIMEOUT(bench.connections(Connection::Side::Server).size(), 1, 5000);
    ::close(peer);
}

void tst_EventLogPane::listenFailureIsExplained()
{
    // Someone else listens on the port first.
    const int other = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in where = loopback(0);
    socklen_t length = sizeof where;
    QCOMPARE(::bind(other, reinterpret_cast<sockaddr *>(&where), length), 0);
    QCOMPARE(::listen(other, 1), 0);
    QCOMPARE(::getsockname(other, reinterpret_cast<sockaddr *>(&where), &length), 0);

    Workbench bench;
    EventLogPane pane(&bench);
    ServerOptions options = loopbackServer();
    options.address.port = ntohs(where.sin_port);
    SocketErrorInfo error;
    QVERIFY(!bench.listen(options, &error));
    ::close(other);
    const int row
        = findRow(pane, QStringLiteral("listener"), QStringLiteral("Error: %1").arg(error.code));
    QVERIFY(row >= 0);
    QCOMPARE(error.code, QStringLiteral("address_in_use"));
    QCOMPARE(explanationOf(pane, row), error.message + QStringLiteral(": ") + error.explanation);
    QCOMPARE(severityOf(pane, row), int(EventLogModel::Error));
}

void tst_EventLogPane::peerResetIsExplained()
{
    Workbench bench;
    EventLogPane pane(&bench);
    SocketErrorInfo error;
    // The native engine tells an RST from a FIN; Qt reports both alike.
    QVERIFY(bench.listen(loopbackServer(EngineKind::Native), &error));
    const int peer = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const sockaddr_in where = loopback(bench.boundAddress().port);
    QCOMPARE(::connect(peer, reinterpret_cast<const sockaddr *>(&where), sizeof where), 0);
    QTRY_COMPARE(bench.connections().size(), 1);
    Connection *server = bench.connections().first();
    QTRY_COMPARE(server->state(), ConnectionState::Established);
    const linger abort {1, 0};
    ::setsockopt(peer, SOL_SOCKET, SO_LINGER, &abort, sizeof abort);
    ::close(peer);

    const QString label = labelOf(server);
    QTRY_VERIFY_WITH_TIMEOUT(findRow(pane, label, QStringLiteral("RST received")) >= 0, 5000);
    const int row = findRow(pane, label, QStringLiteral("RST received"));
    const SocketErrorInfo reset = explainErrno(ECONNRESET, SocketOperation::Read);
    QVERIFY2(explanationOf(pane, row).contains(reset.explanation),
             qPrintable(explanationOf(pane, row)));
    QCOMPARE(severityOf(pane, row), int(EventLogModel::Error));
    const int state = findRow(pane, label, QStringLiteral("Reset, by the peer"));
    QVERIFY(state > row);
    QCOMPARE(severityOf(pane, state), int(EventLogModel::Error));
}

void tst_EventLogPane::filtersByConnectionKindAndText()
{
    Workbench bench;
    EventLogPane pane(&bench);
    Connection *client = nullptr;
    Connection *server = nullptr;
    QVERIFY(openPair(bench, &client, &server));
    ClientOptions refused;
    refused.target.host = QStringLiteral("127.0.0.1");
    refused.target.port = closedPort();
    bench.connectTo(refused);
    QTRY_COMPARE(bench.connections(Connection::Side::Client).size(), 2);
    Connection *failed = bench.connections(Connection::Side::Client).constLast();
    QTRY_VERIFY(findRow(pane, labelOf(failed), QStringLiteral("Error: refused")) >= 0);
    QTRY_VERIFY(findRow(pane, labelOf(server), QStringLiteral("Established, by the peer")) >= 0);
    EventLogFilterModel *filter = pane.filter();
    const int all = filter->rowCount();
    QCOMPARE(all, pane.model()->rowCount());

    // By connection, from the combo as the user picks it.
    auto *combo = pane.findChild<QComboBox *>(QStringLiteral("connectionCombo"));
    QVERIFY(combo);
    QCOMPARE(combo->count(), 2 + 3); // all, listener, three connections
    combo->setCurrentIndex(combo->findText(labelOf(client)));
    QVERIFY(filter->rowCount() > 0 && filter->rowCount() < all);
    for (int row = 0; row < filter->rowCount(); ++row)
        QCOMPARE(filter->index(row, EventLogModel::ConnectionColumn).data().toString(),
                 labelOf(client));
    pane.showConnection(nullptr);
    QCOMPARE(filter->rowCount(), all);

    // By kind, from the menu: errors only.
    auto *kinds = pane.findChild<QToolButton *>(QStringLiteral("kindButton"));
    QVERIFY(kinds && kinds->menu());
    const QList<QAction *> actions = kinds->menu()->actions();
    const auto errorsOnly = std::find_if(actions.begin(), actions.end(), [](QAction *action) {
        return action->text() == QStringLiteral("Errors only");
    });
    QVERIFY(errorsOnly != actions.end());
    (*errorsOnly)->trigger();
    QCOMPARE(filter->kinds(), 1u << TimelineEvent::Error);
    QCOMPARE(kinds->text(), QStringLiteral("1 of 7 kinds"));
    QCOMPARE(filter->rowCount(), 1);
    QCOMPARE(filter->index(0, EventLogModel::WhatColumn).data().toString(),
             QStringLiteral("Error: refused"));

    // By text, typed, with the kinds back to all.
    actions.first()->trigger(); // state changes back on
    QCOMPARE(filter->kinds(), (1u << TimelineEvent::Error) | (1u << TimelineEvent::StateChanged));
    auto *edit = pane.findChild<QLineEdit *>(QStringLiteral("filterEdit"));
    // Its clear button comes with the first text (the icon theme costs start-up).
    QVERIFY(!edit->isClearButtonEnabled());
    QTest::keyClicks(edit, QStringLiteral("by the PEER"));
    QVERIFY(edit->isClearButtonEnabled());
    QCOMPARE(filter->text(), QString()); // not while typing
    QTRY_COMPARE(filter->text(), QStringLiteral("by the PEER"));
    QVERIFY(filter->rowCount() >= 2); // both ends became Established by the peer
    for (int row = 0; row < filter->rowCount(); ++row)
        QVERIFY(filter->index(row, EventLogModel::WhatColumn)
                    .data()
                    .toString()
                    .contains(QStringLiteral("by the peer")));

    pane.clearFilter();
    QVERIFY(!filter->isFiltering());
    QCOMPARE(combo->currentIndex(), 0);
    QVERIFY(edit->text().isEmpty());
    QCOMPARE(kinds->text(), QStringLiteral("All kinds"));
    QCOMPARE(filter->rowCount(), all);
}

void tst_EventLogPane::copiesRowsAsText()
{
    Workbench bench;
    EventLogPane pane(&bench);
    pane.resize(900, 400);
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    Connection *client = nullptr;
    Connection *server = nullptr;
    QVERIFY(openPair(bench, &client, &server));
    QTRY_VERIFY([&] {
        pane.refresh();
        return pane.filter()->rowCount() >= 4;
    }());

    // Ctrl+C on two rows picked out of order: whole rows, in table order.
    QTableView *table = pane.table();
    table->setFocus();
    QItemSelectionModel *selection = table->selectionModel();
    selection->select(pane.filter()->index(3, 0),
                      QItemSelectionModel::Select | QItemSelectionModel::Rows);
    selection->select(pane.filter()->index(1, 0),
                      QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QApplication::clipboard()->clear();
    QTest::keyClick(table, Qt::Key_C, Qt::ControlModifier);
    const QString copied = QApplication::clipboard()->text();
    QCOMPARE(copied, rowTexts(pane, {1, 3}).join(QLatin1Char('\n')));
    // Each line: time, connection, what happened, explanation.
    const QStringList cells = copied.split(QLatin1Char('\n')).first().split(QLatin1Char('\t'));
    QCOMPARE(cells.size(), 4);
    QVERIFY(!cells.at(3).isEmpty());

    // Copy all visible: what the filter lets through, nothing else.
    pane.showConnection(server);
    QList<int> visible;
    for (int row = 0; row < pane.filter()->rowCount(); ++row)
        visible.append(row);
    QVERIFY(!visible.isEmpty());
    pane.copyAllVisible();
    QCOMPARE(QApplication::clipboard()->text(), rowTexts(pane, visible).join(QLatin1Char('\n')));
    QVERIFY(!QApplication::clipboard()->text().contains(labelOf(client)));
}

void tst_EventLogPane::followsOnlyAtTheEnd()
{
    Workbench bench;
    EventLogPane pane(&bench);
    pane.resize(700, 200);
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    SocketErrorInfo error;
    QVERIFY(bench.listen(loopbackServer(), &error));
    // Pausing and resuming the accepts: two listener events a turn, fast.
    bool paused = false;
    auto burst = [&](int events) {
        const int target = pane.model()->rowCount() + events;
        for (int i = 0; i < events; ++i)
            bench.setAcceptingPaused(paused = !paused);
        return QTest::qWaitFor(
            [&] {
                pane.refresh();
                return pane.model()->rowCount() >= target;
            },
            5000);
    };
    QScrollBar *bar = pane.table()->verticalScrollBar();
    QVERIFY(pane.followLive());
    QVERIFY(burst(100));
    QVERIFY(bar->maximum() > 0);
    QCOMPARE(bar->value(), bar->maximum());
    QVERIFY(pane.isFollowing());

    // Scrolled up: new rows do not pull the view down.
    bar->setValue(0);
    QVERIFY(!pane.isFollowing());
    const int maximum = bar->maximum();
    QVERIFY(burst(40));
    QCoreApplication::processEvents();
    QVERIFY(bar->maximum() > maximum);
    QCOMPARE(bar->value(), 0);

    // Back at the end: following again.
    bar->setValue(bar->maximum());
    QVERIFY(pane.isFollowing());
    QVERIFY(burst(40));
    QCOMPARE(bar->value(), bar->maximum());

    // Toggled off: not even at the end.
    auto *follow = pane.findChild<QToolButton *>(QStringLiteral("followButton"));
    follow->click();
    QVERIFY(!pane.followLive());
    QVERIFY(!pane.isFollowing());
    QVERIFY(burst(40));
    QCoreApplication::processEvents();
    QVERIFY(bar->value() < bar->maximum());
    // And on again: straight to the end.
    follow->click();
    QCOMPARE(bar->value(), bar->maximum());
    QVERIFY(pane.isFollowing());
}

void tst_EventLogPane::doubleClickAndRemovedConnections()
{
    Workbench bench;
    EventLogPane pane(&bench);
    pane.resize(900, 400);
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    pane.setFollowLive(false);
    Connection *client = nullptr;
    Connection *server = nullptr;
    QVERIFY(openPair(bench, &client, &server));
    const QString label = labelOf(client);
    QTRY_VERIFY(findRow(pane, label, QStringLiteral("Established, by the peer")) >= 0);
    const int row = findRow(pane, label, QStringLiteral("Established, by the peer"));

    QSignalSpy activated(&pane, &EventLogPane::connectionActivated);
    QTableView *table = pane.table();
    const QModelIndex index = pane.filter()->mapFromSource(pane.model()->index(row, 2));
    table->scrollTo(index);
    const QPoint centre = table->visualRect(index).center();
    // A double click is a press, a release and a second press as a view sees it.
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, centre);
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, centre);
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.first().first().value<Connection *>(), client);

    // Removed: the rows stay, the pointer goes.
    bench.close(client);
    QTRY_VERIFY(isFinalState(client->state()) && isFinalState(server->state()));
    const int before = [&] {
        pane.refresh();
        return pane.model()->rowCount();
    }();
    auto *combo = pane.findChild<QComboBox *>(QStringLiteral("connectionCombo"));
    QVERIFY(combo);
    QCOMPARE(combo->count(), 2 + 2); // all, listener, both ends
    combo->setCurrentIndex(combo->findText(label));
    QCOMPARE(bench.removeFinished(), 2);
    // The combo lets removed connections go, but for the one it shows; once
    // another is picked, that one goes too (a churning server's would pile up).
    QCOMPARE(combo->count(), 2 + 1);
    QCOMPARE(combo->currentText(), label);
    combo->setCurrentIndex(0);
    QCOMPARE(combo->count(), 2);
    QVERIFY(pane.model()->rowCount() >= before);
    QVERIFY(!pane.model()->isAttached(pane.model()->source(row)));
    QCOMPARE(pane.model()->cellText(row, EventLogModel::ConnectionColumn), label);
    pane.refresh();
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, centre);
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, centre);
    QCOMPARE(activated.count(), 1);
    // Listener rows belong to no connection.
    QVERIFY(findRow(pane, QStringLiteral("listener"), QStringLiteral("Listening")) >= 0);
}

void tst_EventLogPane::oldestRowsGoAndTheViewStays()
{
    Workbench bench;
    EventLogPane pane(&bench);
    pane.resize(700, 300);
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    EventLogModel *model = pane.model();
    model->setRowLimit(200);
    // A hand-made timeline: rows by the hundred without as many connections.
    Timeline timeline;
    model->addSource(&timeline, QStringLiteral("client #1"));
    auto record = [&timeline](int count) {
        for (int i = 0; i < count; ++i) {
            TimelineEvent event;
            event.type = TimelineEvent::StateChanged;
            event.state = ConnectionState::Established;
            event.cause = StateCause::Peer;
            event.timeNs = 1000 + timeline.count();
            timeline.append(event);
        }
    };
    auto *label = pane.findChild<QLabel *>(QStringLiteral("droppedLabel"));
    QVERIFY(label);
    record(150);
    pane.refresh();
    QCOMPARE(model->rowCount(), 150);
    QVERIFY(label->isHidden());

    // Reading older rows, one of them selected, while 100 more come.
    QTableView *view = pane.table();
    view->scrollTo(pane.filter()->index(100, 0), QAbstractItemView::PositionAtTop);
    QVERIFY(!pane.isFollowing());
    auto timeAt = [](const QModelIndex &index) {
        return index.data(EventLogModel::TimeNsRole).toLongLong();
    };
    const qint64 topTime = timeAt(view->indexAt(QPoint(0, 0)));
    QCOMPARE(topTime, 1100);
    view->selectRow(110);
    record(100);
    pane.refresh();
    QCOMPARE(model->rowCount(), 200);
    QCOMPARE(model->droppedCount(), 50);
    QCOMPARE(timeAt(pane.filter()->index(0, 0)), 1050);
    QCOMPARE(timeAt(view->indexAt(QPoint(0, 0))), topTime);
    const QModelIndexList selected = view->selectionModel()->selectedRows();
    QCOMPARE(selected.size(), 1);
    QCOMPARE(timeAt(selected.first()), 1110);
    QVERIFY(label->isVisible());
    QCOMPARE(label->text(),
             QStringLiteral("50 older events left this log, which keeps the newest 200; the "
                            "connections still listed keep all of theirs, in the timeline."));

    // The row at the top goes too: the oldest left takes its place.
    record(120);
    pane.refresh();
    QCOMPARE(model->droppedCount(), 170);
    QCOMPARE(timeAt(view->indexAt(QPoint(0, 0))), 1170);
    QVERIFY(view->selectionModel()->selectedRows().isEmpty());

    // Following at the end: the newest row stays in view.
    pane.setFollowLive(true);
    QVERIFY(pane.isFollowing());
    record(30);
    pane.refresh();
    QVERIFY(pane.isFollowing());
    const QModelIndex last = pane.filter()->index(pane.filter()->rowCount() - 1, 0);
    QCOMPARE(timeAt(last), 1000 + 399);
    QVERIFY(view->viewport()->rect().intersects(view->visualRect(last)));
}

QTEST_MAIN(tst_EventLogPane)
#include "tst_eventlogpane.moc"
