// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/rowhighlightdelegate.h"

#include <QPainter>

namespace TcpInspector {

QColor RowHighlightDelegate::linkColor(const QPalette &palette)
{
    // A tint of the highlight color: visible beside the real selection
    // without being mistaken for it.
    QColor color = palette.color(QPalette::Highlight);
    color.setAlpha(70);
    return color;
}

void RowHighlightDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                 const QModelIndex &index) const
{
    const int row = m_proxy ? m_proxy->mapToSource(index).row() : index.row();
    if (row >= m_rows.first && row <= m_rows.last)
        painter->fillRect(option.rect, linkColor(option.palette));
    QStyledItemDelegate::paint(painter, option, index);
}

} // namespace TcpInspector
