// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/connectionactions.h"

#include "net/connection.h"

#include "ui_connectionactions.h"

#include <QMenu>

#include <algorithm>

namespace TcpInspector {

namespace {
// A recording (opened or being replayed) has no socket to act on, whatever
// state it shows.
template<typename Test>
bool any(const QList<Connection *> &connections, Test test)
{
    return std::any_of(connections.begin(), connections.end(), [&](const Connection *c) {
        return c && !c->isRecorded() && test(c->state());
    });
}
} // namespace

ConnectionActions::ConnectionActions(QWidget *parent)
    : QWidget(parent),
      m_ui(std::make_unique<Ui::ConnectionActions>()),
      m_sendToSelected(new QAction(this)),
      m_sendToAll(new QAction(this))
{
    m_ui->setupUi(this);
    m_sendToSelected->setObjectName(QStringLiteral("sendToSelectedAction"));
    m_sendToAll->setObjectName(QStringLiteral("sendToAllAction"));
    auto *sendMenu = new QMenu(this);
    sendMenu->addAction(m_sendToSelected);
    sendMenu->addAction(m_sendToAll);
    m_ui->sendButton->setMenu(sendMenu);
    retranslate();
    connect(m_ui->halfCloseButton, &QPushButton::clicked, this,
            &ConnectionActions::halfCloseClicked);
    connect(m_ui->closeButton, &QPushButton::clicked, this, &ConnectionActions::closeClicked);
    connect(m_ui->resetButton, &QPushButton::clicked, this, &ConnectionActions::resetClicked);
    connect(m_ui->pauseReadingButton, &QPushButton::toggled, this,
            &ConnectionActions::readPausedToggled);
    connect(m_ui->removeClosedButton, &QPushButton::clicked, this,
            &ConnectionActions::removeClosedClicked);
    connect(m_sendToSelected, &QAction::triggered, this, &ConnectionActions::sendToSelectedClicked);
    connect(m_sendToAll, &QAction::triggered, this, &ConnectionActions::sendToAllClicked);
    updateWidgets({}, false, false);
}

ConnectionActions::~ConnectionActions() = default;

bool ConnectionActions::canHalfClose(const QList<Connection *> &connections)
{
    return canSend(connections);
}

bool ConnectionActions::canClose(const QList<Connection *> &connections)
{
    return any(connections, [](ConnectionState state) { return !isFinalState(state); });
}

bool ConnectionActions::canReset(const QList<Connection *> &connections)
{
    return any(connections, [](ConnectionState state) {
        return !isFinalState(state) && state != ConnectionState::Connecting
               && state != ConnectionState::Resolving;
    });
}

bool ConnectionActions::canSend(const QList<Connection *> &connections)
{
    return any(connections, [](ConnectionState state) {
        return state == ConnectionState::Established || state == ConnectionState::RemoteHalfClosed;
    });
}

void ConnectionActions::updateWidgets(const QList<Connection *> &selected, bool readPaused,
                                      bool anyCanSend)
{
    const bool open = canClose(selected);
    m_ui->halfCloseButton->setEnabled(canHalfClose(selected));
    m_ui->closeButton->setEnabled(open);
    m_ui->resetButton->setEnabled(canReset(selected));
    m_ui->pauseReadingButton->setEnabled(open);
    const QSignalBlocker blocker(m_ui->pauseReadingButton);
    m_ui->pauseReadingButton->setChecked(open && readPaused);
    m_sendToSelected->setEnabled(canSend(selected));
    m_sendToAll->setEnabled(anyCanSend);
    m_ui->sendButton->setEnabled(anyCanSend);
}

void ConnectionActions::retranslate()
{
    m_sendToSelected->setText(tr("Send to selected"));
    m_sendToSelected->setToolTip(
        tr("Send the composer's bytes to each selected connection that can send"));
    m_sendToAll->setText(tr("Send to all"));
    m_sendToAll->setToolTip(
        tr("Send the composer's bytes to every connection of this panel that can send"));
}

void ConnectionActions::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        retranslate();
    }
    QWidget::changeEvent(event);
}

} // namespace TcpInspector
