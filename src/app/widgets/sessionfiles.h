// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "timeline/timeline.h"

#include <QObject>
#include <QPointer>
#include <QStringList>

#include <atomic>
#include <functional>

class QAction;
class QMenu;
class QWidget;

namespace TcpInspector {

class Connection;
class Workbench;

/// The File menu's sessions and exports: Save, Save As, Open, Open Recent,
/// and Export (pcapng, messages as CSV or JSON lines, the raw bytes of one
/// direction). Saving, opening and exporting run on a worker thread behind
/// a progress dialog that can cancel them, so a 2 GB session never freezes
/// the window; what they find wrong is reported, never a crash.
class SessionFiles : public QObject
{
    Q_OBJECT

public:
    SessionFiles(Workbench *workbench, QWidget *window, bool useSettings,
                 QObject *parent = nullptr);
    ~SessionFiles() override;

    /// Puts the actions into menu, before the action before.
    void addToMenu(QMenu *menu, QAction *before);
    QAction *saveAction() const { return m_save; }
    QAction *saveAsAction() const { return m_saveAs; }
    QAction *openAction() const { return m_open; }
    QMenu *recentMenu() const { return m_recent; }
    QMenu *exportMenu() const { return m_export; }

    /// The connection Export's messages and raw bytes are of (the one shown).
    void setCurrentConnection(Connection *connection) { m_current = connection; }

    /// Every connection listed, with their timelines and the listener's, to
    /// path; false with *error (the recording is untouched).
    bool save(const QString &path, QString *error);
    /// Lists the connections of the session in path beside the live ones,
    /// instead of those of a session opened before. problems gets what was
    /// wrong with the file; false when nothing could be opened. remember:
    /// Save writes to path from then on and Open Recent lists it (not for
    /// an autosave, which is not the user's file).
    bool open(const QString &path, QStringList *problems, bool remember = true);
    /// Opens path and tells the user how it went (reported()).
    void openAndReport(const QString &path, bool remember = true);
    /// The file the last Save or Open used, or empty.
    QString currentPath() const { return m_path; }
    QStringList recentFiles() const { return m_recentFiles; }

    enum class ExportKind { Pcapng, MessagesCsv, MessagesJsonl, RawRx, RawTx };
    /// pcapng: every connection listed; the others: the current connection.
    /// withTlsKeys: pcapng with the TLS connections' key logs, so that
    /// Wireshark decrypts their records (SynthOptions::includeTlsKeys).
    bool exportTo(ExportKind kind, const QString &path, QString *error, bool withTlsKeys = false);

    /// The actions' texts again, after a language change.
    void retranslate();

Q_SIGNALS:
    /// Something to tell the user: a save done, a file's problems.
    void reported(const QString &text, bool isError);
    /// A session was opened from path (its connections are listed).
    void opened(const QString &path);

private:
    void handleSave();
    void handleSaveAs();
    void handleOpen();
    void handleExport(ExportKind kind);
    /// pcapng of TLS connections: whether to put their keys in; false when cancelled.
    bool askForTlsKeys(bool *withKeys);
    void rememberRecent(const QString &path);
    void updateRecentMenu();
    /// Runs work on a worker thread while a progress dialog (after 0.5 s)
    /// shows done of total and lets the user set cancel.
    bool runWithProgress(const QString &label, qint64 total, std::atomic<qint64> *done,
                         std::atomic<bool> *cancel, const std::function<bool()> &work);
    QList<const Connection *> listed() const;
    static QString sessionFilter();

    Workbench *m_workbench;
    QWidget *m_window;
    bool m_useSettings;
    QPointer<Connection> m_current;
    QString m_path;
    QStringList m_recentFiles;
    QAction *m_save = nullptr;
    QAction *m_saveAs = nullptr;
    QAction *m_open = nullptr;
    QMenu *m_recent = nullptr;
    QMenu *m_export = nullptr;
    QList<QAction *> m_exportActions;
};

} // namespace TcpInspector
