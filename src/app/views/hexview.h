// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/messagetablemodel.h"
#include "views/hexrowrenderer.h"
#include "views/hexrows.h"
#include "views/rowscrollbar.h"
#include "views/selectioncontroller.h"
#include "views/textrowrenderer.h"
#include "views/textrows.h"

#include <QAbstractScrollArea>
#include <QColor>
#include <QPointer>

#include <array>
#include <memory>
#include <vector>

namespace TcpInspector {

class ChunkTableModel;
class StreamChannel;
class StreamLinks;

/// The bytes of one direction of a connection, as an xxd-like hex dump or as
/// text with control characters made visible, with the chunks (reads) drawn
/// as alternating bands, the messages as brackets, the bytes linked to a
/// table selection highlighted, and a selection of its own.
///
/// Virtual: it paints only the visible rows and reads only their bytes from
/// the store, so a gigabyte scrolls like a kilobyte. It pulls: refresh(),
/// called by the window's display-rate timer, picks up what arrived.
///
/// The rows of the current mode come from a RowModel (HexRows or TextRows)
/// and are painted by its RowRenderer; the selection and the keys belong to
/// a SelectionController.
class HexView : public QAbstractScrollArea, private SelectionController::Host
{
    Q_OBJECT

public:
    enum class Mode { Hex, Text };
    using ByteRange = MessageTableModel::ByteRange;
    /// What the view paints with, derived from the palette so it reads in
    /// light and dark themes.
    struct Colors
    {
        QColor background;
        QColor text;
        QColor dimText;  ///< offsets, control pictures, dots for unprintable bytes
        QColor bandEven; ///< chunks 0, 2, 4, ...
        QColor bandOdd;
        QColor highlight; ///< bytes linked to the tables' selection
        QColor selection;
        QColor selectionText;
        QColor bracket;
        QColor errorBracket;
    };

    explicit HexView(QWidget *parent = nullptr);
    ~HexView() override;

    /// The channel must outlive the view or be replaced (nullptr clears).
    void setChannel(const StreamChannel *channel);
    const StreamChannel *channel() const { return m_channel; }
    /// The tables of the same channel, for chunk bands and message brackets
    /// (both or nothing; nullptr drops them). Bands and brackets only cover
    /// rows the models announced.
    void setModels(const ChunkTableModel *chunks, const MessageTableModel *messages);

    void setMode(Mode mode);
    Mode mode() const { return m_mode; }
    /// Bytes per text line before it wraps, 1 to TextLineIndex::maxWrapWidth.
    void setTextWrapWidth(int bytes);
    int textWrapWidth() const { return m_textRows.wrapWidth(); }

    /// Takes in what arrived since the last call: the scroll range grows, the
    /// view follows the tail when it was at the bottom, and it repaints only
    /// when something visible changed. In text mode it also extends the line
    /// index, for a few milliseconds per call.
    void refresh();

    /// Byte ranges drawn in the highlight color (the rows selected in the tables).
    void setHighlights(std::vector<ByteRange> ranges);
    const std::vector<ByteRange> &highlights() const { return m_highlights; }
    /// Scrolls so that the byte's row is visible (a third down from the top
    /// when it has to move).
    void scrollToOffset(qint64 offset);

    /// The selected bytes, length 0 when none.
    ByteRange selection() const;
    void setSelection(ByteRange range);
    void clearSelection();
    QByteArray selectedBytes() const;
    /// Puts the selection on the clipboard as hex text, "48 65 6c". Beeps and
    /// copies nothing past maxCopyBytes.
    void copySelection() const;
    static constexpr qint64 maxCopyBytes = 16 * 1024 * 1024;

    /// "offset 1234 (0x4d2), chunk 7 (offset 1200, 100 bytes), message 3": the tooltip.
    QString byteDescription(qint64 offset) const;
    /// Where a byte is drawn in viewport coordinates: in hex mode its hex
    /// digits (Pane::Hex) or its ASCII cell (Pane::Ascii), in text mode its
    /// cell. Null when the byte is not on screen.
    QRectF byteRect(qint64 offset, HexLayout::Pane pane = HexLayout::Pane::Hex) const;
    /// The byte under a viewport position, or -1.
    qint64 offsetAt(const QPoint &pos) const;
    const Colors &colors() const { return m_colors; }
    /// The first row on screen (a hex row or a text line).
    qint64 topRow() const override { return m_topRow; }
    qint64 rowCount() const;

    // For tests and diagnostics.
    const TextLineIndex &textLineIndex() const { return m_textRows.index(); }
    /// Bytes the last paint read from the store.
    qint64 lastPaintBytesRead() const { return m_lastPaintBytesRead; }
    qint64 paintCount() const { return m_paintCount; }

signals:
    /// The user clicked a byte (not a drag's later moves, not the keyboard).
    void byteClicked(qint64 offset);
    void selectionChanged();

protected:
    // QAbstractScrollArea API
    bool event(QEvent *event) override;
    bool viewportEvent(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    using Pane = HexLayout::Pane;
    /// What refresh() compares to decide whether to repaint.
    struct Watermarks
    {
        qint64 size = 0;
        qint64 indexed = 0;
        int chunkRows = 0;
        int messageRows = 0;
        qint64 partialOffset = 0;
        qint64 partialHeld = 0;
        quint64 modelChanges = 0;
        qint64 floor = 0; ///< below it nothing can change as the stream grows (not compared)
        friend bool operator==(const Watermarks &a, const Watermarks &b)
        {
            return a.size == b.size && a.indexed == b.indexed && a.chunkRows == b.chunkRows
                   && a.messageRows == b.messageRows && a.partialOffset == b.partialOffset
                   && a.partialHeld == b.partialHeld && a.modelChanges == b.modelChanges;
        }
    };
    /// The rows a paint covers and the stream bytes they show.
    struct PaintRows
    {
        qint64 first = 0;
        qint64 last = 0;
        qint64 from = 0;
        qint64 to = 0;
        QByteArray bytes;
    };

    // SelectionController::Host API
    const RowModel &rowModel() const override { return *m_rows; }
    void setTopRow(qint64 row) override;
    int rowsPerPage() const override;
    void ensureVisible(qint64 offset) override;
    void selectionMoved(bool changed) override;

    // Both modes' rows and renderers; m_rows and m_renderer are those of the mode.
    std::array<RowModel *, 2> rowModels() { return {&m_hexRows, &m_textRows}; }
    std::array<RowRenderer *, 2> renderers() { return {&m_hexRenderer, &m_textRenderer}; }

    void handleModelReset();
    void handleModelChange() { ++m_modelChanges; }
    void handleModelDestroyed();

    void updateMetrics();
    void updateColors();
    void updateScrollBars();
    /// After the rows changed: back to the row of topOffset, or to the end.
    void keepOnTop(qint64 topOffset, bool atBottom);
    qint64 maxTopRow() const;
    int visibleRows() const;
    bool linksUsable() const;
    Watermarks watermarks() const;
    void takeIn(bool follow);
    /// The start of the first row below the viewport, or the end of the data.
    qint64 visibleEnd() const;

    // Geometry, in viewport pixels.
    RowGeometry geometry() const;
    /// The byte under pos; with nearest, the closest byte of the pane a drag stays in.
    qint64 offsetAt(const QPoint &pos, bool nearest, Pane *pane) const;

    // Painting.
    void paintEmpty(QPainter &painter, const QString &text);
    void paintBackgrounds(QPainter &painter, const PaintRows &rows);
    void paintText(QPainter &painter, const PaintRows &rows);
    void paintBrackets(QPainter &painter, const PaintRows &rows);
    void fillSpan(QPainter &painter, qint64 firstRow, qint64 from, qint64 to, const QColor &color);
    void drawRowsText(QPainter &painter, const PaintRows &rows, const QColor *only);

    const StreamChannel *m_channel = nullptr;
    QPointer<const ChunkTableModel> m_chunks;
    QPointer<const MessageTableModel> m_messages;
    std::unique_ptr<StreamLinks> m_links;
    quint64 m_modelChanges = 0;

    Mode m_mode = Mode::Hex;
    HexRows m_hexRows;
    TextRows m_textRows;
    HexRowRenderer m_hexRenderer {m_hexRows.layout()};
    TextRowRenderer m_textRenderer {m_textRows, m_hexRows.layout()};
    RowModel *m_rows = &m_hexRows;
    RowRenderer *m_renderer = &m_hexRenderer;
    qint64 m_size = 0; ///< stream bytes taken in by the last refresh()
    Watermarks m_watermarks;

    qint64 m_topRow = 0;
    RowScrollBar m_scroll;

    RowGeometry m_cell; ///< the font's cell; scrolling is filled in by geometry()
    Colors m_colors;

    std::vector<ByteRange> m_highlights; ///< sorted, merged
    SelectionController m_selection {*this};

    qint64 m_lastPaintBytesRead = 0;
    qint64 m_paintCount = 0;
};

} // namespace TcpInspector
