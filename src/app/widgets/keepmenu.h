// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMenu>
#include <QPointer>

class QActionGroup;
class QLabel;
class QTimer;

namespace TcpInspector {

class Workbench;

/// "Keep": everything (the default: nothing is lost), or only the newest
/// bytes of each direction (ring mode), for users who watch a fast or endless
/// stream rather than record it. The choice is remembered, applies to
/// connections opened from then on, and a status bar label says it is on and
/// how much it has let go, so nothing goes in silence.
class KeepMenu : public QMenu
{
    Q_OBJECT

public:
    /// useSettings: read and remember the choice in QSettings (not in tests).
    KeepMenu(Workbench *workbench, bool useSettings, QWidget *parent = nullptr);
    ~KeepMenu() override;

    /// For the status bar: hidden while everything is kept and nothing went.
    QLabel *statusLabel() const { return m_label; }
    /// Bytes per direction; -1: everything.
    qint64 keepBytes() const;
    void setKeepBytes(qint64 keepBytes);
    /// Ended connections kept listed; -1: all.
    void setKeepClosed(int count);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void handleChosen(QAction *action);
    void updateLabel();

    Workbench *m_workbench;
    QActionGroup *m_group;
    QActionGroup *m_closedGroup;
    QAction *m_closedSection = nullptr;
    // Unparented until the status bar takes it; then the status bar owns it.
    QPointer<QLabel> m_label;
    QTimer *m_timer;
    bool m_useSettings;
};

} // namespace TcpInspector
