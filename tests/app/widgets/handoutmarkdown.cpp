// SPDX-License-Identifier: GPL-3.0-or-later
#include "handoutmarkdown.h"

#include "scenario/scenarioparser.h"

#include <QFileInfo>
#include <QSaveFile>
#include <QSet>

namespace TcpInspector {

namespace {
// The words around the lesson's own, in both languages (see the class comment).
struct Words
{
    const char *en;
    const char *zh;

    QString in(const QString &language) const
    {
        return QString::fromUtf8(language.startsWith(QLatin1String("zh")) ? zh : en);
    }
};

constexpr Words generatedNote
    = {"<!-- Made by scripts/screenshots.sh from lessons/%1.lesson and lessons/%1.scn: "
       "edit those, then run it again. -->",
       "<!-- 由 scripts/screenshots.sh 根据 lessons/%1.lesson 和 lessons/%1.scn 生成："
       "请修改那两个文件，再重新运行它。 -->"};
constexpr Words otherLanguage = {"中文版", "English"};
constexpr Words allLessons = {"All lessons", "全部课程"};
constexpr Words pitfallsLine = {"Pitfalls: %1", "陷阱：%1"};
constexpr Words goalLine = {"**Goal:** %1", "**目标：**%1"};
constexpr Words stepsWord = {"Steps", "步骤"};
constexpr Words runIt = {"In the window: `tcpinspector --lesson %1`, then *Run all* (or *Next*, "
                         "one step at a time). Without it: `tcpinspector-cli lesson %1`. "
                         "The whole scenario: [%2](%3).",
                         "在窗口中：`tcpinspector --lesson %1`，然后点“全部运行”（或“下一个”，"
                         "一次一步）。不开窗口：`tcpinspector-cli lesson %1`。"
                         "完整场景：[%2](%3)。"};
constexpr Words explanationWord = {"Explanation", "解释"};
constexpr Words codeWord = {"Code", "代码"};
constexpr Words goTitle = {"Go (as in the article)", "Go（文章中的写法）"};
constexpr Words cppTitle = {"C++ / Qt", "C++ / Qt"};
constexpr Words windowWord = {"In the window", "窗口中的样子"};

QString otherOf(const QString &language)
{
    return language == QLatin1String("en") ? QStringLiteral("zh_CN") : QStringLiteral("en");
}

// One line of running text: the scenario's strings are plain text, so what
// Markdown would read as emphasis or HTML is escaped.
QString inlineText(QString text)
{
    text.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    text.replace(QLatin1Char('*'), QLatin1String("\\*"));
    text.replace(QLatin1Char('<'), QLatin1String("&lt;"));
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));
    return text.trimmed();
}

QString tableCell(const QString &text)
{
    return inlineText(text).replace(QLatin1Char('|'), QLatin1String("\\|"));
}

QString fenced(const QString &language, const QString &code)
{
    QString text = code;
    while (text.endsWith(QLatin1Char('\n')))
        text.chop(1);
    return QStringLiteral("```%1\n%2\n```\n").arg(language, text);
}

// The expectation as written, without its callouts: what the step checks.
QString observationSource(const ScenarioStep &step)
{
    QString source = step.source;
    const int callout = source.indexOf(QLatin1String(" callout"));
    if (callout > 0)
        source.truncate(callout);
    return source.trimmed();
}

QString textIn(const QString &en, const QString &zh, const QString &language)
{
    return LessonText {en, zh}.in(language);
}
} // namespace

QStringList HandoutMarkdown::languages()
{
    return {QStringLiteral("en"), QStringLiteral("zh_CN")};
}

QString HandoutMarkdown::pageName(const Lesson &lesson, const QString &language)
{
    if (language == QLatin1String("en"))
        return lesson.id + QStringLiteral(".md");
    return QStringLiteral("%1.%2.md").arg(lesson.id, language);
}

QString HandoutMarkdown::imageName(const Lesson &lesson, const QString &language)
{
    if (language == QLatin1String("en"))
        return lesson.id + QStringLiteral(".png");
    return QStringLiteral("%1-%2.png").arg(lesson.id, language);
}

QString HandoutMarkdown::indexName()
{
    return QStringLiteral("README.md");
}

QString HandoutMarkdown::page(const Lesson &lesson, const QString &language)
{
    const QString title = lesson.title.in(language);
    QString text = generatedNote.in(language).arg(lesson.id) + QLatin1Char('\n');
    text += QStringLiteral("# %1. %2\n\n").arg(lesson.order).arg(inlineText(title));
    text += QStringLiteral("[%1](%2) · [%3](%4) · ")
                .arg(otherLanguage.in(language), pageName(lesson, otherOf(language)),
                     allLessons.in(language), indexName());
    text += pitfallsLine.in(language).arg(lesson.pitfalls.join(QStringLiteral(", ")))
            + QStringLiteral("\n\n");
    text
        += goalLine.in(language).arg(inlineText(lesson.goal.in(language))) + QStringLiteral("\n\n");
    text += QStringLiteral("## %1\n\n").arg(stepsWord.in(language));
    const QString scenarioFile = QStringLiteral("lessons/%1.scn").arg(lesson.id);
    text += runIt.in(language).arg(lesson.id, scenarioFile, QStringLiteral("../../") + scenarioFile)
            + QStringLiteral("\n\n");
    text += steps(lesson, language);
    text += QStringLiteral("## %1\n\n").arg(explanationWord.in(language));
    text += lesson.explanation.in(language).trimmed() + QStringLiteral("\n\n");
    text += code(lesson, language);
    text += QStringLiteral("\n## %1\n\n").arg(windowWord.in(language));
    text += QStringLiteral("![%1](%2)\n").arg(tableCell(title), imageName(lesson, language));
    return text;
}

QString HandoutMarkdown::steps(const Lesson &lesson, const QString &language)
{
    const ScenarioFile file = ScenarioParser().parseText(lesson.scenarioText, lesson.scenarioPath);
    // Each scenario's narration and callouts; the steps that set up (listen,
    // connect) say nothing and are left to the .scn file.
    QList<QPair<QString, QString>> parts;
    int number = 0;
    for (const Scenario &scenario : file.scenarios) {
        QString text;
        QString indent; // of an observation under the narration it follows
        for (const ScenarioStep &step : scenario.steps) {
            if (step.kind == StepKind::Say) {
                const auto &say = step.get<SayArgs>();
                const QString marker = QStringLiteral("%1. ").arg(++number);
                text += marker + inlineText(textIn(say.text, say.textZh, language))
                        + QLatin1Char('\n');
                indent = QString(marker.size(), QLatin1Char(' '));
            } else if (step.kind == StepKind::Expect) {
                const auto &expect = step.get<ExpectArgs>();
                const QString callout = textIn(expect.callout, expect.calloutZh, language);
                if (!callout.isEmpty()) {
                    text += QStringLiteral("%1- %2 `%3`\n")
                                .arg(indent, inlineText(callout), observationSource(step));
                }
            }
        }
        if (!text.isEmpty())
            parts.append({scenario.name, text});
    }
    QString text;
    for (const auto &[name, part] : std::as_const(parts)) {
        // A heading per part only where there are several.
        if (parts.size() > 1 && !name.isEmpty())
            text += QStringLiteral("### %1\n\n").arg(inlineText(name));
        text += part + QLatin1Char('\n');
    }
    return text;
}

QString HandoutMarkdown::code(const Lesson &lesson, const QString &language)
{
    // One block after the other rather than a two-column table: the lines
    // are up to 80 columns, and GitHub would scroll each half of a table.
    QString text = QStringLiteral("## %1\n\n").arg(codeWord.in(language));
    text += QStringLiteral("### %1\n\n").arg(goTitle.in(language));
    text += fenced(QStringLiteral("go"), lesson.goCode);
    text += QStringLiteral("\n### %1\n\n").arg(cppTitle.in(language));
    text += fenced(QStringLiteral("cpp"), lesson.cppCode);
    return text;
}

QString HandoutMarkdown::index(const LessonCatalog &catalog)
{
    QString text = QStringLiteral(
        "<!-- Made by scripts/screenshots.sh from the files in lessons/: edit those, then run it "
        "again. -->\n");
    text += QStringLiteral("# Lesson handouts · 课程讲义\n\n");
    text += QStringLiteral(
        "One page per lesson, in English and in Chinese, to print or to read again at home: the "
        "goal, the steps with what to look at, the explanation, the code in Go and C++/Qt, and "
        "the window after the lesson ran. How lessons are written: [LESSONS.md](../LESSONS.md); "
        "the pitfalls S1-S14: the [README](../../README.md).\n\n");
    text += QStringLiteral("每课一页，中英文各一份，可打印，也可回家重读：目标、步骤和要看的地方、"
                           "解释、Go 与 C++/Qt 代码，以及课程运行后的窗口。\n\n");
    text += QStringLiteral("| # | Lesson | 课程 | Pitfalls |\n|---|---|---|---|\n");
    for (const Lesson &lesson : catalog.lessons()) {
        text += QStringLiteral("| %1 | [%2](%3) | [%4](%5) | %6 |\n")
                    .arg(QString::number(lesson.order), tableCell(lesson.title.en),
                         pageName(lesson, QStringLiteral("en")), tableCell(lesson.title.zh),
                         pageName(lesson, QStringLiteral("zh_CN")),
                         lesson.pitfalls.join(QStringLiteral(", ")));
    }
    return text;
}

bool HandoutMarkdown::writeAll(const LessonCatalog &catalog, const QDir &directory,
                               QStringList *written, QString *error)
{
    if (!directory.mkpath(QStringLiteral("."))) {
        *error = QStringLiteral("cannot create %1").arg(directory.path());
        return false;
    }
    QList<QPair<QString, QString>> files = {{indexName(), index(catalog)}};
    for (const Lesson &lesson : catalog.lessons()) {
        for (const QString &language : languages())
            files.append({pageName(lesson, language), page(lesson, language)});
    }
    QSet<QString> names;
    for (const auto &[name, text] : std::as_const(files)) {
        QSaveFile file(directory.filePath(name));
        if (!file.open(QIODevice::WriteOnly) || file.write(text.toUtf8()) < 0 || !file.commit()) {
            *error = QStringLiteral("cannot write %1").arg(file.fileName());
            return false;
        }
        names.insert(name);
        written->append(name);
    }
    // A lesson renamed or removed leaves no page behind.
    QDir folder = directory;
    for (const QString &name : folder.entryList({QStringLiteral("*.md")}, QDir::Files)) {
        if (!names.contains(name))
            folder.remove(name);
    }
    return true;
}

} // namespace TcpInspector
