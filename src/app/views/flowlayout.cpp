// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/flowlayout.h"

#include <QBoxLayout>
#include <QEvent>
#include <QLabel>
#include <QStyle>
#include <QWidget>

#include <algorithm>

namespace TcpInspector {

FlowLayout::FlowLayout(QWidget *parent) : QLayout(parent) { }

FlowLayout::~FlowLayout()
{
    while (QLayoutItem *item = takeAt(0))
        delete item;
}

void FlowLayout::setUniformColumns(bool uniform)
{
    m_uniform = uniform;
    invalidate();
}

void FlowLayout::setSpacings(int horizontal, int vertical)
{
    m_horizontal = horizontal;
    m_vertical = vertical;
    invalidate();
}

QWidget *FlowLayout::addPair(QWidget *label, QWidget *field)
{
    if (auto *named = qobject_cast<QLabel *>(label))
        named->setBuddy(field);
    auto *pair = new QWidget;
    auto *row = new QHBoxLayout(pair);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(label);
    // In uniform columns the fields line up at the right edge of their cell.
    if (m_uniform)
        row->addStretch(1);
    row->addWidget(field);
    addWidget(pair);
    return pair;
}

QWidget *FlowLayout::addGroup(const QList<QWidget *> &widgets)
{
    auto *group = new QWidget;
    auto *row = new QHBoxLayout(group);
    row->setContentsMargins(0, 0, 0, 0);
    for (QWidget *widget : widgets)
        row->addWidget(widget);
    addWidget(group);
    return group;
}

FlowLayout *FlowLayout::replace(QBoxLayout *row, const QList<QList<QWidget *>> &groups)
{
    auto *flow = new FlowLayout;
    flow->setContentsMargins(row->contentsMargins());
    flow->setObjectName(row->objectName());
    QList<QWidget *> widgets;
    while (QLayoutItem *item = row->takeAt(0)) {
        if (item->widget())
            widgets.append(item->widget());
        delete item; // spacers and stretches mean nothing in a flow
    }
    for (int i = 0; i < widgets.size(); ++i) {
        QWidget *widget = widgets.at(i);
        const auto group = std::find_if(
            groups.cbegin(), groups.cend(),
            [widget](const QList<QWidget *> &members) { return members.value(0) == widget; });
        auto *label = qobject_cast<QLabel *>(widget);
        if (group != groups.cend()) {
            // As close as they stood in the row (a segmented Text|Hex|File).
            flow->addGroup(*group)->layout()->setSpacing(row->spacing());
            i += int(group->size()) - 1; // the group's members follow it in the row
        } else if (label && i + 1 < widgets.size() && label->buddy() == widgets.at(i + 1)) {
            flow->addPair(label, widgets.at(i + 1));
            ++i;
        } else {
            flow->addWidget(widget);
        }
    }
    if (auto *parentBox = qobject_cast<QBoxLayout *>(row->parent())) {
        const int index = parentBox->indexOf(row);
        parentBox->removeItem(row);
        parentBox->insertLayout(index, flow);
    }
    delete row;
    return flow;
}

void FlowLayout::addItem(QLayoutItem *item)
{
    m_items.append(item);
    invalidate();
}

int FlowLayout::count() const
{
    return int(m_items.size());
}

QLayoutItem *FlowLayout::itemAt(int index) const
{
    return m_items.value(index);
}

QLayoutItem *FlowLayout::takeAt(int index)
{
    if (index < 0 || index >= m_items.size())
        return nullptr;
    QLayoutItem *item = m_items.takeAt(index);
    invalidate();
    return item;
}

Qt::Orientations FlowLayout::expandingDirections() const
{
    return {};
}

int FlowLayout::heightForWidth(int width) const
{
    return place(QRect(0, 0, width, 0), false);
}

QSize FlowLayout::minimumSize() const
{
    // The widest item alone on its row: anything narrower wraps.
    QSize size;
    for (const QLayoutItem *item : m_items) {
        if (!item->isEmpty())
            size = size.expandedTo(item->minimumSize());
    }
    if (m_uniform)
        size.setWidth(qMax(size.width(), columnWidth()));
    return size.grownBy(contentsMargins()).expandedTo(QSize(0, placedHeight()));
}

QSize FlowLayout::sizeHint() const
{
    // One row as wide as all items, which the parent narrows as it must.
    int width = 0;
    int height = 0;
    int shown = 0;
    for (const QLayoutItem *item : m_items) {
        if (item->isEmpty())
            continue;
        const QSize hint = item->sizeHint();
        width += m_uniform ? columnWidth() : hint.width();
        height = qMax(height, hint.height());
        ++shown;
    }
    width += qMax(0, shown - 1) * horizontalSpacing();
    return QSize(width, height).grownBy(contentsMargins()).expandedTo(QSize(0, placedHeight()));
}

void FlowLayout::setGeometry(const QRect &rect)
{
    QLayout::setGeometry(rect);
    m_placedHeight = place(rect, true);
    QWidget *owner = parentWidget();
    if (owner && !m_watching) {
        // A form comes into sight without a new geometry (a dock's tab is
        // raised): its first paint says so.
        owner->installEventFilter(this);
        m_watching = true;
    }
    askIfChanged();
}

bool FlowLayout::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == parentWidget() && event->type() == QEvent::Paint)
        askIfChanged();
    return QLayout::eventFilter(watched, event);
}

// More or fewer rows at this width, or the form came into sight: asks for
// that height once the layout pass that got here is over (the width the
// layout gets does not depend on its height).
void FlowLayout::askIfChanged()
{
    const int wanted = inSight() ? m_placedHeight : 0;
    if (wanted == m_reportedHeight || m_asking)
        return;
    m_asking = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_asking = false;
            invalidate();
            if (QWidget *owner = parentWidget())
                owner->updateGeometry();
        },
        Qt::QueuedConnection);
}

bool FlowLayout::inSight() const
{
    const QWidget *owner = parentWidget();
    return owner && owner->isVisible() && !owner->visibleRegion().isEmpty();
}

int FlowLayout::placedHeight() const
{
    // A form out of sight (hidden, a closed section, a dock behind another's
    // tab, which the window moves off its area) was last laid out at some
    // other width, perhaps a narrow one while the window was being built:
    // its rows then say nothing of the width it will get when shown.
    m_reportedHeight = inSight() ? m_placedHeight : 0;
    return m_reportedHeight;
}

int FlowLayout::horizontalSpacing() const
{
    if (m_horizontal >= 0)
        return m_horizontal;
    const QWidget *owner = parentWidget();
    return owner ? owner->style()->pixelMetric(QStyle::PM_LayoutHorizontalSpacing, nullptr, owner)
                 : 6;
}

int FlowLayout::verticalSpacing() const
{
    if (m_vertical >= 0)
        return m_vertical;
    const QWidget *owner = parentWidget();
    return owner ? owner->style()->pixelMetric(QStyle::PM_LayoutVerticalSpacing, nullptr, owner)
                 : 6;
}

int FlowLayout::columnWidth() const
{
    int width = 0;
    for (const QLayoutItem *item : m_items) {
        if (!item->isEmpty())
            width = qMax(width, item->sizeHint().width());
    }
    return width;
}

// Lays the items out in rect (when apply) and returns the height they take.
int FlowLayout::place(const QRect &rect, bool apply) const
{
    const QRect area = rect.marginsRemoved(contentsMargins());
    const int spaceX = horizontalSpacing();
    const int spaceY = verticalSpacing();
    const int cell = m_uniform ? qMin(columnWidth(), area.width()) : 0;
    int x = area.x();
    int y = area.y();
    int rowHeight = 0;
    for (QLayoutItem *item : m_items) {
        if (item->isEmpty())
            continue;
        const QSize hint = item->sizeHint();
        // In columns a pair fills its cell; a button keeps its own width.
        const bool fills = m_uniform && (item->expandingDirections() & Qt::Horizontal);
        // A button's text must never be cut: its minimumSizeHint is the
        // least, whatever its size policy lets a layout shrink it to.
        const QWidget *widget = item->widget();
        const int least
            = qMax(item->minimumSize().width(), widget ? widget->minimumSizeHint().width() : 0);
        const int width = qMax(least, fills ? cell : qMin(hint.width(), area.width()));
        const int advance = m_uniform ? qMax(width, cell) : width;
        if (x > area.x() && x + advance > area.right() + 1) {
            x = area.x();
            y += rowHeight + spaceY;
            rowHeight = 0;
        }
        if (apply)
            item->setGeometry(QRect(QPoint(x, y), QSize(width, hint.height())));
        x += advance + spaceX;
        rowHeight = qMax(rowHeight, hint.height());
    }
    const QMargins margins = contentsMargins();
    return y + rowHeight - rect.y() + margins.bottom();
}

} // namespace TcpInspector
