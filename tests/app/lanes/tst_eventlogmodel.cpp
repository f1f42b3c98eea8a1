// SPDX-License-Identifier: GPL-3.0-or-later
// The event log's model and filter over hand-made timelines: incremental
// pulls in time order, the words of each row, detaching, filters, and what a
// refresh costs with thousands of sources; the row limit that lets the
// oldest rows go, counted, with filter and persistent indexes kept right.
#include "lanes/eventlogfiltermodel.h"
#include "lanes/eventlogmodel.h"
#include "net/socketerror.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

#include <cerrno>
#include <deque>

using namespace TcpInspector;

class tst_EventLogModel : public QObject
{
    Q_OBJECT

private slots:
    void pullsOnlyWhatIsNewInTimeOrder();
    void rowWords_data();
    void rowWords();
    void timeIsWallClockToTheMicrosecond();
    void detachedSourceKeepsItsRows();
    void filterBySourceKindAndText();
    void filterChecksNewRowsAsTheyCome();
    void refreshStaysCheapWithThousandsOfSources();
    void keepsTheNewestRows_data();
    void keepsTheNewestRows();
    void oldestRowsGoAsRemovedRows();
    void lowerLimitDropsAtOnce();
    void trimmingAtTheLimitStaysCheap();
    void churningSourcesAreReusedOnceTheirRowsGo();
    void pinnedSourceIsNotReused();
};

namespace {

TimelineEvent stateEvent(ConnectionState state, StateCause cause, qint64 timeNs)
{
    TimelineEvent event;
    event.type = TimelineEvent::StateChanged;
    event.state = state;
    event.cause = cause;
    event.timeNs = timeNs;
    return event;
}

TimelineEvent errorEvent(int sysErrno, SocketOperation operation, qint64 timeNs)
{
    const SocketErrorInfo info = explainErrno(sysErrno, operation);
    TimelineEvent event;
    event.type = TimelineEvent::Error;
    event.code = info.code;
    event.sysErrno = info.sysErrno;
    event.message = info.message;
    event.explanation = info.explanation;
    event.timeNs = timeNs;
    return event;
}

TimelineEvent noteEvent(const QString &code, const QString &text, qint64 timeNs)
{
    TimelineEvent event;
    event.type = TimelineEvent::Note;
    event.code = code;
    event.text = text;
    event.timeNs = timeNs;
    return event;
}

QString cell(const EventLogModel &model, int row, int column)
{
    return model.index(row, column).data().toString();
}

} // namespace

void tst_EventLogModel::pullsOnlyWhatIsNewInTimeOrder()
{
    EventLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    Timeline a;
    Timeline b;
    QCOMPARE(model.addSource(&a, QStringLiteral("client #1")), 0);
    QCOMPARE(model.addSource(&b, QStringLiteral("server #2")), 1);
    QCOMPARE(model.refresh(), 0);

    a.append(stateEvent(ConnectionState::Connecting, StateCause::User, 100));
    b.append(stateEvent(ConnectionState::Established, StateCause::Peer, 150));
    a.append(stateEvent(ConnectionState::Established, StateCause::Peer, 200));
    QCOMPARE(model.refresh(), 3);
    QCOMPARE(model.rowCount(), 3);
    // Interleaved by time, not by source.
    QCOMPARE(model.source(0), 0);
    QCOMPARE(model.source(1), 1);
    QCOMPARE(model.source(2), 0);
    QCOMPARE(cell(model, 1, EventLogModel::ConnectionColumn), QStringLiteral("server #2"));
    QCOMPARE(model.index(2, 0).data(EventLogModel::TimeNsRole).toLongLong(), 200);

    // Nothing new: nothing announced.
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QCOMPARE(model.refresh(), 0);
    QCOMPARE(inserted.count(), 0);

    b.append(errorEvent(ECONNRESET, SocketOperation::Read, 300));
    QCOMPARE(model.refresh(), 1);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 3);
    QCOMPARE(inserted.at(0).at(2).toInt(), 3);
    QCOMPARE(model.event(3).code, QStringLiteral("reset"));
}

void tst_EventLogModel::rowWords_data()
{
    QTest::addColumn<TimelineEvent>("event");
    QTest::addColumn<QString>("what");
    QTest::addColumn<QString>("explanation");
    QTest::addColumn<int>("severity");

    const SocketErrorInfo refused = explainErrno(ECONNREFUSED, SocketOperation::Connect);
    QTest::newRow("refused") << errorEvent(ECONNREFUSED, SocketOperation::Connect, 1)
                             << "Error: refused" << refused.message + ": " + refused.explanation
                             << int(EventLogModel::Error);
    const SocketErrorInfo reset = explainErrno(ECONNRESET, SocketOperation::Read);
    QTest::newRow("reset") << errorEvent(ECONNRESET, SocketOperation::Read, 1) << "RST received"
                           << reset.message + ": " + reset.explanation << int(EventLogModel::Error);
    QTest::newRow("peer reset state")
        << stateEvent(ConnectionState::Reset, StateCause::Peer, 1) << "Reset, by the peer"
        << "Ended by an RST: unsent and unread bytes were thrown away."
        << int(EventLogModel::Error);
    // A reset we asked for is no error.
    TimelineEvent ours = stateEvent(ConnectionState::Reset, StateCause::User, 1);
    ours.text = QStringLiteral("RST sent (SO_LINGER 0).");
    QTest::newRow("our reset") << ours << "Reset, by us"
                               << "RST sent (SO_LINGER 0)." << int(EventLogModel::Normal);
    QTest::newRow("failed") << stateEvent(ConnectionState::Failed, StateCause::Error, 1)
                            << "Failed, by an error"
                            << "Never established: refused, timed out or unreachable."
                            << int(EventLogModel::Error);
    QTest::newRow("qt closed")
        << stateEvent(ConnectionState::Closed, StateCause::Engine, 1)
        << "Qt closed the socket after EOF"
        << "Closed: the kernel may still keep the connection for a while (TIME_WAIT)."
        << int(EventLogModel::Normal);
    QTest::newRow("half-closed") << stateEvent(ConnectionState::RemoteHalfClosed, StateCause::Peer,
                                               1)
                                 << "Half-closed by peer"
                                 << "The peer sent FIN: it sends nothing more, and we may still "
                                    "write."
                                 << int(EventLogModel::Normal);
    TimelineEvent fin;
    fin.type = TimelineEvent::HalfClosed;
    fin.direction = Direction::Tx;
    fin.text = QStringLiteral("FIN sent (shutdown SHUT_WR).");
    QTest::newRow("fin") << fin << "FIN sent"
                         << "FIN sent (shutdown SHUT_WR)." << int(EventLogModel::Normal);
    TimelineEvent idle;
    idle.type = TimelineEvent::Timeout;
    idle.timeout = TimeoutKind::Idle;
    idle.text = QStringLiteral("Nothing read for 150 ms.");
    QTest::newRow("idle") << idle << "Idle timeout"
                          << "Nothing read for 150 ms." << int(EventLogModel::Warning);
    TimelineEvent kernel;
    kernel.type = TimelineEvent::Kernel;
    kernel.kernel.state = KernelState::TimeWait;
    QTest::newRow("kernel") << kernel << "Kernel: TIME_WAIT"
                            << "We closed first: the kernel keeps the connection for 60 s so "
                               "that late segments die out, and this port pair cannot be used "
                               "again meanwhile."
                            << int(EventLogModel::Normal);
    QTest::newRow("listening") << noteEvent("listening", "Listening on 127.0.0.1:1.", 1)
                               << "Listening"
                               << "Listening on 127.0.0.1:1." << int(EventLogModel::Normal);
    QTest::newRow("note") << noteEvent(QString(), "Reading resumed.", 1) << "Note"
                          << "Reading resumed." << int(EventLogModel::Normal);
}

void tst_EventLogModel::rowWords()
{
    QFETCH(TimelineEvent, event);
    QFETCH(QString, what);
    QFETCH(QString, explanation);
    QFETCH(int, severity);
    EventLogModel model;
    Timeline timeline;
    model.addSource(&timeline, QStringLiteral("client #7"));
    timeline.append(event);
    QCOMPARE(model.refresh(), 1);
    QCOMPARE(cell(model, 0, EventLogModel::WhatColumn), what);
    QCOMPARE(cell(model, 0, EventLogModel::ExplanationColumn), explanation);
    QCOMPARE(model.index(0, 0).data(EventLogModel::SeverityRole).toInt(), severity);
    QCOMPARE(model.index(0, 0).data(EventLogModel::KindRole).toInt(), int(event.type));
    QCOMPARE(model.rowText(0), cell(model, 0, EventLogModel::TimeColumn) + "\tclient #7\t" + what
                                   + '\t' + explanation);
}

void tst_EventLogModel::timeIsWallClockToTheMicrosecond()
{
    EventLogModel model;
    Timeline timeline;
    model.addSource(&timeline, QStringLiteral("listener"));
    const QTime before = QTime::currentTime();
    const qint64 now = monotonicNs();
    timeline.append(noteEvent(QString(), QStringLiteral("a"), now));
    timeline.append(noteEvent(QString(), QStringLiteral("b"), now + 1500)); // 1.5 µs later
    timeline.append(noteEvent(QString(), QStringLiteral("c"), 1));          // older than the model
    model.refresh();
    const QRegularExpression form(QStringLiteral("^\\d\\d:\\d\\d:\\d\\d\\.\\d{6}$"));
    for (int row = 0; row < 3; ++row)
        QVERIFY2(form.match(cell(model, row, 0)).hasMatch(), qPrintable(cell(model, row, 0)));
    // Sorted by time: "c" first. "a" and "b" differ in their last digit.
    QCOMPARE(model.event(0).text, QStringLiteral("c"));
    const QString a = cell(model, 1, 0);
    const QString b = cell(model, 2, 0);
    // Same form, so the later time sorts later as text too.
    QVERIFY2(b > a, qPrintable(a + " " + b));
    const QTime shown = QTime::fromString(a.left(12), QStringLiteral("HH:mm:ss.zzz"));
    QVERIFY(qAbs(before.msecsTo(shown)) < 2000);
}

void tst_EventLogModel::detachedSourceKeepsItsRows()
{
    EventLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // A timeline that dies after detaching, as a removed connection's does.
    auto timeline = std::make_unique<Timeline>();
    const int source = model.addSource(timeline.get(), QStringLiteral("client #1"));
    timeline->append(stateEvent(ConnectionState::Connecting, StateCause::User, 10));
    QCOMPARE(model.refresh(), 1);
    // Recorded after the last refresh: detaching takes it in.
    timeline->append(stateEvent(ConnectionState::Closed, StateCause::User, 20));
    model.detachSource(source);
    QVERIFY(!model.isAttached(source));
    QCOMPARE(model.rowCount(), 2);
    timeline.reset();
    QCOMPARE(model.refresh(), 0);
    QCOMPARE(cell(model, 1, EventLogModel::WhatColumn), QStringLiteral("Closed, by us"));
    QCOMPARE(cell(model, 1, EventLogModel::ConnectionColumn), QStringLiteral("client #1"));
    model.detachSource(source); // twice: nothing happens
    QCOMPARE(model.rowCount(), 2);
}

void tst_EventLogModel::filterBySourceKindAndText()
{
    EventLogModel model;
    Timeline a;
    Timeline b;
    model.addSource(&a, QStringLiteral("client #1"));
    model.addSource(&b, QStringLiteral("server #2"));
    a.append(stateEvent(ConnectionState::Connecting, StateCause::User, 1));
    a.append(errorEvent(ECONNREFUSED, SocketOperation::Connect, 2));
    a.append(stateEvent(ConnectionState::Failed, StateCause::Error, 3));
    b.append(stateEvent(ConnectionState::Established, StateCause::Peer, 4));
    b.append(errorEvent(ECONNRESET, SocketOperation::Read, 5));
    model.refresh();

    EventLogFilterModel filter;
    QAbstractItemModelTester tester(&filter,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    filter.setLog(&model);
    QCOMPARE(filter.rowCount(), 5);
    QVERIFY(!filter.isFiltering());

    filter.setSourceFilter(1);
    QCOMPARE(filter.rowCount(), 2);
    QCOMPARE(filter.index(0, 1).data().toString(), QStringLiteral("server #2"));

    filter.setSourceFilter(-1);
    filter.setKinds(1u << TimelineEvent::Error);
    QCOMPARE(filter.rowCount(), 2);
    QCOMPARE(filter.index(0, 2).data().toString(), QStringLiteral("Error: refused"));
    QCOMPARE(filter.index(1, 2).data().toString(), QStringLiteral("RST received"));

    // The text is looked for in the explanation too, case aside.
    filter.setKinds(EventLogModel::allKinds);
    filter.setText(QStringLiteral("NOTHING LISTENS"));
    QCOMPARE(filter.rowCount(), 1);
    QCOMPARE(filter.index(0, 2).data().toString(), QStringLiteral("Error: refused"));
    filter.setText(QStringLiteral("server #"));
    QCOMPARE(filter.rowCount(), 2);

    filter.setSourceFilter(0);
    QCOMPARE(filter.rowCount(), 0);
    QVERIFY(filter.isFiltering());
    filter.clearFilter();
    QVERIFY(!filter.isFiltering());
    QCOMPARE(filter.rowCount(), 5);
}

void tst_EventLogModel::filterChecksNewRowsAsTheyCome()
{
    EventLogModel model;
    Timeline a;
    model.addSource(&a, QStringLiteral("client #1"));
    EventLogFilterModel filter;
    QAbstractItemModelTester tester(&filter,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    filter.setLog(&model);
    filter.setKinds(1u << TimelineEvent::Error);
    a.append(stateEvent(ConnectionState::Connecting, StateCause::User, 1));
    model.refresh();
    QCOMPARE(filter.rowCount(), 0);
    a.append(errorEvent(ECONNREFUSED, SocketOperation::Connect, 2));
    a.append(stateEvent(ConnectionState::Failed, StateCause::Error, 3));
    model.refresh();
    QCOMPARE(filter.rowCount(), 1);
    QCOMPARE(filter.mapToSource(filter.index(0, 0)).row(), 1);
}

void tst_EventLogModel::refreshStaysCheapWithThousandsOfSources()
{
    // 10,000 connections with 6 events each: what a stress run leaves.
    constexpr int sources = 10000;
    constexpr int perSource = 6;
    EventLogModel model;
    std::deque<Timeline> timelines(sources);
    for (int i = 0; i < sources; ++i)
        model.addSource(&timelines[size_t(i)], QStringLiteral("client #%1").arg(i + 1));
    for (int e = 0; e < perSource; ++e) {
        for (int i = 0; i < sources; ++i)
            timelines[size_t(i)].append(
                stateEvent(ConnectionState::Established, StateCause::Peer, e * sources + i));
    }
    QElapsedTimer timer;
    timer.start();
    QCOMPARE(model.refresh(), sources * perSource);
    const qint64 firstNs = timer.nsecsElapsed();

    // The steady state: nothing new anywhere, every 33 ms.
    constexpr int rounds = 20;
    timer.restart();
    for (int i = 0; i < rounds; ++i)
        QCOMPARE(model.refresh(), 0);
    const qint64 idleNs = timer.nsecsElapsed() / rounds;

    // One new event among them all.
    timelines[size_t(sources / 2)].append(
        errorEvent(ECONNRESET, SocketOperation::Read, perSource * sources));
    timer.restart();
    QCOMPARE(model.refresh(), 1);
    const qint64 oneNs = timer.nsecsElapsed();
    QCOMPARE(model.rowCount(), sources * perSource + 1);
    QCOMPARE(model.source(model.rowCount() - 1), sources / 2);
    qInfo("first refresh of %d rows: %.1f ms; idle refresh over %d sources: %.3f ms; "
          "one new event: %.3f ms; %d bytes per row and its strings",
          sources * perSource, firstNs / 1e6, sources, idleNs / 1e6, oneNs / 1e6,
          int(sizeof(TimelineEvent) + sizeof(int) * 2));
    // Far above what it takes (well under 1 ms idle on an idle machine), so
    // only a cost that grows with the rows, not the sources, would fail it.
    QVERIFY2(idleNs < 30 * 1000 * 1000, "an idle refresh takes longer than a frame");
}

void tst_EventLogModel::keepsTheNewestRows_data()
{
    QTest::addColumn<int>("limit");
    QTest::addColumn<QList<int>>("batches"); // events recorded before each refresh

    QTest::newRow("under the limit") << 10 << QList<int> {3, 4};
    QTest::newRow("exactly the limit") << 7 << QList<int> {3, 4};
    QTest::newRow("one over") << 6 << QList<int> {3, 4};
    QTest::newRow("many small batches") << 5 << QList<int> {1, 2, 3, 1, 4, 2, 6};
    QTest::newRow("a batch larger than the limit") << 4 << QList<int> {2, 9, 1};
    QTest::newRow("a batch larger than the limit, first") << 3 << QList<int> {8, 2};
    QTest::newRow("limit of one") << 1 << QList<int> {1, 3, 2};
}

void tst_EventLogModel::keepsTheNewestRows()
{
    QFETCH(int, limit);
    QFETCH(QList<int>, batches);
    EventLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowLimit(), EventLogModel::defaultRowLimit);
    model.setRowLimit(limit);
    QCOMPARE(model.rowLimit(), limit);
    // Two sources, interleaved in time: the log keeps the newest by time
    // within each refresh, and every refresh comes after the one before.
    Timeline a;
    Timeline b;
    model.addSource(&a, QStringLiteral("client #1"));
    model.addSource(&b, QStringLiteral("server #2"));
    qint64 recorded = 0;
    for (int batch : std::as_const(batches)) {
        for (int i = 0; i < batch; ++i, ++recorded)
            (recorded % 2 ? b : a)
                .append(stateEvent(ConnectionState::Established, StateCause::Peer, recorded));
        QCOMPARE(model.refresh(), batch);
        const qint64 kept = std::min<qint64>(recorded, limit);
        QCOMPARE(model.rowCount(), int(kept));
        QCOMPARE(model.droppedCount(), recorded - kept);
        for (int row = 0; row < model.rowCount(); ++row) {
            const qint64 timeNs = recorded - kept + row;
            QCOMPARE(model.event(row).timeNs, timeNs);
            QCOMPARE(model.source(row), int(timeNs % 2));
        }
    }
}

void tst_EventLogModel::oldestRowsGoAsRemovedRows()
{
    EventLogModel model;
    model.setRowLimit(6);
    Timeline a;
    model.addSource(&a, QStringLiteral("client #1"));
    // Errors at even times: the filter shows half the rows.
    auto record = [&a](qint64 from, qint64 to) {
        for (qint64 t = from; t < to; ++t) {
            if (t % 2 == 0)
                a.append(errorEvent(ECONNRESET, SocketOperation::Read, t));
            else
                a.append(stateEvent(ConnectionState::Established, StateCause::Peer, t));
        }
    };
    record(0, 5);
    model.refresh();
    EventLogFilterModel filter;
    QAbstractItemModelTester tester(&filter,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    filter.setLog(&model);
    filter.setKinds(1u << TimelineEvent::Error);
    QCOMPARE(filter.rowCount(), 3); // 0, 2, 4
    // What a selection holds: the row of time 4, in the log and in the filter.
    const QPersistentModelIndex row4(model.index(4, EventLogModel::WhatColumn));
    const QPersistentModelIndex shown4(filter.index(2, 0));
    const QPersistentModelIndex row0(model.index(0, 0));

    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    record(5, 8); // 8 recorded, 6 kept: times 0 and 1 go
    QCOMPARE(model.refresh(), 3);
    // Room first, then the new rows: never more than the limit held.
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 0);
    QCOMPARE(removed.at(0).at(2).toInt(), 1);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 3);
    QCOMPARE(inserted.at(0).at(2).toInt(), 5);
    QCOMPARE(model.droppedCount(), 2);

    QVERIFY(!row0.isValid());
    QCOMPARE(row4.row(), 2);
    QCOMPARE(row4.data(EventLogModel::TimeNsRole).toLongLong(), 4);
    QCOMPARE(shown4.row(), 1);
    QCOMPARE(filter.mapToSource(shown4).row(), 2);
    // The filter holds the errors that are left, and the new one, in order.
    QCOMPARE(filter.rowCount(), 3); // 2, 4, 6
    for (int row = 0; row < filter.rowCount(); ++row)
        QCOMPARE(filter.index(row, 0).data(EventLogModel::TimeNsRole).toLongLong(), 2 + 2 * row);

    // A changed filter sees only what the log still holds.
    filter.setKinds(EventLogModel::allKinds);
    QCOMPARE(filter.rowCount(), 6);
    QCOMPARE(filter.index(0, 0).data(EventLogModel::TimeNsRole).toLongLong(), 2);
}

void tst_EventLogModel::lowerLimitDropsAtOnce()
{
    EventLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    Timeline a;
    model.addSource(&a, QStringLiteral("client #1"));
    for (qint64 t = 0; t < 10; ++t)
        a.append(stateEvent(ConnectionState::Established, StateCause::Peer, t));
    QCOMPARE(model.refresh(), 10);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    model.setRowLimit(4);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.droppedCount(), 6);
    QCOMPARE(model.event(0).timeNs, 6);
    model.setRowLimit(20); // a higher limit brings nothing back
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(removed.count(), 1);
    model.setRowLimit(0); // at least one row
    QCOMPARE(model.rowLimit(), 1);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.event(0).timeNs, 9);
    QCOMPARE(model.droppedCount(), 9);
}

void tst_EventLogModel::trimmingAtTheLimitStaysCheap()
{
    // The default limit reached, a filter over it as the pane has one, then
    // the steady state of a busy server: a few new events at every refresh.
    EventLogModel model;
    Timeline a;
    model.addSource(&a, QStringLiteral("client #1"));
    const int limit = EventLogModel::defaultRowLimit;
    for (qint64 t = 0; t < limit; ++t)
        a.append(stateEvent(ConnectionState::Established, StateCause::Peer, t));
    QCOMPARE(model.refresh(), limit);
    EventLogFilterModel filter;
    filter.setLog(&model);
    QCOMPARE(filter.rowCount(), limit);

    constexpr int rounds = 20;
    constexpr int perRound = 50;
    QElapsedTimer timer;
    timer.start();
    for (int round = 0; round < rounds; ++round) {
        for (int i = 0; i < perRound; ++i)
            a.append(errorEvent(ECONNRESET, SocketOperation::Read, a.count()));
        QCOMPARE(model.refresh(), perRound);
    }
    const qint64 perRefreshNs = timer.nsecsElapsed() / rounds;
    QCOMPARE(model.rowCount(), limit);
    QCOMPARE(model.droppedCount(), qint64(rounds) * perRound);
    QCOMPARE(filter.rowCount(), limit);
    QCOMPARE(filter.index(limit - 1, 0).data(EventLogModel::TimeNsRole).toLongLong(),
             a.count() - 1);
    qInfo("at the limit of %d rows, with a filter: %.3f ms per refresh of %d new rows", limit,
          perRefreshNs / 1e6, perRound);
    // Far above what it takes; a cost that grew with each round would fail it.
    QVERIFY2(perRefreshNs < 30 * 1000 * 1000, "a refresh at the limit takes longer than a frame");
}

QTEST_GUILESS_MAIN(tst_EventLogModel)
void tst_EventLogModel::churningSourcesAreReusedOnceTheirRowsGo()
{
    // bench/soak: a server that churns through connections grew one source
    // (and its label) per connection ever seen, some 300 bytes a cycle.
    EventLogModel model;
    model.setRowLimit(10);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (int i = 0; i < 1000; ++i) {
        auto timeline = std::make_unique<Timeline>();
        const QString label = QStringLiteral("server #%1").arg(i + 1);
        const int source = model.addSource(timeline.get(), label);
        timeline->append(stateEvent(ConnectionState::Established, StateCause::Peer, 2 * i));
        timeline->append(stateEvent(ConnectionState::Closed, StateCause::Peer, 2 * i + 1));
        model.refresh();
        model.detachSource(source);
        // Every row still names its own connection, whatever number it got.
        QCOMPARE(cell(model, model.rowCount() - 1, EventLogModel::ConnectionColumn), label);
    }
    QCOMPARE(model.rowCount(), 10);
    // Ten rows of five connections, and a free number or two.
    QVERIFY2(model.sourceCount() <= 8, qPrintable(QString::number(model.sourceCount())));
    QCOMPARE(cell(model, 0, EventLogModel::ConnectionColumn), QStringLiteral("server #996"));
    QCOMPARE(cell(model, 9, EventLogModel::ConnectionColumn), QStringLiteral("server #1000"));
    for (int row = 0; row < model.rowCount(); ++row)
        QVERIFY(model.isInUse(model.source(row)));
}

void tst_EventLogModel::pinnedSourceIsNotReused()
{
    EventLogModel model;
    model.setRowLimit(2);
    auto first = std::make_unique<Timeline>();
    const int pinned = model.addSource(first.get(), QStringLiteral("client #1"));
    first->append(stateEvent(ConnectionState::Established, StateCause::Peer, 1));
    model.refresh();
    model.detachSource(pinned);
    first.reset();
    model.pinSource(pinned); // a filter shows it
    Timeline other;
    const int second = model.addSource(&other, QStringLiteral("client #2"));
    QVERIFY(second != pinned);
    other.append(stateEvent(ConnectionState::Established, StateCause::Peer, 2));
    other.append(stateEvent(ConnectionState::Closed, StateCause::Peer, 3));
    model.refresh(); // client #1's row goes: pinned, its number stays its own
    QVERIFY(!model.isInUse(pinned));
    Timeline third;
    QVERIFY(model.addSource(&third, QStringLiteral("client #3")) != pinned);
    model.pinSource(-1);
    Timeline fourth;
    QCOMPARE(model.addSource(&fourth, QStringLiteral("client #4")), pinned);
}

#include "tst_eventlogmodel.moc"
