// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QScrollArea;
class QSpinBox;
class QToolButton;

namespace TcpInspector {

/// A collapsible "Advanced" part of a panel, closed by default: a toggle,
/// which the panel puts in one of its rows (closed, the section takes no
/// height), and the content in a scroll area, so that a short window
/// scrolls the content rather than squeezing its fields.
class AdvancedSection : public QWidget
{
    Q_OBJECT

public:
    AdvancedSection(QWidget *content, QWidget *parent = nullptr);

    /// The "Advanced" button, for the panel to place.
    QToolButton *toggle() const { return m_toggle; }
    bool isExpanded() const;
    void setExpanded(bool expanded);
    /// Another name than "Advanced" for the toggle; the owner sets it again
    /// when the language changes.
    void setTitle(const QString &title, const QString &toolTip);
    /// The height the content wants at the section's width.
    int contentHeight() const;
    /// The most height the open section takes before its content scrolls.
    void setMaximumOpenHeight(int height);

    /// A spin box from 0 to maximum, for a value whose 0 means "system
    /// default" or "off"; the caller sets the unit and the text for 0.
    static QSpinBox *spinBox(int maximum, int step, QWidget *parent);

Q_SIGNALS:
    void expandedChanged(bool expanded);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    QToolButton *m_toggle;
    QScrollArea *m_scroll;
    bool m_expanded = false;
    bool m_titled = false;
};

} // namespace TcpInspector
