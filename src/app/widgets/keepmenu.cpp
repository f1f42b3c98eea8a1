// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/keepmenu.h"

#include "models/modeltext.h"
#include "session/workbench.h"

#include <QActionGroup>
#include <QEvent>
#include <QLabel>
#include <QSettings>
#include <QTimer>

#include <algorithm>
#include <climits>

namespace TcpInspector {

namespace {
const QString settingsKey = QStringLiteral("recording/keepBytes");
const QString closedKey = QStringLiteral("recording/keepClosed");
constexpr qint64 MiB = qint64(1) << 20;
// Everything first: the default must never lose data.
constexpr qint64 choices[] = {-1, 16 * MiB, 64 * MiB, 256 * MiB, 1024 * MiB};
constexpr int closedChoices[] = {-1, 1000, 100};
} // namespace

KeepMenu::KeepMenu(Workbench *workbench, bool useSettings, QWidget *parent)
    : QMenu(parent),
      m_workbench(workbench),
      m_group(new QActionGroup(this)),
      m_closedGroup(new QActionGroup(this)),
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
    m_closedSection = addSection(QString());
    for (int count : closedChoices) {
        QAction *action = addAction(QString());
        action->setCheckable(true);
        action->setData(count);
        action->setObjectName(count < 0 ? QStringLiteral("keepClosedAll")
                                        : QStringLiteral("keepClosed%1").arg(count));
        m_closedGroup->addAction(action);
    }
    connect(m_closedGroup, &QActionGroup::triggered, this, [this](QAction *action) {
        if (m_useSettings)
            QSettings().setValue(closedKey, action->data().toInt());
        setKeepClosed(action->data().toInt());
    });
    // Once a second: the figure grows with the stream, and a sum over every
    // connection's atomics is cheap at that rate.
    m_timer->setInterval(1000);
    connect(m_timer, &QTimer::timeout, this, &KeepMenu::updateLabel);
    m_timer->start();
    retranslate();
    setKeepBytes(useSettings ? QSettings().value(settingsKey, qint64(-1)).toLongLong() : -1);
    setKeepClosed(useSettings ? QSettings().value(closedKey, -1).toInt() : -1);
}

void KeepMenu::setKeepClosed(int count)
{
    QAction *chosen = m_closedGroup->actions().constFirst();
    for (QAction *action : m_closedGroup->actions()) {
        if (action->data().toInt() == count)
            chosen = action;
    }
    chosen->setChecked(true);
    m_workbench->setKeepClosed(chosen->data().toInt());
    updateLabel();
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
    m_closedSection->setText(tr("Closed connections"));
    for (QAction *action : m_closedGroup->actions()) {
        const int count = action->data().toInt();
        action->setText(count < 0 ? tr("Keep &all") : tr("Keep the newest %1").arg(count));
    }
    setToolTip(tr("What new connections keep. Ring mode lets the oldest bytes go so memory stays "
                  "flat on an endless stream; what goes is counted in the status bar."));
    updateLabel();
}

void KeepMenu::updateLabel()
{
    const qint64 keep = m_workbench->keepBytes();
    const qint64 evicted = m_workbench->evictedBytes();
    const qint64 removed = m_workbench->closedRemoved();
    m_label->setVisible(keep >= 0 || evicted > 0 || m_workbench->keepClosed() >= 0 || removed > 0);
    const QString mode
        = keep >= 0 ? tr("Ring: last %1").arg(ModelText::byteCount(keep)) : tr("Ring off");
    QString text = tr("%1, %2 let go").arg(mode, ModelText::byteCount(evicted));
    if (m_workbench->keepClosed() >= 0 || removed > 0)
        //: The keep label, then how many ended connections the limit removed
        text = tr("%1; %n closed connection(s) removed", nullptr,
                  int(std::min<qint64>(removed, INT_MAX)))
                   .arg(text);
    if (text != m_label->text())
        m_label->setText(text);
    m_label->setToolTip(tr("Bytes that ring mode let go, over the connections listed, and ended "
                           "connections removed past the closed connections kept. Choose "
                           "Connection > Keep > Everything and Keep all to keep every byte and "
                           "connection."));
}

void KeepMenu::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMenu::changeEvent(event);
}

} // namespace TcpInspector
