// SPDX-License-Identifier: GPL-3.0-or-later
// Which state segments, marks and kernel segments a lane builds from the
// timelines of real loopback connections (half-close, Qt's close after EOF,
// connect timeout, reset, broken pipe), and from recorded events.
#include "lanes/connectionlanesource.h"
#include "lanes/recordedlanesource.h"
#include "lanes/timelinelane.h"
#include "lanes/timelinetext.h"
#include "net/clientendpoint.h"
#include "net/connection.h"
#include "net/serverendpoint.h"
#include "shared/fullbacklog.h"

#include <QTest>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace TcpInspector;

class tst_TimelineLane : public QObject
{
    Q_OBJECT

private slots:
    void nativeHalfCloseThenReply();
    void qtClosesAfterEof();
    void connectTimeout();
    void resetSentAndReceived();
    void brokenPipe();
    void idleTimeout();
    void recordedEventsAndLookups();
    void incrementalUpdates();
    void textsAreThere();
};

namespace {

HostPort address(const QString &text, HostPort::Use use)
{
    return *HostPort::parse(text, use, nullptr);
}

// A server that echoes delayMs after each read; after EOF it answers what it
// owes, then closes (the qt engine cannot: Qt has closed already).
ServerOptions serverWith(EngineKind engine, int delayMs = 0)
{
    ServerOptions options;
    options.address = address(QStringLiteral("127.0.0.1:0"), HostPort::Use::Listen);
    options.reply.kind = ReplyPolicy::Kind::Echo;
    options.reply.delayMs = delayMs;
    options.connection.engine = engine;
    options.connection.kernelSampleMs = 5;
    return options;
}

ClientOptions clientWith(EngineKind engine, const HostPort &target)
{
    ClientOptions options;
    options.target = target;
    options.connectTimeoutMs = 5000;
    options.connection.engine = engine;
    options.connection.kernelSampleMs = 5;
    return options;
}

QString word(MarkKind kind)
{
    static const char *const words[] = {"connect",
                                        "accepted",
                                        "connected",
                                        "fin",
                                        "eof",
                                        "qt_close",
                                        "rst_sent",
                                        "rst_received",
                                        "epipe",
                                        "connect_timeout",
                                        "idle",
                                        "stall",
                                        "close_timeout",
                                        "error",
                                        "discarded",
                                        "closed",
                                        "keepalive_probe",
                                        "window_probe",
                                        "retransmission",
                                        "tls_handshake_start",
                                        "tls_handshake",
                                        "tls_close_notify",
                                        "tls_alert",
                                        "tls_error",
                                        "note"};
    static_assert(sizeof words / sizeof *words == markKindCount);
    return QString::fromLatin1(words[int(kind)]);
}

/// The marks as words, notes left out (their number depends on the engine).
QStringList marks(const TimelineLane &lane)
{
    QStringList result;
    for (const LaneMark &mark : lane.marks()) {
        if (mark.kind != MarkKind::Note)
            result.append(word(mark.kind));
    }
    return result;
}

QStringList states(const TimelineLane &lane)
{
    QStringList result;
    for (const StateSegment &segment : lane.segments())
        result.append(connectionStateName(segment.state));
    return result;
}

QStringList kernelStates(const TimelineLane &lane)
{
    QStringList result;
    for (const KernelSegment &segment : lane.kernelSegments())
        result.append(kernelStateKey(segment.state));
    return result;
}

/// Everything, for a failure message.
QString dump(const TimelineLane &lane)
{
    QStringList all;
    for (const LaneMark &mark : lane.marks())
        all.append(word(mark.kind));
    return QStringLiteral("marks [%1] states [%2] kernel [%3]")
        .arg(all.join(QLatin1Char(' ')), states(lane).join(QLatin1Char(' ')),
             kernelStates(lane).join(QLatin1Char(' ')));
}

const LaneMark *findMark(const TimelineLane &lane, MarkKind kind)
{
    for (const LaneMark &mark : lane.marks()) {
        if (mark.kind == kind)
            return &mark;
    }
    return nullptr;
}

// Segments tile time: each ends where the next begins; only a final one is an instant.
bool segmentsTile(const TimelineLane &lane)
{
    const auto &s = lane.segments();
    for (size_t i = 0; i + 1 < s.size(); ++i) {
        if (s[i].endNs != s[i + 1].startNs || s[i].endNs < s[i].startNs)
            return false;
    }
    return s.empty()
           || (isFinalState(s.back().state) ? s.back().endNs == s.back().startNs
                                            : s.back().endNs == -1);
}

} // namespace

void tst_TimelineLane::nativeHalfCloseThenReply()
{
    // S13: the client sends and half-closes; the server reads to EOF, still
    // replies (CLOSE_WAIT) 50 ms later, then closes. The client closed
    // first: TIME_WAIT.
    ServerEndpoint server;
    SocketErrorInfo error;
    QVERIFY(server.listen(serverWith(EngineKind::Native, 50), &error));
    ClientEndpoint client;
    Connection *c = client.connectTo(clientWith(EngineKind::Native, server.boundAddress()));
    QTRY_COMPARE(c->state(), ConnectionState::Established);
    QTRY_COMPARE(server.connections().size(), 1);
    Connection *s = server.connections().first();
    QTRY_COMPARE(s->state(), ConnectionState::Established);

    c->send("request\n");
    c->halfClose();
    QTRY_COMPARE(c->state(), ConnectionState::Closed);
    QTRY_COMPARE(s->state(), ConnectionState::Closed);

    ConnectionLaneSource clientSource(c);
    ConnectionLaneSource serverSource(s);
    TimelineLane cl(&clientSource);
    TimelineLane sl(&serverSource);
    // The kernel is asked once more after close: TIME_WAIT for the client.
    QTRY_VERIFY_WITH_TIMEOUT((cl.update(), cl.kernelEndNs() >= 0), 3000);
    QTRY_VERIFY_WITH_TIMEOUT((sl.update(), sl.kernelEndNs() >= 0), 3000);

    QCOMPARE(marks(cl), (QStringList {"connect", "connected", "fin", "eof", "closed"}));
    QCOMPARE(states(cl), (QStringList {"Connecting", "Established", "LocalHalfClosed", "Closed"}));
    QCOMPARE(marks(sl), (QStringList {"accepted", "eof", "closed"}));
    QCOMPARE(states(sl), (QStringList {"Established", "RemoteHalfClosed", "Closing", "Closed"}));
    QVERIFY(segmentsTile(cl));
    QVERIFY(segmentsTile(sl));
    QVERIFY(cl.isFinal() && sl.isFinal());

    // The marks are at the events' times, in order, and the data fits in:
    // the reply came in between the client's FIN and its EOF.
    const LaneMark *fin = findMark(cl, MarkKind::FinSent);
    const LaneMark *eof = findMark(cl, MarkKind::EofReceived);
    QVERIFY(fin && eof && fin->timeNs < eof->timeNs);
    QCOMPARE(cl.segments()[2].startNs, cl.segments()[1].endNs);
    QVERIFY(cl.segments()[2].startNs >= fin->timeNs);
    const qint64 replyAt = c->rx().store().chunk(0).timestampNs;
    QVERIFY(replyAt > fin->timeNs && replyAt < eof->timeNs);
    QVERIFY(!fin->detail.isEmpty()); // the engine's words go with the mark

    // The kernel strips: the client through FIN_WAIT2 into TIME_WAIT, the
    // server through CLOSE_WAIT; each began ESTABLISHED.
    const QStringList ck = kernelStates(cl);
    const QStringList sk = kernelStates(sl);
    QVERIFY2(ck.first() == QLatin1String("ESTABLISHED"), qPrintable(dump(cl)));
    QVERIFY2(ck.contains(QStringLiteral("FIN_WAIT2")), qPrintable(dump(cl)));
    QVERIFY2(ck.last() == QLatin1String("TIME_WAIT"), qPrintable(dump(cl)));
    QVERIFY2(sk.first() == QLatin1String("ESTABLISHED"), qPrintable(dump(sl)));
    QVERIFY2(sk.contains(QStringLiteral("CLOSE_WAIT")), qPrintable(dump(sl)));
    // TIME_WAIT lasts what the kernel said (up to 60 s), from its sample on.
    const KernelSegment &timeWait = cl.kernelSegments().back();
    const KernelSample &sample = cl.kernelPoints()[size_t(timeWait.firstPoint)].sample;
    QVERIFY(sample.timeWaitMs > 0 && sample.timeWaitMs <= 60000);
    QCOMPARE(timeWait.endNs, timeWait.startNs + qint64(sample.timeWaitMs) * 1000000);
    QCOMPARE(cl.kernelEndNs(), timeWait.endNs);
    // Looking up by time finds the segment and the sample.
    const qint64 middle = (timeWait.startNs + timeWait.endNs) / 2;
    QCOMPARE(cl.kernelSegmentAt(middle, middle)->state, KernelState::TimeWait);
    QCOMPARE(cl.kernelPointAt(middle)->sample.state, KernelState::TimeWait);
    QCOMPARE(cl.segmentAt(cl.segments()[2].startNs)->state, ConnectionState::LocalHalfClosed);
    QCOMPARE(cl.segmentAt(cl.segments()[2].startNs - 1)->state, ConnectionState::Established);
    QCOMPARE(cl.segmentAt(cl.startNs() - 1), nullptr);
    QCOMPARE(cl.segmentAt(cl.endNs())->state, ConnectionState::Closed);
    QCOMPARE(cl.segmentAt(cl.endNs() + 1), nullptr);
}

void tst_TimelineLane::qtClosesAfterEof()
{
    // The qt engine cannot stay half-open: after EOF Qt closes the socket on
    // its own, and the lane says so with a mark of its own.
    ServerEndpoint server;
    SocketErrorInfo error;
    QVERIFY(server.listen(serverWith(EngineKind::Qt), &error));
    ClientEndpoint client;
    Connection *c = client.connectTo(clientWith(EngineKind::Native, server.boundAddress()));
    QTRY_COMPARE(c->state(), ConnectionState::Established);
    QTRY_COMPARE(server.connections().size(), 1);
    Connection *s = server.connections().first();
    c->halfClose();
    QTRY_VERIFY(isFinalState(s->state()));
    QTRY_VERIFY(isFinalState(c->state()));

    ConnectionLaneSource serverSource(s);
    TimelineLane sl(&serverSource);
    sl.update();
    QCOMPARE(marks(sl), (QStringList {"accepted", "eof", "qt_close"}));
    QCOMPARE(states(sl), (QStringList {"Established", "RemoteHalfClosed", "Closed"}));
    QCOMPARE(sl.segments().back().cause, StateCause::Engine);
    // The notes Qt's behaviour prompted are kept as notes, next to it.
    int notes = 0;
    for (const LaneMark &mark : sl.marks())
        notes += mark.kind == MarkKind::Note;
    QVERIFY(notes >= 1);
    QCOMPARE(serverSource.engineName(), QStringLiteral("qt"));
}

void tst_TimelineLane::connectTimeout()
{
    // S5: a listener with a full backlog drops the SYN; our timeout ends it.
    FullBacklogListener listener;
    QVERIFY(listener.isListening());
    listener.fill(2);
    QTest::qWait(50);

    for (EngineKind engine : {EngineKind::Native, EngineKind::Qt}) {
        ClientEndpoint client;
        ClientOptions options
            = clientWith(engine, address(QStringLiteral("127.0.0.1:%1").arg(listener.port()),
                                         HostPort::Use::Connect));
        options.connectTimeoutMs = 250;
        Connection *c = client.connectTo(options);
        QTRY_COMPARE_WITH_TIMEOUT(c->state(), ConnectionState::Failed, 5000);
        ConnectionLaneSource source(c);
        TimelineLane lane(&source);
        lane.update();
        QCOMPARE(marks(lane), (QStringList {"connect", "connect_timeout"}));
        QCOMPARE(states(lane).first(), QStringLiteral("Connecting"));
        QCOMPARE(states(lane).last(), QStringLiteral("Failed"));
        QVERIFY(!states(lane).contains(QStringLiteral("Established")));
        QVERIFY(segmentsTile(lane));
        const LaneMark *start = findMark(lane, MarkKind::ConnectStart);
        const LaneMark *timeout = findMark(lane, MarkKind::ConnectTimeout);
        // The mark is where the timeout fired: 250 ms after the start (less
        // up to 5 %: ClientEndpoint's connect timer is a coarse QTimer).
        const qint64 waited = timeout->timeNs - start->timeNs;
        QVERIFY2(waited >= 225000000 && waited < 2000000000, qPrintable(QString::number(waited)));
        QCOMPARE(lane.endNs(), lane.segments().back().startNs);
        // Issue 13: the kernel strip shows the SYN_SENT the connect waited in
        // (sampled while connecting), and never ESTABLISHED.
        QVERIFY(!lane.kernelSegments().empty());
        QCOMPARE(lane.kernelSegments().front().state, KernelState::SynSent);
        for (const KernelSegment &segment : lane.kernelSegments())
            QVERIFY(segment.state != KernelState::Established);
    }
}

void tst_TimelineLane::resetSentAndReceived()
{
    ServerEndpoint server;
    SocketErrorInfo error;
    QVERIFY(server.listen(serverWith(EngineKind::Native), &error));
    ClientEndpoint client;
    Connection *c = client.connectTo(clientWith(EngineKind::Native, server.boundAddress()));
    QTRY_COMPARE(c->state(), ConnectionState::Established);
    QTRY_COMPARE(server.connections().size(), 1);
    Connection *s = server.connections().first();
    QTRY_COMPARE(s->state(), ConnectionState::Established);

    c->abortWithReset();
    QTRY_VERIFY(isFinalState(s->state()));
    ConnectionLaneSource clientSource(c);
    ConnectionLaneSource serverSource(s);
    TimelineLane cl(&clientSource);
    TimelineLane sl(&serverSource);
    cl.update();
    sl.update();
    QCOMPARE(marks(cl), (QStringList {"connect", "connected", "rst_sent"}));
    QCOMPARE(states(cl).last(), QStringLiteral("Reset"));
    // The native engine tells an RST from a FIN: one mark, not two (the
    // ECONNRESET error and the Reset state are the same event).
    QCOMPARE(marks(sl), (QStringList {"accepted", "rst_received"}));
    QCOMPARE(states(sl), (QStringList {"Established", "Reset"}));
    const LaneMark *received = findMark(sl, MarkKind::ResetReceived);
    QCOMPARE(received->code, QStringLiteral("reset"));
    QVERIFY(received->sysErrno != 0);
    QVERIFY(received->timeNs >= findMark(cl, MarkKind::ResetSent)->timeNs);
}

void tst_TimelineLane::brokenPipe()
{
    // S11: the client closes; the server keeps writing; the client's kernel
    // answers with an RST and a later write fails. (The server must not
    // close by itself after EOF meanwhile.)
    ServerEndpoint server;
    SocketErrorInfo error;
    ServerOptions options = serverWith(EngineKind::Native);
    options.closeAtPeerEof = false;
    QVERIFY(server.listen(options, &error));
    ClientEndpoint client;
    Connection *c = client.connectTo(clientWith(EngineKind::Native, server.boundAddress()));
    QTRY_COMPARE(c->state(), ConnectionState::Established);
    QTRY_COMPARE(server.connections().size(), 1);
    Connection *s = server.connections().first();
    c->close();
    QTRY_COMPARE(s->state(), ConnectionState::RemoteHalfClosed);
    for (int i = 0; i < 50 && !isFinalState(s->state()); ++i) {
        s->send("are you still there?\n");
        QTest::qWait(10);
    }
    QCOMPARE(s->state(), ConnectionState::Reset);
    ConnectionLaneSource serverSource(s);
    TimelineLane sl(&serverSource);
    sl.update();
    QStringList got = marks(sl);
    // Bytes still queued when the error came are marked as never sent, after
    // the error; no reset mark of its own follows them.
    if (got.size() == 4)
        QCOMPARE(got.takeLast(), QStringLiteral("discarded"));
    // EPIPE or ECONNRESET, whichever the kernel reported first; one mark.
    QVERIFY2(got == (QStringList {"accepted", "eof", "epipe"})
                 || got == (QStringList {"accepted", "eof", "rst_received"}),
             qPrintable(dump(sl)));
    QCOMPARE(states(sl), (QStringList {"Established", "RemoteHalfClosed", "Reset"}));
    QVERIFY(s->tx().store().chunkCount() >= 1);
}

void tst_TimelineLane::idleTimeout()
{
    // S6: a read deadline on the client; the server never writes.
    ServerEndpoint server;
    SocketErrorInfo error;
    QVERIFY(server.listen(serverWith(EngineKind::Native), &error));
    ClientEndpoint client;
    ClientOptions options = clientWith(EngineKind::Native, server.boundAddress());
    options.connection.idleTimeoutMs = 120;
    Connection *c = client.connectTo(options);
    QTRY_COMPARE_WITH_TIMEOUT(c->state(), ConnectionState::Closed, 5000);
    ConnectionLaneSource source(c);
    TimelineLane lane(&source);
    lane.update();
    QCOMPARE(marks(lane), (QStringList {"connect", "connected", "idle", "closed"}));
    QCOMPARE(states(lane), (QStringList {"Connecting", "Established", "Closing", "Closed"}));
    QCOMPARE(lane.segments()[2].cause, StateCause::Timeout);
    const qint64 waited
        = findMark(lane, MarkKind::IdleTimeout)->timeNs - lane.segments()[1].startNs;
    QVERIFY2(waited >= 110 * 1000000LL, qPrintable(QString::number(waited)));
}

void tst_TimelineLane::recordedEventsAndLookups()
{
    RecordedLaneSource source(7, Connection::Side::Client, QStringLiteral("127.0.0.1:5001"),
                              QStringLiteral("127.0.0.1:80"));
    source.addState(1000, ConnectionState::Connecting, StateCause::User);
    source.addState(2000, ConnectionState::Established, StateCause::Peer);
    KernelSample established;
    established.state = KernelState::Established;
    established.rttUs = 40;
    source.addKernel(2100, established);
    established.sendQueue = 500;
    source.addKernel(2500, established); // same state: the same segment
    source.addTimeout(3000, TimeoutKind::WriteStall);
    source.addTimeout(4000, TimeoutKind::Idle);
    source.addState(4000, ConnectionState::Closing, StateCause::Timeout);
    source.addTimeout(4500, TimeoutKind::Close);
    source.addEvent(4600, TimelineEvent::Error, QStringLiteral("not_connected"));
    source.addState(5000, ConnectionState::Closed, StateCause::User);
    KernelSample closed;
    closed.state = KernelState::Closed;
    source.addKernel(5100, closed);
    source.addState(6000, ConnectionState::Established, StateCause::Peer); // ignored: ended

    TimelineLane lane(&source);
    QVERIFY(lane.update());
    QVERIFY(!lane.update());
    QCOMPARE(marks(lane), (QStringList {"connect", "connected", "stall", "idle", "close_timeout",
                                        "error", "closed"}));
    QCOMPARE(states(lane), (QStringList {"Connecting", "Established", "Closing", "Closed"}));
    QCOMPARE(lane.startNs(), qint64(1000));
    QCOMPARE(lane.endNs(), qint64(5000));
    QCOMPARE(lane.lastEventNs(), qint64(6000));
    QCOMPARE(kernelStates(lane), (QStringList {"ESTABLISHED"}));
    QCOMPARE(lane.kernelSegments()[0].endNs, qint64(5100));
    QCOMPARE(lane.kernelSegments()[0].lastPoint, 1);
    QCOMPARE(lane.kernelEndNs(), qint64(5100));
    QCOMPARE(lane.kernelPointAt(2400)->sample.sendQueue, qint64(-1));
    QCOMPARE(lane.kernelPointAt(2500)->sample.sendQueue, qint64(500));
    QCOMPARE(lane.kernelPointAt(2000), nullptr);
    QCOMPARE(lane.kernelSegmentAt(5100, 9999), nullptr);

    const auto [first, last] = lane.marksBetween(3000, 4600);
    QCOMPARE(first, size_t(2));
    QCOMPARE(last, size_t(5)); // stall, idle, close timeout; the error at 4600 is outside
    QCOMPARE(lane.segmentAt(4000)->state, ConnectionState::Closing);
    QCOMPARE(lane.segmentAt(3999)->state, ConnectionState::Established);
}

void tst_TimelineLane::incrementalUpdates()
{
    // A native client starts with a note, not a state: the lane opens
    // Connecting there. Events that arrive later extend what was built.
    RecordedLaneSource source(1, Connection::Side::Client, QString(), QString());
    TimelineLane lane(&source);
    QVERIFY(!lane.update());
    QCOMPARE(lane.startNs(), qint64(-1));
    source.addEvent(100, TimelineEvent::Note, QString(), Direction::Rx,
                    QStringLiteral("Connecting to 127.0.0.1:80"));
    QVERIFY(lane.update());
    QCOMPARE(states(lane), (QStringList {"Connecting"}));
    QCOMPARE(marks(lane), (QStringList {"connect"}));
    QCOMPARE(lane.marks()[0].detail, QStringLiteral("Connecting to 127.0.0.1:80"));
    QCOMPARE(lane.segments()[0].endNs, qint64(-1));
    source.addState(300, ConnectionState::Established, StateCause::Peer);
    source.addEvent(400, TimelineEvent::HalfClosed, QString(), Direction::Rx);
    source.addState(400, ConnectionState::RemoteHalfClosed, StateCause::Peer);
    QVERIFY(lane.update());
    QCOMPARE(lane.eventsTaken(), qint64(4));
    QCOMPARE(states(lane), (QStringList {"Connecting", "Established", "RemoteHalfClosed"}));
    QCOMPARE(lane.segments()[0].endNs, qint64(300));
    QCOMPARE(lane.state(), ConnectionState::RemoteHalfClosed);
    QVERIFY(!lane.isFinal());
    source.addState(900, ConnectionState::Reset, StateCause::Peer);
    QVERIFY(lane.update());
    QCOMPARE(marks(lane), (QStringList {"connect", "connected", "eof", "rst_received"}));
    QVERIFY(segmentsTile(lane));
}

void tst_TimelineLane::textsAreThere()
{
    for (int k = 0; k < markKindCount; ++k) {
        const auto kind = MarkKind(k);
        QVERIFY(!TimelineText::markName(kind).isEmpty());
        QVERIFY(!TimelineText::markTag(kind).isEmpty());
        QVERIFY(TimelineText::markExplanation(kind).endsWith(QLatin1Char('.')));
    }
    for (int s = 0; s <= int(ConnectionState::Failed); ++s)
        QVERIFY(TimelineText::stateExplanation(ConnectionState(s)).endsWith(QLatin1Char('.')));
    for (const char *state : {"ESTABLISHED", "FIN_WAIT1", "FIN_WAIT2", "CLOSE_WAIT", "LAST_ACK",
                              "TIME_WAIT", "CLOSING", "SYN_SENT"}) {
        const std::optional<KernelState> known = kernelStateFromKey(QString::fromLatin1(state));
        QVERIFY(known);
        QVERIFY(!TimelineText::kernelStateExplanation(*known).isEmpty());
    }
    QCOMPARE(TimelineText::laneTitle(Connection::Side::Server, 2), QStringLiteral("server #2"));
    QCOMPARE(TimelineText::portOf(QStringLiteral("127.0.0.1:51234")), QStringLiteral(":51234"));
    QCOMPARE(TimelineText::portOf(QStringLiteral("[::1]:80")), QStringLiteral(":80"));
    QCOMPARE(TimelineText::portOf(QString()), QString());
    QCOMPARE(TimelineText::exactTime(12345678), QStringLiteral("+12.346 ms"));
    QCOMPARE(TimelineText::exactTime(-850), QStringLiteral("-850 ns"));
    QCOMPARE(TimelineText::exactTime(3250100000), QStringLiteral("+3.250100 s"));
    QCOMPARE(TimelineText::exactTime(45600), QStringLiteral("+0.0456 ms"));
    QCOMPARE(TimelineText::duration(125000000000), QStringLiteral("2 min 05.0 s"));
    QCOMPARE(TimelineText::duration(1500), QStringLiteral("1.5 µs"));
}

QTEST_MAIN(tst_TimelineLane)
#include "tst_timelinelane.moc"
