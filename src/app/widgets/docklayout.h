// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QSize>

#include <optional>
#include <vector>

class QAction;
class QDockWidget;
class QMainWindow;
class QWidget;

namespace TcpInspector {

/// The window's panels as dock widgets that the user can move, tab, hide and
/// bring back, around the stream views, which stay in the centre. Knows the
/// two arrangements a fresh window starts with: side by side on a large
/// screen, tabbed on a laptop or projector so the stream views keep the room.
class DockLayout : public QObject
{
    Q_OBJECT

public:
    enum class Arrangement { Wide, Compact };
    enum Panel {
        Server,
        Client,
        Timeline,
        Events,
        Composer,
        Scenarios,
        Lessons,
        Relay,
        PanelCount
    };

    explicit DockLayout(QMainWindow *window);

    /// Puts @p content in the dock of @p panel. A scrollable dock may shrink below
    /// its content's minimum size: a form too wide for a small screen scrolls
    /// instead of pushing the window off it.
    QDockWidget *setPanel(Panel panel, QWidget *content, bool scrollable);
    QDockWidget *dock(Panel panel) const { return m_docks[panel]; }

    /// Which arrangement suits a screen whose free area is @p available.
    static Arrangement arrangementFor(const QSize &available);
    void arrange(Arrangement arrangement);
    /// The arrangement for the window's screen, every panel shown.
    void reset();

    QByteArray saveState() const;
    /// False (and nothing changed) when @p state is from another layout
    /// version, such as the splitters before docks.
    bool restoreState(const QByteArray &state);

    /// Show/hide actions, one per panel, in menu order.
    QList<QAction *> toggleActions() const;
    void retranslate();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QString title(Panel panel) const;
    void applySizes();
    static QSize contentHint(const QDockWidget *dock);
    static QSize contentMinimum(const QDockWidget *dock);

    QMainWindow *m_window;
    std::vector<QDockWidget *> m_docks;
    std::optional<Arrangement> m_pending; ///< sizes still to apply
};

} // namespace TcpInspector
