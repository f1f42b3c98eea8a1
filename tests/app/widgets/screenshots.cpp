// SPDX-License-Identifier: GPL-3.0-or-later
// Renders the main window in the states the README shows, to PNG files, with
// the offscreen platform: real loopback connections, driven as a user would.
// Usage: tcpinspector-screenshots OUTPUT_DIR [--lang zh_CN]
#include "composer/sendcomposer.h"
#include "net/connection.h"
#include "net/replypolicy.h"
#include "session/workbench.h"
#include "views/hexview.h"
#include "views/timelineview.h"
#include "widgets/clientpanel.h"
#include "widgets/connectionview.h"
#include "widgets/mainwindow.h"
#include "widgets/serverpanel.h"
#include "widgets/timelinepane.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTest>

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
    window.refresh();
    const QString path = dir.filePath(name + QStringLiteral(".png"));
    if (timeline->exportPng(path))
        std::printf("%s\n", qPrintable(path));
    else
        std::fprintf(stderr, "cannot write %s\n", qPrintable(path));
}

std::unique_ptr<MainWindow> freshWindow()
{
    MainWindow::Options options;
    options.useSettings = false;
    auto window = std::make_unique<MainWindow>(options);
    window->resize(1360, 900);
    // The timeline gets the room: a picture for slides.
    window->connectionView()->hide();
    window->composer()->hide();
    window->show();
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

int timelineScenes(const QDir &dir)
{
    {
        // Half-close: the client sends a line and its FIN; the server (native)
        // reads EOF, echoes what it owes, then closes.
        auto window = freshWindow();
        Workbench *bench = window->workbench();
        REQUIRE(relisten(*window));
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
        QTest::qWait(120);
        bench->halfClose(client);
        REQUIRE(isFinalState(client->state()));
        QTest::qWait(200); // the kernel's FIN_WAIT2 / TIME_WAIT samples
        saveTimeline(*window, dir, QStringLiteral("timeline-half-close"));
        save(*window, dir, QStringLiteral("06-timeline-half-close"));
    }
    {
        // Connect timeout: a listener that never accepts, backlog 0 (S5).
        auto window = freshWindow();
        Workbench *bench = window->workbench();
        REQUIRE(relisten(*window, [&] {
            window->serverPanel()
                ->findChild<QSpinBox *>(QStringLiteral("backlogSpin"))
                ->setValue(0);
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
    }
    {
        // Reset: data both ways, then the client aborts with an RST.
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
    }
    return 0;
}
} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: tcpinspector-screenshots OUTPUT_DIR [--lang zh_CN]\n");
        return 2;
    }
    QDir dir(args.at(1));
    dir.mkpath(QStringLiteral("."));
    const int lang = args.indexOf(QStringLiteral("--lang"));
    const QString suffix = lang > 0 ? QStringLiteral("-") + args.value(lang + 1) : QString();

    MainWindow::Options options;
    options.useSettings = false;
    MainWindow window(options);
    if (lang > 0)
        window.setLanguage(args.value(lang + 1));
    window.resize(1360, 900);
    window.show();
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
    if (lang > 0)
        return 0; // the timeline pictures are for the English README
    return timelineScenes(dir);
}
