// SPDX-License-Identifier: GPL-3.0-or-later
// The lessons as data: every shipped lesson reads, in both languages, with a
// scenario that parses and observations that say what they show; a broken
// lesson file is told line by line.
#include "lesson/lessoncatalog.h"
#include "lesson/lessonreader.h"
#include "scenario/scenarioparser.h"

#include <QSet>
#include <QTest>

using namespace TcpInspector;

class tst_Lessons : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void builtInEqualsSourceTree();
    void everyLessonComplete();
    void scenariosParseWithEachEngine();
    void badFiles_data();
    void badFiles();
    void languageFallsBack();
};

namespace {

const char *const goodHeader = "order: 3\n"
                               "title: T\ntitle.zh: 标题\n"
                               "goal: G\ngoal.zh: 目标\n";
const char *const goodSections = "== explain\nE\n== explain.zh\n解释\n== go\nx := 1\n== cpp\n"
                                 "int x = 1;\n";

} // namespace

void tst_Lessons::builtInEqualsSourceTree()
{
    // The window and the CLI use the built-in copy; it must be the tree's.
    QStringList errors;
    const LessonCatalog builtIn = LessonCatalog::builtIn(&errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
    const LessonCatalog tree = LessonCatalog::load(QStringLiteral(TCPI_LESSONS_DIR), &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
    QCOMPARE(builtIn.ids(), tree.ids());
    QVERIFY(!builtIn.lessons().isEmpty());
    for (qsizetype i = 0; i < tree.lessons().size(); ++i)
        QCOMPARE(builtIn.lessons().at(i).scenarioText, tree.lessons().at(i).scenarioText);
}

void tst_Lessons::everyLessonComplete()
{
    const LessonCatalog catalog = LessonCatalog::load(QStringLiteral(TCPI_LESSONS_DIR), nullptr);
    QSet<int> orders;
    for (const Lesson &lesson : catalog.lessons()) {
        QVERIFY2(!orders.contains(lesson.order), qPrintable(lesson.id));
        orders.insert(lesson.order);
        QVERIFY(!lesson.title.zh.isEmpty() && !lesson.goal.zh.isEmpty());
        QVERIFY(!lesson.explanation.zh.isEmpty());
        QVERIFY2(!lesson.pitfalls.isEmpty(), qPrintable(lesson.id));
        QVERIFY(!lesson.goCode.isEmpty() && !lesson.cppCode.isEmpty());
        // Narration and callouts in both languages too: zero unfinished.
        const ScenarioFile file = ScenarioParser().parseText(lesson.scenarioText, lesson.id);
        int observations = 0;
        for (const Scenario &scenario : file.scenarios) {
            for (const ScenarioStep &step : scenario.steps) {
                if (step.kind == StepKind::Say)
                    QVERIFY2(!step.get<SayArgs>().textZh.isEmpty(), qPrintable(step.source));
                if (step.kind != StepKind::Expect)
                    continue;
                const ExpectArgs &expect = step.get<ExpectArgs>();
                QVERIFY2(expect.callout.isEmpty() == expect.calloutZh.isEmpty(),
                         qPrintable(step.source));
                if (!expect.callout.isEmpty())
                    ++observations;
            }
        }
        QVERIFY2(observations >= 1, qPrintable(lesson.id + QLatin1String(": no callout")));
    }
}

void tst_Lessons::scenariosParseWithEachEngine()
{
    const LessonCatalog catalog = LessonCatalog::load(QStringLiteral(TCPI_LESSONS_DIR), nullptr);
    for (const Lesson &lesson : catalog.lessons()) {
        QVERIFY(!lesson.engines.isEmpty());
        for (EngineKind engine : lesson.engines) {
            ScenarioParser parser;
            parser.setDefaultEngine(engine);
            const ScenarioFile file = parser.parseText(lesson.scenarioText, lesson.scenarioPath);
            QStringList messages;
            for (const ScenarioDiagnostic &diagnostic : file.diagnostics)
                messages += diagnostic.toString();
            QVERIFY2(!file.hasErrors(), qPrintable(messages.join(QLatin1Char('\n'))));
            // The engine a step does not name is the one asked for.
            const ScenarioStep &first = file.scenarios.first().steps.first();
            if (first.kind == StepKind::Listen && !first.source.contains(QLatin1String("engine=")))
                QCOMPARE(first.get<ListenArgs>().engine, engine);
        }
    }
}

void tst_Lessons::badFiles_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error");
    const QString header = QString::fromUtf8(goodHeader);
    const QString sections = QString::fromUtf8(goodSections);
    QTest::newRow("good") << header + sections << QString();
    QTest::newRow("unknown key") << header + QStringLiteral("titel.zh: x\n") + sections
                                 << QStringLiteral("x.lesson:6: Unknown key 'titel.zh'. Did you "
                                                   "mean 'title.zh'?");
    QTest::newRow("no chinese goal")
        << QString(header).replace(QStringLiteral("goal.zh: 目标\n"), QString()) + sections
        << QStringLiteral("x.lesson:1: 'goal.zh' is missing or empty.");
    QTest::newRow("unknown section")
        << QString::fromUtf8(goodHeader) + sections + QStringLiteral("== rust\nfn main() {}\n")
        << QStringLiteral("x.lesson:14: Unknown section 'rust'.");
    QTest::newRow("no cpp") << QString::fromUtf8(goodHeader)
                                   + sections.left(sections.indexOf(QLatin1String("== cpp")))
                            << QStringLiteral("x.lesson:1: Section '== cpp' is missing or empty.");
    QTest::newRow("engine") << QString::fromUtf8(goodHeader) + QStringLiteral("engines: qt nativ\n")
                                   + sections
                            << QStringLiteral("x.lesson:6: 'engines' lists qt, native or both");
    QTest::newRow("order") << QString::fromUtf8(goodHeader)
                                      .replace(QStringLiteral("order: 3"),
                                               QStringLiteral("order: first"))
                                  + sections
                           << QStringLiteral("x.lesson:1: 'order' must be a whole number");
    QTest::newRow("pitfall") << QString::fromUtf8(goodHeader) + QStringLiteral("pitfalls: S8 S15\n")
                                    + sections
                             << QStringLiteral("x.lesson:6: Unknown pitfall 'S15'");
    QTest::newRow("not key value")
        << QStringLiteral("just words\n") + QString::fromUtf8(goodHeader) + sections
        << QStringLiteral("x.lesson:1: Expected 'key: value'");
}

void tst_Lessons::badFiles()
{
    QFETCH(QString, text);
    QFETCH(QString, error);
    Lesson lesson;
    QStringList errors;
    const bool ok = LessonReader::readText(text, QStringLiteral("x.lesson"), &lesson, &errors);
    if (error.isEmpty()) {
        QVERIFY2(ok, qPrintable(errors.join(QLatin1Char('\n'))));
        QCOMPARE(lesson.order, 3);
        QCOMPARE(lesson.title.zh, QStringLiteral("标题"));
        QCOMPARE(lesson.cppCode, QStringLiteral("int x = 1;"));
        QCOMPARE(lesson.engines, QList<EngineKind> {EngineKind::Qt});
        return;
    }
    QVERIFY(!ok);
    QVERIFY2(errors.join(QLatin1Char('\n')).contains(error),
             qPrintable(errors.join(QLatin1Char('\n'))));
}

void tst_Lessons::languageFallsBack()
{
    const LessonText text {QStringLiteral("Hello"), QStringLiteral("你好")};
    QCOMPARE(text.in(QStringLiteral("zh_CN")), QStringLiteral("你好"));
    QCOMPARE(text.in(QStringLiteral("en_US")), QStringLiteral("Hello"));
    QCOMPARE((LessonText {QStringLiteral("Hello"), QString()}).in(QStringLiteral("zh_CN")),
             QStringLiteral("Hello"));
}

QTEST_GUILESS_MAIN(tst_Lessons)
#include "tst_lessons.moc"
