// SPDX-License-Identifier: GPL-3.0-or-later
// Presentation mode on the real main window, offscreen: what it hides, zooms
// and recolours, that turning it off puts all of it back, its shortcuts, and
// that it survives a restart.
#include "composer/sendcomposer.h"
#include "views/hexview.h"
#include "views/rowtableview.h"
#include "views/timelineview.h"
#include "views/viewtheme.h"
#include "views/viewzoom.h"
#include "widgets/connectionview.h"
#include "widgets/mainwindow.h"
#include "widgets/presentationmode.h"
#include "widgets/timelinepane.h"

#include <QApplication>
#include <QDockWidget>
#include <QSettings>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using namespace TcpInspector;

class tst_PresentationMode : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void hidesAndRestores();
    void zoomReachesEveryView();
    void lessonChoosesTheDocks();
    void lessonKeepsWhatItLooksAt();
    void presentationZoomIsRemembered();
    void lightOnDark();
    void shortcuts();
    void settingsRoundTrip();

private:
    QDockWidget *dock(const char *name) const
    {
        auto *found = m_window->findChild<QDockWidget *>(QLatin1String(name));
        if (!found)
            qFatal("no dock %s", name);
        return found;
    }
    // Shown, or a tab that can be brought forward.
    bool open(const char *name) const { return !dock(name)->isHidden(); }
    int statusWidgetsShown() const
    {
        int shown = 0;
        for (QWidget *widget :
             m_window->statusBar()->findChildren<QWidget *>(Qt::FindDirectChildrenOnly))
            shown += widget->isVisible() ? 1 : 0;
        return shown;
    }

    std::unique_ptr<MainWindow> m_window;
};

void tst_PresentationMode::init()
{
    MainWindow::Options options;
    options.useSettings = false;
    options.listenOnStart = false;
    m_window = std::make_unique<MainWindow>(options);
    m_window->resize(1024, 768);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void tst_PresentationMode::cleanup()
{
    m_window.reset();
    ViewZoom::instance()->reset();
}

void tst_PresentationMode::hidesAndRestores()
{
    const QPalette before = QApplication::palette();
    SendComposer *composer = m_window->composer();
    composer->setLibraryVisible(true);
    QVERIFY(open("eventsDock"));
    const int statusShown = statusWidgetsShown();
    QVERIFY(statusShown >= 4); // rates, connections, descriptors, listening
    const qreal points = QApplication::font().pointSizeF();

    m_window->setPresentationMode(true);
    QVERIFY(m_window->presentationMode());
    QVERIFY(!open("eventsDock"));
    QVERIFY(open("serverDock") && open("clientDock") && open("composerDock"));
    QVERIFY(!composer->isLibraryVisible());
    QVERIFY(ViewTheme::highContrast());
    QCOMPARE(QApplication::palette().color(QPalette::Base), QColor(Qt::white));
    QCOMPARE(QApplication::palette().color(QPalette::Text), QColor(Qt::black));
    const qreal zoom = PresentationMode::firstZoom(m_window->screen()->availableSize().height());
    QCOMPARE(ViewZoom::instance()->factor(), zoom);
    QCOMPARE(QApplication::font().pointSizeF(), points * zoom);
    QCOMPARE(statusWidgetsShown(), 0);
    QVERIFY(dock("serverDock")->titleBarWidget());

    m_window->setPresentationMode(false);
    QVERIFY(!m_window->presentationMode());
    QVERIFY(open("eventsDock"));
    QVERIFY(composer->isLibraryVisible());
    QVERIFY(!ViewTheme::highContrast());
    QCOMPARE(QApplication::palette(), before);
    QCOMPARE(ViewZoom::instance()->factor(), 1.0);
    QCOMPARE(QApplication::font().pointSizeF(), points);
    QVERIFY(!dock("serverDock")->titleBarWidget());
    QCOMPARE(statusWidgetsShown(), statusShown);
}

void tst_PresentationMode::zoomReachesEveryView()
{
    auto *hex = m_window->connectionView()->findChild<HexView *>();
    auto *table = m_window->connectionView()->findChild<RowTableView *>();
    TimelineView *timeline = m_window->timelinePane()->view();
    QVERIFY(hex && table);
    const qreal hexPoints = hex->font().pointSizeF();
    const int rowHeight = table->rowHeight();
    const qreal lane = timeline->layout().metrics().lane;
    ViewZoom::instance()->setFactor(2.0);
    QCOMPARE(hex->font().pointSizeF(), hexPoints * 2);
    QVERIFY2(table->rowHeight() >= 2 * rowHeight - 6,
             qPrintable(QString::number(table->rowHeight())));
    QVERIFY(timeline->layout().metrics().lane >= 1.8 * lane);
    ViewZoom::instance()->reset();
    QCOMPARE(table->rowHeight(), rowHeight);
}

void tst_PresentationMode::lessonChoosesTheDocks()
{
    m_window->setPresentationMode(true);
    m_window->setPresentationDocks({QStringLiteral("clientDock"), QStringLiteral("composerDock")});
    QVERIFY(!open("serverDock"));
    QVERIFY(!open("timelineDock"));
    QVERIFY(open("clientDock"));
    QVERIFY(open("composerDock"));
    m_window->setPresentationMode(false);
    QVERIFY(open("serverDock") && open("timelineDock") && open("eventsDock"));
    // The choice holds for the next time.
    m_window->setPresentationMode(true);
    QVERIFY(!open("serverDock"));
    QCOMPARE(m_window->presentation()->docks(),
             QStringList({QStringLiteral("clientDock"), QStringLiteral("composerDock")}));
}

void tst_PresentationMode::lessonKeepsWhatItLooksAt()
{
    // keepalive looks at the timeline and the kernel strip; the panels and
    // the composer go, the lesson and the timeline stay.
    QVERIFY(m_window->openLesson(QStringLiteral("keepalive")));
    m_window->setPresentationMode(true);
    QVERIFY(open("lessonsDock"));
    QVERIFY(open("timelineDock"));
    QVERIFY(!open("serverDock") && !open("clientDock") && !open("composerDock"));
    // partial-reads looks at the tables in the centre only.
    QVERIFY(m_window->openLesson(QStringLiteral("partial-reads")));
    QVERIFY(open("lessonsDock"));
    QVERIFY(!open("timelineDock"));
    m_window->setPresentationMode(false);
    QVERIFY(open("serverDock") && open("timelineDock"));
}

void tst_PresentationMode::presentationZoomIsRemembered()
{
    ViewZoom *zoom = ViewZoom::instance();
    zoom->setFactor(1.25);
    m_window->setPresentationMode(true);
    zoom->setFactor(2.0);
    m_window->setPresentationMode(false);
    QCOMPARE(zoom->factor(), 1.25);
    m_window->setPresentationMode(true);
    QCOMPARE(zoom->factor(), 2.0);
    QCOMPARE(m_window->presentation()->zoom(), 2.0);
}

void tst_PresentationMode::lightOnDark()
{
    PresentationMode *mode = m_window->presentation();
    mode->setColors(PresentationMode::Colors::LightOnDark);
    QVERIFY(QApplication::palette().color(QPalette::Base) != QColor(Qt::black)); // off: untouched
    m_window->setPresentationMode(true);
    QCOMPARE(QApplication::palette().color(QPalette::Base), QColor(Qt::black));
    QCOMPARE(QApplication::palette().color(QPalette::Text), QColor(Qt::white));
    const ViewTheme theme(QApplication::palette());
    QVERIFY(theme.isDark() && theme.isHighContrast());
    mode->setColors(PresentationMode::Colors::DarkOnLight);
    QCOMPARE(QApplication::palette().color(QPalette::Base), QColor(Qt::white));
}

void tst_PresentationMode::shortcuts()
{
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    ViewZoom *zoom = ViewZoom::instance();
    QTest::keyClick(m_window.get(), Qt::Key_Equal, Qt::ControlModifier);
    QCOMPARE(zoom->percent(), 110);
    QTest::keyClick(m_window.get(), Qt::Key_Equal, Qt::ControlModifier);
    QCOMPARE(zoom->percent(), 125);
    QTest::keyClick(m_window.get(), Qt::Key_Minus, Qt::ControlModifier);
    QCOMPARE(zoom->percent(), 110);
    QTest::keyClick(m_window.get(), Qt::Key_0, Qt::ControlModifier);
    QCOMPARE(zoom->percent(), 100);
    QTest::keyClick(m_window.get(), Qt::Key_P, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(m_window->presentationMode());
    QTest::keyClick(m_window.get(), Qt::Key_P, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(!m_window->presentationMode());
}

void tst_PresentationMode::settingsRoundTrip()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("TcpInspectorTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_presentationmode"));
    m_window.reset();
    MainWindow::Options options;
    options.listenOnStart = false;
    {
        MainWindow first(options);
        first.show();
        ViewZoom::instance()->setFactor(1.25);
        first.setPresentationMode(true);
        first.setPresentationDocks({QStringLiteral("serverDock"), QStringLiteral("composerDock")});
        first.presentation()->setColors(PresentationMode::Colors::LightOnDark);
        ViewZoom::instance()->setFactor(2.5);
        first.close();
    }
    // Closing put the window back as it is without presentation mode.
    QCOMPARE(ViewZoom::instance()->factor(), 1.25);
    QVERIFY(!ViewTheme::highContrast());
    ViewZoom::instance()->reset();

    MainWindow second(options);
    second.show();
    QVERIFY(QTest::qWaitForWindowExposed(&second));
    QVERIFY(second.presentationMode());
    QCOMPARE(ViewZoom::instance()->factor(), 2.5);
    QCOMPARE(QApplication::palette().color(QPalette::Base), QColor(Qt::black));
    QTRY_VERIFY(second.findChild<QDockWidget *>(QStringLiteral("clientDock"))->isHidden());
    QVERIFY(!second.findChild<QDockWidget *>(QStringLiteral("serverDock"))->isHidden());
    second.setPresentationMode(false);
    QCOMPARE(ViewZoom::instance()->factor(), 1.25);
    QVERIFY(!second.findChild<QDockWidget *>(QStringLiteral("clientDock"))->isHidden());
    second.setPresentationMode(true);
    second.close();
}

QTEST_MAIN(tst_PresentationMode)
#include "tst_presentationmode.moc"
