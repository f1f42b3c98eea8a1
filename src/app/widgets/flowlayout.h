// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLayout>
#include <QList>

class QBoxLayout;

namespace TcpInspector {

/// A layout that puts its items in a row and wraps onto the next row when
/// the width runs out, so a panel at a large zoom or in a long language grows
/// down rather than sideways. With uniform columns every item gets the width
/// of the widest and the items line up in columns (a form of label-field
/// pairs); without, each keeps its own width (a row of buttons).
class FlowLayout : public QLayout
{
    Q_OBJECT

public:
    explicit FlowLayout(QWidget *parent = nullptr);
    ~FlowLayout() override;

    void setUniformColumns(bool uniform);
    bool hasUniformColumns() const { return m_uniform; }
    /// Spacing between items in a row and between rows; -1: the style's.
    void setSpacings(int horizontal, int vertical);

    /// Adds a label and the field it names as one item that never wraps
    /// between them; the label becomes the field's buddy.
    QWidget *addPair(QWidget *label, QWidget *field);
    /// Moves every item of @p row (a row of a .ui form) into a new flow
    /// layout that takes the row's place; a label that is the buddy of the
    /// next widget stays with it. Returns the flow.
    static FlowLayout *replace(QBoxLayout *row);

    // QLayout API
    void addItem(QLayoutItem *item) override;
    int count() const override;
    QLayoutItem *itemAt(int index) const override;
    QLayoutItem *takeAt(int index) override;
    Qt::Orientations expandingDirections() const override;
    bool hasHeightForWidth() const override;
    int heightForWidth(int width) const override;
    QSize minimumSize() const override;
    QSize sizeHint() const override;
    void setGeometry(const QRect &rect) override;

private:
    int place(const QRect &rect, bool apply) const;
    int horizontalSpacing() const;
    int verticalSpacing() const;
    int columnWidth() const;

    QList<QLayoutItem *> m_items;
    bool m_uniform = false;
    int m_horizontal = -1;
    int m_vertical = -1;
};

} // namespace TcpInspector
