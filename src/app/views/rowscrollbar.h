// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QScrollBar>

#include <algorithm>
#include <limits>

namespace TcpInspector {

/// A vertical scroll bar over more rows than an int counts (a 4 GiB stream
/// in 16-byte rows): past INT_MAX rows one step of the bar is several rows.
/// The hex view and the conversation scroll by row with it; the bar at its
/// end always means the last page, however the steps round.
class RowScrollBar
{
public:
    /// Range and page for rows up to maxTop, and the bar at topRow.
    void update(QScrollBar *bar, qint64 topRow, qint64 maxTop, int rowsPerPage)
    {
        constexpr qint64 steps = std::numeric_limits<int>::max() - 1;
        m_rowsPerStep = maxTop / steps + 1;
        m_setting = true;
        bar->setRange(0, int((maxTop + m_rowsPerStep - 1) / m_rowsPerStep));
        bar->setPageStep(int(std::max<qint64>(1, rowsPerPage / m_rowsPerStep)));
        bar->setValue(topRow >= maxTop ? bar->maximum() : int(topRow / m_rowsPerStep));
        m_setting = false;
    }
    /// The bar at row, which the view set itself (not a user's scroll).
    void moveTo(QScrollBar *bar, qint64 row, qint64 maxTop)
    {
        m_setting = true;
        bar->setValue(row >= maxTop ? bar->maximum() : int(row / m_rowsPerStep));
        m_setting = false;
    }
    /// The top row the bar's value stands for.
    qint64 rowAt(const QScrollBar *bar, qint64 maxTop) const
    {
        return bar->value() >= bar->maximum() ? maxTop : qint64(bar->value()) * m_rowsPerStep;
    }
    /// update() or moveTo() is moving the bar: its scroll is the view's own.
    bool isSetting() const { return m_setting; }

private:
    qint64 m_rowsPerStep = 1;
    bool m_setting = false;
};

} // namespace TcpInspector
