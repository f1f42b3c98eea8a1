// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/connectionactions.h"

#include "net/connection.h"

#include "ui_connectionactions.h"

namespace TcpInspector {

ConnectionActions::ConnectionActions(QWidget *parent)
    : QWidget(parent), m_ui(std::make_unique<Ui::ConnectionActions>())
{
    m_ui->setupUi(this);
    connect(m_ui->halfCloseButton, &QPushButton::clicked, this,
            &ConnectionActions::halfCloseClicked);
    connect(m_ui->closeButton, &QPushButton::clicked, this, &ConnectionActions::closeClicked);
    connect(m_ui->resetButton, &QPushButton::clicked, this, &ConnectionActions::resetClicked);
    connect(m_ui->pauseReadingButton, &QPushButton::toggled, this,
            &ConnectionActions::readPausedToggled);
    connect(m_ui->removeClosedButton, &QPushButton::clicked, this,
            &ConnectionActions::removeClosedClicked);
    updateWidgets(nullptr, false);
}

ConnectionActions::~ConnectionActions() = default;

void ConnectionActions::updateWidgets(const Connection *connection, bool readPaused)
{
    const ConnectionState state = connection ? connection->state() : ConnectionState::Closed;
    const bool open = connection && !isFinalState(state);
    const bool established
        = state == ConnectionState::Established || state == ConnectionState::RemoteHalfClosed;
    m_ui->halfCloseButton->setEnabled(open && established);
    m_ui->closeButton->setEnabled(open);
    m_ui->resetButton->setEnabled(open && state != ConnectionState::Connecting
                                  && state != ConnectionState::Resolving);
    m_ui->pauseReadingButton->setEnabled(open);
    const QSignalBlocker blocker(m_ui->pauseReadingButton);
    m_ui->pauseReadingButton->setChecked(open && readPaused);
}

void ConnectionActions::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        m_ui->retranslateUi(this);
    QWidget::changeEvent(event);
}

} // namespace TcpInspector
