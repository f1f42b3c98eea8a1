// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/sessionfiles.h"

#include "net/connection.h"
#include "recording/messageexport.h"
#include "recording/packetsynth.h"
#include "recording/sessionloader.h"
#include "recording/sessionwriter.h"
#include "session/workbench.h"
#include "widgets/tableexport.h"

#include <QAction>
#include <QCoreApplication>
#include <QDateTime>
#include <QEventLoop>
#include <QFileDialog>
#include <QFileInfo>
#include <QJsonObject>
#include <QMenu>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QSaveFile>
#include <QSettings>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <memory>
#include <thread>

namespace TcpInspector {

namespace {
const QString recentKey = QStringLiteral("session/recentFiles");
constexpr int recentCount = 10;

qint64 storedBytes(const QList<const Connection *> &connections)
{
    qint64 total = 0;
    for (const Connection *connection : connections)
        total += connection->rx().store().size() + connection->tx().store().size();
    return total;
}
} // namespace

SessionFiles::SessionFiles(Workbench *workbench, QWidget *window, bool useSettings, QObject *parent)
    : QObject(parent), m_workbench(workbench), m_window(window), m_useSettings(useSettings)
{
    m_save = new QAction(this);
    m_save->setObjectName(QStringLiteral("actionSaveSession"));
    m_save->setShortcut(QKeySequence::Save);
    m_saveAs = new QAction(this);
    m_saveAs->setObjectName(QStringLiteral("actionSaveSessionAs"));
    m_saveAs->setShortcut(QKeySequence::SaveAs);
    m_open = new QAction(this);
    m_open->setObjectName(QStringLiteral("actionOpenSession"));
    m_open->setShortcut(QKeySequence::Open);
    m_recent = new QMenu(window);
    m_recent->setObjectName(QStringLiteral("menuRecentSessions"));
    m_export = new QMenu(window);
    m_export->setObjectName(QStringLiteral("menuExport"));
    for (ExportKind kind : {ExportKind::Pcapng, ExportKind::MessagesCsv, ExportKind::MessagesJsonl,
                            ExportKind::RawRx, ExportKind::RawTx}) {
        QAction *action = m_export->addAction(QString());
        connect(action, &QAction::triggered, this, [this, kind] { handleExport(kind); });
        m_exportActions.append(action);
    }
    connect(m_save, &QAction::triggered, this, &SessionFiles::handleSave);
    connect(m_saveAs, &QAction::triggered, this, &SessionFiles::handleSaveAs);
    connect(m_open, &QAction::triggered, this, &SessionFiles::handleOpen);
    if (m_useSettings)
        m_recentFiles = QSettings().value(recentKey).toStringList();
    retranslate();
}

SessionFiles::~SessionFiles() = default;

void SessionFiles::addToMenu(QMenu *menu, QAction *before)
{
    menu->insertAction(before, m_open);
    menu->insertMenu(before, m_recent);
    menu->insertAction(before, m_save);
    menu->insertAction(before, m_saveAs);
    menu->insertSeparator(before);
    menu->insertMenu(before, m_export);
    menu->insertSeparator(before);
}

void SessionFiles::retranslate()
{
    m_save->setText(tr("&Save Session"));
    m_saveAs->setText(tr("Save Session &As..."));
    m_open->setText(tr("&Open Session..."));
    m_recent->setTitle(tr("Open &Recent"));
    m_export->setTitle(tr("&Export"));
    const QStringList texts = {tr("Packets for &Wireshark (pcapng)..."), tr("Messages as &CSV..."),
                               tr("Messages as &JSON lines..."), tr("&Received bytes (raw)..."),
                               tr("&Sent bytes (raw)...")};
    for (int i = 0; i < m_exportActions.size(); ++i)
        m_exportActions[i]->setText(texts[i]);
    updateRecentMenu();
}

QList<const Connection *> SessionFiles::listed() const
{
    QList<const Connection *> connections;
    for (const Connection *connection : m_workbench->connections())
        connections.append(connection);
    return connections;
}

bool SessionFiles::runWithProgress(const QString &label, qint64 total, std::atomic<qint64> *done,
                                   std::atomic<bool> *cancel, const std::function<bool()> &work)
{
    // Shared with the worker: a dialog closed early must not leave it
    // writing into freed memory.
    auto result = std::make_shared<std::atomic<int>>(-1);
    QEventLoop loop;
    std::thread worker([work, result] { result->store(work() ? 1 : 0); });
    QProgressDialog progress(label, tr("Cancel"), 0, 1000, m_window);
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(500);
    progress.setAutoClose(false);
    connect(&progress, &QProgressDialog::canceled, this, [cancel] { cancel->store(true); });
    QTimer poll;
    connect(&poll, &QTimer::timeout, &loop, [&] {
        if (total > 0)
            progress.setValue(int(std::min<qint64>(1000, done->load() * 1000 / total)));
        if (result->load() >= 0)
            loop.quit();
    });
    poll.start(30);
    loop.exec();
    worker.join();
    return result->load() == 1;
}

bool SessionFiles::save(const QString &path, QString *error)
{
    const QList<const Connection *> connections = listed();
    std::atomic<qint64> done {0};
    std::atomic<bool> cancel {false};
    SessionMeta meta;
    meta.startMonotonicNs = m_workbench->startMonotonicNs();
    meta.startWallNs = m_workbench->startWallNs();
    meta.meta = QJsonObject {{QStringLiteral("writer"), QStringLiteral("tcpinspector")},
                             {QStringLiteral("version"), QCoreApplication::applicationVersion()}};
    const Timeline &listener = m_workbench->serverTimeline();
    SessionError failure;
    const bool saved = runWithProgress(
        tr("Saving %1...").arg(QFileInfo(path).fileName()), storedBytes(connections), &done,
        &cancel, [&] {
            SessionWriter writer;
            writer.setProgress(&done, &cancel);
            if (!writer.open(path, meta, &failure) || !writer.addTimeline(0, listener, &failure))
                return false;
            for (const Connection *connection : connections)
                if (!writer.addConnection(*connection, QJsonObject(), &failure))
                    return false;
            return writer.commit(&failure);
        });
    if (!saved) {
        *error = failure.toString();
        return false;
    }
    m_path = path;
    rememberRecent(path);
    return true;
}

bool SessionFiles::open(const QString &path, QStringList *problems, bool remember)
{
    auto session = std::make_shared<LoadedSession>();
    std::atomic<qint64> done {0};
    std::atomic<bool> cancel {false};
    const qint64 size = QFileInfo(path).size();
    QThread *gui = thread();
    const bool loaded = runWithProgress(
        tr("Opening %1...").arg(QFileInfo(path).fileName()), size, &done, &cancel, [&] {
            const bool ok = loadSession(path, session.get(), LoadOptions(), &done, &cancel);
            // Only an object's own thread may move it on; the workbench
            // then moves them to the I/O thread.
            for (auto &connection : session->connections)
                connection->moveToThread(gui);
            return ok;
        });
    for (const SessionError &problem : std::as_const(session->problems))
        problems->append(problem.toString());
    if (!loaded)
        return false;
    // One session at a time: the one opened before goes, live ones stay.
    m_workbench->removeRecorded();
    m_workbench->setStart(session->info.startMonotonicNs, session->info.startWallNs);
    m_workbench->adoptRecorded(std::move(session->connections));
    if (remember) {
        m_path = path;
        rememberRecent(path);
    } else {
        m_path.clear();
    }
    emit opened(path);
    return true;
}

bool SessionFiles::exportTo(ExportKind kind, const QString &path, QString *error, bool withTlsKeys)
{
    QList<const Connection *> connections = listed();
    if (kind != ExportKind::Pcapng && m_current)
        connections = {m_current.data()};
    if (connections.isEmpty()) {
        *error = tr("There is no connection to export.");
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    std::atomic<qint64> done {0};
    std::atomic<bool> cancel {false};
    QString why;
    const qint64 start = m_workbench->startMonotonicNs();
    const qint64 wall = m_workbench->startWallNs();
    const bool written = runWithProgress(
        tr("Exporting %1...").arg(QFileInfo(path).fileName()), 0, &done, &cancel, [&] {
            switch (kind) {
            case ExportKind::Pcapng: {
                SynthOptions options;
                options.startMonotonicNs = start;
                options.startWallNs = wall;
                options.includeTlsKeys = withTlsKeys;
                return exportPcapng(connections, options, &file, &why);
            }
            case ExportKind::MessagesCsv:
                return exportMessages(connections, MessageFormat::Csv, &file, start, 64, &why);
            case ExportKind::MessagesJsonl:
                return exportMessages(connections, MessageFormat::Jsonl, &file, start, 64, &why);
            case ExportKind::RawRx:
                return exportRaw(*connections.first(), Direction::Rx, &file, &why);
            case ExportKind::RawTx:
                return exportRaw(*connections.first(), Direction::Tx, &file, &why);
            }
            return false;
        });
    if (!written || !file.commit()) {
        *error = why.isEmpty() ? tr("Cannot write %1: %2").arg(path, file.errorString()) : why;
        return false;
    }
    return true;
}

QString SessionFiles::sessionFilter()
{
    return tr("TCP Inspector sessions (*.tcpsession);;All files (*)");
}

void SessionFiles::handleSave()
{
    if (m_path.isEmpty()) {
        handleSaveAs();
        return;
    }
    QString error;
    if (save(m_path, &error))
        emit reported(tr("Saved %1").arg(QDir::toNativeSeparators(m_path)), false);
    else
        emit reported(error, true);
}

void SessionFiles::handleSaveAs()
{
    QString path = TableExport::askSavePath(m_window, tr("Save Session"), sessionFilter());
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".tcpsession");
    m_path = path;
    handleSave();
}

void SessionFiles::handleOpen()
{
    const QString path
        = QFileDialog::getOpenFileName(m_window, tr("Open Session"), QString(), sessionFilter());
    if (!path.isEmpty())
        openAndReport(path);
}

void SessionFiles::openAndReport(const QString &path, bool remember)
{
    QStringList problems;
    const bool opened = open(path, &problems, remember);
    if (!problems.isEmpty())
        emit reported(problems.join(QLatin1Char('\n')), true);
    else if (opened)
        emit reported(tr("Opened %1").arg(QDir::toNativeSeparators(path)), false);
    else
        emit reported(tr("Cannot open %1").arg(QDir::toNativeSeparators(path)), true);
}

void SessionFiles::handleExport(ExportKind kind)
{
    static const char *const filters[]
        = {QT_TR_NOOP("pcapng captures (*.pcapng)"), QT_TR_NOOP("CSV files (*.csv)"),
           QT_TR_NOOP("JSON lines (*.jsonl)"), QT_TR_NOOP("All files (*)"),
           QT_TR_NOOP("All files (*)")};
    bool withKeys = false;
    if (kind == ExportKind::Pcapng && !askForTlsKeys(&withKeys))
        return;
    const QString path = TableExport::askSavePath(m_window, tr("Export"), tr(filters[int(kind)]));
    if (path.isEmpty())
        return;
    QString error;
    if (exportTo(kind, path, &error, withKeys))
        emit reported(tr("Exported %1").arg(QDir::toNativeSeparators(path)), false);
    else
        emit reported(error, true);
}

bool SessionFiles::askForTlsKeys(bool *withKeys)
{
    *withKeys = false;
    const QList<const Connection *> connections = listed();
    const bool anyKeys = std::any_of(connections.begin(), connections.end(),
                                     [](const auto *c) { return c && !c->tlsKeyLog().isEmpty(); });
    if (!anyKeys)
        return true;
    // Keys in a capture open everything the connections carried to whoever
    // gets the file: never by default, and said plainly.
    QMessageBox box(QMessageBox::Question, tr("Export"), tr("Put the TLS keys in the capture?"),
                    QMessageBox::NoButton, m_window);
    box.setInformativeText(
        tr("With the keys, Wireshark shows the decrypted data of the TLS connections. Anyone "
           "who gets the file can read it too, passwords and cookies included."));
    QPushButton *with = box.addButton(tr("With Keys"), QMessageBox::AcceptRole);
    QPushButton *without = box.addButton(tr("Without Keys"), QMessageBox::RejectRole);
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(without);
    box.exec();
    *withKeys = box.clickedButton() == with;
    return box.clickedButton() == with || box.clickedButton() == without;
}

void SessionFiles::rememberRecent(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    m_recentFiles.removeAll(absolute);
    m_recentFiles.prepend(absolute);
    while (m_recentFiles.size() > recentCount)
        m_recentFiles.removeLast();
    if (m_useSettings)
        QSettings().setValue(recentKey, m_recentFiles);
    updateRecentMenu();
}

void SessionFiles::updateRecentMenu()
{
    m_recent->clear();
    for (const QString &path : std::as_const(m_recentFiles)) {
        QAction *action = m_recent->addAction(QFileInfo(path).fileName());
        action->setToolTip(QDir::toNativeSeparators(path));
        action->setStatusTip(QDir::toNativeSeparators(path));
        connect(action, &QAction::triggered, this, [this, path] { openAndReport(path); });
    }
    m_recent->setEnabled(!m_recentFiles.isEmpty());
}

} // namespace TcpInspector
