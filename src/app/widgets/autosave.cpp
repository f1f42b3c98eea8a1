// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/autosave.h"

#include "recording/autosaver.h"
#include "session/workbench.h"
#include "timeline/timeline.h"
#include "widgets/sessionfiles.h"

#include <QAction>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QLockFile>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>

namespace TcpInspector {

namespace {
const QString enabledKey = QStringLiteral("session/autosave");
const QString suffix = QStringLiteral(".tcpsession");
const QString lockSuffix = QStringLiteral(".lock");
} // namespace

Autosave::Autosave(Workbench *workbench, SessionFiles *files, QWidget *window,
                   const QString &folder, bool useSettings, QObject *parent)
    : QObject(parent),
      m_workbench(workbench),
      m_files(files),
      m_window(window),
      m_folder(!folder.isEmpty() ? folder
               : useSettings     ? defaultFolder()
                                 : QString()),
      m_useSettings(useSettings),
      m_action(new QAction(this)),
      m_label(new QLabel),
      m_labelTimer(new QTimer(this))
{
    m_action->setObjectName(QStringLiteral("actionAutosaveSession"));
    m_action->setCheckable(true);
    m_label->setObjectName(QStringLiteral("autosaveLabel"));
    m_label->hide();
    m_labelTimer->setInterval(1000);
    connect(m_labelTimer, &QTimer::timeout, this, &Autosave::updateLabel);
    if (!m_folder.isEmpty()) {
        QDir().mkpath(m_folder);
        // Named for when it started, so a name is never taken twice (a
        // crashed instance's pid can come back) and the user can tell them apart.
        const QString name
            = QStringLiteral("session-%1-%2")
                  .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-hhmmss")))
                  .arg(QCoreApplication::applicationPid());
        const QString path = QDir(m_folder).filePath(name + suffix);
        m_lock = std::make_unique<QLockFile>(path + lockSuffix);
        m_lock->setStaleLockTime(0);
        m_lock->tryLock(0);
        m_saver = new Autosaver(
            path,
            [this] {
                AutosaveSnapshot snapshot;
                snapshot.meta.startMonotonicNs = m_workbench->startMonotonicNs();
                snapshot.meta.startWallNs = m_workbench->startWallNs();
                snapshot.meta.meta = QJsonObject {
                    {QStringLiteral("writer"), QStringLiteral("tcpinspector")},
                    {QStringLiteral("version"), QCoreApplication::applicationVersion()},
                    {QStringLiteral("autosave"), true}};
                for (const Connection *connection : m_workbench->connections())
                    snapshot.connections.append(connection);
                snapshot.listener = &m_workbench->serverTimeline();
                return snapshot;
            },
            this);
        // A write in progress reads them: it must end before they go.
        connect(m_workbench, &Workbench::connectionsAboutToBeRemoved, m_saver,
                &Autosaver::cancelAndWait);
        connect(m_saver, &Autosaver::written, this, [this] {
            m_failing = false;
            updateLabel();
        });
        connect(m_saver, &Autosaver::failed, this, &Autosave::handleFailed);
        // After the window is up: the question belongs in front of it.
        QTimer::singleShot(0, this, &Autosave::offerRecovery);
    } else {
        m_action->setEnabled(false);
    }
    connect(m_action, &QAction::toggled, this, &Autosave::handleToggled);
    if (m_useSettings && m_saver)
        m_action->setChecked(QSettings().value(enabledKey, false).toBool());
    retranslate();
}

Autosave::~Autosave()
{
    if (m_saver)
        m_saver->setEnabled(false); // waits for a write, removes the file
    for (const QString &path : std::as_const(m_opened))
        release(path, true);
    if (m_label && !m_label->parent())
        delete m_label;
}

QString Autosave::defaultFolder()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("autosave"));
}

QString Autosave::path() const
{
    return m_saver ? m_saver->path() : QString();
}

void Autosave::addToMenu(QMenu *menu, QAction *before)
{
    menu->insertAction(before, m_action);
    menu->insertSeparator(before);
}

void Autosave::retranslate()
{
    m_action->setText(tr("A&utosave Session"));
    m_action->setStatusTip(
        tr("Writes the running session to disk every few seconds, so a crash loses little."));
    updateLabel();
}

void Autosave::handleToggled(bool on)
{
    if (!m_saver)
        return;
    if (m_useSettings)
        QSettings().setValue(enabledKey, on);
    m_failing = false;
    m_saver->setEnabled(on);
    if (on)
        m_labelTimer->start();
    else
        m_labelTimer->stop();
    updateLabel();
}

void Autosave::handleFailed(const QString &message)
{
    // Once per run of failures: the label keeps saying it until one works.
    if (!m_failing) {
        emit reported(
            tr("Autosave failed: %1. The recording goes on; autosave tries again.").arg(message),
            true);
    }
    m_failing = true;
    updateLabel();
}

void Autosave::updateLabel()
{
    if (!m_label)
        return;
    if (!m_saver || !m_saver->isEnabled()) {
        m_label->hide();
        return;
    }
    const QString file = QDir::toNativeSeparators(m_saver->path());
    m_label->setStyleSheet(m_failing ? QStringLiteral("color: #c0392b;") : QString());
    if (m_failing) {
        m_label->setText(tr("Autosave failed"));
        m_label->setToolTip(
            tr("%1\nThe recording goes on; autosave tries again.").arg(m_saver->lastError()));
    } else if (m_saver->lastWrittenNs() < 0) {
        m_label->setText(tr("Autosave on"));
        m_label->setToolTip(tr("The session goes to %1 every %2 s once something was recorded.")
                                .arg(file)
                                .arg(m_saver->intervalMs() / 1000.0));
    } else {
        const qint64 age = (monotonicNs() - m_saver->lastWrittenNs()) / 1000000000;
        m_label->setText(age < 120 ? tr("Autosaved %1 s ago").arg(age)
                                   : tr("Autosaved %1 min ago").arg(age / 60));
        m_label->setToolTip(
            tr("Last written to %1 %2 s ago, in %3 ms. Autosave writes every %4 s when "
               "something changed, and less often when writing takes long.")
                .arg(file)
                .arg(age)
                .arg(m_saver->lastDurationNs() / 1000000)
                .arg(m_saver->intervalMs() / 1000.0));
    }
    m_label->show();
}

QStringList Autosave::takeOrphans()
{
    QStringList orphans;
    if (m_folder.isEmpty())
        return orphans;
    const QDir folder(m_folder);
    const QStringList names
        = folder.entryList({QStringLiteral("*") + suffix}, QDir::Files, QDir::Time);
    for (const QString &name : names) {
        const QString path = folder.filePath(name);
        if (path == this->path() || m_held.contains(path))
            continue;
        // Only the pid decides: a running instance's lock never grows stale.
        auto lock = std::make_shared<QLockFile>(path + lockSuffix);
        lock->setStaleLockTime(0);
        if (!lock->tryLock(0))
            continue; // a running instance's
        // A crash in the middle of a write leaves a .part beside it.
        QFile::remove(path + QStringLiteral(".part"));
        m_held.insert(path, lock);
        orphans.append(path);
    }
    return orphans;
}

void Autosave::offerRecovery()
{
    for (const QString &path : takeOrphans())
        offer(path);
}

void Autosave::offer(const QString &path)
{
    const QFileInfo info(path);
    auto *box = new QMessageBox(m_window);
    box->setObjectName(QStringLiteral("autosaveRecovery"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    // Not modal: whatever the answer, the window works meanwhile.
    box->setWindowModality(Qt::NonModal);
    box->setIcon(QMessageBox::Question);
    box->setWindowTitle(tr("Recover Session"));
    box->setText(tr("A TCP Inspector that did not quit normally left a session autosaved at %1 "
                    "(%2 KiB).")
                     .arg(QLocale().toString(info.lastModified(), QLocale::ShortFormat))
                     .arg((info.size() + 1023) / 1024));
    box->setInformativeText(tr("Open lists its connections beside the live ones. Discard deletes "
                               "it. Keep for Later asks again at the next start."));
    QPushButton *open = box->addButton(tr("&Open"), QMessageBox::AcceptRole);
    open->setObjectName(QStringLiteral("recoverOpen"));
    QPushButton *discard = box->addButton(tr("&Discard"), QMessageBox::DestructiveRole);
    discard->setObjectName(QStringLiteral("recoverDiscard"));
    QPushButton *keep = box->addButton(tr("&Keep for Later"), QMessageBox::RejectRole);
    keep->setObjectName(QStringLiteral("recoverKeep"));
    box->setDefaultButton(open);
    box->setEscapeButton(keep);
    connect(box, &QMessageBox::finished, this, [this, box, path, open, discard] {
        if (box->clickedButton() == open) {
            // Held until a normal end: no other instance offers it meanwhile.
            m_opened.append(path);
            m_files->openAndReport(path, false);
        } else if (box->clickedButton() == discard) {
            release(path, true);
            emit reported(
                tr("Discarded the autosaved session %1.").arg(QDir::toNativeSeparators(path)),
                false);
        } else {
            release(path, false);
        }
    });
    box->show();
}

void Autosave::release(const QString &path, bool remove)
{
    if (remove) {
        QFile::remove(path);
        QFile::remove(path + QStringLiteral(".part"));
    }
    if (const std::shared_ptr<QLockFile> lock = m_held.take(path))
        lock->unlock();
}

} // namespace TcpInspector
