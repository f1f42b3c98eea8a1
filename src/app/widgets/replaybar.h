// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QToolBar>

class QAction;
class QComboBox;
class QLabel;
class QMenu;
class QSlider;

namespace TcpInspector {

class Connection;
class SessionReplay;
class Workbench;

/// Plays an opened session back, so a class can watch a stream arrive
/// again: restart, step back, play or pause at 0.1x to 10x, step forward,
/// show all, and a slider over the chunks. The connections opened are
/// replaced by ones that fill as the replay goes; the views, the tables
/// and the timeline follow them as they follow live ones.
///
/// Hidden until a session is opened; the replay begins at the first press.
class ReplayBar : public QToolBar
{
    Q_OBJECT

public:
    ReplayBar(Workbench *workbench, QWidget *parent = nullptr);
    ~ReplayBar() override;

    /// The session just opened (File > Open): shows the bar, ready.
    void setSession(const QString &path);
    SessionReplay *replay() const { return m_replay; }
    /// Its actions, with their shortcuts, for a menu.
    void addToMenu(QMenu *menu) const;
    void retranslate();

    QAction *playAction() const { return m_play; }
    QAction *stepForwardAction() const { return m_stepForward; }
    QAction *stepBackAction() const { return m_stepBack; }
    QAction *restartAction() const { return m_restart; }
    QAction *showAllAction() const { return m_showAll; }
    QComboBox *speedBox() const { return m_speed; }
    QSlider *slider() const { return m_slider; }
    QString positionText() const;

Q_SIGNALS:
    /// The replay is about to take the connections shown away (it begins,
    /// or starts again): what the window shows should be noted now.
    void connectionsAboutToGo();
    /// A connection appeared in the replay.
    void connectionRevealed(TcpInspector::Connection *connection);
    /// The replay began: the views should follow its cursor.
    void began();
    void reported(const QString &text, bool isError);

private:
    void buildActions();
    /// Opens the session for replaying on the first press; false when it
    /// could not be (reported).
    bool begin();
    template<typename F>
    void withReplay(F &&action);
    void updateState();
    void handleSliderReleased();

    Workbench *m_workbench;
    SessionReplay *m_replay;
    QString m_path;
    bool m_begun = false;
    QAction *m_restart = nullptr;
    QAction *m_stepBack = nullptr;
    QAction *m_play = nullptr;
    QAction *m_stepForward = nullptr;
    QAction *m_showAll = nullptr;
    QAction *m_speedAction = nullptr;
    QComboBox *m_speed = nullptr;
    QSlider *m_slider = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_position = nullptr;
};

} // namespace TcpInspector
