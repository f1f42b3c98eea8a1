// SPDX-License-Identifier: GPL-3.0-or-later
// The window on the screens people have: a 1024x768 projector, a 1280x720
// laptop. Every main action's widget must be inside the window and not
// clipped, with the panel that holds it brought to the front as a user would.
#include "composer/sendcomposer.h"
#include "widgets/clientpanel.h"
#include "widgets/connectionview.h"
#include "widgets/docklayout.h"
#include "widgets/mainwindow.h"
#include "widgets/serverpanel.h"
#include "widgets/timelinepane.h"

#include <QAction>
#include <QDockWidget>
#include <QMenu>
#include <QMenuBar>
#include <QScreen>
#include <QTest>

using namespace TcpInspector;

Q_DECLARE_METATYPE(TcpInspector::DockLayout::Arrangement)

class tst_DockLayout : public QObject
{
    Q_OBJECT

private slots:
    void minimumSizeFitsSmallScreens();
    void mainActionsAreOnScreen_data();
    void mainActionsAreOnScreen();
    void streamViewsKeepMostOfASmallWindow();
    void arrangementFollowsTheScreen();
    void firstStartOnASmallScreenIsMaximized();
    void layoutIsSavedAndRestored();
    void stateOfAnotherVersionIsIgnored();
    void viewMenuHidesShowsAndResets();

private:
    static std::unique_ptr<MainWindow> makeWindow(const QSize &size);
};

std::unique_ptr<MainWindow> tst_DockLayout::makeWindow(const QSize &size)
{
    MainWindow::Options options;
    options.useSettings = false;
    options.listenOnStart = false;
    auto window = std::make_unique<MainWindow>(options);
    // On a small screen (the offscreen one is) a first start is maximized:
    // undo that to try the sizes of other screens.
    window->setWindowState(Qt::WindowNoState);
    window->resize(size);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        return nullptr;
    QTest::qWait(50); // the dock sizes apply once the window has its size
    return window;
}

void tst_DockLayout::minimumSizeFitsSmallScreens()
{
    auto window = makeWindow({1024, 768});
    QVERIFY(window);
    const QSize minimum = window->minimumSizeHint().expandedTo(window->minimumSize());
    QVERIFY2(
        minimum.width() <= 800 && minimum.height() <= 600,
        qPrintable(QStringLiteral("minimum %1x%2").arg(minimum.width()).arg(minimum.height())));
    window->resize(800, 600);
    QTRY_COMPARE(window->size(), QSize(800, 600));
}

void tst_DockLayout::mainActionsAreOnScreen_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<DockLayout::Arrangement>("arrangement");
    QTest::newRow("projector 1024x768") << QSize(1024, 768) << DockLayout::Arrangement::Compact;
    QTest::newRow("laptop 1280x720") << QSize(1280, 720) << DockLayout::Arrangement::Compact;
    QTest::newRow("laptop 1366x768 with a taskbar")
        << QSize(1366, 728) << DockLayout::Arrangement::Compact;
    // 90 % of a 1920x1080 desktop, as a first start sizes it.
    QTest::newRow("desktop 1920x1080") << QSize(1728, 972) << DockLayout::Arrangement::Wide;
}

void tst_DockLayout::mainActionsAreOnScreen()
{
    QFETCH(QSize, size);
    QFETCH(DockLayout::Arrangement, arrangement);
    auto window = makeWindow(size);
    QVERIFY(window);
    QCOMPARE(window->size(), size);
    window->docks()->arrange(arrangement);
    QTest::qWait(50);
    struct Part
    {
        DockLayout::Panel panel; // brought to the front first; PanelCount: the centre
        QWidget *parent;
        const char *name;
    };
    const QList<Part> parts = {
        {DockLayout::Server, window->serverPanel(), "listenButton"},
        {DockLayout::Server, window->serverPanel(), "addressEdit"},
        {DockLayout::Server, window->serverPanel(), "connectionTable"},
        {DockLayout::Server, window->serverPanel(), "closeButton"},
        {DockLayout::Server, window->serverPanel(), "resetButton"},
        {DockLayout::Server, window->serverPanel(), "halfCloseButton"},
        {DockLayout::Client, window->clientPanel(), "connectButton"},
        {DockLayout::Client, window->clientPanel(), "targetEdit"},
        {DockLayout::Client, window->clientPanel(), "connectionTable"},
        {DockLayout::Client, window->clientPanel(), "closeButton"},
        {DockLayout::Composer, window->composer(), "textEdit"},
        {DockLayout::Composer, window->composer(), "sendButton"},
        {DockLayout::Composer, window->composer(), "sendFinButton"},
        {DockLayout::PanelCount, window->connectionView(), "chunkTable"},
        {DockLayout::PanelCount, window->connectionView(), "messageTable"},
        {DockLayout::PanelCount, window->connectionView(), "findEdit"},
        {DockLayout::PanelCount, window->connectionView(), "framingSpecEdit"},
        {DockLayout::PanelCount, window->connectionView(), "applyFramingButton"},
        {DockLayout::Timeline, window->timelinePane(), "timelineView"},
    };
    const QRect inside = window->rect();
    for (const Part &part : parts) {
        if (part.panel != DockLayout::PanelCount) {
            window->docks()->dock(part.panel)->raise();
            QTest::qWait(20);
        }
        auto *widget = part.parent->findChild<QWidget *>(QLatin1String(part.name));
        QVERIFY2(widget, part.name);
        const QString where = QStringLiteral("%1 at %2x%3")
                                  .arg(QLatin1String(part.name))
                                  .arg(size.width())
                                  .arg(size.height());
        QVERIFY2(widget->isVisible(), qPrintable(where + QStringLiteral(" is hidden")));
        const QRect rect(widget->mapTo(window.get(), QPoint(0, 0)), widget->size());
        QVERIFY2(inside.contains(rect),
                 qPrintable(where + QStringLiteral(" lies outside the window")));
        // Not scrolled away or cut by its dock: all of it can be seen.
        QVERIFY2(widget->visibleRegion().boundingRect() == widget->rect(),
                 qPrintable(where + QStringLiteral(" is clipped")));
    }
}

void tst_DockLayout::streamViewsKeepMostOfASmallWindow()
{
    auto window = makeWindow({1024, 768});
    QVERIFY(window);
    QWidget *view = window->connectionView();
    // The chunk and message tables are what the user came for: more room than
    // any panel, and over a third of the window with every panel at its minimum.
    QVERIFY2(view->height() * 100 >= window->height() * 35,
             qPrintable(QString::number(view->height())));
    for (int panel = 0; panel < DockLayout::PanelCount; ++panel) {
        const QDockWidget *dock = window->docks()->dock(DockLayout::Panel(panel));
        if (dock && dock->isVisible())
            QVERIFY2(view->height() > dock->height(), qPrintable(dock->objectName()));
    }
    QCOMPARE(view->width() >= window->width() - 16, true);
}

void tst_DockLayout::arrangementFollowsTheScreen()
{
    QCOMPARE(DockLayout::arrangementFor({1920, 1050}), DockLayout::Arrangement::Wide);
    QCOMPARE(DockLayout::arrangementFor({1366, 728}), DockLayout::Arrangement::Compact);
    QCOMPARE(DockLayout::arrangementFor({1024, 768}), DockLayout::Arrangement::Compact);
    QCOMPARE(DockLayout::arrangementFor({1280, 720}), DockLayout::Arrangement::Compact);
}

void tst_DockLayout::firstStartOnASmallScreenIsMaximized()
{
    const QScreen *screen = QGuiApplication::primaryScreen();
    QVERIFY(screen);
    if (DockLayout::arrangementFor(screen->availableGeometry().size())
        == DockLayout::Arrangement::Wide)
        QSKIP("this screen is large: a first start takes 90 % of it");
    MainWindow::Options options;
    options.useSettings = false;
    options.listenOnStart = false;
    MainWindow window(options);
    QVERIFY(window.windowState() & Qt::WindowMaximized);
}

void tst_DockLayout::layoutIsSavedAndRestored()
{
    QByteArray state;
    {
        auto window = makeWindow({1280, 860});
        QVERIFY(window);
        window->docks()->arrange(DockLayout::Arrangement::Wide);
        QTest::qWait(50);
        window->docks()->dock(DockLayout::Timeline)->hide();
        window->docks()->dock(DockLayout::Client)->setFloating(true);
        state = window->docks()->saveState();
    }
    auto window = makeWindow({1280, 860});
    QVERIFY(window);
    QVERIFY(window->docks()->dock(DockLayout::Timeline)->isVisible());
    QVERIFY(window->docks()->restoreState(state));
    QVERIFY(!window->docks()->dock(DockLayout::Timeline)->isVisible());
    QVERIFY(window->docks()->dock(DockLayout::Client)->isFloating());
    QVERIFY(window->docks()->dock(DockLayout::Server)->isVisible());
}

void tst_DockLayout::stateOfAnotherVersionIsIgnored()
{
    auto window = makeWindow({1024, 768});
    QVERIFY(window);
    // What the window saved before it had docks: a plain QMainWindow state.
    QMainWindow old;
    const QByteArray splitterEra = old.saveState(0);
    QVERIFY(!window->docks()->restoreState(splitterEra));
    QVERIFY(!window->docks()->restoreState(QByteArray("not a state")));
    QVERIFY(!window->docks()->restoreState({}));
    for (QAction *toggle : window->docks()->toggleActions())
        QVERIFY2(toggle->isChecked(), qPrintable(toggle->text()));
}

void tst_DockLayout::viewMenuHidesShowsAndResets()
{
    auto window = makeWindow({1024, 768});
    QVERIFY(window);
    QMenu *view = window->menuBar()->findChild<QMenu *>(QStringLiteral("menuView"));
    QVERIFY(view);
    QAction *timelineToggle = nullptr;
    QAction *reset = nullptr;
    for (QAction *action : view->actions()) {
        if (action == window->docks()->dock(DockLayout::Timeline)->toggleViewAction())
            timelineToggle = action;
        if (action->objectName() == QLatin1String("actionResetLayout"))
            reset = action;
    }
    QVERIFY(timelineToggle);
    QVERIFY(reset);
    timelineToggle->trigger();
    QVERIFY(!window->docks()->dock(DockLayout::Timeline)->isVisible());
    window->docks()->dock(DockLayout::Composer)->setFloating(true);
    reset->trigger();
    QTest::qWait(20);
    QVERIFY(!window->docks()->dock(DockLayout::Composer)->isFloating());
    for (int panel = 0; panel < DockLayout::PanelCount; ++panel) {
        if (QDockWidget *dock = window->docks()->dock(DockLayout::Panel(panel)))
            QVERIFY2(!dock->isHidden(), qPrintable(dock->objectName()));
    }
}

QTEST_MAIN(tst_DockLayout)
#include "tst_docklayout.moc"
