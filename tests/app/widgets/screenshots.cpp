// SPDX-License-Identifier: GPL-3.0-or-later
// Renders the main window in the states the README shows, to PNG files, with
// the offscreen platform: real loopback connections, driven as a user would.
// Usage: tcpinspector-screenshots OUTPUT_DIR [--lang zh_CN] [--tls] [--qm FILE]
//        tcpinspector-screenshots --handouts DIR [--lesson ID] [--dir LESSONS]  (docs/lessons)
//        tcpinspector-screenshots --handouts-text-only DIR [--dir LESSONS]     (Markdown only)
//        tcpinspector-screenshots --guide DIR [--lang zh_CN]                  (docs/guide)
#include "composer/sendcomposer.h"
#include "guidescenes.h"
#include "lessonhandouts.h"
#include "net/connection.h"
#include "net/replypolicy.h"
#include "session/workbench.h"
#include "views/conversationview.h"
#include "views/hexview.h"
#include "views/timelinelayout.h"
#include "views/timelineview.h"
#include "widgets/clientpanel.h"
#include "widgets/connectionview.h"
#include "widgets/conversationpane.h"
#include "widgets/docklayout.h"
#include "widgets/mainwindow.h"
#include "widgets/serverpanel.h"
#include "widgets/timelinepane.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QLineEdit>
#include <QPainter>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTest>
#include <QToolTip>
#include <QTranslator>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <memory>

using namespace TcpInspector;

namespace {
// Stops with a message naming what never happened.
#define REQUIRE(condition) \
    do { \
        if (!QTest::qWaitFor([&] { return bool(condition); }, 5000)) { \
            std::fprintf(stderr, "screenshots: timed out waiting for %s (line %d)\n", #condition, \
                         __LINE__); \
            return 1; \
        } \
    } while (false)

void save(MainWindow &window, const QDir &dir, const QString &name)
{
    window.refresh();
    QTest::qWait(100);
    window.refresh();
    const QString path = dir.filePath(name + QStringLiteral(".png"));
    if (!window.grab().save(path))
        std::fprintf(stderr, "cannot write %s\n", qPrintable(path));
    else
        std::printf("%s\n", qPrintable(path));
}
} // namespace

namespace {
void saveTimeline(MainWindow &window, const QDir &dir, const QString &name)
{
    TimelineView *timeline = window.timelinePane()->view();
    window.refresh();
    timeline->zoomToFit();
    QTest::qWait(50);
    // As high as the lanes and the legend: no empty band below the lanes.
    const TimelineLayout &layout = timeline->layout();
    const int spare = int(layout.lanesBottom() - layout.rowTop(0) - layout.contentHeight());
    if (spare > 8) {
        window.resize(window.width(), window.height() - spare + 8);
        QTest::qWait(50);
        timeline->zoomToFit();
    }
    window.refresh();
    const QString path = dir.filePath(name + QStringLiteral(".png"));
    if (timeline->exportPng(path))
        std::printf("%s\n", qPrintable(path));
    else
        std::fprintf(stderr, "cannot write %s\n", qPrintable(path));
}

// A window of this size, not maximized: a first start on a small screen (the
// offscreen one is 800x800) is, and would ignore the size asked for.
bool showAt(MainWindow &window, const QSize &size)
{
    window.setWindowState(Qt::WindowNoState);
    window.resize(size);
    window.show();
    const bool exposed = QTest::qWaitForWindowExposed(&window);
    QTest::qWait(50); // the dock layout applies its sizes once shown
    return exposed;
}

std::unique_ptr<MainWindow> freshWindow()
{
    MainWindow::Options options;
    options.useSettings = false;
    auto window = std::make_unique<MainWindow>(options);
    if (!showAt(*window, QSize(1360, 640)))
        std::fprintf(stderr, "screenshots: the window was never shown\n");
    // The timeline alone gets the room: a picture for slides. In the compact
    // layout it shares a tab group with the panels, behind the server's, and
    // a hidden timeline has no size to draw its lanes in.
    DockLayout *docks = window->docks();
    for (int panel = 0; panel < DockLayout::PanelCount; ++panel) {
        if (QDockWidget *dock = docks->dock(DockLayout::Panel(panel)))
            dock->setVisible(panel == DockLayout::Timeline);
    }
    window->centralWidget()->hide();
    return window;
}

// Restarts the embedded server with the native engine, which can stay
// half-open after EOF, and whatever else the scene sets first.
bool relisten(MainWindow &window, const std::function<void()> &configure = {})
{
    window.serverPanel()->stop();
    auto *engine = window.serverPanel()->findChild<QComboBox *>(QStringLiteral("engineCombo"));
    engine->setCurrentIndex(engine->findData(QStringLiteral("native")));
    if (configure)
        configure();
    return window.serverPanel()->listen();
}

// Half-close: the client sends a line and its FIN; the server (native)
// reads EOF, echoes what it owes, then closes.
int halfCloseScene(const QDir &dir)
{
    auto window = freshWindow();
    Workbench *bench = window->workbench();
    REQUIRE(relisten(*window));
    // A native client too: QTcpSocket closes at the server's EOF, and
    // the picture is of both ends half-open.
    auto *clientEngine
        = window->clientPanel()->findChild<QComboBox *>(QStringLiteral("engineCombo"));
    clientEngine->setCurrentIndex(clientEngine->findData(QStringLiteral("native")));
    window->clientPanel()->connectToTarget();
    REQUIRE(bench->connections().size() == 2);
    Connection *client = bench->connections(Connection::Side::Client).value(0);
    REQUIRE(client->state() == ConnectionState::Established);
    // Replies (and the close after EOF) 60 ms late, so each state shows.
    ReplyPolicy echo = *ReplyPolicy::parse(QStringLiteral("echo"), nullptr);
    echo.delayMs = 60;
    bench->setReplyPolicy(echo);
    QTest::qWait(40);
    SendRequest request;
    request.bytes = "hello\n";
    bench->send(client, request);
    // The FIN while the echo is still owed: the server answers 60 ms
    // after EOF, then closes.
    QTest::qWait(10);
    bench->halfClose(client);
    REQUIRE(isFinalState(client->state()));
    QTest::qWait(200); // the kernel's FIN_WAIT2 / TIME_WAIT samples
    saveTimeline(*window, dir, QStringLiteral("timeline-half-close"));
    save(*window, dir, QStringLiteral("06-timeline-half-close"));
    return 0;
}

// Connect timeout: a listener that never accepts, backlog 0 (S5).
int connectTimeoutScene(const QDir &dir)
{
    auto window = freshWindow();
    Workbench *bench = window->workbench();
    REQUIRE(relisten(*window, [&] {
        window->serverPanel()->findChild<QSpinBox *>(QStringLiteral("backlogSpin"))->setValue(0);
    }));
    bench->setAcceptingPaused(true);
    window->clientPanel()->findChild<QSpinBox *>(QStringLiteral("timeoutSpin"))->setValue(400);
    window->clientPanel()->findChild<QSpinBox *>(QStringLiteral("countSpin"))->setValue(3);
    window->clientPanel()->connectToTarget(3);
    REQUIRE(bench->connections(Connection::Side::Client).size() == 3);
    const auto failed = [bench] {
        const QList<Connection *> all = bench->connections();
        return std::any_of(all.begin(), all.end(),
                           [](Connection *c) { return c->state() == ConnectionState::Failed; });
    };
    REQUIRE(failed());
    QTest::qWait(100);
    saveTimeline(*window, dir, QStringLiteral("timeline-connect-timeout"));
    return 0;
}

// Reset: data both ways, then the client aborts with an RST.
int resetScene(const QDir &dir)
{
    auto window = freshWindow();
    Workbench *bench = window->workbench();
    REQUIRE(relisten(*window));
    window->clientPanel()->connectToTarget();
    REQUIRE(bench->connections().size() == 2);
    Connection *client = bench->connections(Connection::Side::Client).value(0);
    Connection *server = bench->connections(Connection::Side::Server).value(0);
    REQUIRE(client->state() == ConnectionState::Established);
    SendRequest request;
    request.bytes = "ping\n";
    request.repeat = 5;
    request.intervalMs = 20;
    bench->send(client, request);
    REQUIRE(server->rx().store().size() == 25);
    QTest::qWait(30);
    bench->abortWithReset(client);
    REQUIRE(isFinalState(server->state()));
    QTest::qWait(50);
    saveTimeline(*window, dir, QStringLiteral("timeline-reset"));
    return 0;
}

int timelineScenes(const QDir &dir)
{
    if (const int failed = halfCloseScene(dir))
        return failed;
    if (const int failed = connectTimeoutScene(dir))
        return failed;
    return resetScene(dir);
}

// The conversation tab at 1024x768 (a projector's size): a request and a
// reply in two writes, a ping, and a few control bytes, with line framing.
int conversationScene(const QDir &dir, const QString &suffix, const QString &language)
{
    MainWindow::Options options;
    options.useSettings = false;
    MainWindow window(options);
    if (!language.isEmpty())
        window.setLanguage(language);
    REQUIRE(showAt(window, QSize(1024, 768)));
    REQUIRE(window.workbench()->isListening());
    window.workbench()->setReplyPolicy(*ReplyPolicy::parse(QStringLiteral("none"), nullptr));
    window.applyStart({QString(), QString(), QStringLiteral("line"), QString(), QString()});
    window.clientPanel()->connectToTarget();
    REQUIRE(window.workbench()->connections().size() == 2);
    Connection *client = window.workbench()->connections(Connection::Side::Client).value(0);
    Connection *server = window.workbench()->connections(Connection::Side::Server).value(0);
    REQUIRE(client->state() == ConnectionState::Established);
    const QList<std::pair<Connection *, QByteArray>> writes {
        {client, "GET /status HTTP/1.1\r\nHost: example\r\n\r\n"},
        {server, "HTTP/1.1 200 OK\r\nContent-Length: 19\r\n"},
        {server, "\r\n{\"status\": \"ready\"}\n"},
        {client, "PING\r\n"},
        {server, "+PONG\r\n"},
        {client, QByteArray("\x00\x01\x02"
                            "binary\x7f\tand a tab\n",
                            21)},
        {server, "bye\n"},
    };
    qint64 clientRx = 0;
    qint64 serverRx = 0;
    for (const auto &[from, bytes] : writes) {
        SendRequest request;
        request.bytes = bytes;
        window.workbench()->send(from, request);
        (from == client ? serverRx : clientRx) += bytes.size();
        REQUIRE(server->rx().store().size() == serverRx && client->rx().store().size() == clientRx);
    }
    window.selectInPanel(client);
    window.centre()->setCurrentWidget(window.conversationPane());
    // The conversation alone gets the room, as on a projector.
    for (int panel = 0; panel < DockLayout::PanelCount; ++panel) {
        if (QDockWidget *dock = window.docks()->dock(DockLayout::Panel(panel)))
            dock->hide();
    }
    // From the start: it followed the bytes to the end as they came.
    window.refresh();
    window.conversationPane()->view()->scrollToRow(0);
    save(window, dir, QStringLiteral("07-conversation") + suffix);
    return 0;
}

// The tooltip Qt shows, painted onto the window's picture where it is
// (a grab of the window leaves out the tooltip's own window).
QImage withToolTip(MainWindow &window)
{
    QImage image = window.grab().toImage();
    for (QWidget *widget : QApplication::topLevelWidgets()) {
        if (!widget->isVisible() || !widget->inherits("QTipLabel"))
            continue;
        QPainter painter(&image);
        const QPoint at = window.mapFromGlobal(widget->mapToGlobal(QPoint(0, 0)));
        const QPixmap tip = widget->grab();
        painter.drawPixmap(at * image.devicePixelRatio(), tip);
        painter.setPen(window.palette().color(QPalette::WindowText));
        painter.drawRect(QRect(at, tip.size() / tip.devicePixelRatio()).adjusted(0, 0, -1, -1));
    }
    return image;
}

// A TLS connection at 1024x768 (issue 16): the client's received TLS
// records, the first (the ServerHello) selected, and the timeline's tooltip
// on the handshake: protocol, cipher, the chain with its expiry.
int tlsScene(const QDir &dir, const QString &suffix, const QString &language)
{
    MainWindow::Options options;
    options.useSettings = false;
    MainWindow window(options);
    if (!language.isEmpty())
        window.setLanguage(language);
    REQUIRE(showAt(window, QSize(1024, 768)));
    REQUIRE(relisten(window, [&] {
        window.serverPanel()->findChild<QCheckBox *>(QStringLiteral("tlsCheck"))->setChecked(true);
    }));
    ClientPanel *clientPanel = window.clientPanel();
    clientPanel->findChild<QLineEdit *>(QStringLiteral("targetEdit"))
        ->setText(window.workbench()->boundAddress().toString());
    clientPanel->findChild<QCheckBox *>(QStringLiteral("tlsCheck"))->setChecked(true);
    clientPanel->findChild<QCheckBox *>(QStringLiteral("tlsVerifyCheck"))->setChecked(false);
    clientPanel->connectToTarget();
    REQUIRE(window.workbench()->connections().size() == 2);
    Connection *client = window.workbench()->connections(Connection::Side::Client).value(0);
    REQUIRE(client->state() == ConnectionState::Established && client->timeline().count() > 3);
    QTest::qWait(30);
    SendRequest request;
    request.bytes = "GET /status HTTP/1.1\r\nHost: localhost\r\n\r\n";
    window.workbench()->send(client, request);
    REQUIRE(client->rx().store().size() == request.bytes.size());
    QTest::qWait(30);
    window.selectInPanel(client);
    ConnectionView *view = window.connectionView();
    view->setDirection(Direction::Rx);
    view->setLayer(StreamLayer::Wire);
    window.refresh();
    view->messageTable()->setCurrentIndex(view->messageTable()->model()->index(0, 0));
    view->setFollowLive(false);
    // The timeline under the records, in the room the composer would take,
    // both lanes with their tags: the tooltip opens upwards, over the bytes.
    QDockWidget *timelineDock = window.docks()->dock(DockLayout::Timeline);
    for (int panel = 0; panel < DockLayout::PanelCount; ++panel) {
        if (QDockWidget *dock = window.docks()->dock(DockLayout::Panel(panel)))
            dock->hide();
    }
    window.addDockWidget(Qt::BottomDockWidgetArea, timelineDock);
    timelineDock->show();
    window.resizeDocks({timelineDock}, {290}, Qt::Vertical);
    TimelineView *timeline = window.timelinePane()->view();
    window.refresh();
    QTest::qWait(100);
    timeline->zoomToFit();
    window.refresh();
    QTest::qWait(100);
    const int row = timeline->rowOf(client);
    REQUIRE(row >= 0);
    qint64 handshakeNs = -1;
    for (const LaneMark &mark : timeline->laneAtRow(row)->marks()) {
        if (mark.kind == MarkKind::TlsHandshake)
            handshakeNs = mark.timeNs;
    }
    REQUIRE(handshakeNs >= 0);
    view->messageTable()->scrollToTop();
    view->chunkTable()->scrollToTop();
    window.refresh();
    QTest::qWait(100);
    const QPointF at(timeline->xForTime(double(handshakeNs)),
                     timeline->layout().barRect(row).center().y());
    QToolTip::showText(timeline->viewport()->mapToGlobal(at.toPoint()), timeline->toolTipAt(at),
                       timeline->viewport());
    QTest::qWait(300);
    const QString path
        = dir.filePath(QStringLiteral("tls-records") + suffix + QStringLiteral(".png"));
    if (!withToolTip(window).save(path))
        std::fprintf(stderr, "cannot write %s\n", qPrintable(path));
    else
        std::printf("%s\n", qPrintable(path));
    QToolTip::hideText();
    return 0;
}

// The README's pictures of the window; language empty for English.
int readmeScenes(const QDir &dir, const QString &language)
{
    const QString suffix = language.isEmpty() ? QString() : QStringLiteral("-") + language;
    MainWindow::Options options;
    options.useSettings = false;
    MainWindow window(options);
    if (!language.isEmpty())
        window.setLanguage(language);
    REQUIRE(showAt(window, QSize(1360, 900)));
    REQUIRE(window.workbench()->isListening());
    save(window, dir, QStringLiteral("01-start") + suffix);

    // Connect, then send one 1000-byte line in 7 writes: the server reads it
    // in several chunks and the line decoder makes one message of them.
    window.clientPanel()->connectToTarget();
    REQUIRE(window.workbench()->connections().size() == 2);
    Connection *client = window.workbench()->connections(Connection::Side::Client).value(0);
    Connection *server = window.workbench()->connections(Connection::Side::Server).value(0);
    REQUIRE(client->state() == ConnectionState::Established);
    SendRequest request;
    request.bytes = QByteArray(999, 'x');
    for (int i = 0; i < request.bytes.size(); ++i)
        request.bytes[i] = char('a' + (i / 40) % 26);
    request.bytes += '\n';
    request.fragmentSize = 143;
    request.fragmentDelayMs = 15;
    window.workbench()->send(client, request);
    SendRequest second;
    second.bytes = "GET /status HTTP/1.1\r\nHost: example\r\n\r\npartial tail without newline";
    REQUIRE(server->rx().store().size() == 1000);
    window.workbench()->send(client, second);
    REQUIRE(server->rx().store().size() == 1000 + second.bytes.size());
    window.serverPanel()->selectConnection(server);
    window.refresh();
    auto *messages = window.connectionView()->messageTable();
    messages->setCurrentIndex(messages->model()->index(0, 0));
    save(window, dir, QStringLiteral("02-chunks-and-messages") + suffix);

    window.connectionView()->hexView()->setMode(HexView::Mode::Text);
    save(window, dir, QStringLiteral("03-text-view") + suffix);
    window.connectionView()->hexView()->setMode(HexView::Mode::Hex);

    // Half-close from the client: the server sees EOF and, owing nothing, closes.
    window.workbench()->halfClose(client);
    REQUIRE(isFinalState(client->state()));
    window.clientPanel()->selectConnection(client);
    save(window, dir, QStringLiteral("04-half-close") + suffix);

    // A bare port: the S1 message appears under the field as it is typed.
    auto *target = window.clientPanel()->findChild<QLineEdit *>(QStringLiteral("targetEdit"));
    target->clear();
    QTest::keyClicks(target, QStringLiteral("8080"));
    save(window, dir, QStringLiteral("05-bare-port") + suffix);
    if (const int failed = conversationScene(dir, suffix, language))
        return failed;
    if (const int failed = tlsScene(dir, suffix, language))
        return failed;
    if (!language.isEmpty())
        return 0; // the timeline pictures are for the English README
    return timelineScenes(dir);
}

int handouts(const QStringList &args)
{
    const bool textOnly = args.at(1) == QLatin1String("--handouts-text-only");
    // --dir: the lessons of a folder rather than the built-in ones (a new
    // lesson's handout before it is built in).
    const int dir = args.indexOf(QStringLiteral("--dir"));
    QStringList errors;
    const LessonCatalog catalog = dir > 0 ? LessonCatalog::load(args.value(dir + 1), &errors)
                                          : LessonCatalog::builtIn(&errors);
    for (const QString &error : std::as_const(errors))
        std::fprintf(stderr, "handouts: %s\n", qPrintable(error));
    if (!errors.isEmpty() || catalog.lessons().isEmpty())
        return 1;
    LessonHandouts handouts {QDir(args.at(2))};
    if (textOnly)
        return handouts.writeText(catalog) ? 0 : 1;
    const int only = args.indexOf(QStringLiteral("--lesson"));
    if (only > 0) {
        if (!catalog.find(args.value(only + 1))) {
            std::fprintf(stderr, "handouts: no lesson %s\n", qPrintable(args.value(only + 1)));
            return 2;
        }
        handouts.setOnly(args.value(only + 1));
    }
    return handouts.writeAll(catalog) ? 0 : 1;
}
} // namespace

int main(int argc, char *argv[])
{
    // The pages alone need no display (their test runs anywhere).
    const bool textOnly = argc >= 3 && qstrcmp(argv[1], "--handouts-text-only") == 0;
    const std::unique_ptr<QCoreApplication> app(textOnly ? new QCoreApplication(argc, argv)
                                                         : new QApplication(argc, argv));
    const QStringList args = QCoreApplication::arguments();
    if (args.size() >= 3 && args.at(1).startsWith(QLatin1String("--handouts")))
        return handouts(args);
    // --qm FILE: translations not merged into the .ts yet, over the built-in
    // ones (a preview of a branch's new strings in another language).
    QTranslator preview;
    if (const int qm = args.indexOf(QStringLiteral("--qm")); qm > 0) {
        if (!preview.load(args.value(qm + 1))) {
            std::fprintf(stderr, "cannot load %s\n", qPrintable(args.value(qm + 1)));
            return 2;
        }
        QCoreApplication::installTranslator(&preview);
    }
    const int lang = args.indexOf(QStringLiteral("--lang"));
    const QString language = lang > 0 ? args.value(lang + 1) : QString();
    if (args.size() >= 3 && args.at(1) == QLatin1String("--guide")) {
        QDir guide(args.at(2));
        guide.mkpath(QStringLiteral("."));
        return renderGuide(guide, language);
    }
    if (args.size() < 2 || args.at(1).startsWith(QLatin1String("--"))) {
        std::fprintf(stderr, "usage: tcpinspector-screenshots OUTPUT_DIR [--lang zh_CN]\n"
                             "       tcpinspector-screenshots --handouts DIR [--lesson ID]\n"
                             "       tcpinspector-screenshots --handouts-text-only DIR\n"
                             "       tcpinspector-screenshots --guide DIR [--lang zh_CN]\n");
        return 2;
    }
    QDir dir(args.at(1));
    dir.mkpath(QStringLiteral("."));
    // The TLS picture alone (docs/screenshots/tls-records*.png).
    if (args.contains(QStringLiteral("--tls")))
        return tlsScene(dir, language.isEmpty() ? QString() : QStringLiteral("-") + language,
                        language);
    return readmeScenes(dir, language);
}
