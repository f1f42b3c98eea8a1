// SPDX-License-Identifier: GPL-3.0-or-later
// tcpinspector-cli: the engine of TCP Inspector without a window, printing JSON lines.
#include "clitr.h"
#include "connectcommand.h"
#include "decodecommand.h"
#include "exportcommand.h"
#include "lessoncommand.h"
#include "listencommand.h"
#include "relaycommand.h"
#include "runcommand.h"
#include "showcommand.h"

#include "framing/decoderregistry.h"
#include "net/descriptorcount.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTranslator>

#include <cstdio>
#include <cstring>

#include <malloc.h>

using namespace TcpInspector;

namespace {

void printUsage(FILE *out)
{
    std::fputs(qPrintable(CliTr::tr(
                   "Usage: tcpinspector-cli COMMAND [OPTIONS]\n"
                   "\n"
                   "Commands:\n"
                   "  listen    accept connections, print what happens (JSON lines)\n"
                   "  connect   connect, send, print what happens (JSON lines)\n"
                   "  relay     pass connections on to a server, print both legs (JSON lines)\n"
                   "  run       run scenario files: steps, expectations, JUnit\n"
                   "  lesson    list the lessons, or run one headless and check it\n"
                   "  decode    decode a recorded byte stream into messages (JSON lines)\n"
                   "  show      print a session saved with --save as its JSON lines again\n"
                   "  export    a saved session as pcapng, CSV, JSON lines or raw bytes\n"
                   "  framings  list the framing decoders and their options\n"
                   "\n"
                   "'tcpinspector-cli COMMAND --help' shows the options of a command.\n")),
               out);
}

int listFramings()
{
    for (const DecoderInfo &info : DecoderRegistry::instance().decoders()) {
        std::printf("%s\n    %s\n    example: %s\n", qPrintable(info.synopsis()),
                    qPrintable(info.summary), qPrintable(info.example));
        for (const OptionInfo &option : info.options) {
            const QString defaultText = option.required ? CliTr::tr("required")
                                        : option.defaultValue.isEmpty()
                                            ? QString()
                                            : CliTr::tr("default %1").arg(option.defaultValue);
            std::printf("      %-28s %s%s\n", qPrintable(option.synopsis()),
                        qPrintable(option.help),
                        defaultText.isEmpty()
                            ? ""
                            : qPrintable(QStringLiteral(" (") + defaultText + QLatin1Char(')')));
        }
    }
    return 0;
}

/// A burst of connections needs descriptors: the soft limit goes up to the
/// hard one. Failing that is worth one line, as the limit caps what listen holds.
void raiseLimitOrWarn()
{
    const DescriptorLimitRaise raise = raiseDescriptorLimit();
    if (raise.sysErrno == 0)
        return;
    std::fprintf(stderr, "%s\n",
                 qPrintable(CliTr::tr("tcpinspector-cli: could not raise the open-file limit from "
                                      "%1 to %2 (%3); at most about %1 connections can be open.")
                                .arg(raise.before)
                                .arg(raise.target)
                                .arg(QString::fromLocal8Bit(std::strerror(raise.sysErrno)))));
}

/// The user's language from the locale (LC_ALL, LC_MESSAGES, LANG): the
/// explain texts and the help in Chinese under zh_CN. JSON keys and codes
/// stay as docs/CLI.md spells them.
void loadTranslation(QTranslator *translator)
{
    const QLocale locale;
    if (locale.language() == QLocale::English || locale.language() == QLocale::C)
        return;
    if (translator->load(locale, QStringLiteral("tcpinspector"), QStringLiteral("_"),
                         QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(translator);
}

} // namespace

int main(int argc, char *argv[])
{
    // glibc gives freed memory back and the next block takes fresh pages,
    // which this kind of VM touches at 0.3 GB/s: a recording CLI keeps what
    // it freed (64-byte lines 0.27 -> 0.34 GB/s, peak RSS unchanged; see
    // PERFORMANCE.md, Ingest). Not in the window, whose memory would then
    // stay at its peak after connections are removed.
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
    mallopt(M_MMAP_THRESHOLD, 256 << 20);
    mallopt(M_TOP_PAD, 64 << 20);
    raiseLimitOrWarn();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("tcpinspector-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TCPI_VERSION));
    QTranslator translator;
    loadTranslation(&translator);

    QStringList arguments = QCoreApplication::arguments();
    if (arguments.size() < 2) {
        printUsage(stderr);
        return 2;
    }
    const QString command = arguments.at(1);
    // Subcommands parse their own options; they see "tcpinspector-cli decode ..." as argv.
    arguments.removeAt(1);
    arguments[0] = QStringLiteral("tcpinspector-cli ") + command;
    if (command == QLatin1String("listen"))
        return ListenCommand().run(arguments);
    if (command == QLatin1String("connect"))
        return ConnectCommand().run(arguments);
    if (command == QLatin1String("relay"))
        return RelayCommand().run(arguments);
    if (command == QLatin1String("run"))
        return RunCommand().run(arguments);
    if (command == QLatin1String("lesson"))
        return LessonCommand().run(arguments);
    if (command == QLatin1String("decode"))
        return DecodeCommand().run(arguments);
    if (command == QLatin1String("show"))
        return ShowCommand().run(arguments);
    if (command == QLatin1String("export"))
        return ExportCommand().run(arguments);
    if (command == QLatin1String("framings"))
        return listFramings();
    if (command == QLatin1String("help") || command == QLatin1String("--help")
        || command == QLatin1String("-h")) {
        printUsage(stdout);
        return 0;
    }
    if (command == QLatin1String("--version")) {
        std::printf("tcpinspector-cli %s\n", TCPI_VERSION);
        return 0;
    }
    std::fprintf(stderr, "%s\n",
                 qPrintable(CliTr::tr("tcpinspector-cli: unknown command '%1'.").arg(command)));
    printUsage(stderr);
    return 2;
}
