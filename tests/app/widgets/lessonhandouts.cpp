// SPDX-License-Identifier: GPL-3.0-or-later
#include "lessonhandouts.h"

#include "handoutmarkdown.h"
#include "lessons/lessonpane.h"
#include "lessons/lessonstage.h"
#include "scenario/scenariostepmodel.h"
#include "scenario/stepstatusstyle.h"
#include "views/timelineview.h"
#include "widgets/connectionview.h"
#include "widgets/docklayout.h"
#include "widgets/mainwindow.h"
#include "widgets/timelinepane.h"

#include <QDockWidget>
#include <QScrollArea>
#include <QScrollBar>
#include <QSet>
#include <QSplitter>
#include <QTest>

#include <algorithm>
#include <cstdio>

namespace TcpInspector {

namespace {
// A projector's screen: what a class sees, and what fits a printed page.
constexpr QSize windowSize(1024, 768);
// The longest lesson (dial-timeout) takes about 3 s; a run that has not ended
// by this is stuck.
constexpr int runLimitMs = 60000;

// The first step that did not pass, as the lesson pane counts them.
QString firstProblem(const ScenarioStepModel &model)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.state(row) == StepState::Passed)
            continue;
        const std::optional<StepResult> result = model.result(row);
        const QString why = result ? model.detail(row) : QStringLiteral("never finished");
        return QStringLiteral("line %1 %2: %3")
            .arg(model.lineOf(row))
            .arg(StepStatusStyle::name(model.state(row)), why);
    }
    return {};
}
} // namespace

bool LessonHandouts::writeText(const LessonCatalog &catalog)
{
    QStringList written;
    QString error;
    if (!HandoutMarkdown::writeAll(catalog, m_directory, &written, &error)) {
        std::fprintf(stderr, "handouts: %s\n", qPrintable(error));
        return false;
    }
    for (const QString &name : std::as_const(written))
        std::printf("%s\n", qPrintable(m_directory.filePath(name)));
    return true;
}

bool LessonHandouts::writeAll(const LessonCatalog &catalog)
{
    bool ok = writeText(catalog);
    QSet<QString> images;
    for (const Lesson &lesson : catalog.lessons()) {
        for (const QString &language : HandoutMarkdown::languages()) {
            images.insert(HandoutMarkdown::imageName(lesson, language));
            if (!m_only.isEmpty() && lesson.id != m_only)
                continue;
            QString error;
            if (!shoot(catalog, lesson, language, &error)) {
                std::fprintf(stderr, "handouts: lesson %s (%s): %s\n", qPrintable(lesson.id),
                             qPrintable(language), qPrintable(error));
                // No picture rather than an old one that no longer matches.
                m_directory.remove(HandoutMarkdown::imageName(lesson, language));
                ok = false;
            }
        }
    }
    if (m_only.isEmpty()) {
        // Those of a lesson renamed or removed.
        for (const QString &name : m_directory.entryList({QStringLiteral("*.png")}, QDir::Files)) {
            if (!images.contains(name))
                m_directory.remove(name);
        }
    }
    return ok;
}

bool LessonHandouts::shoot(const LessonCatalog &catalog, const Lesson &lesson,
                           const QString &language, QString *error)
{
    MainWindow::Options options;
    options.useSettings = false;
    options.listenOnStart = false; // only the lesson's own endpoints
    MainWindow window(options);
    if (language != QLatin1String("en"))
        window.setLanguage(language);
    // A first start on a small screen (the offscreen one is 800x800) is
    // maximized, which would ignore the size asked for.
    window.setWindowState(Qt::WindowNoState);
    window.resize(windowSize);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window)) {
        *error = QStringLiteral("the window was never shown");
        return false;
    }
    QTest::qWait(50);                         // the dock layout applies its sizes once shown
    window.lessonPane()->setCatalog(catalog); // the built-in one, or --dir's
    if (!window.openLesson(lesson.id)) {
        *error = QStringLiteral("not in the window's catalog");
        return false;
    }
    arrange(window, lesson);
    QTest::qWait(50); // the docks take their places before they take sizes
    fitDocks(window, lesson);
    if (!runToTheEnd(window, error))
        return false;
    fitDocks(window, lesson); // for the texts the run left on the stage
    // The kernel's last samples (TIME_WAIT, CLOSE_WAIT) and a repaint.
    QTest::qWait(300);
    window.refresh();
    window.timelinePane()->view()->zoomToFit();
    QTest::qWait(100);
    window.refresh();
    if (window.size() != windowSize) {
        *error = QStringLiteral("the window is %1x%2, not %3x%4")
                     .arg(window.width())
                     .arg(window.height())
                     .arg(windowSize.width())
                     .arg(windowSize.height());
        return false;
    }
    const QString path = m_directory.filePath(HandoutMarkdown::imageName(lesson, language));
    if (!window.grab().save(path)) {
        *error = QStringLiteral("cannot write %1").arg(path);
        return false;
    }
    std::printf("%s\n", qPrintable(path));
    return true;
}

void LessonHandouts::arrange(MainWindow &window, const Lesson &lesson)
{
    // Three bands across the whole width: the Lessons pane (its stage with
    // the goal, narration and callout beside the steps), the chunk and
    // message tables when the lesson looks at them, the timeline with its
    // kernel strip. The other panels are not used.
    DockLayout *docks = window.docks();
    for (int panel = 0; panel < DockLayout::PanelCount; ++panel) {
        if (QDockWidget *dock = docks->dock(DockLayout::Panel(panel)))
            dock->hide();
    }
    QDockWidget *lessons = docks->dock(DockLayout::Lessons);
    QDockWidget *timeline = docks->dock(DockLayout::Timeline);
    window.addDockWidget(Qt::TopDockWidgetArea, lessons);
    window.addDockWidget(Qt::BottomDockWidgetArea, timeline);
    // Their tabs and headings name them; a title bar would take a line, as
    // in presentation mode.
    for (QDockWidget *dock : {lessons, timeline}) {
        dock->setTitleBarWidget(new QWidget(dock));
        dock->show();
    }
    window.centralWidget()->setVisible(lesson.views.contains(QLatin1String("chunks"))
                                       || lesson.views.contains(QLatin1String("messages")));
    // The stage gets more of the pane's width than the steps, so that the
    // goal, the narration and the callout fit without scrolling: as a user
    // drags the splitter.
    if (auto *split = window.lessonPane()->findChild<QSplitter *>())
        split->setSizes({11, 9});
}

void LessonHandouts::fitDocks(MainWindow &window, const Lesson &lesson)
{
    const bool streams = lesson.views.contains(QLatin1String("chunks"))
                         || lesson.views.contains(QLatin1String("messages"));
    const bool lanes = lesson.views.contains(QLatin1String("timeline"))
                       || lesson.views.contains(QLatin1String("kernel"));
    // The Lessons pane a quarter of the height, then taller while its stage
    // (goal, narration, callout, summary) still scrolls, up to 45 %; the
    // timeline and the tables share the rest.
    const int height = window.height();
    QDockWidget *lessonsDock = window.docks()->dock(DockLayout::Lessons);
    QDockWidget *timeline = window.docks()->dock(DockLayout::Timeline);
    const auto *stageScroll
        = qobject_cast<QScrollArea *>(window.lessonPane()->stage()->parentWidget()->parentWidget());
    int lessons = height * 25 / 100;
    for (;;) {
        const int rest = height - lessons;
        window.resizeDocks({lessonsDock}, {lessons}, Qt::Vertical);
        window.resizeDocks({timeline}, {streams ? rest * (lanes ? 42 : 32) / 100 : rest},
                           Qt::Vertical);
        QTest::qWait(20);
        if (!stageScroll || stageScroll->verticalScrollBar()->maximum() == 0
            || lessons >= height * 45 / 100) {
            break;
        }
        lessons += 12;
    }
}

bool LessonHandouts::runToTheEnd(MainWindow &window, QString *error)
{
    LessonPane *pane = window.lessonPane();
    bool finished = false;
    bool passed = false;
    const QMetaObject::Connection connection
        = QObject::connect(pane, &LessonPane::runFinished, pane, [&](bool result) {
              finished = true;
              passed = result;
          });
    pane->runAll();
    const bool ended = QTest::qWaitFor([&] { return finished; }, runLimitMs);
    QObject::disconnect(connection);
    if (!ended) {
        *error = QStringLiteral("still running after %1 s: %2")
                     .arg(runLimitMs / 1000)
                     .arg(firstProblem(*pane->stepModel()));
        return false;
    }
    const QString problem = firstProblem(*pane->stepModel());
    if (!passed || !problem.isEmpty()) {
        *error = problem.isEmpty() ? QStringLiteral("the run failed") : problem;
        return false;
    }
    return true;
}

} // namespace TcpInspector
