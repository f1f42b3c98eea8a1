// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/selectioncontroller.h"

#include "views/rowmodel.h"

#include <QKeyEvent>

#include <algorithm>

namespace TcpInspector {

SelectionController::Range SelectionController::selection() const
{
    if (m_anchor < 0 || m_cursor < 0)
        return {};
    const qint64 first = std::min(m_anchor, m_cursor);
    return {first, std::max(m_anchor, m_cursor) - first + 1};
}

void SelectionController::select(Range range, qint64 end)
{
    const Range before = selection();
    end = std::min(range.offset + range.length, end);
    if (range.offset < 0 || range.offset >= end) {
        m_anchor = m_cursor = -1;
    } else {
        m_anchor = range.offset;
        m_cursor = end - 1;
    }
    update(before);
}

void SelectionController::reset()
{
    m_anchor = m_cursor = -1;
    m_dragging = false;
}

void SelectionController::press(qint64 offset, Pane pane, bool extend)
{
    m_dragPane = pane;
    m_dragging = true;
    moveCursorTo(offset, extend);
}

bool SelectionController::handleKey(const QKeyEvent &event)
{
    const RowModel &rows = m_host.rowModel();
    if (event.matches(QKeySequence::SelectAll)) {
        select({0, rows.shownBytes()}, rows.shownBytes());
        return true;
    }
    const bool extend = event.modifiers() & Qt::ShiftModifier;
    const bool control = event.modifiers() & Qt::ControlModifier;
    const qint64 cursor = cursorOrTop();
    const int page = m_host.rowsPerPage();
    switch (event.key()) {
    case Qt::Key_Left:
        moveCursorTo(m_cursor >= 0 ? cursor - 1 : cursor, extend);
        return true;
    case Qt::Key_Right:
        moveCursorTo(m_cursor >= 0 ? cursor + 1 : cursor, extend);
        return true;
    case Qt::Key_Up:
        moveCursorByRows(-1, extend);
        return true;
    case Qt::Key_Down:
        moveCursorByRows(1, extend);
        return true;
    case Qt::Key_PageUp:
    case Qt::Key_PageDown: {
        const int rowsBy = event.key() == Qt::Key_PageUp ? -page : page;
        m_host.setTopRow(m_host.topRow() + rowsBy);
        moveCursorByRows(rowsBy, extend);
        return true;
    }
    case Qt::Key_Home:
        moveCursorTo(control ? 0 : rows.rowStart(std::max<qint64>(0, rows.rowOf(cursor))), extend);
        return true;
    case Qt::Key_End:
        moveCursorTo(control ? rows.shownBytes() - 1
                             : rows.rowEnd(std::max<qint64>(0, rows.rowOf(cursor))) - 1,
                     extend);
        return true;
    case Qt::Key_Escape:
        select({}, 0);
        return true;
    default:
        return false;
    }
}

void SelectionController::moveCursorTo(qint64 offset, bool extend)
{
    const qint64 shown = m_host.rowModel().shownBytes();
    if (shown <= 0)
        return;
    offset = std::clamp<qint64>(offset, 0, shown - 1);
    const Range before = selection();
    m_cursor = offset;
    if (!extend || m_anchor < 0)
        m_anchor = offset;
    m_host.ensureVisible(offset);
    update(before);
}

void SelectionController::moveCursorByRows(qint64 rows, bool extend)
{
    const RowModel &model = m_host.rowModel();
    const qint64 cursor = cursorOrTop();
    const qint64 row = model.rowOf(cursor);
    if (row < 0)
        return;
    const qint64 column = cursor - model.rowStart(row);
    const qint64 target = std::clamp<qint64>(row + rows, 0, model.rowCount() - 1);
    moveCursorTo(std::min(model.rowStart(target) + column, model.rowEnd(target) - 1), extend);
}

qint64 SelectionController::cursorOrTop() const
{
    return m_cursor >= 0 ? m_cursor : m_host.rowModel().rowStart(m_host.topRow());
}

void SelectionController::update(Range before)
{
    const Range after = selection();
    m_host.selectionMoved(after.offset != before.offset || after.length != before.length);
}

} // namespace TcpInspector
