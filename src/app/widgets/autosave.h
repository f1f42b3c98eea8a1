// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <memory>

class QAction;
class QLabel;
class QLockFile;
class QMenu;
class QTimer;
class QWidget;

namespace TcpInspector {

class Autosaver;
class SessionFiles;
class Workbench;

/// File > Autosave Session (off by default, remembered): the running
/// session is written every few seconds to a file of this instance's own
/// in the autosave folder, which a lock marks as in use and a normal end
/// removes. At the next start, a file whose lock nobody holds was left by
/// a crash or a power loss: the window offers to open or discard it. A
/// status bar label says how old the last autosave is, or that it failed.
class Autosave : public QObject
{
    Q_OBJECT

public:
    /// folder: where the autosaves live; empty: defaultFolder() with
    /// useSettings, else autosave is unavailable and nothing is offered
    /// (tests, scripted runs). useSettings: read and remember the choice.
    Autosave(Workbench *workbench, SessionFiles *files, QWidget *window, const QString &folder,
             bool useSettings, QObject *parent = nullptr);
    /// A normal end: this instance's autosave (and a recovered file it
    /// opened) are removed.
    ~Autosave() override;

    /// QStandardPaths::AppDataLocation/autosave.
    static QString defaultFolder();

    /// Puts the action into menu, before the action before.
    void addToMenu(QMenu *menu, QAction *before);
    QAction *action() const { return m_action; }
    /// For the status bar: hidden while autosave is off.
    QLabel *statusLabel() const { return m_label; }
    /// Null when there is no folder.
    Autosaver *saver() const { return m_saver; }
    /// This instance's autosave file; empty without a folder.
    QString path() const;

    /// Autosaves in the folder that no running instance holds, newest
    /// first; each is locked for this instance until it is answered.
    QStringList takeOrphans();
    /// Asks about each file takeOrphans() finds, in a window that does not
    /// stop the recording: Open, Discard or Keep for Later.
    void offerRecovery();

    void retranslate();

Q_SIGNALS:
    /// Something for the status bar: an autosave that failed (once until
    /// one succeeds again), a recovered file discarded.
    void reported(const QString &text, bool isError);

private:
    void handleToggled(bool on);
    void handleFailed(const QString &message);
    void offer(const QString &path);
    void release(const QString &path, bool remove);
    void updateLabel();

    Workbench *m_workbench;
    SessionFiles *m_files;
    QWidget *m_window;
    QString m_folder;
    bool m_useSettings;
    QAction *m_action;
    // Unparented until the status bar takes it; then the status bar owns it.
    QPointer<QLabel> m_label;
    QTimer *m_labelTimer;
    Autosaver *m_saver = nullptr;
    std::unique_ptr<QLockFile> m_lock;                 ///< says this instance's file is in use
    QHash<QString, std::shared_ptr<QLockFile>> m_held; ///< orphans being offered or opened
    QStringList m_opened;                              ///< orphans opened: gone at a normal end
    bool m_failing = false;
};

} // namespace TcpInspector
