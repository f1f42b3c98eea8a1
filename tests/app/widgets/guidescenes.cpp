// SPDX-License-Identifier: GPL-3.0-or-later
#include "guidescenes.h"

#include "lessons/lessonpane.h"
#include "net/connection.h"
#include "session/workbench.h"
#include "views/timelineview.h"
#include "widgets/advancedsection.h"
#include "widgets/clientpanel.h"
#include "widgets/connectiontable.h"
#include "widgets/connectionview.h"
#include "widgets/docklayout.h"
#include "widgets/gettingstarted.h"
#include "widgets/mainwindow.h"
#include "widgets/relaypanel.h"
#include "widgets/serverpanel.h"
#include "widgets/timelinepane.h"

#include <QDockWidget>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <algorithm>
#include <cstdio>
#include <memory>

namespace TcpInspector {

namespace {
#define REQUIRE(condition) \
    do { \
        if (!QTest::qWaitFor([&] { return bool(condition); }, 10000)) { \
            std::fprintf(stderr, "guide: timed out waiting for %s (line %d)\n", #condition, \
                         __LINE__); \
            return 1; \
        } \
    } while (false)

const QSize guideSize(1024, 768);

class Scene
{
public:
    Scene(const QDir &dir, const QString &language, bool hint = false)
        : m_dir(dir), m_suffix(language.isEmpty() ? QString() : QStringLiteral("-") + language)
    {
        MainWindow::Options options;
        options.useSettings = false;
        options.firstStartHint = hint;
        window = std::make_unique<MainWindow>(options);
        if (!language.isEmpty())
            window->setLanguage(language);
        // Not maximized: the offscreen screen (800x800) would ignore the size.
        window->setWindowState(Qt::WindowNoState);
        window->resize(guideSize);
        window->show();
        shown = QTest::qWaitForWindowExposed(window.get());
        QTest::qWait(50); // the dock layout applies its sizes once shown
    }

    void save(const QString &name) const
    {
        window->refresh();
        QTest::qWait(100);
        window->refresh();
        write(window->grab(), name);
    }

    // Only these docks, the others closed as a user would.
    void showDocks(std::initializer_list<DockLayout::Panel> panels) const
    {
        DockLayout *docks = window->docks();
        for (int panel = 0; panel < DockLayout::PanelCount; ++panel) {
            QDockWidget *dock = docks->dock(DockLayout::Panel(panel));
            if (dock)
                dock->setVisible(std::find(panels.begin(), panels.end(), panel) != panels.end());
        }
    }

    std::unique_ptr<MainWindow> window;
    bool shown = false;

private:
    void write(const QPixmap &picture, const QString &name) const
    {
        const QString path = m_dir.filePath(name + m_suffix + QStringLiteral(".png"));
        // Quality 0: the highest PNG compression, the same pixels.
        if (picture.save(path, "PNG", 0))
            std::printf("%s\n", qPrintable(path));
        else
            std::fprintf(stderr, "cannot write %s\n", qPrintable(path));
    }

    QDir m_dir;
    QString m_suffix;
};

// A first start: the hint above the views, then what its "Show me" does.
int firstStart(const QDir &dir, const QString &language)
{
    Scene scene(dir, language, true);
    MainWindow *window = scene.window.get();
    REQUIRE(scene.shown && window->workbench()->isListening());
    scene.save(QStringLiteral("first-start"));
    REQUIRE(window->gettingStarted()->runDemo());
    Workbench *bench = window->workbench();
    REQUIRE(bench->connections(Connection::Side::Client).size() == 1);
    Connection *client = bench->connections(Connection::Side::Client).value(0);
    REQUIRE(client->rx().store().size() == 11); // "hello, TCP\n" echoed
    QTest::qWait(200);                          // the kernel's samples
    scene.save(QStringLiteral("show-me"));
    return 0;
}

// A real server under test: redis-server on a free port, the client panel
// pointed at it with RESP framing (tcpinspector --connect ... --framing resp),
// a SET written in 8-byte fragments: five chunks, one message.
int testingRedis(const QDir &dir, const QString &language)
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    const QString port = QString::number(probe.serverPort());
    probe.close();
    QProcess redis;
    redis.start(QStringLiteral("redis-server"),
                {QStringLiteral("--port"), port, QStringLiteral("--save"), QString(),
                 QStringLiteral("--appendonly"), QStringLiteral("no")});
    if (!redis.waitForStarted(3000)) {
        std::fprintf(stderr, "guide: no redis-server, no testing-redis picture\n");
        return 0;
    }
    const auto answers = [&port] {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port.toUShort());
        return socket.waitForConnected(100);
    };
    REQUIRE(answers());
    Scene scene(dir, language);
    MainWindow *window = scene.window.get();
    Workbench *bench = window->workbench();
    REQUIRE(scene.shown);
    const QString target = QStringLiteral("127.0.0.1:") + port;
    REQUIRE(window->applyStart({QString(), target, QStringLiteral("resp"), {}, {}}).isEmpty());
    REQUIRE(bench->connections(Connection::Side::Client).size() == 1);
    Connection *client = bench->connections(Connection::Side::Client).value(0);
    REQUIRE(client->state() == ConnectionState::Established);
    SendRequest set;
    set.bytes = "*3\r\n$3\r\nSET\r\n$8\r\ngreeting\r\n$5\r\nhello\r\n";
    set.fragmentSize = 8;
    set.fragmentDelayMs = 10;
    bench->send(client, set);
    REQUIRE(client->rx().store().size() == 5); // +OK
    SendRequest get;
    get.bytes = "*2\r\n$3\r\nGET\r\n$8\r\ngreeting\r\n";
    bench->send(client, get);
    REQUIRE(client->rx().store().size() == 16); // $5 hello
    QTest::qWait(200);
    window->docks()->dock(DockLayout::Client)->raise();
    window->clientPanel()->selectConnection(client);
    REQUIRE(window->currentConnection() == client);
    window->connectionView()->setDirection(Direction::Tx);
    scene.save(QStringLiteral("testing-redis"));
    scene.window.reset();
    redis.terminate();
    redis.waitForFinished(3000);
    return 0;
}

Connection *unpairedClient(Workbench *bench)
{
    for (Connection *c : bench->connections(Connection::Side::Client))
        if (c->relayPair() == 0)
            return c;
    return nullptr;
}

// The relay between the client panel and the window's own echo server, the
// echo written back a byte at a time: both legs, the Faults section open.
int relay(const QDir &dir, const QString &language)
{
    Scene scene(dir, language);
    MainWindow *window = scene.window.get();
    Workbench *bench = window->workbench();
    REQUIRE(scene.shown && bench->isListening());
    RelayPanel *relay = window->relayPanel();
    // The Relay dock across the top, the views of the selected leg below.
    scene.showDocks({DockLayout::Relay});
    QDockWidget *relayDock = window->docks()->dock(DockLayout::Relay);
    window->addDockWidget(Qt::TopDockWidgetArea, relayDock);
    relay->setDefaultFraming(QStringLiteral("line"), QStringLiteral("line"));
    relay->setAddresses(QStringLiteral("127.0.0.1:0"), bench->boundAddress().toString());
    REQUIRE(relay->start());
    relay->faultsSection()->setExpanded(true);
    REQUIRE(relay->applyFaults(QStringLiteral("--slice s2c:1:2")));

    ClientOptions options;
    options.target = bench->relayAddress();
    options.connection.rxFraming = QStringLiteral("line");
    bench->connectTo(options);
    REQUIRE(unpairedClient(bench) != nullptr);
    Connection *client = unpairedClient(bench);
    REQUIRE(client->state() == ConnectionState::Established);
    SendRequest request;
    request.bytes = QByteArray("PING\n");
    bench->send(client, request);
    REQUIRE(client->rx().store().size() == 5);
    request.bytes = QByteArray("SET greeting hello\n");
    bench->send(client, request);
    REQUIRE(client->rx().store().size() == 24);
    QTest::qWait(200);
    window->refresh();
    // The client leg: what the relay wrote to the client, 1 byte a write.
    Connection *clientLeg = nullptr;
    for (Connection *c : relay->table()->allConnections())
        if (c->side() == Connection::Side::Server)
            clientLeg = c;
    REQUIRE(clientLeg != nullptr);
    window->selectInPanel(clientLeg);
    REQUIRE(window->currentConnection() == clientLeg);
    window->connectionView()->setDirection(Direction::Tx);
    window->resizeDocks({relayDock}, {425}, Qt::Vertical);
    scene.save(QStringLiteral("relay-faults"));
    // The four lanes of the chain, top to bottom, the window's timeline alone.
    scene.showDocks({DockLayout::Timeline});
    window->centralWidget()->hide();
    window->resize(1024, 600); // no empty band under the four lanes
    QTest::qWait(100);
    window->refresh();
    window->timelinePane()->view()->zoomToFit();
    scene.save(QStringLiteral("timeline-relay"));
    return 0;
}

// A lesson run in full, then presentation mode as on a projector.
int lesson(const QDir &dir, const QString &language)
{
    Scene scene(dir, language);
    MainWindow *window = scene.window.get();
    REQUIRE(scene.shown);
    REQUIRE(window->openLesson(QStringLiteral("half-close")));
    window->setPresentationMode(true);
    QTest::qWait(100);
    // The Lessons pane above the timeline, as a teacher drags them.
    DockLayout *docks = window->docks();
    QDockWidget *lessons = docks->dock(DockLayout::Lessons);
    QDockWidget *timeline = docks->dock(DockLayout::Timeline);
    window->addDockWidget(Qt::TopDockWidgetArea, lessons);
    window->addDockWidget(Qt::BottomDockWidgetArea, timeline);
    lessons->show();
    timeline->show();
    window->centralWidget()->hide();
    QTest::qWait(50);
    window->resizeDocks({lessons}, {window->height() * 48 / 100}, Qt::Vertical);
    LessonPane *pane = window->lessonPane();
    bool finished = false;
    QObject::connect(pane, &LessonPane::runFinished, pane, [&finished] { finished = true; });
    pane->runAll();
    REQUIRE(finished);
    QTest::qWait(300); // the kernel's last samples
    window->timelinePane()->view()->zoomToFit();
    scene.save(QStringLiteral("lesson-presentation"));
    return 0;
}
} // namespace

int renderGuide(const QDir &dir, const QString &language)
{
    for (auto scene : {firstStart, testingRedis, relay, lesson}) {
        if (const int failed = scene(dir, language))
            return failed;
    }
    return 0;
}

} // namespace TcpInspector
