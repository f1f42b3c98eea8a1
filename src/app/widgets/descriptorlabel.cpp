// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/descriptorlabel.h"

#include <QEvent>
#include <QTimer>

namespace TcpInspector {

DescriptorLabel::DescriptorLabel(QWidget *parent) : QLabel(parent), m_timer(new QTimer(this))
{
    setObjectName(QStringLiteral("descriptorLabel"));
    // Its own, slower timer: listing /proc/self/fd 30 times a second would
    // cost more than everything else the status bar shows.
    m_timer->setInterval(intervalMs);
    connect(m_timer, &QTimer::timeout, this, &DescriptorLabel::sample);
    m_timer->start();
    sample();
}

void DescriptorLabel::sample()
{
    display(DescriptorUsage::current());
}

void DescriptorLabel::display(const DescriptorUsage &usage)
{
    m_usage = usage;
    const QString text = usage.text();
    if (text != this->text())
        setText(text);
    setToolTip(usage.toolTip());
    const bool warning = usage.nearLimit();
    if (warning == m_warning)
        return;
    m_warning = warning;
    if (!warning) {
        setPalette(QPalette()); // the status bar's own colours again
        return;
    }
    // Readable on light and dark palettes alike.
    QPalette colours = palette();
    const bool light = colours.color(QPalette::Window).lightness() > 128;
    colours.setColor(QPalette::WindowText,
                     light ? QColor(0xb0, 0x1c, 0x1c) : QColor(0xff, 0x8a, 0x80));
    setPalette(colours);
}

void DescriptorLabel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        display(m_usage);
    QLabel::changeEvent(event);
}

} // namespace TcpInspector
