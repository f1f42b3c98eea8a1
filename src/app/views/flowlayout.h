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
    /// Adds widgets that wrap as one (a label, a field, "every", a field).
    QWidget *addGroup(const QList<QWidget *> &widgets);
    /// Moves every item of @p row (a row of a .ui form) into a new flow
    /// layout that takes the row's place and deletes the row. The widgets
    /// of each of @p groups wrap as one; so does a label with the next
    /// widget when that is its buddy. Returns the flow.
    static FlowLayout *replace(QBoxLayout *row, const QList<QList<QWidget *>> &groups = {});

    // QLayout API
    void addItem(QLayoutItem *item) override;
    int count() const override;
    QLayoutItem *itemAt(int index) const override;
    QLayoutItem *takeAt(int index) override;
    Qt::Orientations expandingDirections() const override;
    /// The height the items take at @p width. The layout does not ask its
    /// parent for height-for-width (a parent would then lay every sibling out
    /// at its preferred height, and a short dock would scroll): it reports
    /// the height of its last layout as its minimum instead.
    int heightForWidth(int width) const override;
    QSize minimumSize() const override;
    QSize sizeHint() const override;
    void setGeometry(const QRect &rect) override;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void askIfChanged();
    bool inSight() const;
    int place(const QRect &rect, bool apply) const;
    int placedHeight() const;
    int horizontalSpacing() const;
    int verticalSpacing() const;
    int columnWidth() const;

    QList<QLayoutItem *> m_items;
    int m_placedHeight = 0;           ///< what the last setGeometry() needed
    mutable int m_reportedHeight = 0; ///< what minimumSize() last asked for
    bool m_asking = false;            ///< a new layout is asked for, not done yet
    bool m_watching = false;          ///< the event filter on the form is in
    bool m_uniform = false;
    int m_horizontal = -1;
    int m_vertical = -1;
};

} // namespace TcpInspector
