// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/firststarthint.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace TcpInspector {

FirstStartHint::FirstStartHint(QWidget *parent)
    : QFrame(parent),
      m_text(new QLabel(this)),
      m_demo(new QPushButton(this)),
      m_close(new QPushButton(this))
{
    setObjectName(QStringLiteral("firstStartHint"));
    m_demo->setObjectName(QStringLiteral("firstStartDemo"));
    m_close->setObjectName(QStringLiteral("firstStartClose"));
    setFrameShape(QFrame::StyledPanel);
    // The palette's tooltip colours: a note, readable in light and dark.
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::ToolTipBase);
    setForegroundRole(QPalette::ToolTipText);
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::RichText);
    m_text->setForegroundRole(QPalette::ToolTipText);
    auto *buttons = new QVBoxLayout;
    buttons->addWidget(m_demo);
    buttons->addWidget(m_close);
    buttons->addStretch(1);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->addWidget(m_text, 1);
    layout->addLayout(buttons);
    connect(m_demo, &QPushButton::clicked, this, &FirstStartHint::demoRequested);
    connect(m_close, &QPushButton::clicked, this, [this] {
        hide();
        emit dismissed();
    });
    retranslate();
}

void FirstStartHint::setServerAddress(const QString &address)
{
    m_address = address;
    retranslate();
}

void FirstStartHint::retranslate()
{
    const QString address = m_address.isEmpty() ? tr("a loopback port") : m_address;
    m_text->setText(
        tr("<b>Two ends of TCP in one window.</b> The <b>Server</b> panel listens on %1 and "
           "echoes what it reads; the <b>Client</b> panel connects to any address, this server "
           "by default. Connect, type in <b>Send</b>, and watch below each read as the chunk "
           "it was, beside the messages a framing builds from them; the <b>Timeline</b> shows "
           "what each end did and when. The <b>Lesson</b> menu replays the classic pitfalls; "
           "the <b>Relay</b> panel shows the traffic between two programs of your own.")
            .arg(address.toHtmlEscaped()));
    m_demo->setText(tr("Show me"));
    m_demo->setToolTip(tr("Connect the client panel to the server panel and send a line"));
    m_close->setText(tr("Got it"));
    m_close->setToolTip(tr("Hide this; Help > Getting Started shows it again"));
}

void FirstStartHint::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QFrame::changeEvent(event);
}

} // namespace TcpInspector
