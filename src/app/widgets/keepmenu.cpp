// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/keepmenu.h"

#include "models/modeltext.h"
#include "session/workbench.h"

#include <QActionGroup>
#include <QEvent>
#include <QLabel>
#include <QSettings>
#include <QTimer>

namespace TcpInspector {

namespace {
const QString settingsKey = QStringLiteral("recording/keepBytes");
constexpr qint64 MiB = qint64(1) << 20;
// Everything first: the default must never lose data.
constexpr qint64 choices[] = {-1, 16 * MiB, 64 * MiB, 256 * MiB, 1024 * MiB};
} // namespace

KeepMenu::KeepMenu(Workbench *workbench, bool useSettings, QWidget *parent)
    : QMenu(parent),
      m_workbench(workbench),
      m_group(new QActionGroup(this)),
      m_label(new QLabel),
      m_timer(new QTimer(this)),
      m_useSettings(useSettings)
{
    setObjectName(QStringLiteral("keepMenu"));
    m_label->setObjectName(QStringLiteral("keepLabel"));
    for (qint64 bytes : choices) {
        QAction *action = addAction(QString());
        action->setCheckable(true);
        action->setData(bytes);
        m_group->addAction(action);
        if (bytes < 0)
            addSeparator();
    }
    connect(m_group, &QActionGroup::triggered, this, &KeepMenu::handleChosen);
    // Once a second: the figure grows with the stream, and a sum over every
    // connection's atomics is cheap at that rate.
    m_timer->setInterval(1000);
    connect(m_timer, &QTimer::timeout, this, &KeepMenu::updateLabel);
    m_timer->start();
    retranslate();
    setKeepBytes(useSettings ? QSettings().value(settingsKey, qint64(-1)).toLongLong() : -1);
}

KeepMenu::~KeepMenu()
{
    if (m_label && !m_label->parent())
        delete m_label;
}

qint64 KeepMenu::keepBytes() const
{
    return m_workbench->keepBytes();
}

void KeepMenu::setKeepBytes(qint64 keepBytes)
{
    // Only the sizes offered: a hand-edited setting must not turn on a ring
    // of a few bytes.
    QAction *chosen = m_group->actions().constFirst();
    for (QAction *action : m_group->actions()) {
        if (action->data().toLongLong() == keepBytes)
            chosen = action;
    }
    chosen->setChecked(true);
    m_workbench->setKeepBytes(chosen->data().toLongLong());
    updateLabel();
}

void KeepMenu::handleChosen(QAction *action)
{
    const qint64 bytes = action->data().toLongLong();
    if (m_useSettings)
        QSettings().setValue(settingsKey, bytes);
    setKeepBytes(bytes);
}

void KeepMenu::retranslate()
{
    setTitle(tr("&Keep"));
    for (QAction *action : m_group->actions()) {
        const qint64 bytes = action->data().toLongLong();
        action->setText(
            bytes < 0
                ? tr("&Everything (record)")
                : tr("The last %1 of each direction (ring)").arg(ModelText::byteCount(bytes)));
    }
    setToolTip(tr("What new connections keep. Ring mode lets the oldest bytes go so memory stays "
                  "flat on an endless stream; what goes is counted in the status bar."));
    updateLabel();
}

void KeepMenu::updateLabel()
{
    const qint64 keep = m_workbench->keepBytes();
    const qint64 evicted = m_workbench->evictedBytes();
    m_label->setVisible(keep >= 0 || evicted > 0);
    const QString mode
        = keep >= 0 ? tr("Ring: last %1").arg(ModelText::byteCount(keep)) : tr("Ring off");
    const QString text = tr("%1, %2 let go").arg(mode, ModelText::byteCount(evicted));
    if (text != m_label->text())
        m_label->setText(text);
    m_label->setToolTip(tr("Bytes that ring mode let go, over the connections listed. Choose "
                           "Connection > Keep > Everything to record every byte."));
}

void KeepMenu::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMenu::changeEvent(event);
}

} // namespace TcpInspector
