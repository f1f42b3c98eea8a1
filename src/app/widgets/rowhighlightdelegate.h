// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "stream/linking.h"

#include <QStyledItemDelegate>

namespace TcpInspector {

/// Paints a band of rows in a linked color: the chunks a selected message
/// was built from, or the messages a selected chunk touches. A highlight,
/// not a selection, so linking two tables cannot loop.
class RowHighlightDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void setRows(IndexRange rows) { m_rows = rows; }
    IndexRange rows() const { return m_rows; }
    /// The color the band is painted in, from the palette.
    static QColor linkColor(const QPalette &palette);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;

private:
    IndexRange m_rows;
};

} // namespace TcpInspector
