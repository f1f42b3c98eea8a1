// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPalette>
#include <QPointer>
#include <QStringList>

#include <optional>

class QAction;
class QMainWindow;
class QSettings;
class QWidget;

namespace TcpInspector {

class DockLayout;
class SendComposer;

/// Presentation mode, for a class in front of a projector: a larger zoom, a
/// high-contrast palette and only the docks a lesson uses; turning it off puts
/// back the layout, zoom and colours of before. Also holds the View menu's
/// zoom actions, which work in and out of presentation mode.
class PresentationMode : public QObject
{
    Q_OBJECT

public:
    enum class Colors { DarkOnLight, LightOnDark };
    /// The zoom of a first presentation on a screen @p height pixels high;
    /// later ones start at the last one used. At 1024x768, 175 % would leave
    /// the stream views no rows.
    [[nodiscard]] static qreal firstZoom(int height) { return height < 900 ? 1.5 : 1.75; }

    PresentationMode(QMainWindow *window, DockLayout *docks, SendComposer *composer);

    [[nodiscard]] bool isOn() const { return m_on; }
    void setOn(bool on);
    /// Object names of the docks shown in presentation mode; by default every
    /// dock but the event log.
    [[nodiscard]] QStringList docks() const;
    void setDocks(const QStringList &dockObjectNames);
    [[nodiscard]] Colors colors() const { return m_colors; }
    void setColors(Colors colors);
    /// The zoom presentation mode turns on (the current one while it is on).
    [[nodiscard]] qreal zoom() const;

    /// Zoom In, Zoom Out, Reset Zoom, a separator, Presentation Mode and its
    /// colours, for the View menu; their shortcuts work in every dock.
    [[nodiscard]] QList<QAction *> actions() const;
    void retranslate();
    void saveSettings(QSettings &settings) const;
    void restoreSettings(const QSettings &settings);

    [[nodiscard]] static QPalette palette(Colors colors);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

signals:
    void toggled(bool on);
    void statusMessage(const QString &text);

private:
    void createActions();
    void applyLook();
    void applyDocks();
    void arrangeDocks();
    void showDockTitles(bool show);
    void restoreNormal();
    void handleZoomChanged(qreal factor);

    // What presentation mode changed, to put back.
    struct Normal
    {
        QByteArray layout;
        QPalette palette;
        qreal zoom = 1.0;
        bool library = false;
        QList<QPointer<QWidget>> statusWidgets;
    };

    QMainWindow *m_window;
    DockLayout *m_layout;
    SendComposer *m_composer;
    QAction *m_zoomIn = nullptr;
    QAction *m_zoomOut = nullptr;
    QAction *m_zoomReset = nullptr;
    QAction *m_separator = nullptr;
    QAction *m_toggle = nullptr;
    QAction *m_lightOnDark = nullptr;
    std::optional<QStringList> m_docks;
    Normal m_normal;
    Colors m_colors = Colors::DarkOnLight;
    qreal m_zoom = 0; ///< none yet: firstZoom()
    bool m_on = false;
};

} // namespace TcpInspector
