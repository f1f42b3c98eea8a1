// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/presentationmode.h"

#include "composer/sendcomposer.h"
#include "views/viewtheme.h"
#include "views/viewzoom.h"
#include "widgets/docklayout.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QMainWindow>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>

namespace TcpInspector {

namespace {

const QString zoomKey = QStringLiteral("view/zoom");
const QString presentationKey = QStringLiteral("view/presentationMode");
const QString presentationZoomKey = QStringLiteral("view/presentationZoom");
const QString colorsKey = QStringLiteral("view/presentationColors");
const QString docksKey = QStringLiteral("view/presentationDocks");
const QString eventsDock = QStringLiteral("eventsDock");

QPalette contrastPalette(QColor back, QColor text, QColor highlight, QColor highlightedText,
                         QColor link)
{
    QPalette p(text, back);
    const QColor soft = back.lightness() > 128 ? back.darker(108) : back.lighter(180);
    for (QPalette::ColorGroup group : {QPalette::Active, QPalette::Inactive}) {
        p.setColor(group, QPalette::Window, back);
        p.setColor(group, QPalette::Base, back);
        p.setColor(group, QPalette::AlternateBase, soft);
        p.setColor(group, QPalette::Button, soft);
        p.setColor(group, QPalette::WindowText, text);
        p.setColor(group, QPalette::Text, text);
        p.setColor(group, QPalette::ButtonText, text);
        p.setColor(group, QPalette::ToolTipBase, back);
        p.setColor(group, QPalette::ToolTipText, text);
        p.setColor(group, QPalette::PlaceholderText, text);
        // Selections keep their colour when the view loses focus: the class
        // looks at the screen, not at which widget has the keyboard.
        p.setColor(group, QPalette::Highlight, highlight);
        p.setColor(group, QPalette::HighlightedText, highlightedText);
        p.setColor(group, QPalette::Link, link);
    }
    // Disabled text must still be legible from the back row.
    const QColor disabled
        = back.lightness() > 128 ? QColor(0x55, 0x55, 0x55) : QColor(0xb0, 0xb0, 0xb0);
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabled);
    p.setColor(QPalette::Disabled, QPalette::Window, back);
    p.setColor(QPalette::Disabled, QPalette::Base, back);
    p.setColor(QPalette::Disabled, QPalette::Button, soft);
    return p;
}

} // namespace

PresentationMode::PresentationMode(QMainWindow *window, DockLayout *docks, SendComposer *composer)
    : QObject(window), m_window(window), m_layout(docks), m_composer(composer)
{
    createActions();
    retranslate();
    connect(ViewZoom::instance(), &ViewZoom::factorChanged, this,
            &PresentationMode::handleZoomChanged);
}

void PresentationMode::createActions()
{
    auto make = [this](const QList<QKeySequence> &keys, auto slot) {
        auto *action = new QAction(this);
        action->setShortcuts(keys);
        // Also where a floating dock has the focus.
        action->setShortcutContext(Qt::ApplicationShortcut);
        connect(action, &QAction::triggered, this, slot);
        m_window->addAction(action);
        return action;
    };
    ViewZoom *zoom = ViewZoom::instance();
    m_zoomIn = make({QKeySequence(Qt::CTRL | Qt::Key_Equal), QKeySequence(Qt::CTRL | Qt::Key_Plus)},
                    [zoom] { zoom->zoomIn(); });
    m_zoomOut = make({QKeySequence(Qt::CTRL | Qt::Key_Minus)}, [zoom] { zoom->zoomOut(); });
    m_zoomReset = make({QKeySequence(Qt::CTRL | Qt::Key_0)}, [zoom] { zoom->reset(); });
    m_zoomIn->setObjectName(QStringLiteral("actionZoomIn"));
    m_zoomOut->setObjectName(QStringLiteral("actionZoomOut"));
    m_zoomReset->setObjectName(QStringLiteral("actionResetZoom"));
    m_separator = new QAction(this);
    m_separator->setSeparator(true);
    // F5 runs a scenario (Scenario menu): presentation mode takes Ctrl+Shift+P.
    m_toggle = make({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P)},
                    [this](bool checked) { setOn(checked); });
    m_toggle->setObjectName(QStringLiteral("actionPresentationMode"));
    m_toggle->setCheckable(true);
    m_lightOnDark = make({}, [this](bool checked) {
        setColors(checked ? Colors::LightOnDark : Colors::DarkOnLight);
    });
    m_lightOnDark->setObjectName(QStringLiteral("actionPresentationLightOnDark"));
    m_lightOnDark->setCheckable(true);
}

void PresentationMode::retranslate()
{
    m_zoomIn->setText(tr("Zoom &In"));
    m_zoomOut->setText(tr("Zoom &Out"));
    m_zoomReset->setText(tr("Reset &Zoom"));
    m_toggle->setText(tr("&Presentation Mode"));
    m_toggle->setStatusTip(
        tr("Large type, high contrast and only the panels a lesson needs, for a projector"));
    m_lightOnDark->setText(tr("Presentation Colours: Light on &Dark"));
}

QList<QAction *> PresentationMode::actions() const
{
    return {m_zoomIn, m_zoomOut, m_zoomReset, m_separator, m_toggle, m_lightOnDark};
}

QStringList PresentationMode::docks() const
{
    if (m_docks)
        return *m_docks;
    QStringList names;
    for (const QDockWidget *dock : m_window->findChildren<QDockWidget *>()) {
        if (dock->objectName() != eventsDock)
            names.append(dock->objectName());
    }
    return names;
}

void PresentationMode::setDocks(const QStringList &dockObjectNames)
{
    m_docks = dockObjectNames;
    if (m_on)
        applyDocks();
}

void PresentationMode::setColors(Colors colors)
{
    m_colors = colors;
    m_lightOnDark->setChecked(colors == Colors::LightOnDark);
    if (m_on)
        applyLook();
}

qreal PresentationMode::zoom() const
{
    if (m_on)
        return ViewZoom::instance()->factor();
    return m_zoom > 0 ? m_zoom : firstZoom(m_window->screen()->availableSize().height());
}

void PresentationMode::setOn(bool on)
{
    m_toggle->setChecked(on);
    if (on == m_on)
        return;
    ViewZoom *zoom = ViewZoom::instance();
    if (on) {
        m_normal.layout = m_layout->saveState();
        m_normal.palette = QApplication::palette();
        m_normal.zoom = zoom->factor();
        m_normal.library = m_composer->isLibraryVisible();
        m_normal.statusWidgets.clear();
        // The rates and counters are for the one at the keyboard, not the class;
        // the status bar stays for messages.
        for (QWidget *widget :
             m_window->statusBar()->findChildren<QWidget *>(Qt::FindDirectChildrenOnly)) {
            if (widget->isVisibleTo(m_window->statusBar())) {
                m_normal.statusWidgets.append(widget);
                widget->hide();
            }
        }
        m_on = true;
        applyLook();
        m_composer->setLibraryVisible(false);
        showDockTitles(false);
        // Dock sizes only hold in a window that has its size. The docks are
        // arranged before the zoom grows their content: a dock left beside
        // the wide timeline for a moment pushed a maximized window past the
        // screen's width, and it stayed that wide.
        if (m_window->isVisible())
            arrangeDocks();
        else
            m_window->installEventFilter(this);
        zoom->setFactor(m_zoom > 0 ? m_zoom
                                   : firstZoom(m_window->screen()->availableSize().height()));
    } else {
        m_zoom = zoom->factor();
        m_on = false;
        restoreNormal();
    }
    emit toggled(m_on);
}

void PresentationMode::applyLook()
{
    // The views make their colours again on the palette change.
    ViewTheme::setHighContrast(true);
    QApplication::setPalette(palette(m_colors));
}

bool PresentationMode::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_window && event->type() == QEvent::Show) {
        m_window->removeEventFilter(this);
        QTimer::singleShot(0, this, [this] {
            if (m_on)
                arrangeDocks();
        });
    }
    return QObject::eventFilter(watched, event);
}

void PresentationMode::arrangeDocks()
{
    // The panels tabbed above the stream views and the composer below, both
    // short: they scroll, and the tables and the hex view keep half the
    // height for the rows the class is looking at.
    m_layout->arrange(DockLayout::Arrangement::Compact);
    applyDocks();
    const int height = m_window->height();
    for (DockLayout::Panel panel : {DockLayout::Server, DockLayout::Client}) {
        if (QDockWidget *dock = m_layout->dock(panel); dock && dock->isVisible())
            m_window->resizeDocks({dock}, {height * 26 / 100}, Qt::Vertical);
    }
    if (QDockWidget *dock = m_layout->dock(DockLayout::Composer); dock && dock->isVisible())
        m_window->resizeDocks({dock}, {height * 18 / 100}, Qt::Vertical);
}

void PresentationMode::showDockTitles(bool show)
{
    // A tab already names each dock; its title bar would take a line.
    for (QDockWidget *dock : m_window->findChildren<QDockWidget *>()) {
        QWidget *old = dock->titleBarWidget();
        dock->setTitleBarWidget(show ? nullptr : new QWidget(dock));
        delete old;
    }
}

void PresentationMode::applyDocks()
{
    const QStringList shown = docks();
    for (QDockWidget *dock : m_window->findChildren<QDockWidget *>())
        dock->setVisible(shown.contains(dock->objectName()));
}

void PresentationMode::restoreNormal()
{
    ViewTheme::setHighContrast(false);
    QApplication::setPalette(m_normal.palette);
    ViewZoom::instance()->setFactor(m_normal.zoom);
    m_composer->setLibraryVisible(m_normal.library);
    showDockTitles(true);
    m_layout->restoreState(m_normal.layout);
    for (const QPointer<QWidget> &widget : std::as_const(m_normal.statusWidgets)) {
        if (widget)
            widget->show();
    }
    m_normal.statusWidgets.clear();
}

void PresentationMode::handleZoomChanged(qreal factor)
{
    // After the status bar has laid out its widgets in the new font: its new
    // layout shows again (queued) the widgets a message had hidden.
    QTimer::singleShot(100, this, [this, percent = qRound(factor * 100)] {
        emit statusMessage(tr("Zoom %1 %").arg(percent));
    });
}

void PresentationMode::saveSettings(QSettings &settings) const
{
    settings.setValue(zoomKey, m_on ? m_normal.zoom : ViewZoom::instance()->factor());
    if (m_on || m_zoom > 0)
        settings.setValue(presentationZoomKey, zoom());
    settings.setValue(presentationKey, m_on);
    settings.setValue(colorsKey, m_colors == Colors::LightOnDark ? QStringLiteral("light-on-dark")
                                                                 : QStringLiteral("dark-on-light"));
    if (m_docks)
        settings.setValue(docksKey, *m_docks);
    else
        settings.remove(docksKey);
}

void PresentationMode::restoreSettings(const QSettings &settings)
{
    setOn(false);
    ViewZoom::instance()->setFactor(settings.value(zoomKey, 1.0).toReal());
    const qreal zoom = settings.value(presentationZoomKey, 0).toReal();
    m_zoom = zoom > 0 ? std::clamp(zoom, ViewZoom::minimum, ViewZoom::maximum) : 0;
    setColors(settings.value(colorsKey).toString() == QLatin1String("light-on-dark")
                  ? Colors::LightOnDark
                  : Colors::DarkOnLight);
    if (settings.contains(docksKey))
        m_docks = settings.value(docksKey).toStringList();
    else
        m_docks.reset();
    setOn(settings.value(presentationKey, false).toBool());
}

QPalette PresentationMode::palette(Colors colors)
{
    // Pure black and white with a saturated selection: a projector washes
    // out greys and pastel selections first.
    if (colors == Colors::LightOnDark)
        return contrastPalette(Qt::black, Qt::white, QColor(0xff, 0xd4, 0x00), Qt::black,
                               QColor(0x7c, 0xc4, 0xff));
    return contrastPalette(Qt::white, Qt::black, QColor(0x00, 0x38, 0xa8), Qt::white,
                           QColor(0x00, 0x33, 0xcc));
}

} // namespace TcpInspector
