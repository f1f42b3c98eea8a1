// SPDX-License-Identifier: GPL-3.0-or-later
// The lesson handouts' Markdown (docs/lessons): every text from the lesson in
// the page's language, the observations with their callouts under the
// narration they follow, the index, and no page left of a removed lesson.
#include "handoutmarkdown.h"

#include "scenario/scenarioparser.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace TcpInspector;

namespace {
Lesson sample()
{
    Lesson lesson;
    lesson.id = QStringLiteral("sample");
    lesson.order = 7;
    lesson.pitfalls = {QStringLiteral("S8"), QStringLiteral("S10")};
    lesson.title = {QStringLiteral("Sample | title"), QStringLiteral("示例标题")};
    lesson.goal = {QStringLiteral("See the goal."), QStringLiteral("看到目标。")};
    lesson.explanation = {QStringLiteral("Explained in **Markdown**.\n"),
                          QStringLiteral("用 **Markdown** 解释。\n")};
    lesson.goCode = QStringLiteral("n, err := conn.Read(buf)\n\n");
    lesson.cppCode = QStringLiteral("socket->readAll();\n");
    lesson.scenarioPath = QStringLiteral("sample.scn");
    lesson.scenarioText = QStringLiteral(R"(timeout 1s
listen srv 127.0.0.1:0
connect cli srv
accept conn srv
scenario "first part"
say "First <step> *now*." zh="第一步。"
send cli "a"
expect conn chunks 1 callout="One read." callout-zh="一次读取。"
expect conn bytes 1
scenario "second part"
say "Second." zh="第二步。"
expect conn bytes 1 callout="Only in English."
)");
    return lesson;
}

// The text up to the first character the page escapes.
QString plainPart(const QString &text)
{
    const qsizetype cut = text.indexOf(QRegularExpression(QStringLiteral("[*<\\\\]")));
    return cut < 0 ? text : text.left(cut);
}
} // namespace

class tst_HandoutMarkdown : public QObject
{
    Q_OBJECT

private slots:
    void sampleParses();
    void pageHasTheLessonsTexts_data();
    void pageHasTheLessonsTexts();
    void observationsFollowTheirNarration();
    void oneScenarioHasNoHeading();
    void everyBuiltInCalloutIsOnItsPage();
    void indexListsEveryLessonInOrder();
    void writeAllLeavesNoStalePage();
};

void tst_HandoutMarkdown::sampleParses()
{
    const Lesson lesson = sample();
    const ScenarioFile file = ScenarioParser().parseText(lesson.scenarioText, lesson.scenarioPath);
    QVERIFY2(!file.hasErrors(), qPrintable(file.diagnostics.value(0).message));
}

void tst_HandoutMarkdown::pageHasTheLessonsTexts_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<QStringList>("absent");
    QTest::newRow("en") << QStringLiteral("en") << QStringLiteral("sample.md")
                        << QStringList {QStringLiteral("# 7. Sample | title\n"),
                                        QStringLiteral("[中文版](sample.zh_CN.md)"),
                                        QStringLiteral("Pitfalls: S8, S10"),
                                        QStringLiteral("**Goal:** See the goal."),
                                        QStringLiteral("1. First &lt;step> \\*now\\*.\n"),
                                        QStringLiteral("Explained in **Markdown**.\n\n"),
                                        QStringLiteral("```go\nn, err := conn.Read(buf)\n```\n"),
                                        QStringLiteral("```cpp\nsocket->readAll();\n```\n"),
                                        QStringLiteral("![Sample \\| title](sample.png)"),
                                        QStringLiteral("../../lessons/sample.scn")}
                        << QStringList {QStringLiteral("第一步"), QStringLiteral("一次读取")};
    QTest::newRow("zh_CN") << QStringLiteral("zh_CN") << QStringLiteral("sample.zh_CN.md")
                           << QStringList {QStringLiteral("# 7. 示例标题\n"),
                                           QStringLiteral("[English](sample.md)"),
                                           QStringLiteral("陷阱：S8, S10"),
                                           QStringLiteral("**目标：**看到目标。"),
                                           QStringLiteral("1. 第一步。\n"),
                                           QStringLiteral("一次读取。"),
                                           // No Chinese given: the English one.
                                           QStringLiteral("Only in English."),
                                           QStringLiteral("用 **Markdown** 解释。"),
                                           QStringLiteral("![示例标题](sample-zh_CN.png)")}
                           << QStringList {QStringLiteral("First"), QStringLiteral("One read."),
                                           QStringLiteral("See the goal")};
}

void tst_HandoutMarkdown::pageHasTheLessonsTexts()
{
    QFETCH(QString, language);
    QFETCH(QString, fileName);
    QFETCH(QStringList, expected);
    QFETCH(QStringList, absent);
    const Lesson lesson = sample();
    QCOMPARE(HandoutMarkdown::pageName(lesson, language), fileName);
    const QString page = HandoutMarkdown::page(lesson, language);
    for (const QString &text : std::as_const(expected))
        QVERIFY2(page.contains(text), qPrintable(text + QStringLiteral(" not in:\n") + page));
    for (const QString &text : std::as_const(absent))
        QVERIFY2(!page.contains(text), qPrintable(text));
}

void tst_HandoutMarkdown::observationsFollowTheirNarration()
{
    const QString page = HandoutMarkdown::page(sample(), QStringLiteral("en"));
    // Under its narration, with what it checks and without its callout options;
    // an observation without a callout is not a step of the handout.
    QVERIFY(page.contains(QStringLiteral("### first part\n\n1. First &lt;step> \\*now\\*.\n"
                                         "   - One read. `expect conn chunks 1`\n")));
    QVERIFY(page.contains(QStringLiteral("### second part\n\n2. Second.\n"
                                         "   - Only in English. `expect conn bytes 1`\n")));
    QCOMPARE(page.count(QStringLiteral("expect conn bytes 1")), 1);
    QVERIFY(!page.contains(QStringLiteral("callout")));
    QVERIFY(!page.contains(QStringLiteral("listen srv")));
}

void tst_HandoutMarkdown::oneScenarioHasNoHeading()
{
    Lesson lesson = sample();
    lesson.scenarioText = QStringLiteral("listen srv 127.0.0.1:0\nsay \"Only.\"\n");
    const QString page = HandoutMarkdown::page(lesson, QStringLiteral("en"));
    QVERIFY(page.contains(QStringLiteral("\n1. Only.\n")));
    QCOMPARE(page.count(QStringLiteral("\n### ")), 2); // the two code headings only
}

void tst_HandoutMarkdown::everyBuiltInCalloutIsOnItsPage()
{
    QStringList errors;
    const LessonCatalog catalog = LessonCatalog::builtIn(&errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
    QVERIFY(!catalog.lessons().isEmpty());
    for (const Lesson &lesson : catalog.lessons()) {
        const ScenarioFile file
            = ScenarioParser().parseText(lesson.scenarioText, lesson.scenarioPath);
        const QString en = HandoutMarkdown::page(lesson, QStringLiteral("en"));
        const QString zh = HandoutMarkdown::page(lesson, QStringLiteral("zh_CN"));
        for (const Scenario &scenario : file.scenarios) {
            for (const ScenarioStep &step : scenario.steps) {
                if (step.kind != StepKind::Expect || step.get<ExpectArgs>().callout.isEmpty())
                    continue;
                const ExpectArgs &expect = step.get<ExpectArgs>();
                QVERIFY2(en.contains(plainPart(expect.callout)),
                         qPrintable(lesson.id + QStringLiteral(": ") + expect.callout));
                QVERIFY2(zh.contains(plainPart(expect.calloutZh)),
                         qPrintable(lesson.id + QStringLiteral(": ") + expect.calloutZh));
            }
        }
    }
}

void tst_HandoutMarkdown::indexListsEveryLessonInOrder()
{
    const LessonCatalog catalog = LessonCatalog::builtIn();
    const QString index = HandoutMarkdown::index(catalog);
    int previous = -1;
    for (const Lesson &lesson : catalog.lessons()) {
        const int at = index.indexOf(QStringLiteral("](%1.md)").arg(lesson.id));
        QVERIFY2(at > previous, qPrintable(lesson.id));
        QVERIFY(index.contains(QStringLiteral("](%1.zh_CN.md)").arg(lesson.id)));
        previous = at;
    }
}

void tst_HandoutMarkdown::writeAllLeavesNoStalePage()
{
    QTemporaryDir temporary;
    QVERIFY(temporary.isValid());
    const QDir directory(temporary.path());
    QFile stale(directory.filePath(QStringLiteral("renamed-lesson.md")));
    QVERIFY(stale.open(QIODevice::WriteOnly));
    stale.close();
    const LessonCatalog catalog = LessonCatalog::builtIn();
    QStringList written;
    QString error;
    QVERIFY2(HandoutMarkdown::writeAll(catalog, directory, &written, &error), qPrintable(error));
    QCOMPARE(written.size(), 1 + 2 * catalog.lessons().size());
    QVERIFY(!stale.exists());
    QCOMPARE(directory.entryList({QStringLiteral("*.md")}, QDir::Files).size(), written.size());
    QVERIFY(written.contains(QStringLiteral("README.md")));
}

QTEST_GUILESS_MAIN(tst_HandoutMarkdown)
#include "tst_handoutmarkdown.moc"
