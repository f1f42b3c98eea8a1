// SPDX-License-Identifier: GPL-3.0-or-later
// Renders the main window in the states the README shows, to PNG files, with
// the offscreen platform: real loopback connections, driven as a user would.
// Usage: tcpinspector-screenshots OUTPUT_DIR [--lang zh_CN]
#include "composer/sendcomposer.h"
#include "net/connection.h"
#include "session/workbench.h"
#include "views/hexview.h"
#include "widgets/clientpanel.h"
#include "widgets/connectionview.h"
#include "widgets/mainwindow.h"
#include "widgets/serverpanel.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QDir>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>

#include <cstdio>

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
    return 0;
}
