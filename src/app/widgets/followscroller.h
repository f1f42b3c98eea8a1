// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

class QAbstractItemView;
class QScrollBar;

namespace TcpInspector {

/// Keeps an item view at its newest row while rows stream in, as a terminal
/// or Wireshark's auto-scroll does: it follows while the view is scrolled to
/// the end, stops as soon as the user scrolls up, and follows again once they
/// scroll back to the end. Attach one to any view whose model only grows at
/// the bottom (chunk, message and event tables).
///
/// It watches the view's vertical scroll bar alone: one check when the
/// view's layout takes in a batch of rows (the bar's range grows), nothing
/// per row, and the selection is never touched.
class FollowScroller : public QObject
{
    Q_OBJECT

public:
    /// Follows from the start; the scroller is the view's child.
    explicit FollowScroller(QAbstractItemView *view);

    /// The user's toggle. Turning it on goes to the end at once.
    void setEnabled(bool enabled);
    bool isEnabled() const { return m_enabled; }
    /// Enabled and at the end: the next rows will be brought into view.
    bool isFollowing() const { return m_enabled && m_atEnd; }

Q_SIGNALS:
    /// isFollowing() changed: the user scrolled away, back, or toggled.
    void followingChanged(bool following);

private:
    void handleValueChanged(int value);
    void handleRangeChanged(int minimum, int maximum);
    void setAtEnd(bool atEnd);

    QScrollBar *m_bar;
    bool m_enabled = true;
    bool m_atEnd = true;
};

} // namespace TcpInspector
