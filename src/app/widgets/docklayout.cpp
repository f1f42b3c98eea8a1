// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/docklayout.h"

#include <QAction>
#include <QDockWidget>
#include <QEvent>
#include <QFontMetrics>
#include <QMainWindow>
#include <QScreen>
#include <QScrollArea>
#include <QTimer>

#include <algorithm>

namespace TcpInspector {

namespace {
// Bumped when the set of docks changes meaning, so that a saved state of
// another shape is ignored rather than half applied. 1 was the splitters.
// 3: the Relay dock (issue 15); a layout saved without it is not restored.
constexpr int LayoutVersion = 3;

const char *dockName(DockLayout::Panel panel)
{
    switch (panel) {
    case DockLayout::Server:
        return "serverDock";
    case DockLayout::Client:
        return "clientDock";
    case DockLayout::Timeline:
        return "timelineDock";
    case DockLayout::Events:
        return "eventsDock";
    case DockLayout::Composer:
        return "composerDock";
    case DockLayout::Scenarios:
        return "scenariosDock";
    case DockLayout::Lessons:
        return "lessonsDock";
    case DockLayout::Relay:
        return "relayDock";
    case DockLayout::PanelCount:
        break;
    }
    return "";
}

// What the dock shows, inside the scroll area that lets it shrink.
const QWidget *content(const QDockWidget *dock)
{
    const auto *scroll = qobject_cast<const QScrollArea *>(dock->widget());
    return scroll ? scroll->widget() : dock->widget();
}
} // namespace

DockLayout::DockLayout(QMainWindow *window)
    : QObject(window), m_window(window), m_docks(PanelCount, nullptr)
{
    m_window->setDockNestingEnabled(true);
    m_window->setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowNestedDocks
                             | QMainWindow::AllowTabbedDocks);
}

QDockWidget *DockLayout::setPanel(Panel panel, QWidget *content, bool scrollable)
{
    auto *dock = new QDockWidget(title(panel), m_window);
    dock->setObjectName(QLatin1String(dockName(panel)));
    if (scrollable) {
        auto *scroll = new QScrollArea;
        scroll->setFrameShape(QFrame::NoFrame);
        scroll->setWidgetResizable(true);
        scroll->setWidget(content);
        dock->setWidget(scroll);
    } else {
        dock->setWidget(content);
    }
    m_docks[panel] = dock;
    m_window->addDockWidget(Qt::BottomDockWidgetArea, dock);
    return dock;
}

DockLayout::Arrangement DockLayout::arrangementFor(const QSize &available)
{
    // Below this the panels side by side leave the stream views a strip.
    return available.width() >= 1600 && available.height() >= 1000 ? Arrangement::Wide
                                                                   : Arrangement::Compact;
}

void DockLayout::arrange(Arrangement arrangement)
{
    for (QDockWidget *dock : m_docks) {
        if (!dock)
            continue;
        dock->setFloating(false);
        dock->show();
    }
    QDockWidget *server = m_docks[Server];
    QDockWidget *client = m_docks[Client];
    QDockWidget *timeline = m_docks[Timeline];
    QDockWidget *events = m_docks[Events];
    QDockWidget *composer = m_docks[Composer];
    if (arrangement == Arrangement::Wide) {
        // Both ends side by side above the stream views, the timeline and the
        // composer below them: everything at once.
        m_window->addDockWidget(Qt::TopDockWidgetArea, server);
        m_window->splitDockWidget(server, client, Qt::Horizontal);
        m_window->addDockWidget(Qt::BottomDockWidgetArea, timeline);
        m_window->splitDockWidget(timeline, composer, Qt::Vertical);
        if (events)
            m_window->tabifyDockWidget(timeline, events);
        if (m_docks[Scenarios])
            m_window->tabifyDockWidget(timeline, m_docks[Scenarios]);
        if (m_docks[Lessons])
            m_window->tabifyDockWidget(timeline, m_docks[Lessons]);
        if (m_docks[Relay])
            m_window->tabifyDockWidget(timeline, m_docks[Relay]);
    } else {
        // One row of tabs above the stream views and the composer below them:
        // the stream views keep most of a small screen, and Send stays in view.
        m_window->addDockWidget(Qt::TopDockWidgetArea, server);
        m_window->tabifyDockWidget(server, client);
        m_window->tabifyDockWidget(client, timeline);
        if (events)
            m_window->tabifyDockWidget(timeline, events);
        if (m_docks[Scenarios])
            m_window->tabifyDockWidget(timeline, m_docks[Scenarios]);
        if (m_docks[Lessons])
            m_window->tabifyDockWidget(timeline, m_docks[Lessons]);
        if (m_docks[Relay])
            m_window->tabifyDockWidget(timeline, m_docks[Relay]);
        m_window->addDockWidget(Qt::BottomDockWidgetArea, composer);
    }
    // When they share a tab group (compact), the server's tab is in front.
    timeline->raise();
    server->raise();

    m_pending = arrangement;
    // Dock sizes only take once the window has its size: before the first
    // show, wait for it.
    if (m_window->isVisible())
        applySizes();
    else
        m_window->installEventFilter(this);
}

void DockLayout::applySizes()
{
    if (!m_pending)
        return;
    const int line = QFontMetrics(m_window->font()).height();
    QDockWidget *composer = m_docks[Composer];
    const bool wide = *m_pending == Arrangement::Wide;
    // A dock's height counts its title bar, and a tabbed one its tab bar too.
    const int chrome = wide ? 2 * line : 4 * line;
    // On a large screen the composer's preferred height (its text box and
    // the Send row); on a small one a text box of a few lines.
    const int composerHeight
        = 2 * line + (wide ? contentHint(composer) : contentMinimum(composer)).height();
    // The panels' forms and action rows, and a few rows of their tables.
    const int panelHeight = std::max(contentMinimum(m_docks[Server]).height(),
                                     contentMinimum(m_docks[Client]).height())
                            + chrome + (wide ? 2 * line : 0);
    // One call per dock: in one call the sizes are weights shared out, not heights.
    m_window->resizeDocks({m_docks[Server]}, {panelHeight}, Qt::Vertical);
    m_window->resizeDocks({composer}, {composerHeight}, Qt::Vertical);
    if (wide) {
        m_window->resizeDocks({m_docks[Timeline]}, {12 * line}, Qt::Vertical);
        // Side by side in proportion to what each form needs across.
        m_window->resizeDocks(
            {m_docks[Server], m_docks[Client]},
            {contentMinimum(m_docks[Server]).width(), contentMinimum(m_docks[Client]).width()},
            Qt::Horizontal);
    }
    m_pending.reset();
}

bool DockLayout::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_window && event->type() == QEvent::Show) {
        m_window->removeEventFilter(this);
        QTimer::singleShot(0, this, &DockLayout::applySizes);
    }
    return QObject::eventFilter(watched, event);
}

QSize DockLayout::contentHint(const QDockWidget *dock)
{
    return content(dock)->sizeHint();
}

QSize DockLayout::contentMinimum(const QDockWidget *dock)
{
    return content(dock)->minimumSizeHint();
}

void DockLayout::reset()
{
    const QScreen *screen = m_window->screen();
    arrange(arrangementFor(screen ? screen->availableGeometry().size() : m_window->size()));
}

QByteArray DockLayout::saveState() const
{
    return m_window->saveState(LayoutVersion);
}

bool DockLayout::restoreState(const QByteArray &state)
{
    return !state.isEmpty() && m_window->restoreState(state, LayoutVersion);
}

QList<QAction *> DockLayout::toggleActions() const
{
    QList<QAction *> actions;
    for (QDockWidget *dock : m_docks) {
        if (dock)
            actions.append(dock->toggleViewAction());
    }
    return actions;
}

void DockLayout::retranslate()
{
    for (int panel = 0; panel < PanelCount; ++panel) {
        if (m_docks[panel])
            m_docks[panel]->setWindowTitle(title(Panel(panel)));
    }
}

QString DockLayout::title(Panel panel) const
{
    switch (panel) {
    case Server:
        return tr("Server");
    case Client:
        return tr("Client");
    case Timeline:
        return tr("Timeline");
    case Events:
        return tr("Event log");
    case Composer:
        return tr("Send");
    case Scenarios:
        return tr("Scenarios");
    case Lessons:
        return tr("Lessons");
    case Relay:
        return tr("Relay");
    case PanelCount:
        break;
    }
    return {};
}

} // namespace TcpInspector
