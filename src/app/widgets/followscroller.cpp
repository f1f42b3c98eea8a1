// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/followscroller.h"

#include <QAbstractItemView>
#include <QScrollBar>

namespace TcpInspector {

FollowScroller::FollowScroller(QAbstractItemView *view)
    : QObject(view), m_bar(view->verticalScrollBar())
{
    m_atEnd = m_bar->value() >= m_bar->maximum();
    connect(m_bar, &QScrollBar::valueChanged, this, &FollowScroller::handleValueChanged);
    connect(m_bar, &QScrollBar::rangeChanged, this, &FollowScroller::handleRangeChanged);
}

void FollowScroller::setEnabled(bool enabled)
{
    if (enabled == m_enabled)
        return;
    const bool wasFollowing = isFollowing();
    m_enabled = enabled;
    if (enabled)
        m_bar->setValue(m_bar->maximum()); // sets m_atEnd through valueChanged
    if (isFollowing() != wasFollowing)
        emit followingChanged(isFollowing());
}

void FollowScroller::handleValueChanged(int value)
{
    // The user's scrolling and ours alike: at the end means follow.
    setAtEnd(value >= m_bar->maximum());
}

void FollowScroller::handleRangeChanged(int minimum, int maximum)
{
    Q_UNUSED(minimum)
    // The bar's range changes when the view lays out new rows (once per
    // batch), or when the viewport is resized. m_atEnd still says where the
    // user was before: at the end, stay there; anywhere else, stay put. A
    // drag in progress is the user's.
    if (m_enabled && m_atEnd && !m_bar->isSliderDown())
        m_bar->setValue(maximum);
}

void FollowScroller::setAtEnd(bool atEnd)
{
    if (atEnd == m_atEnd)
        return;
    const bool wasFollowing = isFollowing();
    m_atEnd = atEnd;
    if (isFollowing() != wasFollowing)
        emit followingChanged(isFollowing());
}

} // namespace TcpInspector
