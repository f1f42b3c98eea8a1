// SPDX-License-Identifier: GPL-3.0-or-later
#include "lessoncommand.h"

#include "clitr.h"
#include "jsonline.h"
#include "runcommand.h"

#include "lesson/lessoncatalog.h"
#include "scenario/scenarioparser.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>

#include <cstdio>

namespace TcpInspector {

namespace {

QStringList engineKeys(const QList<EngineKind> &engines)
{
    QStringList keys;
    for (EngineKind engine : engines)
        keys += engineKey(engine);
    return keys;
}

JsonLine lessonLine(const Lesson &lesson, const QString &language)
{
    JsonLine line;
    line.add("event", "lesson")
        .add("id", lesson.id)
        .add("order", lesson.order)
        .add("title", lesson.title.in(language))
        .add("goal", lesson.goal.in(language))
        .add("pitfalls", lesson.pitfalls)
        .add("engines", engineKeys(lesson.engines));
    return line;
}

} // namespace

LessonCommand::LessonCommand()
    : m_list(QStringLiteral("list"), CliTr::tr("Print one line per lesson: id, title, goal.")),
      m_engine(QStringLiteral("engine"),
               CliTr::tr("Run with this engine (qt or native) where the lesson does not "
                         "choose one; the lesson's first engine by default."),
               CliTr::tr("ENGINE")),
      m_language(QStringLiteral("lang"),
                 CliTr::tr("Language of the titles and goals: en or zh_CN; the system's by "
                           "default. Narration and callouts always carry both."),
                 CliTr::tr("LANG")),
      m_directory(QStringLiteral("dir"),
                  CliTr::tr("Read the lessons from DIR instead of the built-in ones."),
                  CliTr::tr("DIR")),
      m_output(QStringLiteral("lesson,step,say,expect_failed"))
{
    m_parser.setApplicationDescription(CliTr::tr(
        "Lists the lessons (--list) or runs one headless, on loopback: its narration as say "
        "lines, each step as a step line (with the callout of an observation that held), the "
        "lines of its connections, and a summary. Exit 0 when every observation the lesson "
        "promises held, 1 when one did not, 2 for a usage error or an unknown lesson, 3 when "
        "another step failed."));
    m_parser.addHelpOption();
    m_parser.addOptions({m_list, m_engine, m_language, m_directory});
    m_parser.addOptions(m_output.options());
    m_parser.addPositionalArgument(QStringLiteral("id"), CliTr::tr("The lesson to run."),
                                   QStringLiteral("[ID]"));
}

int LessonCommand::usageError(const QString &message) const
{
    return TcpInspector::usageError(
        QStringLiteral("lesson"), message,
        CliTr::tr("Try 'tcpinspector-cli lesson --list' for the lessons."));
}

int LessonCommand::run(const QStringList &arguments)
{
    if (const std::optional<int> done
        = parseCommandLine(m_parser, arguments, QStringLiteral("lesson"),
                           CliTr::tr("Try 'tcpinspector-cli lesson --help' for the options.")))
        return *done;
    QString error;
    if (!m_output.read(m_parser, &m_flags, &error))
        return usageError(error);
    m_languageName = m_parser.isSet(m_language) ? m_parser.value(m_language) : QLocale().name();
    QStringList errors;
    const LessonCatalog catalog = m_parser.isSet(m_directory)
                                      ? LessonCatalog::load(m_parser.value(m_directory), &errors)
                                      : LessonCatalog::builtIn(&errors);
    // A broken lesson is the author's to mend: say so, and go on with the rest.
    for (const QString &line : std::as_const(errors))
        std::fprintf(stderr, "%s\n", qPrintable(line));
    const QStringList ids = m_parser.positionalArguments();
    if (m_parser.isSet(m_list))
        return ids.isEmpty() ? list(catalog.lessons())
                             : usageError(CliTr::tr("--list takes no lesson."));
    if (ids.size() != 1)
        return usageError(CliTr::tr("Name one lesson to run, for example 'partial-reads'."));
    const Lesson *lesson = catalog.find(ids.first());
    if (!lesson) {
        return usageError(CliTr::tr("No lesson is called '%1'. Lessons: %2.")
                              .arg(ids.first(), catalog.ids().join(QLatin1String(", "))));
    }
    return runLesson(*lesson);
}

int LessonCommand::list(const QList<Lesson> &lessons) const
{
    for (const Lesson &lesson : lessons)
        lessonLine(lesson, m_languageName).write(stdout);
    std::fflush(stdout);
    return 0;
}

int LessonCommand::runLesson(const Lesson &lesson)
{
    EngineKind engine = lesson.engines.value(0, EngineKind::Qt);
    if (m_parser.isSet(m_engine)) {
        const std::optional<EngineKind> chosen = engineFromKey(m_parser.value(m_engine));
        if (!chosen)
            return usageError(
                CliTr::tr("--engine: write qt or native, not '%1'.").arg(m_parser.value(m_engine)));
        engine = *chosen;
    }
    ScenarioParser parser;
    parser.setDefaultEngine(engine);
    const ScenarioFile file = parser.parseText(lesson.scenarioText, lesson.scenarioPath,
                                               QFileInfo(lesson.scenarioPath).absolutePath());
    for (const ScenarioDiagnostic &diagnostic : file.diagnostics)
        std::fprintf(stderr, "%s\n", qPrintable(diagnostic.toString()));
    if (file.hasErrors())
        return 2;
    if (m_flags.events.shows("lesson")) {
        JsonLine line = lessonLine(lesson, m_languageName);
        line.add("engine", engineKey(engine));
        line.write(stdout);
        std::fflush(stdout);
    }
    return RunCommand().runParsed({file}, m_flags);
}

} // namespace TcpInspector
