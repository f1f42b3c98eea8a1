// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/advancedsection.h"

#include <QEvent>
#include <QScrollArea>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace TcpInspector {

namespace {
// Open, the section takes at most this much of the panel's height; the rest
// of its content scrolls, and the connection table keeps its rows.
constexpr int maxOpenHeight = 220;
// Below this the fields would be cut to slivers: scroll instead.
constexpr int minOpenHeight = 60;
} // namespace

AdvancedSection::AdvancedSection(QWidget *content, QWidget *parent)
    : QWidget(parent), m_toggle(new QToolButton(this)), m_scroll(new QScrollArea(this))
{
    m_toggle->setObjectName(QStringLiteral("advancedToggle"));
    m_toggle->setCheckable(true);
    m_toggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toggle->setArrowType(Qt::RightArrow);
    m_toggle->setAutoRaise(true);
    m_scroll->setObjectName(QStringLiteral("advancedScroll"));
    m_scroll->setWidget(content);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scroll->setMinimumHeight(minOpenHeight);
    m_scroll->setMaximumHeight(maxOpenHeight);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_scroll);
    hide();
    connect(m_toggle, &QToolButton::toggled, this, &AdvancedSection::setExpanded);
    retranslate();
}

bool AdvancedSection::isExpanded() const
{
    return m_expanded;
}

void AdvancedSection::setExpanded(bool expanded)
{
    m_toggle->setChecked(expanded);
    m_toggle->setArrowType(expanded ? Qt::DownArrow : Qt::RightArrow);
    if (m_expanded == expanded)
        return;
    m_expanded = expanded;
    setVisible(expanded);
    emit expandedChanged(expanded);
}

void AdvancedSection::setTitle(const QString &title, const QString &toolTip)
{
    m_titled = true;
    m_toggle->setText(title);
    m_toggle->setToolTip(toolTip);
}

int AdvancedSection::contentHeight() const
{
    const QWidget *content = m_scroll->widget();
    const int width = m_scroll->viewport()->width();
    return content->hasHeightForWidth() ? content->heightForWidth(width)
                                        : content->sizeHint().height();
}

void AdvancedSection::setMaximumOpenHeight(int height)
{
    m_scroll->setMaximumHeight(std::max(minOpenHeight, height));
}

QSpinBox *AdvancedSection::spinBox(int maximum, int step, QWidget *parent)
{
    auto *spin = new QSpinBox(parent);
    spin->setRange(0, maximum);
    spin->setSingleStep(step);
    spin->setAccelerated(true);
    return spin;
}

void AdvancedSection::retranslate()
{
    if (m_titled)
        return;
    m_toggle->setText(tr("Advanced"));
    m_toggle->setToolTip(tr("Socket options, deadlines and the server's broken modes the "
                            "lessons need"));
}

void AdvancedSection::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace TcpInspector
