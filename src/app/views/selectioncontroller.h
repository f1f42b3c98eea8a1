// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/messagetablemodel.h"
#include "views/hexlayout.h"

#include <QtGlobal>

class QKeyEvent;

namespace TcpInspector {

class RowModel;

/// The selection of a byte view, an anchor byte and a cursor byte, and what
/// the keys and a mouse drag do to it over the view's rows, whichever mode
/// they are in (Okteta's KeyNavigator and the selecting half of its
/// MouseNavigator). No widget: the view is reached through Host.
class SelectionController
{
public:
    /// What the controller needs of its view.
    class Host
    {
    public:
        virtual const RowModel &rowModel() const = 0;
        virtual qint64 topRow() const = 0;
        virtual void setTopRow(qint64 row) = 0;
        /// Whole rows that fit the viewport, at least 1.
        virtual int rowsPerPage() const = 0;
        /// Scrolls the byte into view.
        virtual void ensureVisible(qint64 offset) = 0;
        /// The selection moved; changed says whether its bytes did.
        virtual void selectionMoved(bool changed) = 0;

    protected:
        ~Host() = default;
    };

    using Range = MessageTableModel::ByteRange;
    using Pane = HexLayout::Pane;

    explicit SelectionController(Host &host) : m_host(host) { }

    /// The selected bytes, length 0 when none.
    Range selection() const;
    /// Selects the part of range below end (nothing when that is empty).
    void select(Range range, qint64 end);
    /// Forgets the selection and any drag, without telling the host.
    void reset();

    /// A click on a byte in a pane: the cursor goes there, the anchor too
    /// unless extend; a drag starts.
    void press(qint64 offset, Pane pane, bool extend);
    /// Whether a drag is on, and which pane it stays in.
    bool dragging() const { return m_dragging; }
    Pane dragPane() const { return m_dragPane; }
    void dragTo(qint64 offset) { moveCursorTo(offset, true); }
    void release() { m_dragging = false; }

    /// Arrows, Home, End, page keys (with Shift to extend), Ctrl+A, Escape.
    /// Returns whether the key was one of them.
    bool handleKey(const QKeyEvent &event);

private:
    void moveCursorTo(qint64 offset, bool extend);
    void moveCursorByRows(qint64 rows, bool extend);
    /// The cursor, or the first byte on screen when there is none.
    qint64 cursorOrTop() const;
    void update(Range before);

    Host &m_host;
    qint64 m_anchor = -1;
    qint64 m_cursor = -1;
    Pane m_dragPane = Pane::Hex;
    bool m_dragging = false;
};

} // namespace TcpInspector
