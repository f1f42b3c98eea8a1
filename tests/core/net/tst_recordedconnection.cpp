// SPDX-License-Identifier: GPL-3.0-or-later
// A connection read back from a file: its channels, timeline and state are
// what the loader gave it, it decodes as a live one does, and it neither
// samples the kernel nor runs a timer.
#include "net/recordedconnection.h"

#include <QSignalSpy>
#include <QTest>

using namespace TcpInspector;

class tst_RecordedConnection : public QObject
{
    Q_OBJECT

private slots:
    void restoresTheRecording();
    void framingChangesDecodeAgain();
    void staysQuiet();
};

namespace {
ConnectionOptions recordedOptions()
{
    ConnectionOptions options;
    options.engine = EngineKind::Native;
    options.rxFraming = QStringLiteral("line");
    // What the live run had: the recording must not start any of these.
    options.kernelSampleMs = 5;
    options.idleTimeoutMs = 20;
    options.writeStallMs = 20;
    return options;
}

TimelineEvent stateEvent(qint64 timeNs, ConnectionState state)
{
    TimelineEvent event;
    event.type = TimelineEvent::StateChanged;
    event.timeNs = timeNs;
    event.state = state;
    return event;
}
} // namespace

void tst_RecordedConnection::restoresTheRecording()
{
    RecordedConnection connection(Connection::Side::Client, 7, recordedOptions());
    QVERIFY(connection.isRecorded());
    connection.addEvent(stateEvent(1000, ConnectionState::Connecting));
    connection.addEvent(stateEvent(2000, ConnectionState::Established));
    QCOMPARE(connection.addChunk(Direction::Tx, "PING\n", 5, 3000), qint64(5));
    QCOMPARE(connection.addChunk(Direction::Rx, "PO", 2, 4000), qint64(2));
    QCOMPARE(connection.addChunk(Direction::Rx, "NG\nte", 5, 5000), qint64(5));
    connection.addDropped(Direction::Rx, 100, 1);
    connection.finishDirection(Direction::Rx, 6000);
    connection.addEvent(stateEvent(7000, ConnectionState::Reset));
    connection.finishLoading(ConnectionState::Reset, QStringLiteral("127.0.0.1:4000"),
                             QStringLiteral("127.0.0.1:80"), 12, 3);

    QCOMPARE(connection.id(), quint64(7));
    QCOMPARE(connection.side(), Connection::Side::Client);
    QCOMPARE(connection.engine(), EngineKind::Native);
    QCOMPARE(connection.state(), ConnectionState::Reset);
    QCOMPARE(connection.localAddress(), QStringLiteral("127.0.0.1:4000"));
    QCOMPARE(connection.peerAddress(), QStringLiteral("127.0.0.1:80"));
    QCOMPARE(connection.discardedBytes(), qint64(12));
    QCOMPARE(connection.discardedFromTx(), qint64(3));
    QCOMPARE(connection.sentBytes(), qint64(2));

    const StreamStore &rx = connection.rx().store();
    QCOMPARE(rx.size(), qint64(7));
    QCOMPARE(rx.chunkCount(), qint64(2));
    QCOMPARE(rx.chunk(1).offset, qint64(2));
    QCOMPARE(rx.chunk(1).timestampNs, qint64(5000));
    QCOMPARE(rx.read(0, 7), QByteArray("PONG\nte"));
    QCOMPARE(rx.droppedBytes(), qint64(100));
    QCOMPARE(rx.droppedChunks(), qint64(1));
    QCOMPARE(connection.rx().finishedAtNs(), qint64(6000));
    QCOMPARE(connection.tx().finishedAtNs(), qint64(-1));
    // Decoded as it was live: one line and the unfinished tail.
    QCOMPARE(connection.rx().framing(), QStringLiteral("line"));
    QCOMPARE(connection.rx().frameCount(), qint64(1));
    QCOMPARE(connection.rx().frame(0).length, qint64(5));

    QCOMPARE(connection.timeline().count(), qint64(3));
    QCOMPARE(connection.timeline().at(2).timeNs, qint64(7000));
    QCOMPARE(connection.timeline().at(2).state, ConnectionState::Reset);
    QCOMPARE(connection.optionsSnapshot().idleTimeoutMs, 20);
}

void tst_RecordedConnection::framingChangesDecodeAgain()
{
    RecordedConnection connection(Connection::Side::Server, 1, recordedOptions());
    connection.addChunk(Direction::Rx, "a\nb\nc", 5, 10);
    QCOMPARE(connection.rx().frameCount(), qint64(2));
    QString error;
    QVERIFY2(connection.setFraming(Direction::Rx, QStringLiteral("fixed:len=1"), &error),
             qPrintable(error));
    QCOMPARE(connection.rx().frameCount(), qint64(5));
    QVERIFY(!connection.setFraming(Direction::Rx, QStringLiteral("no-such-framing"), &error));
    QVERIFY(!error.isEmpty());
}

void tst_RecordedConnection::staysQuiet()
{
    RecordedConnection connection(Connection::Side::Client, 2, recordedOptions());
    QSignalSpy events(&connection, &Connection::eventRecorded);
    QSignalSpy states(&connection, &Connection::stateChanged);
    // Filling it says so, as a live connection would (a replay is watched).
    connection.addEvent(stateEvent(1, ConnectionState::Established));
    connection.finishLoading(ConnectionState::Established, QString(), QString(), 0, 0);
    QCOMPARE(events.count(), 1);
    QCOMPARE(states.count(), 1);
    events.clear();
    states.clear();
    // Actions on a recording do nothing, and no idle timeout, write stall or
    // kernel sample fires: the timeline keeps what the file said.
    connection.send("more");
    connection.halfClose();
    connection.close();
    QTest::qWait(80);
    QCOMPARE(connection.timeline().count(), qint64(1));
    QCOMPARE(connection.tx().store().size(), qint64(0));
    QCOMPARE(connection.state(), ConnectionState::Established);
    QCOMPARE(states.count(), 0);
    QCOMPARE(events.count(), 0);
}

QTEST_GUILESS_MAIN(tst_RecordedConnection)
#include "tst_recordedconnection.moc"
