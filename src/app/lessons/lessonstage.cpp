// SPDX-License-Identifier: GPL-3.0-or-later
#include "lessons/lessonstage.h"

#include <QEvent>
#include <QLabel>
#include <QVBoxLayout>

namespace TcpInspector {

namespace {
// Colours chosen for a projector: dark text on light tints, a thick edge
// that reads as "look here" even when a projector washes the tint out.
const char narrationStyle[] = "QLabel { background: #e8f0fb; color: #123a6b; "
                              "border-left: 6px solid #2a6cd6; padding: 8px; }";
const char hintStyle[] = "QLabel { color: #555555; padding: 8px; }";
const char calloutStyle[] = "QLabel { background: #fff3cd; color: #4a3500; "
                            "border: 2px solid #e0a800; border-left: 8px solid #e0a800; "
                            "border-radius: 4px; padding: 8px; }";

QLabel *makeLabel(const char *objectName)
{
    auto *label = new QLabel;
    label->setObjectName(QLatin1String(objectName));
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    return label;
}
} // namespace

LessonStage::LessonStage(QWidget *parent)
    : QWidget(parent),
      m_goal(makeLabel("lessonGoal")),
      m_narration(makeLabel("lessonNarration")),
      m_callout(makeLabel("lessonCallout")),
      m_summary(makeLabel("lessonSummary"))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    m_narration->setStyleSheet(QLatin1String(narrationStyle));
    m_callout->setStyleSheet(QLatin1String(calloutStyle));
    m_narration->hide();
    m_callout->hide();
    layout->addWidget(m_goal);
    layout->addWidget(m_narration);
    layout->addWidget(m_callout);
    layout->addStretch(1);
    layout->addWidget(m_summary);
    applyFonts();
}

void LessonStage::applyFonts()
{
    // Relative to the pane's font, so a presentation zoom that enlarges the
    // pane enlarges these with it.
    QFont base = font();
    const qreal size = base.pointSizeF() > 0 ? base.pointSizeF() : 10.0;
    QFont goal = base;
    goal.setPointSizeF(size * 1.5);
    goal.setBold(true);
    m_goal->setFont(goal);
    QFont large = base;
    large.setPointSizeF(size * 1.35);
    m_narration->setFont(large);
    QFont callout = large;
    callout.setBold(true);
    m_callout->setFont(callout);
    QFont summary = base;
    summary.setBold(true);
    m_summary->setFont(summary);
}

void LessonStage::setGoal(const QString &text)
{
    m_goal->setText(text);
}

void LessonStage::setNarration(const QString &text)
{
    m_narration->setStyleSheet(QLatin1String(narrationStyle));
    m_narration->setText(text);
    m_narration->setVisible(!text.isEmpty());
}

void LessonStage::setHint(const QString &text)
{
    m_narration->setStyleSheet(QLatin1String(hintStyle));
    m_narration->setText(text);
    m_narration->setVisible(!text.isEmpty());
}

void LessonStage::setCallout(const QString &text)
{
    m_callout->setText(text);
    m_callout->setVisible(!text.isEmpty());
}

void LessonStage::setSummary(const QString &text, const QColor &colour)
{
    m_summary->setText(text);
    QPalette palette = m_summary->palette();
    palette.setColor(QPalette::WindowText,
                     colour.isValid() ? colour : this->palette().color(QPalette::WindowText));
    m_summary->setPalette(palette);
}

void LessonStage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange)
        applyFonts();
    QWidget::changeEvent(event);
}

} // namespace TcpInspector
