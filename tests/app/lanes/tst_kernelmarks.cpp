// SPDX-License-Identifier: GPL-3.0-or-later
// Marks the kernel's own doings leave on a lane, from real loopback
// connections sampled as the window samples them: a SYN retransmitted to a
// full backlog, zero-window probes to a peer that does not read, and the
// keepalive timer of an idle connection in the kernel strip's tooltip and
// its probes, one a second.
#include "lanes/connectionlanesource.h"
#include "lanes/timelinelane.h"
#include "lanes/timelinetext.h"
#include "lanes/timelinetooltips.h"
#include "net/clientendpoint.h"
#include "net/connection.h"
#include "net/serverendpoint.h"
#include "shared/fullbacklog.h"

#include <QTest>

#include <algorithm>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace TcpInspector;

class tst_KernelMarks : public QObject
{
    Q_OBJECT

private slots:
    void retransmittedSyn();
    void zeroWindowProbes();
    void keepaliveTimerInToolTip();
};

namespace {

HostPort address(const QString &text, HostPort::Use use)
{
    return *HostPort::parse(text, use, nullptr);
}

ClientOptions clientTo(quint16 port)
{
    ClientOptions options;
    options.target = address(QStringLiteral("127.0.0.1:%1").arg(port), HostPort::Use::Connect);
    options.connectTimeoutMs = 5000;
    options.connection.engine = EngineKind::Native;
    options.connection.kernelSampleMs = 50;
    return options;
}

const LaneMark *findMark(const TimelineLane &lane, MarkKind kind)
{
    for (const LaneMark &mark : lane.marks()) {
        if (mark.kind == kind)
            return &mark;
    }
    return nullptr;
}

/// A listener that accepts (the kernel does, in its backlog) and never
/// reads, with a receive buffer of a few KiB: a sender soon meets a zero window.
class SilentListener
{
public:
    SilentListener()
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        const int small = 2048;
        ::setsockopt(m_fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
        sockaddr_in where {};
        where.sin_family = AF_INET;
        where.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof where;
        m_ok = ::bind(m_fd, reinterpret_cast<sockaddr *>(&where), length) == 0
               && ::listen(m_fd, 4) == 0
               && ::getsockname(m_fd, reinterpret_cast<sockaddr *>(&where), &length) == 0;
        m_port = ntohs(where.sin_port);
    }
    ~SilentListener() { ::close(m_fd); }
    SilentListener(const SilentListener &) = delete;
    SilentListener &operator=(const SilentListener &) = delete;
    bool isListening() const { return m_ok; }
    quint16 port() const { return m_port; }

private:
    int m_fd = -1;
    bool m_ok = false;
    quint16 m_port = 0;
};

} // namespace

void tst_KernelMarks::retransmittedSyn()
{
    // The backlog is full, the SYN is dropped, the kernel sends it again
    // after 1 s: a Retransmission mark while the client is still connecting.
    FullBacklogListener listener;
    QVERIFY(listener.isListening());
    listener.fill(3);
    QTest::qWait(50);
    ClientEndpoint client;
    Connection *c = client.connectTo(clientTo(listener.port()));
    ConnectionLaneSource source(c);
    TimelineLane lane(&source);
    QTRY_VERIFY_WITH_TIMEOUT((lane.update(), findMark(lane, MarkKind::Retransmission)), 3000);
    const LaneMark *mark = findMark(lane, MarkKind::Retransmission);
    QCOMPARE(c->state(), ConnectionState::Connecting);
    QVERIFY(mark->timeNs - lane.startNs() >= 800 * 1000000LL); // the kernel's 1 s, not at once
    QVERIFY2(mark->detail.contains(QLatin1String("1 segment")), qPrintable(mark->detail));
    const KernelPoint *point = lane.kernelPointAt(mark->timeNs);
    QVERIFY(point);
    QCOMPARE(point->sample.state, KernelState::SynSent);
    QVERIFY(!findMark(lane, MarkKind::KeepaliveProbe));
    QVERIFY(TimelineText::markExplanation(MarkKind::Retransmission).contains("TCP_USER_TIMEOUT"));
    c->abortWithReset();
}

void tst_KernelMarks::zeroWindowProbes()
{
    // The peer's window fills and stays zero: the kernel probes it on the
    // persist timer, the backoff rises, and the lane gets window probes.
    SilentListener peer;
    QVERIFY(peer.isListening());
    ClientEndpoint client;
    Connection *c = client.connectTo(clientTo(peer.port()));
    QTRY_COMPARE(c->state(), ConnectionState::Established);
    c->send(QByteArray(512 * 1024, 'x'));
    ConnectionLaneSource source(c);
    TimelineLane lane(&source);
    QTRY_VERIFY_WITH_TIMEOUT((lane.update(), findMark(lane, MarkKind::WindowProbe)), 4000);
    const LaneMark *mark = findMark(lane, MarkKind::WindowProbe);
    QVERIFY2(mark->detail.startsWith(QLatin1String("backoff ")), qPrintable(mark->detail));
    const KernelPoint *point = lane.kernelPointAt(mark->timeNs);
    QCOMPARE(point->sample.timer, KernelTimer::ZeroWindowProbe);
    QVERIFY(point->sample.backoff >= 1);
    QVERIFY(!findMark(lane, MarkKind::Retransmission)); // a probe is not a retransmission
    // The strip's tooltip says which timer runs and what it does.
    const TimeScale scale;
    const TimelineToolTips tips(scale, {}, lane.startNs(), monotonicNs());
    const QString text = tips.kernelText(lane, double(mark->timeNs));
    QVERIFY2(text.contains(QLatin1String("zero-window probe timer")), qPrintable(text));
    c->abortWithReset();
}

void tst_KernelMarks::keepaliveTimerInToolTip()
{
    // On loopback a keepalive probe is answered at once: what shows is the
    // timer, counting down to the next probe, within the 1 s idle time.
    ServerOptions serverOptions;
    serverOptions.address = address(QStringLiteral("127.0.0.1:0"), HostPort::Use::Listen);
    ServerEndpoint server;
    SocketErrorInfo error;
    QVERIFY(server.listen(serverOptions, &error));
    ClientOptions options = clientTo(server.boundAddress().port);
    options.keepalive = {true, 1, 1, 3};
    ClientEndpoint client;
    Connection *c = client.connectTo(options);
    QTRY_COMPARE(c->state(), ConnectionState::Established);
    ConnectionLaneSource source(c);
    TimelineLane lane(&source);
    const KernelPoint *keepalive = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((
                                 lane.update(),
                                 keepalive = [&lane]() -> const KernelPoint * {
                                     for (const KernelPoint &point : lane.kernelPoints()) {
                                         if (point.sample.timer == KernelTimer::Keepalive)
                                             return &point;
                                     }
                                     return nullptr;
                                 }()),
                             2000);
    QVERIFY(keepalive->sample.timerMs >= 0 && keepalive->sample.timerMs <= 1000);
    const TimeScale scale;
    const TimelineToolTips tips(scale, {}, lane.startNs(), monotonicNs());
    const QString text = tips.kernelText(lane, double(keepalive->timeNs));
    QVERIFY2(text.contains(QLatin1String("keepalive timer")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("TCP_KEEPINTVL")), qPrintable(text));

    // Nothing moves: after 1 s the kernel probes, then every second. Each
    // probe is a mark; none carried data, so the stream saw nothing.
    QTRY_VERIFY_WITH_TIMEOUT(
        (lane.update(),
         std::count_if(lane.marks().begin(), lane.marks().end(),
                       [](const LaneMark &mark) { return mark.kind == MarkKind::KeepaliveProbe; })
             >= 2),
        4000);
    std::vector<qint64> probeTimes;
    for (const LaneMark &mark : lane.marks()) {
        if (mark.kind == MarkKind::KeepaliveProbe)
            probeTimes.push_back(mark.timeNs);
    }
    const qint64 gapMs = (probeTimes[1] - probeTimes[0]) / 1000000;
    QVERIFY2(gapMs >= 700 && gapMs <= 1400, qPrintable(QString::number(gapMs)));
    QVERIFY(c->rx().store().size() == 0 && c->sentBytes() == 0);
    QVERIFY(!findMark(lane, MarkKind::WindowProbe));
    c->close();
}

QTEST_GUILESS_MAIN(tst_KernelMarks)
#include "tst_kernelmarks.moc"
