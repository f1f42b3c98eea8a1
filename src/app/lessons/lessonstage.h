// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLabel;

namespace TcpInspector {

/// What a class reads from the back of the room while a lesson runs: the
/// goal in one sentence, the narration of the last `say`, and the callout of
/// the last observation that held, in a coloured box. Texts only; the
/// Lessons pane decides which.
class LessonStage : public QWidget
{
    Q_OBJECT

public:
    explicit LessonStage(QWidget *parent = nullptr);

    void setGoal(const QString &text);
    /// Empty hides the narration.
    void setNarration(const QString &text);
    /// A hint in place of the narration (what to press), in a quieter style.
    void setHint(const QString &text);
    /// Empty hides the callout.
    void setCallout(const QString &text);
    void setSummary(const QString &text, const QColor &colour);

    QLabel *goalLabel() const { return m_goal; }
    QLabel *narrationLabel() const { return m_narration; }
    QLabel *calloutLabel() const { return m_callout; }
    QLabel *summaryLabel() const { return m_summary; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyFonts();

    QLabel *m_goal;
    QLabel *m_narration;
    QLabel *m_callout;
    QLabel *m_summary;
};

} // namespace TcpInspector
