// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingestapp.h"

#include "benchwindow.h"
#include "timerlateness.h"

#include "net/connection.h"
#include "session/workbench.h"
#include "widgets/connectionview.h"
#include "widgets/mainwindow.h"
#include "widgets/serverpanel.h"

#include <QAbstractItemModel>
#include <QAbstractItemView>
#include <QApplication>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QTimer>

#include <cstdio>
#include <utility>

#include <sys/resource.h>

namespace TcpInspector {

namespace {

constexpr int checkMs = 20;
constexpr int longestStreamMs = 600000;

/// Sets the server panel as a user would: the port, the framing new
/// connections start with, the engine; then listens.
void listenOn(MainWindow *window, const QString &port, const QString &framing,
              const QString &engine)
{
    ServerPanel *panel = window->serverPanel();
    setPanelEngine(window, panel, engine);
    panel->findChild<QLineEdit *>(QStringLiteral("addressEdit"))
        ->setText(QStringLiteral("127.0.0.1:") + port);
    panel->setDefaultFraming(framing, framing);
    if (!panel->listen())
        qFatal("cannot listen on port %s", qPrintable(port));
}

/// The calling thread's CPU time and involuntary context switches (the
/// scheduler ran something else: lateness the app did not cause).
std::pair<double, long> threadUsage()
{
    rusage usage {};
    getrusage(RUSAGE_THREAD, &usage);
    const auto seconds = [](const timeval &t) {
        return double(t.tv_sec) + double(t.tv_usec) / 1e6;
    };
    return {seconds(usage.ru_utime) + seconds(usage.ru_stime), usage.ru_nivcsw};
}

/// Runs the event loop until the accepted connection is over; the native
/// engine stays half-open after the peer's FIN (the user decides), so the
/// bench closes it as the qt engine does by itself.
Connection *awaitStream(MainWindow *window, TimerLateness *lateness)
{
    Workbench *bench = window->workbench();
    Connection *received = nullptr;
    QObject::connect(bench, &Workbench::connectionAdded, window, [&](Connection *connection) {
        if (received || connection->side() != Connection::Side::Server)
            return;
        received = connection;
        window->selectInPanel(connection);
        lateness->start();
    });
    QEventLoop loop;
    QTimer check;
    bool closing = false;
    QObject::connect(&check, &QTimer::timeout, &loop, [&] {
        if (!received)
            return;
        const ConnectionState state = received->state();
        if (state == ConnectionState::RemoteHalfClosed && !closing) {
            bench->close(received);
            closing = true;
        }
        if (isFinalState(state))
            loop.quit();
    });
    check.start(checkMs);
    QTimer::singleShot(longestStreamMs, &loop, &QEventLoop::quit);
    loop.exec();
    lateness->stop();
    return received;
}

} // namespace

int runAppChild(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList arguments = QCoreApplication::arguments();
    if (arguments.size() < 5)
        qFatal("usage: --app-child PORT FRAMING ENGINE");
    const std::unique_ptr<MainWindow> window = openBenchWindow(false);
    listenOn(window.get(), arguments.at(2), arguments.at(3), arguments.at(4));
    TimerLateness lateness;
    const std::pair<double, long> before = threadUsage();
    const Connection *received = awaitStream(window.get(), &lateness);
    const std::pair<double, long> after = threadUsage();
    if (!received)
        return 1;
    QJsonObject result;
    result.insert(QStringLiteral("bytes"), double(received->rx().store().size()));
    result.insert(QStringLiteral("frames"), double(received->rx().frameCount()));
    result.insert(QStringLiteral("shown"), window->connectionView()->connection() == received);
    result.insert(QStringLiteral("message_rows"),
                  window->connectionView()->messageTable()->model()->rowCount());
    result.insert(QStringLiteral("ticks"), lateness.ticks());
    result.insert(QStringLiteral("late_p99_ms"), lateness.p99Ms());
    result.insert(QStringLiteral("late_worst_ms"), lateness.worstMs());
    result.insert(QStringLiteral("late_worst_cpu_ms"), lateness.worstGapCpuMs());
    result.insert(QStringLiteral("late_worst_queued_ms"), lateness.worstGapQueuedMs());
    result.insert(QStringLiteral("gui_cpu_s"), after.first - before.first);
    result.insert(QStringLiteral("gui_preempted"), double(after.second - before.second));
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
    return 0;
}

} // namespace TcpInspector
