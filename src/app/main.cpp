// SPDX-License-Identifier: GPL-3.0-or-later
#include "lesson/lessoncatalog.h"
#include "net/descriptorcount.h"
#include "widgets/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>

#include <cstdio>

namespace {

// The id of --lesson, checked against the built-in lessons: false, with
// the ids on stderr, for one that does not exist.
bool knownLesson(const QString &id)
{
    QStringList errors;
    const TcpInspector::LessonCatalog catalog = TcpInspector::LessonCatalog::builtIn(&errors);
    if (catalog.find(id))
        return true;
    for (const QString &error : std::as_const(errors))
        std::fprintf(stderr, "%s\n", qPrintable(error));
    std::fprintf(stderr, "%s\n",
                 qPrintable(QCoreApplication::translate("main", "No lesson '%1'. The lessons: %2")
                                .arg(id, catalog.ids().join(QLatin1String(", ")))));
    return false;
}

} // namespace

int main(int argc, char *argv[])
{
    // A server panel facing a burst of clients needs more than the usual 1024
    // descriptors; the status bar shows the limit this leaves.
    TcpInspector::raiseDescriptorLimit();
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("TcpInspector"));
    QCoreApplication::setApplicationName(QStringLiteral("tcpinspector"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TCPI_VERSION));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("TCP Inspector"));
    QGuiApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/tcpinspector.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Watch what TCP does, byte by byte."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption lesson(
        QStringLiteral("lesson"),
        QCoreApplication::translate("main", "Opens the window on the lesson ID (as in "
                                            "tcpinspector-cli lesson --list)."),
        QStringLiteral("ID"));
    parser.addOption(lesson);
    const QCommandLineOption open(
        QStringLiteral("open"),
        QCoreApplication::translate("main", "Opens the session FILE (File > Open Session)."),
        QStringLiteral("FILE"));
    parser.addOption(open);
    parser.addPositionalArgument(
        QStringLiteral("FILE"),
        QCoreApplication::translate("main", "A session file to open, as with --open."),
        QStringLiteral("[FILE]"));
    const QCommandLineOption listen(
        QStringLiteral("listen"),
        QCoreApplication::translate("main", "The server panel listens on ADDR (host:port, :port "
                                            "or [v6]:port) instead of 127.0.0.1:0."),
        QStringLiteral("ADDR"));
    const QCommandLineOption connect(
        QStringLiteral("connect"),
        QCoreApplication::translate("main", "The client panel connects to ADDR (host:port)."),
        QStringLiteral("ADDR"));
    const QCommandLineOption framing(
        QStringLiteral("framing"),
        QCoreApplication::translate("main", "Both directions of every new connection are "
                                            "decoded with SPEC (tcpinspector-cli framings)."),
        QStringLiteral("SPEC"));
    const QCommandLineOption relay(
        QStringLiteral("relay"),
        QCoreApplication::translate("main", "The Relay panel passes connections on to TARGET "
                                            "(host:port), showing both legs."),
        QStringLiteral("TARGET"));
    const QCommandLineOption relayListen(
        QStringLiteral("relay-listen"),
        QCoreApplication::translate("main", "Where the relay listens (with --relay) instead of "
                                            "127.0.0.1:0; point the client here."),
        QStringLiteral("ADDR"));
    parser.addOptions({listen, connect, framing, relay, relayListen});
    parser.process(app);
    QString sessionPath = parser.value(open);
    if (sessionPath.isEmpty() && !parser.positionalArguments().isEmpty())
        sessionPath = parser.positionalArguments().constFirst();
    const QString lessonId = parser.value(lesson);
    if (parser.isSet(lesson) && !knownLesson(lessonId))
        return 2;

    TcpInspector::MainWindow window;
    window.show();
    const QStringList problems
        = window.applyStart({parser.value(listen), parser.value(connect), parser.value(framing),
                             parser.value(relay), parser.value(relayListen)});
    if (!problems.isEmpty()) {
        // The window stays: what could be done is done, and the user sees it.
        for (const QString &problem : problems)
            std::fprintf(stderr, "tcpinspector: %s\n", qPrintable(problem));
    }
    if (!lessonId.isEmpty())
        window.openLesson(lessonId);
    // Once the window shows, so that a large file's progress has a parent.
    if (!sessionPath.isEmpty())
        QMetaObject::invokeMethod(
            &window, [&window, sessionPath] { window.openSession(sessionPath); },
            Qt::QueuedConnection);
    return app.exec();
}
