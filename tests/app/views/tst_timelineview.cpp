// SPDX-License-Identifier: GPL-3.0-or-later
// The timeline view over real loopback connections (half-close, Qt's close
// after EOF, connect timeout, reset) rendered offscreen and read back pixel by
// pixel where its own time-to-x mapping says the bars must be; PNG and SVG
// export; zoom, pan, rubber band, clicks and follow-live on recorded lanes;
// a thousand lanes painted by only the visible ones.
//
// Set TCPI_TIMELINE_SHOTS to a directory to keep the rendered PNGs there
// (timeline-half-close.png, ...); otherwise they go to a temporary directory.
#include "lanes/recordedlanesource.h"
#include "net/connection.h"
#include "session/workbench.h"
#include "shared/fullbacklog.h"
#include "views/timelineview.h"

#include <QApplication>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWheelEvent>
#include <QXmlStreamReader>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace TcpInspector;

Q_DECLARE_METATYPE(TcpInspector::Direction)

class tst_TimelineView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void halfCloseBarsArePaintedWhereTheScaleSays();
    void qtCloseAfterEofIsMarked();
    void connectTimeoutAndReset();
    void exportsPngAndSvg();
    void wheelZoomsAroundTheCursor();
    void dragPansAndShiftDragZooms();
    void clicksSelectLanesAndChunks();
    void followLiveTracksNow();
    void showTimeDrawsACursor();
    void tooltipsExplain();
    void thousandLanesPaintOnlyWhatIsVisible();
    void refreshIsCheapWhenNothingChanged();
    void idleLiveLaneRepaintsSeldom();
    void darkPalette();
    void biggerFontForAProjector();

private:
    QString shotPath(const QString &name) const;
    QTemporaryDir m_dir;
};

namespace {

constexpr qint64 ms = 1000000;

HostPort address(const QString &text, HostPort::Use use)
{
    return *HostPort::parse(text, use, nullptr);
}

// Sized and shown (offscreen): a hidden scroll area does not lay out its
// viewport, and what it exports is the viewport.
bool place(TimelineView &view, int width, int height)
{
    view.resize(width, height);
    view.show();
    return QTest::qWaitForWindowExposed(&view);
}

// The window's way: a Workbench (I/O thread), a native echo server that
// answers delayMs after each read and closes after EOF, and one client.
struct Scenario
{
    explicit Scenario(EngineKind serverEngine = EngineKind::Native, int delayMs = 40)
    {
        ServerOptions options;
        options.address = address(QStringLiteral("127.0.0.1:0"), HostPort::Use::Listen);
        options.reply.kind = ReplyPolicy::Kind::Echo;
        options.reply.delayMs = delayMs;
        options.connection.engine = serverEngine;
        options.connection.kernelSampleMs = 5;
        SocketErrorInfo error;
        listening = bench.listen(options, &error) && place(view, 1280, 640);
    }

    bool connect(EngineKind engine = EngineKind::Native)
    {
        ClientOptions options;
        options.target = bench.boundAddress();
        options.connection.engine = engine;
        options.connection.kernelSampleMs = 5;
        const int before = int(bench.connections().size());
        bench.connectTo(options);
        if (!QTest::qWaitFor([&] { return bench.connections().size() == before + 2; }, 5000))
            return false;
        client = bench.connections(Connection::Side::Client).last();
        server = bench.connections(Connection::Side::Server).last();
        return QTest::qWaitFor(
            [&] {
                return client->state() == ConnectionState::Established
                       && server->state() == ConnectionState::Established;
            },
            5000);
    }

    void showAll()
    {
        for (Connection *c : bench.connections())
            view.addConnection(c);
        view.refresh();
        view.zoomToFit();
    }

    Workbench bench;
    TimelineView view;
    bool listening = false;
    Connection *client = nullptr;
    Connection *server = nullptr;
};

const StateSegment *segmentOf(const TimelineLane *lane, ConnectionState state)
{
    for (const StateSegment &segment : lane->segments()) {
        if (segment.state == state)
            return &segment;
    }
    return nullptr;
}

const LaneMark *markOf(const TimelineLane *lane, MarkKind kind)
{
    for (const LaneMark &mark : lane->marks()) {
        if (mark.kind == kind)
            return &mark;
    }
    return nullptr;
}

// The color in the middle of a segment's bar, one pixel below its top edge
// (above any text in the bar).
QColor barColorAt(const TimelineView &view, const QImage &image, int row, double timeNs)
{
    const QRectF bar = view.layout().barRect(row);
    return image.pixelColor(int(view.xForTime(timeNs)), int(bar.top()) + 1);
}

QColor middleOf(const TimelineView &view, const QImage &image, int row, const StateSegment *segment)
{
    return barColorAt(view, image, row, (double(segment->startNs) + double(segment->endNs)) / 2);
}

// Whether color appears within dx pixels of x on line y.
bool colorNear(const QImage &image, double x, double y, const QColor &color, int dx = 1)
{
    for (int i = int(x) - dx; i <= int(x) + dx; ++i) {
        if (image.pixelColor(i, int(y)).rgb() == color.rgb())
            return true;
    }
    return false;
}

void sendMouse(QWidget *widget, QEvent::Type type, QPointF pos, Qt::MouseButtons buttons,
               Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    const Qt::MouseButton button
        = type == QEvent::MouseMove ? Qt::NoButton : Qt::MouseButton(Qt::LeftButton);
    QMouseEvent event(type, pos, widget->mapToGlobal(pos), button, buttons, modifiers);
    QApplication::sendEvent(widget, &event);
}

void sendWheel(QWidget *widget, QPointF pos, QPoint angle, Qt::KeyboardModifiers modifiers)
{
    QWheelEvent event(pos, widget->mapToGlobal(pos), QPoint(), angle, Qt::NoButton, modifiers,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(widget, &event);
}

// A finished client lane with known times: connect at 1 s, established at
// +1 ms, reads every 2 ms from +10 ms, FIN at +50 ms, EOF at +80 ms, closed.
std::unique_ptr<RecordedLaneSource> recordedClient(quint64 id, qint64 zero = 1000 * ms)
{
    auto source = std::make_unique<RecordedLaneSource>(
        id, Connection::Side::Client, QStringLiteral("127.0.0.1:%1").arg(50000 + id),
        QStringLiteral("127.0.0.1:45001"));
    source->addState(zero, ConnectionState::Connecting, StateCause::User);
    source->addState(zero + 1 * ms, ConnectionState::Established, StateCause::Peer);
    KernelSample sample;
    sample.state = KernelState::Established;
    sample.rttUs = 42;
    sample.sendQueue = 0;
    source->addKernel(zero + 2 * ms, sample);
    for (int i = 0; i < 20; ++i)
        source->addChunk(Direction::Rx, 100 + i, zero + 10 * ms + i * 2 * ms);
    source->addChunk(Direction::Tx, 64, zero + 5 * ms);
    source->addEvent(zero + 50 * ms, TimelineEvent::HalfClosed, QString(), Direction::Tx,
                     QStringLiteral("FIN sent (shutdown SHUT_WR)."));
    source->addState(zero + 50 * ms, ConnectionState::LocalHalfClosed, StateCause::User);
    source->addEvent(zero + 80 * ms, TimelineEvent::HalfClosed, QString(), Direction::Rx);
    source->addState(zero + 80 * ms, ConnectionState::Closed, StateCause::Peer);
    return source;
}

} // namespace

void tst_TimelineView::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

QString tst_TimelineView::shotPath(const QString &name) const
{
    const QString dir = qEnvironmentVariable("TCPI_TIMELINE_SHOTS", m_dir.path());
    return dir + QStringLiteral("/timeline-%1.png").arg(name);
}

void tst_TimelineView::halfCloseBarsArePaintedWhereTheScaleSays()
{
    // S13 on the real engine: the client sends in fragments and half-closes;
    // the server reads to EOF, replies twice on its own, its echoes (150 ms
    // late) still go out, then it closes.
    Scenario s(EngineKind::Native, 150);
    QVERIFY(s.listening);
    QVERIFY(s.connect());
    SendRequest request;
    request.bytes = "hello, server\n";
    request.fragmentSize = 5;
    request.fragmentDelayMs = 8;
    request.repeat = 2;
    request.intervalMs = 10;
    request.halfCloseAfter = true;
    s.bench.send(s.client, request);
    QTRY_COMPARE_WITH_TIMEOUT(s.server->state(), ConnectionState::RemoteHalfClosed, 5000);
    for (int i = 0; i < 2; ++i) {
        SendRequest reply;
        reply.bytes = "a reply after your FIN\n";
        s.bench.send(s.server, reply);
        QTest::qWait(20);
    }
    QTRY_COMPARE_WITH_TIMEOUT(s.client->state(), ConnectionState::Closed, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(s.server->state(), ConnectionState::Closed, 5000);
    QTest::qWait(150); // the kernel's TIME_WAIT, looked up 20 ms after close
    s.showAll();
    QVERIFY(s.view.exportPng(shotPath(QStringLiteral("half-close"))));

    const int serverRow = s.view.rowOf(s.server);
    const int clientRow = s.view.rowOf(s.client);
    // Both ends of one connection, together, server above client.
    QCOMPARE(s.view.laneCount(), 2);
    QCOMPARE(serverRow, 0);
    QCOMPARE(clientRow, 1);
    const TimelineLane *client = s.view.laneAtRow(clientRow);
    const TimelineLane *server = s.view.laneAtRow(serverRow);
    const StateSegment *local = segmentOf(client, ConnectionState::LocalHalfClosed);
    const StateSegment *remote = segmentOf(server, ConnectionState::RemoteHalfClosed);
    const StateSegment *open = segmentOf(client, ConnectionState::Established);
    QVERIFY(local && remote && open);
    // Fitted: the whole story is on screen, and these stretches are wide.
    QVERIFY(s.view.xForTime(double(local->endNs)) - s.view.xForTime(double(local->startNs)) > 40);
    QVERIFY(s.view.xForTime(double(remote->endNs)) - s.view.xForTime(double(remote->startNs)) > 40);
    QVERIFY(s.view.xForTime(double(client->startNs())) >= s.view.layout().plotRect().left());
    QVERIFY(s.view.xForTime(double(client->endNs())) <= s.view.layout().plotRect().right());

    const QImage image = s.view.toImage();
    QCOMPARE(middleOf(s.view, image, clientRow, local),
             s.view.colors().state(ConnectionState::LocalHalfClosed));
    QCOMPARE(middleOf(s.view, image, serverRow, remote),
             s.view.colors().state(ConnectionState::RemoteHalfClosed));
    QCOMPARE(middleOf(s.view, image, clientRow, open),
             s.view.colors().state(ConnectionState::Established));
    // Not the same color everywhere: just before the client's FIN the bar
    // still says Established, just after it LocalHalfClosed.
    QVERIFY(s.view.colors().state(ConnectionState::LocalHalfClosed)
            != s.view.colors().state(ConnectionState::Established));
    const double finX = s.view.xForTime(double(markOf(client, MarkKind::FinSent)->timeNs));
    const QRectF bar = s.view.layout().barRect(clientRow);
    QCOMPARE(image.pixelColor(int(finX) - 4, int(bar.top()) + 1),
             s.view.colors().state(ConnectionState::Established));
    QCOMPARE(image.pixelColor(int(finX) + 5, int(bar.top()) + 1),
             s.view.colors().state(ConnectionState::LocalHalfClosed));
    // The FIN mark crosses the bar there.
    QVERIFY(image.pixelColor(qRound(finX), int(bar.center().y()))
            != s.view.colors().state(ConnectionState::Established));

    // The replies arrived after the FIN, well before the EOF: read ticks
    // above the half-closed bar (clear of the FIN and EOF marks' lines).
    const StreamStore &rx = s.client->rx().store();
    const double eofX = s.view.xForTime(double(markOf(client, MarkKind::EofReceived)->timeNs));
    double replyX = -1;
    for (qint64 i = 0; i < rx.chunkCount() && replyX < 0; ++i) {
        const double x = s.view.xForTime(double(rx.chunk(i).timestampNs));
        if (x > finX + 3 && x < eofX - 3)
            replyX = x;
    }
    QVERIFY(replyX > 0);
    QVERIFY(colorNear(image, replyX, s.view.layout().rxTickRect(clientRow).bottom() - 2,
                      s.view.colors().rx));
    // And the client's writes as ticks below its bar, before the FIN.
    const double firstWrite = s.view.xForTime(double(s.client->tx().store().chunk(0).timestampNs));
    QVERIFY(colorNear(image, firstWrite, s.view.layout().txTickRect(clientRow).top() + 1,
                      s.view.colors().tx));
    // The kernel strip: the client, which closed first, ends in TIME_WAIT.
    const TimelineLane *lane = s.view.laneAtRow(clientRow);
    QVERIFY(!lane->kernelSegments().empty());
    QCOMPARE(lane->kernelSegments().back().state, KernelState::TimeWait);
}

void tst_TimelineView::qtCloseAfterEofIsMarked()
{
    // The qt engine on the server: Qt closes the socket at EOF, the echo
    // never leaves, and the lane has a "Qt close" mark where it happened.
    Scenario s(EngineKind::Qt);
    QVERIFY(s.listening);
    QVERIFY(s.connect());
    SendRequest request;
    request.bytes = "one last thing\n";
    request.halfCloseAfter = true;
    s.bench.send(s.client, request);
    QTRY_VERIFY_WITH_TIMEOUT(isFinalState(s.server->state()), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(isFinalState(s.client->state()), 5000);
    QTest::qWait(100);
    s.showAll();
    QVERIFY(s.view.exportPng(shotPath(QStringLiteral("qt-close"))));
    const int row = s.view.rowOf(s.server);
    const LaneMark *qtClose = markOf(s.view.laneAtRow(row), MarkKind::QtClosedAfterEof);
    QVERIFY(qtClose);
    const QImage image = s.view.toImage();
    const double x = s.view.xForTime(double(qtClose->timeNs));
    const QRectF tx = s.view.layout().txTickRect(row);
    // Its line in the mark color below the bar (where no tick of its own is).
    bool found = false;
    for (int dx = -1; dx <= 1 && !found; ++dx) {
        const QColor c = image.pixelColor(int(x) + dx, int(tx.center().y()));
        found = c.red() > c.green() && c.blue() > c.green(); // violet
    }
    QVERIFY(found);
    const QString tip = s.view.toolTipAt(QPointF(x, tx.center().y()));
    QVERIFY2(tip.contains(QLatin1String("Qt closed")), qPrintable(tip));
}

void tst_TimelineView::connectTimeoutAndReset()
{
    // S5: a listener with a backlog of 0 that never accepts. The kernel
    // completes the first handshakes on its own; later SYNs are dropped and
    // our connect timeout ends the wait.
    {
        // Closed at the end of this block, before the reset below.
        FullBacklogListener listener;
        QVERIFY(listener.isListening());
        Workbench bench;
        TimelineView view;
        QVERIFY(place(view, 1280, 560));
        ClientOptions options;
        options.target
            = address(QStringLiteral("127.0.0.1:%1").arg(listener.port()), HostPort::Use::Connect);
        options.connectTimeoutMs = 300;
        options.connection.engine = EngineKind::Native;
        options.connection.kernelSampleMs = 5;
        for (int i = 0; i < 3; ++i) {
            bench.connectTo(options);
            QTest::qWait(40);
        }
        QTRY_COMPARE_WITH_TIMEOUT(bench.connections().size(), 3, 5000);
        const QList<Connection *> clients = bench.connections();
        QTRY_VERIFY_WITH_TIMEOUT(
            std::any_of(clients.begin(), clients.end(),
                        [](Connection *c) { return c->state() == ConnectionState::Failed; }),
            5000);
        QTest::qWait(100);
        for (Connection *c : bench.connections())
            view.addConnection(c);
        view.refresh();
        view.zoomToFit();
        Connection *failed = nullptr;
        for (Connection *c : bench.connections()) {
            if (c->state() == ConnectionState::Failed)
                failed = c;
        }
        const int row = view.rowOf(failed);
        const TimelineLane *lane = view.laneAtRow(row);
        const LaneMark *timeout = markOf(lane, MarkKind::ConnectTimeout);
        QVERIFY(timeout);
        const QImage image = view.toImage();
        const StateSegment *connecting = segmentOf(lane, ConnectionState::Connecting);
        QCOMPARE(middleOf(view, image, row, connecting),
                 view.colors().state(ConnectionState::Connecting));
        // The Failed block just after the timeout's line.
        const double x = view.xForTime(double(lane->endNs()));
        QCOMPARE(image.pixelColor(int(x) + 5, int(view.layout().barRect(row).top()) + 1),
                 view.colors().state(ConnectionState::Failed));
        QVERIFY(view.toolTipAt(QPointF(view.xForTime(double(timeout->timeNs)),
                                       view.layout().barRect(row).center().y()))
                    .contains(QLatin1String("Connect timeout")));
        QVERIFY(view.exportPng(shotPath(QStringLiteral("connect-timeout"))));
        for (Connection *c : bench.connections())
            bench.close(c);
    }

    // A reset: the client aborts with SO_LINGER 0; the native server reads
    // ECONNRESET.
    Scenario s(EngineKind::Native, 0);
    QVERIFY(s.listening);
    QVERIFY(s.connect());
    SendRequest request;
    request.bytes = "ping\n";
    request.repeat = 3;
    request.intervalMs = 15;
    s.bench.send(s.client, request);
    QTRY_COMPARE_WITH_TIMEOUT(s.client->rx().store().size(), qint64(15), 5000);
    QTest::qWait(20);
    s.bench.abortWithReset(s.client);
    QTRY_COMPARE_WITH_TIMEOUT(s.server->state(), ConnectionState::Reset, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(s.client->state(), ConnectionState::Reset, 5000);
    s.showAll();
    const QImage image = s.view.toImage();
    for (Connection *c : {s.client, s.server}) {
        const int row = s.view.rowOf(c);
        const TimelineLane *lane = s.view.laneAtRow(row);
        const double x = s.view.xForTime(double(lane->endNs()));
        QCOMPARE(image.pixelColor(int(x) + 5, int(s.view.layout().barRect(row).top()) + 1),
                 s.view.colors().state(ConnectionState::Reset));
        QVERIFY(markOf(lane, c == s.client ? MarkKind::ResetSent : MarkKind::ResetReceived));
    }
    QVERIFY(s.view.exportPng(shotPath(QStringLiteral("reset"))));
}

void tst_TimelineView::exportsPngAndSvg()
{
    TimelineView view;
    QVERIFY(place(view, 900, 420));
    view.addSource(recordedClient(3));
    auto server = std::make_unique<RecordedLaneSource>(4, Connection::Side::Server,
                                                       QStringLiteral("127.0.0.1:45001"),
                                                       QStringLiteral("127.0.0.1:50003"));
    server->addState(1000 * ms + 1 * ms, ConnectionState::Established, StateCause::Peer);
    server->addState(1000 * ms + 70 * ms, ConnectionState::Closed, StateCause::User);
    view.addSource(std::move(server));
    view.zoomToFit();
    QCOMPARE(view.rowOf(nullptr), -1);
    QCOMPARE(view.sourceAtRow(0)->id(), quint64(4)); // the server end above its client

    const QString png = m_dir.filePath(QStringLiteral("export.png"));
    QVERIFY(view.exportPng(png));
    const QImage image(png);
    QCOMPARE(image.size(), view.viewport()->size() * 2);
    // The same picture at twice the size: the bar's color where the scale says.
    const StateSegment *open = segmentOf(view.laneAtRow(1), ConnectionState::Established);
    const double x = view.xForTime((double(open->startNs) + double(open->endNs)) / 2);
    QCOMPARE(image.pixelColor(int(x * 2), int(view.layout().barRect(1).top() * 2) + 2),
             view.colors().state(ConnectionState::Established));

    const QString svg = m_dir.filePath(QStringLiteral("export.svg"));
    QVERIFY(view.exportSvg(svg));
    QFile file(svg);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&file);
    QStringList texts;
    int elements = 0;
    while (!xml.atEnd()) {
        if (xml.readNext() == QXmlStreamReader::StartElement) {
            ++elements;
            if (xml.name() == QLatin1String("text"))
                texts.append(xml.readElementText(QXmlStreamReader::IncludeChildElements).trimmed());
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(elements > 50);
    QVERIFY2(texts.contains(QStringLiteral("client #3")), qPrintable(texts.join(QLatin1Char('|'))));
    QVERIFY(texts.contains(QStringLiteral("server #4")));
    QVERIFY(texts.contains(QStringLiteral("FIN")));
    // An unwritable path is an error, not silence.
    QVERIFY(!view.exportSvg(QStringLiteral("/nonexistent-dir/x.svg")));
    QVERIFY(!view.exportPng(QStringLiteral("/nonexistent-dir/x.png")));
}

void tst_TimelineView::wheelZoomsAroundTheCursor()
{
    TimelineView view;
    QVERIFY(place(view, 1000, 400));
    view.addSource(recordedClient(1));
    view.zoomToFit();
    QWidget *viewport = view.viewport();
    const QPointF at(view.layout().plotRect().left() + 300, view.layout().barRect(0).center().y());
    const double before = view.timeForX(at.x());
    const double perPixel = view.timeScale().nsPerPixel();
    sendWheel(viewport, at, QPoint(0, 120), Qt::ControlModifier);
    QCOMPARE(view.timeScale().nsPerPixel(), perPixel / 1.2);
    QVERIFY(std::abs(view.xForTime(before) - at.x()) < 0.01);
    sendWheel(viewport, at, QPoint(0, -240), Qt::ControlModifier);
    QVERIFY(std::abs(view.timeScale().nsPerPixel() - perPixel * 1.2) < 1e-6 * perPixel);
    QVERIFY(std::abs(view.xForTime(before) - at.x()) < 0.01);
    // Shift+wheel pans a tenth of the width per notch; the zoom stays.
    const double zoom = view.timeScale().nsPerPixel();
    sendWheel(viewport, at, QPoint(0, 120), Qt::ShiftModifier);
    QCOMPARE(view.timeScale().nsPerPixel(), zoom);
    QVERIFY(std::abs(view.xForTime(before) - (at.x() + view.timeScale().width() / 10)) < 0.01);
    // A pinch zooms around the fingers.
    const double pinned = view.timeForX(at.x());
    QNativeGestureEvent pinch(Qt::ZoomNativeGesture, QPointingDevice::primaryPointingDevice(), 2,
                              at, at, viewport->mapToGlobal(at), 0.5, QPointF());
    QApplication::sendEvent(viewport, &pinch);
    QVERIFY(std::abs(view.timeScale().nsPerPixel() - zoom / 1.5) < 1e-6 * zoom);
    QVERIFY(std::abs(view.xForTime(pinned) - at.x()) < 0.01);
    // The keyboard: 0 fits again.
    QTest::keyClick(&view, Qt::Key_0);
    QCOMPARE(view.timeScale().nsPerPixel(), perPixel);
}

void tst_TimelineView::dragPansAndShiftDragZooms()
{
    TimelineView view;
    QVERIFY(place(view, 1000, 400));
    view.addSource(recordedClient(1));
    view.zoomToFit();
    QWidget *viewport = view.viewport();
    const double y = view.layout().barRect(0).center().y();
    const double left = view.layout().plotRect().left();
    const double t = view.timeForX(left + 400);
    sendMouse(viewport, QEvent::MouseButtonPress, QPointF(left + 400, y), Qt::LeftButton);
    sendMouse(viewport, QEvent::MouseMove, QPointF(left + 450, y), Qt::LeftButton);
    sendMouse(viewport, QEvent::MouseMove, QPointF(left + 520, y), Qt::LeftButton);
    sendMouse(viewport, QEvent::MouseButtonRelease, QPointF(left + 520, y), Qt::NoButton);
    QVERIFY(std::abs(view.xForTime(t) - (left + 520))
            < 0.01); // the time under the mouse moved with it

    // Shift+drag from x=100 to x=300: that band fills the plot.
    const double from = view.timeForX(left + 100);
    const double to = view.timeForX(left + 300);
    sendMouse(viewport, QEvent::MouseButtonPress, QPointF(left + 100, y), Qt::LeftButton,
              Qt::ShiftModifier);
    sendMouse(viewport, QEvent::MouseMove, QPointF(left + 200, y), Qt::LeftButton,
              Qt::ShiftModifier);
    sendMouse(viewport, QEvent::MouseMove, QPointF(left + 300, y), Qt::LeftButton,
              Qt::ShiftModifier);
    sendMouse(viewport, QEvent::MouseButtonRelease, QPointF(left + 300, y), Qt::NoButton,
              Qt::ShiftModifier);
    QVERIFY(std::abs(view.xForTime(from) - left) < 0.01);
    QVERIFY(std::abs(view.xForTime(to) - view.layout().plotRect().right()) < 0.01);
}

void tst_TimelineView::clicksSelectLanesAndChunks()
{
    // Real connections: a click on a read tick names the connection and its chunk.
    Scenario s(EngineKind::Native, 0);
    QVERIFY(s.listening);
    QVERIFY(s.connect());
    for (int i = 0; i < 3; ++i) {
        SendRequest request;
        request.bytes = QByteArray(10 + i, 'a' + char(i)) + '\n';
        s.bench.send(s.client, request);
        QTRY_COMPARE_WITH_TIMEOUT(s.client->rx().store().chunkCount(), qint64(i + 1), 5000);
        QTest::qWait(30);
    }
    s.showAll();
    qRegisterMetaType<Direction>();
    QSignalSpy lanes(&s.view, &TimelineView::connectionActivated);
    QSignalSpy chunks(&s.view, &TimelineView::chunkActivated);
    const int row = s.view.rowOf(s.client);
    const StreamStore &rx = s.client->rx().store();
    const double x = s.view.xForTime(double(rx.chunk(1).timestampNs));
    QTest::mouseClick(s.view.viewport(), Qt::LeftButton, {},
                      QPoint(int(x) + 1, int(s.view.layout().rxTickRect(row).center().y())));
    QCOMPARE(lanes.count(), 1);
    QCOMPARE(lanes.at(0).at(0).value<Connection *>(), s.client);
    QCOMPARE(chunks.count(), 1);
    QCOMPARE(chunks.at(0).at(0).value<Connection *>(), s.client);
    QCOMPARE(chunks.at(0).at(1).value<Direction>(), Direction::Rx);
    QCOMPARE(chunks.at(0).at(2).toLongLong(), qint64(1));
    // The server's writes, below its bar.
    const int serverRow = s.view.rowOf(s.server);
    const double tx = s.view.xForTime(double(s.server->tx().store().chunk(2).timestampNs));
    QTest::mouseClick(s.view.viewport(), Qt::LeftButton, {},
                      QPoint(int(tx), int(s.view.layout().txTickRect(serverRow).center().y())));
    QCOMPARE(chunks.count(), 2);
    QCOMPARE(chunks.at(1).at(0).value<Connection *>(), s.server);
    QCOMPARE(chunks.at(1).at(1).value<Direction>(), Direction::Tx);
    QCOMPARE(chunks.at(1).at(2).toLongLong(), qint64(2));
    // Far from any tick, or on the label: the lane only.
    QTest::mouseClick(s.view.viewport(), Qt::LeftButton, {},
                      QPoint(int(s.view.layout().plotRect().right()) - 2,
                             int(s.view.layout().rxTickRect(row).center().y())));
    QTest::mouseClick(s.view.viewport(), Qt::LeftButton, {},
                      QPoint(10, int(s.view.layout().barRect(serverRow).center().y())));
    QCOMPARE(chunks.count(), 2);
    QCOMPARE(lanes.count(), 4);
    QCOMPARE(lanes.at(3).at(0).value<Connection *>(), s.server);
}

void tst_TimelineView::followLiveTracksNow()
{
    TimelineView view;
    QVERIFY(place(view, 800, 400));
    auto source
        = std::make_unique<RecordedLaneSource>(1, Connection::Side::Client, QString(), QString());
    RecordedLaneSource *live = source.get();
    const qint64 start = monotonicNs();
    live->addState(start, ConnectionState::Connecting, StateCause::User);
    view.addSource(std::move(source));
    QSignalSpy follow(&view, &TimelineView::followLiveChanged);
    view.setFollowLive(true);
    QVERIFY(view.followLive());
    QCOMPARE(follow.count(), 1);
    QTest::qWait(30);
    const qint64 before = monotonicNs();
    view.refresh();
    const qint64 after = monotonicNs();
    // The right edge is now.
    QVERIFY(view.timeScale().endNs() >= double(before)
            && view.timeScale().endNs() <= double(after));
    const double zoom = view.timeScale().nsPerPixel();
    // Ctrl+wheel keeps following, at another zoom.
    sendWheel(view.viewport(), view.layout().plotRect().center(), QPoint(0, 120),
              Qt::ControlModifier);
    QVERIFY(view.followLive());
    QVERIFY(view.timeScale().nsPerPixel() < zoom);
    // Panning leaves live mode and says so.
    sendWheel(view.viewport(), view.layout().plotRect().center(), QPoint(120, 0), Qt::NoModifier);
    QVERIFY(!view.followLive());
    QCOMPARE(follow.count(), 2);
    QCOMPARE(follow.at(1).at(0).toBool(), false);
    const double end = view.timeScale().endNs();
    QTest::qWait(20);
    view.refresh();
    QCOMPARE(view.timeScale().endNs(), end);
}

void tst_TimelineView::showTimeDrawsACursor()
{
    Scenario s(EngineKind::Native, 0);
    QVERIFY(s.listening);
    QVERIFY(s.connect());
    SendRequest request;
    request.bytes = "x\n";
    s.bench.send(s.client, request);
    QTRY_COMPARE_WITH_TIMEOUT(s.client->rx().store().chunkCount(), qint64(1), 5000);
    // Many more lanes above, so that showing the client's time must scroll.
    for (quint64 i = 100; i < 130; ++i)
        s.view.addSource(recordedClient(i, s.client->timeline().at(0).timeNs));
    s.showAll();
    const qint64 t = s.client->rx().store().chunk(0).timestampNs;
    s.view.showTime(s.client, t);
    const int row = s.view.rowOf(s.client);
    const QRectF lane = s.view.layout().laneRect(row);
    QVERIFY(lane.top() >= s.view.layout().plotRect().top() - 1);
    QVERIFY(lane.bottom() <= s.view.layout().plotRect().bottom() + 1);
    const QImage image = s.view.toImage();
    const double x = s.view.xForTime(double(t));
    QVERIFY(colorNear(image, x, s.view.layout().kernelRect(row).top() - 1, s.view.colors().cursor));
    QVERIFY(colorNear(image, x, s.view.layout().plotRect().top() + 2, s.view.colors().cursor));
    s.view.clearTimeCursor();
    QVERIFY(!colorNear(s.view.toImage(), x, s.view.layout().plotRect().top() + 2,
                       s.view.colors().cursor));
    // Removing the connection drops its lane (the window does it before deleting).
    s.view.removeConnections({s.client});
    QCOMPARE(s.view.rowOf(s.client), -1);
    QCOMPARE(s.view.laneCount(), 31);
}

void tst_TimelineView::tooltipsExplain()
{
    TimelineView view;
    QVERIFY(place(view, 1000, 400));
    view.addSource(recordedClient(5));
    view.zoomToFit();
    const qint64 zero = 1000 * ms;
    const double finX = view.xForTime(double(zero + 50 * ms));
    const QString fin = view.toolTipAt(QPointF(finX, view.layout().barRect(0).center().y()));
    QVERIFY2(fin.contains(QLatin1String("FIN sent")), qPrintable(fin));
    QVERIFY(fin.contains(QLatin1String("+50.000 ms")));
    QVERIFY(fin.contains(QLatin1String("SHUT_WR")));
    const QString bar = view.toolTipAt(
        QPointF(view.xForTime(double(zero + 30 * ms)), view.layout().barRect(0).center().y()));
    QVERIFY2(bar.contains(QLatin1String("Established")), qPrintable(bar));
    QVERIFY(bar.contains(QLatin1String("+1.000 ms")));
    const QString kernel = view.toolTipAt(
        QPointF(view.xForTime(double(zero + 30 * ms)), view.layout().kernelRect(0).center().y()));
    QVERIFY2(kernel.contains(QLatin1String("ESTABLISHED")), qPrintable(kernel));
    QVERIFY(kernel.contains(QLatin1String("RTT 42")));
    const QString data = view.toolTipAt(
        QPointF(view.xForTime(double(zero + 14 * ms)), view.layout().rxTickRect(0).center().y()));
    QVERIFY2(data.contains(QLatin1String("Received")), qPrintable(data));
    QVERIFY(data.contains(QLatin1String("chunk 3")));
    const QString label = view.toolTipAt(QPointF(10, view.layout().barRect(0).center().y()));
    QVERIFY2(label.contains(QLatin1String("127.0.0.1:50005")), qPrintable(label));
    QVERIFY(label.contains(QLatin1String("20 read")));
    const QString rate = view.toolTipAt(QPointF(view.xForTime(double(zero + 20 * ms)),
                                                view.layout().throughputRect(0).center().y()));
    QVERIFY2(rate.contains(QLatin1String("received")), qPrintable(rate));
    QVERIFY(view.toolTipAt(QPointF(view.xForTime(double(zero + 20 * ms)), 5))
                .contains(QLatin1String("+20.000 ms")));
}

void tst_TimelineView::thousandLanesPaintOnlyWhatIsVisible()
{
    TimelineView view;
    QVERIFY(place(view, 1200, 800));
    for (quint64 i = 0; i < 1000; ++i)
        view.addSource(recordedClient(i, 1000 * ms + qint64(i) * ms));
    view.zoomToFit();
    QCOMPARE(view.laneCount(), 1000);
    const QImage first = view.toImage();
    const int visible
        = int(std::ceil(view.layout().plotRect().height() / view.layout().laneRect(0).height()))
          + 1;
    QVERIFY(view.lastPaintedLanes() > 0);
    QVERIFY(view.lastPaintedLanes() <= visible);
    // Scrolled to the end: the last lanes, and no more of them.
    view.verticalScrollBar()->setValue(view.verticalScrollBar()->maximum());
    view.toImage();
    QVERIFY(view.lastPaintedLanes() <= visible);
    QVERIFY(std::abs(view.layout().laneRect(999).bottom() - view.layout().plotRect().bottom())
            <= 1);
    const TimelineLane *last = view.laneAtRow(999);
    const StateSegment *open = segmentOf(last, ConnectionState::Established);
    const QImage end = view.toImage();
    QCOMPARE(middleOf(view, end, 999, open), view.colors().state(ConnectionState::Established));
}

void tst_TimelineView::refreshIsCheapWhenNothingChanged()
{
    TimelineView view;
    QVERIFY(place(view, 800, 400));
    auto source = recordedClient(1);
    RecordedLaneSource *recorded = source.get();
    view.addSource(std::move(source));
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    // The window system may ask for another paint after the first (a loaded
    // machine's late expose): wait until none has come for 100 ms.
    qint64 paints = -1;
    for (int tries = 0; tries < 5 && view.paintCount() != paints; ++tries) {
        paints = view.paintCount();
        QTest::qWait(100);
    }
    QVERIFY(paints > 0);
    for (int i = 0; i < 5; ++i) {
        view.refresh();
        QCoreApplication::processEvents();
    }
    QCOMPARE(view.paintCount(), paints); // all lanes ended: nothing moves
    recorded->addChunk(Direction::Tx, 10, 1000 * ms + 60 * ms);
    view.refresh();
    QTRY_VERIFY(view.paintCount() > paints);
}

void tst_TimelineView::idleLiveLaneRepaintsSeldom()
{
    // Issue 11: a live connection with nothing new repainted at every refresh
    // (5-6 % of a core while idle). Time alone repaints at most a few times
    // a second, and only once it moved a pixel.
    TimelineView view;
    QVERIFY(place(view, 800, 400));
    auto source = std::make_unique<RecordedLaneSource>(1, Connection::Side::Client,
                                                       QStringLiteral("127.0.0.1:50001"),
                                                       QStringLiteral("127.0.0.1:45001"));
    RecordedLaneSource *live = source.get();
    const qint64 start = monotonicNs() - 600'000 * ms; // ten minutes: 0.75 s a pixel
    live->addState(start, ConnectionState::Connecting, StateCause::User);
    live->addState(start + ms, ConnectionState::Established, StateCause::Peer);
    view.addSource(std::move(source));
    view.refresh();
    QTest::qWait(20);
    const qint64 paints = view.paintCount();
    for (int i = 0; i < 20; ++i) {
        view.refresh();
        QTest::qWait(10);
    }
    QVERIFY2(view.paintCount() - paints <= 1,
             qPrintable(QString::number(view.paintCount() - paints)));
    // Something new repaints at once.
    live->addChunk(Direction::Rx, 10, monotonicNs());
    const qint64 beforeChunk = view.paintCount();
    view.refresh();
    QTRY_VERIFY(view.paintCount() > beforeChunk);

    // A young lane grows visibly: time still repaints, a few times a second.
    TimelineView young;
    QVERIFY(place(young, 800, 400));
    auto fresh = std::make_unique<RecordedLaneSource>(2, Connection::Side::Client,
                                                      QStringLiteral("127.0.0.1:50002"),
                                                      QStringLiteral("127.0.0.1:45001"));
    fresh->addState(monotonicNs() - 100 * ms, ConnectionState::Established, StateCause::Peer);
    young.addSource(std::move(fresh));
    young.refresh();
    QTest::qWait(20);
    const qint64 youngPaints = young.paintCount();
    QTest::qWait(300);
    young.refresh();
    QTRY_VERIFY(young.paintCount() > youngPaints);
}

void tst_TimelineView::darkPalette()
{
    TimelineView view;
    QVERIFY(place(view, 800, 400));
    const QColor lightGreen = view.colors().state(ConnectionState::Established);
    QPalette dark = view.palette();
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    dark.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
    view.setPalette(dark);
    QVERIFY(view.colors().state(ConnectionState::Established) != lightGreen);
    QCOMPARE(view.colors().background, QColor(0x1e, 0x1e, 0x1e));
    view.addSource(recordedClient(1));
    view.zoomToFit();
    const QImage image = view.toImage();
    const StateSegment *open = segmentOf(view.laneAtRow(0), ConnectionState::Established);
    QCOMPARE(middleOf(view, image, 0, open), view.colors().state(ConnectionState::Established));
    QCOMPARE(image.pixelColor(2, int(view.layout().plotRect().bottom()) - 2),
             QColor(0x1e, 0x1e, 0x1e));
    QVERIFY(view.exportPng(shotPath(QStringLiteral("dark"))));
}

void tst_TimelineView::biggerFontForAProjector()
{
    // Every size comes from the font: twice the font, about twice the lane.
    TimelineView view;
    QVERIFY(place(view, 1000, 700));
    view.addSource(recordedClient(1));
    view.zoomToFit();
    const qreal lane = view.layout().laneRect(0).height();
    const qreal bar = view.layout().barRect(0).height();
    QFont big = view.font();
    big.setPointSizeF(big.pointSizeF() * 2);
    view.setFont(big);
    QVERIFY2(view.layout().laneRect(0).height() > 1.7 * lane, qPrintable(QString::number(lane)));
    QVERIFY(view.layout().barRect(0).height() > 1.7 * bar);
    // Still fitted to the wider label column, still drawn where it says.
    const StateSegment *open = segmentOf(view.laneAtRow(0), ConnectionState::Established);
    QVERIFY(view.xForTime(double(open->startNs)) >= view.layout().plotRect().left());
    const QImage image = view.toImage();
    QCOMPARE(middleOf(view, image, 0, open), view.colors().state(ConnectionState::Established));
}

QTEST_MAIN(tst_TimelineView)
#include "tst_timelineview.moc"
