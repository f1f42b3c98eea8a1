// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QPalette>

class QActionGroup;
class QMenu;

namespace TcpInspector {

/// View > Appearance: the desktop's own look, or light or dark whatever
/// the desktop says (a projector in a bright room; a desktop whose Qt has no
/// dark theme). Light and dark use the Fusion style, which follows the
/// palette everywhere; every view takes its colours from the palette.
class Appearance : public QObject
{
    Q_OBJECT

public:
    enum class Mode { System, Light, Dark };

    /// Adds the submenu to menu; with useSettings the choice is remembered.
    Appearance(QMenu *menu, bool useSettings, QObject *parent);

    void setMode(Mode mode);
    Mode mode() const { return m_mode; }
    void retranslate();

    static QPalette darkPalette();

private:
    QMenu *m_menu;
    QActionGroup *m_group;
    QString m_systemStyle;
    QPalette m_systemPalette;
    Mode m_mode = Mode::System;
    bool m_useSettings;
};

} // namespace TcpInspector
