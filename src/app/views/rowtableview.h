// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractItemView>

class QHeaderView;

namespace TcpInspector {

/// A table of rows of one height over a flat model, whose cost does not grow
/// with the row count: it paints and hit-tests from the visible rows only and
/// keeps nothing per row. QTableView's vertical header (even hidden, even
/// Fixed) keeps a record per row and recomputes their positions on every
/// insert, which a connection with 10 million messages cannot pay.
///
/// It scrolls by whole rows: the vertical scroll bar's value is the top row,
/// so its range is rows, not pixels, and holds any row count an int can.
class RowTableView : public QAbstractItemView
{
    Q_OBJECT

public:
    explicit RowTableView(QWidget *parent = nullptr);
    ~RowTableView() override;

    QHeaderView *horizontalHeader() const { return m_header; }
    int rowHeight() const { return m_rowHeight; }
    /// The row height in pixels; by default the font's height plus 4.
    void setRowHeight(int height);
    bool showGrid() const { return m_showGrid; }
    void setShowGrid(bool show);
    /// As QTableView::selectRow(): the row becomes current and the only one selected.
    void selectRow(int row);
    /// The top row and how many rows fit (the last one may be cut).
    int firstVisibleRow() const;
    int visibleRowCount() const;
    /// Viewport paints since construction: what tests count.
    qint64 paintCount() const { return m_paints; }

    // QAbstractItemView API
    void setModel(QAbstractItemModel *model) override;
    QRect visualRect(const QModelIndex &index) const override;
    void scrollTo(const QModelIndex &index, ScrollHint hint = EnsureVisible) override;
    QModelIndex indexAt(const QPoint &point) const override;

protected:
    QModelIndex moveCursor(CursorAction cursorAction, Qt::KeyboardModifiers modifiers) override;
    int horizontalOffset() const override;
    int verticalOffset() const override;
    bool isIndexHidden(const QModelIndex &index) const override;
    void setSelection(const QRect &rect, QItemSelectionModel::SelectionFlags command) override;
    QRegion visualRegionForSelection(const QItemSelection &selection) const override;
    void updateGeometries() override;
    void rowsInserted(const QModelIndex &parent, int start, int end) override;
    void scrollContentsBy(int dx, int dy) override;
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    int rowCount() const;
    /// Rows that fit entirely: one page.
    int pageRows() const;
    /// The row at a viewport y; may be past the last row.
    int rowAtY(int y) const;
    void paintRow(QPainter &painter, const QStyleOptionViewItem &base, int row, int y,
                  const QModelIndex &current) const;
    void paintGrid(QPainter &painter, int rows) const;

    QHeaderView *m_header;
    int m_rowHeight = 0;
    bool m_fixedRowHeight = false;
    bool m_showGrid = true;
    bool m_inGeometryUpdate = false;
    qint64 m_paints = 0;
    QMetaObject::Connection m_removedConnection;
};

} // namespace TcpInspector
