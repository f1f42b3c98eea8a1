// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

class QAction;
class QMenu;
class QVBoxLayout;

namespace TcpInspector {

class Connection;
class FirstStartHint;
class MainWindow;

/// The Help menu and what a newcomer meets: the first-start hint above the
/// stream views (until put away), its "Show me" demo, Getting Started to
/// show it again, the user guide, and About with the version and licence.
class GettingStarted : public QObject
{
    Q_OBJECT

public:
    /// useSettings: whether the hint was put away is remembered; show:
    /// the hint is shown now (a first start, or a test that asks).
    GettingStarted(MainWindow *window, QMenu *help, QAction *about, QVBoxLayout *central,
                   bool useSettings, bool show);

    FirstStartHint *hint() const { return m_hint; }
    QAction *showAction() const { return m_show; }
    /// Connects the client panel to the server panel and sends a line once
    /// established, shown in the views: the first connection, made for the
    /// user. False when the client panel cannot connect (its field says why).
    bool runDemo();
    void retranslate();
    /// Whether a window with these settings starts with the hint.
    static bool hintWanted(bool useSettings);

private:
    /// The demo's connection: shown, and a line sent once it is up.
    void watchDemo(Connection *client);
    void showAbout();
    void openGuide();

    MainWindow *m_window;
    FirstStartHint *m_hint;
    QAction *m_show;
    QAction *m_guide;
    QAction *m_aboutQt;
    bool m_useSettings;
};

} // namespace TcpInspector
