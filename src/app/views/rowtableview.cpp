// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/rowtableview.h"

#include <QEvent>
#include <QHeaderView>
#include <QPainter>
#include <QScrollBar>

#include <algorithm>

namespace TcpInspector {

RowTableView::RowTableView(QWidget *parent)
    : QAbstractItemView(parent), m_header(new QHeaderView(Qt::Horizontal, this))
{
    m_rowHeight = fontMetrics().height() + 4;
    m_header->setSectionsClickable(false);
    m_header->setHighlightSections(false);
    // Per-item scrolling: the scroll bar counts rows (see the class comment).
    setVerticalScrollMode(ScrollPerItem);
    setHorizontalScrollMode(ScrollPerPixel);
    verticalScrollBar()->setSingleStep(1);
    connect(m_header, &QHeaderView::sectionResized, this, [this] {
        updateGeometries();
        viewport()->update();
    });
    connect(m_header, &QHeaderView::sectionMoved, viewport(), qOverload<>(&QWidget::update));
    connect(m_header, &QHeaderView::sectionCountChanged, this, &RowTableView::updateGeometries);
}

RowTableView::~RowTableView() = default;

void RowTableView::setRowHeight(int height)
{
    m_fixedRowHeight = true;
    if (height < 1 || height == m_rowHeight)
        return;
    m_rowHeight = height;
    updateGeometries();
    viewport()->update();
}

void RowTableView::setShowGrid(bool show)
{
    if (show == m_showGrid)
        return;
    m_showGrid = show;
    viewport()->update();
}

void RowTableView::selectRow(int row)
{
    if (!model() || !selectionModel() || row < 0 || row >= rowCount())
        return;
    const QModelIndex index = model()->index(row, 0, rootIndex());
    selectionModel()->setCurrentIndex(index, QItemSelectionModel::NoUpdate);
    selectionModel()->select(index,
                             QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

int RowTableView::firstVisibleRow() const
{
    return verticalScrollBar()->value();
}

int RowTableView::visibleRowCount() const
{
    return (viewport()->height() + m_rowHeight - 1) / m_rowHeight;
}

int RowTableView::rowCount() const
{
    return model() ? model()->rowCount(rootIndex()) : 0;
}

int RowTableView::pageRows() const
{
    return std::max(1, viewport()->height() / m_rowHeight);
}

int RowTableView::rowAtY(int y) const
{
    // Below the top row only: a y above the viewport is the top row.
    return firstVisibleRow() + std::max(0, y) / m_rowHeight;
}

void RowTableView::setModel(QAbstractItemModel *model)
{
    disconnect(m_removedConnection);
    QAbstractItemView::setModel(model);
    m_header->setModel(model);
    // The base view lays out again after a reset or a layout change, not
    // after removed rows: the scroll range must shrink then too. (The
    // message model removes its partial row often: repaint only if seen.)
    if (model) {
        m_removedConnection = connect(model, &QAbstractItemModel::rowsRemoved, this,
                                      [this](const QModelIndex &parent, int start) {
                                          if (parent != rootIndex())
                                              return;
                                          updateGeometries();
                                          if (start <= firstVisibleRow() + visibleRowCount())
                                              viewport()->update();
                                      });
    }
    updateGeometries();
}

QRect RowTableView::visualRect(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != model() || index.parent() != rootIndex()
        || m_header->isSectionHidden(index.column())) {
        return QRect();
    }
    // Rows far away land far outside the viewport; clamp so that the pixel
    // position stays an int whatever the row count.
    const qint64 y = qint64(index.row() - firstVisibleRow()) * m_rowHeight;
    const int clamped = int(std::clamp<qint64>(y, -(1 << 29), 1 << 29));
    return QRect(m_header->sectionViewportPosition(index.column()), clamped,
                 m_header->sectionSize(index.column()), m_rowHeight);
}

void RowTableView::scrollTo(const QModelIndex &index, ScrollHint hint)
{
    if (!index.isValid() || index.model() != model())
        return;
    const int row = index.row();
    const int top = firstVisibleRow();
    const int page = pageRows();
    int target = top;
    switch (hint) {
    case EnsureVisible:
        if (row < top)
            target = row;
        else if (row >= top + page)
            target = row - page + 1;
        break;
    case PositionAtTop:
        target = row;
        break;
    case PositionAtBottom:
        target = row - page + 1;
        break;
    case PositionAtCenter:
        target = row - page / 2;
        break;
    }
    verticalScrollBar()->setValue(target);
    // Columns: bring the cell's left edge into view, as much of it as fits.
    const int left = m_header->sectionPosition(index.column());
    const int width = m_header->sectionSize(index.column());
    QScrollBar *bar = horizontalScrollBar();
    if (left < bar->value())
        bar->setValue(left);
    else if (left + width > bar->value() + viewport()->width())
        bar->setValue(std::min(left, left + width - viewport()->width()));
}

QModelIndex RowTableView::indexAt(const QPoint &point) const
{
    if (!model() || point.y() < 0)
        return QModelIndex();
    const int row = rowAtY(point.y());
    const int column = m_header->logicalIndexAt(point.x());
    if (row >= rowCount() || column < 0)
        return QModelIndex();
    return model()->index(row, column, rootIndex());
}

QModelIndex RowTableView::moveCursor(CursorAction cursorAction, Qt::KeyboardModifiers modifiers)
{
    Q_UNUSED(modifiers)
    const int rows = rowCount();
    if (!model() || rows == 0 || m_header->count() == 0)
        return QModelIndex();
    const QModelIndex current = currentIndex();
    int row = current.isValid() ? current.row() : 0;
    int visual = current.isValid() ? m_header->visualIndex(current.column()) : 0;
    if (!current.isValid())
        return model()->index(0, m_header->logicalIndex(0), rootIndex());
    switch (cursorAction) {
    case MoveUp:
    case MovePrevious:
        --row;
        break;
    case MoveDown:
    case MoveNext:
        ++row;
        break;
    case MovePageUp:
        row -= pageRows();
        break;
    case MovePageDown:
        row += pageRows();
        break;
    case MoveHome:
        row = 0;
        break;
    case MoveEnd:
        row = rows - 1;
        break;
    case MoveLeft:
        --visual;
        break;
    case MoveRight:
        ++visual;
        break;
    }
    row = std::clamp(row, 0, rows - 1);
    visual = std::clamp(visual, 0, m_header->count() - 1);
    return model()->index(row, m_header->logicalIndex(visual), rootIndex());
}

int RowTableView::horizontalOffset() const
{
    return m_header->offset();
}

int RowTableView::verticalOffset() const
{
    return firstVisibleRow() * m_rowHeight;
}

bool RowTableView::isIndexHidden(const QModelIndex &index) const
{
    return m_header->isSectionHidden(index.column());
}

void RowTableView::setSelection(const QRect &rect, QItemSelectionModel::SelectionFlags command)
{
    if (!selectionModel())
        return;
    const QRect area = rect.normalized();
    const int rows = rowCount();
    const int first = std::min(rowAtY(area.top()), rows - 1);
    const int last = std::min(rowAtY(area.bottom()), rows - 1);
    int left = m_header->logicalIndexAt(std::max(0, area.left()));
    int right = m_header->logicalIndexAt(std::min(area.right(), viewport()->width() - 1));
    if (left < 0)
        left = m_header->logicalIndex(0);
    if (right < 0)
        right = m_header->logicalIndex(m_header->count() - 1);
    if (rows == 0 || first < 0 || left < 0 || right < 0) {
        selectionModel()->select(QItemSelection(), command);
        return;
    }
    const QItemSelection selection(model()->index(first, std::min(left, right), rootIndex()),
                                   model()->index(last, std::max(left, right), rootIndex()));
    selectionModel()->select(selection, command);
}

QRegion RowTableView::visualRegionForSelection(const QItemSelection &selection) const
{
    // Whole rows: the region only decides what repaints.
    const int top = firstVisibleRow();
    const int bottom = top + visibleRowCount();
    QRegion region;
    for (const QItemSelectionRange &range : selection) {
        if (range.parent() != rootIndex() || range.bottom() < top || range.top() > bottom)
            continue;
        const int first = std::max(range.top(), top) - top;
        const int last = std::min(range.bottom(), bottom) - top;
        region
            += QRect(0, first * m_rowHeight, viewport()->width(), (last - first + 1) * m_rowHeight);
    }
    return region;
}

void RowTableView::updateGeometries()
{
    if (m_inGeometryUpdate)
        return;
    m_inGeometryUpdate = true;
    const int headerHeight = m_header->isHidden() ? 0 : m_header->sizeHint().height();
    setViewportMargins(0, headerHeight, 0, 0);
    const QRect area = viewport()->geometry();
    m_header->setGeometry(area.left(), area.top() - headerHeight, area.width(), headerHeight);

    const int page = pageRows();
    QScrollBar *vertical = verticalScrollBar();
    vertical->setPageStep(page);
    vertical->setRange(0, std::max(0, rowCount() - page));
    QScrollBar *horizontal = horizontalScrollBar();
    horizontal->setPageStep(area.width());
    horizontal->setSingleStep(20);
    horizontal->setRange(0, std::max(0, m_header->length() - area.width()));
    m_inGeometryUpdate = false;
    QAbstractItemView::updateGeometries();
}

void RowTableView::rowsInserted(const QModelIndex &parent, int start, int end)
{
    QAbstractItemView::rowsInserted(parent, start, end);
    if (parent != rootIndex())
        return;
    // New rows change the scroll range; they repaint only if they land on
    // screen. A follower scrolls on the range change and repaints then.
    updateGeometries();
    if (start <= firstVisibleRow() + visibleRowCount())
        viewport()->update();
}

void RowTableView::scrollContentsBy(int dx, int dy)
{
    if (dx != 0)
        m_header->setOffset(horizontalScrollBar()->value());
    if (dx != 0 || dy != 0)
        viewport()->update();
}

void RowTableView::paintEvent(QPaintEvent *event)
{
    Q_UNUSED(event)
    ++m_paints;
    if (!model() || m_header->count() == 0)
        return;
    QPainter painter(viewport());
    QStyleOptionViewItem base;
    initViewItemOption(&base);
    const int top = firstVisibleRow();
    const int rows = std::min(rowCount() - top, visibleRowCount());
    const QModelIndex current = currentIndex();
    for (int i = 0; i < rows; ++i)
        paintRow(painter, base, top + i, i * m_rowHeight, current);
    if (m_showGrid)
        paintGrid(painter, std::max(0, rows));
}

void RowTableView::paintRow(QPainter &painter, const QStyleOptionViewItem &base, int row, int y,
                            const QModelIndex &current) const
{
    const int grid = m_showGrid ? 1 : 0;
    const int firstVisual = std::max(0, m_header->visualIndexAt(0));
    int lastVisual = m_header->visualIndexAt(viewport()->width() - 1);
    if (lastVisual < 0)
        lastVisual = m_header->count() - 1;
    const bool active = isActiveWindow();
    for (int visual = firstVisual; visual <= lastVisual; ++visual) {
        const int column = m_header->logicalIndex(visual);
        if (m_header->isSectionHidden(column))
            continue;
        const QModelIndex index = model()->index(row, column, rootIndex());
        QStyleOptionViewItem option = base;
        option.rect = QRect(m_header->sectionViewportPosition(column), y,
                            m_header->sectionSize(column) - grid, m_rowHeight - grid);
        if (selectionModel() && selectionModel()->isSelected(index))
            option.state |= QStyle::State_Selected;
        if (index == current && hasFocus())
            option.state |= QStyle::State_HasFocus;
        if (active)
            option.state |= QStyle::State_Active;
        else
            option.state &= ~QStyle::State_Active;
        if (alternatingRowColors() && (row & 1))
            option.features |= QStyleOptionViewItem::Alternate;
        style()->drawPrimitive(QStyle::PE_PanelItemViewRow, &option, &painter, this);
        itemDelegateForIndex(index)->paint(&painter, option, index);
    }
}

void RowTableView::paintGrid(QPainter &painter, int rows) const
{
    QStyleOptionViewItem option;
    initViewItemOption(&option);
    const int hint = style()->styleHint(QStyle::SH_Table_GridLineColor, &option, this);
    painter.setPen(QColor::fromRgba(static_cast<QRgb>(hint)));
    const int bottom = rows * m_rowHeight - 1;
    for (int i = 1; i <= rows; ++i)
        painter.drawLine(0, i * m_rowHeight - 1, viewport()->width(), i * m_rowHeight - 1);
    for (int visual = 0; visual < m_header->count(); ++visual) {
        const int column = m_header->logicalIndex(visual);
        if (m_header->isSectionHidden(column))
            continue;
        const int x = m_header->sectionViewportPosition(column) + m_header->sectionSize(column) - 1;
        if (x >= 0 && x < viewport()->width())
            painter.drawLine(x, 0, x, bottom);
    }
}

void RowTableView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange && !m_fixedRowHeight) {
        m_rowHeight = fontMetrics().height() + 4;
        updateGeometries();
    }
    QAbstractItemView::changeEvent(event);
}

} // namespace TcpInspector
