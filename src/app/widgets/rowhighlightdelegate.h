// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "stream/linking.h"

#include <QAbstractProxyModel>
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

    /// Rows of the source model; with a proxy between, set it so painted
    /// rows are mapped back.
    void setRows(IndexRange rows) { m_rows = rows; }
    void setProxy(const QAbstractProxyModel *proxy) { m_proxy = proxy; }
    IndexRange rows() const { return m_rows; }
    /// The color the band is painted in, from the palette.
    static QColor linkColor(const QPalette &palette);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;

private:
    IndexRange m_rows;
    const QAbstractProxyModel *m_proxy = nullptr;
};

} // namespace TcpInspector
