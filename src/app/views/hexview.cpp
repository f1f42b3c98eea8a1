// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/hexview.h"

#include "models/chunktablemodel.h"
#include "models/streamlinks.h"
#include "stream/streamchannel.h"
#include "views/viewtheme.h"
#include "views/viewzoom.h"

#include <QApplication>
#include <QClipboard>
#include <QFontMetricsF>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <limits>

namespace TcpInspector {

namespace {

constexpr qint64 noRow = std::numeric_limits<qint64>::max();
// The share of a 30 Hz tick that extending the line index may take.
constexpr int indexBudgetMs = 8;

} // namespace

HexView::HexView(QWidget *parent) : QAbstractScrollArea(parent)
{
    ViewZoom::instance()->followFixedFont(this);
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(false);
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    verticalScrollBar()->setSingleStep(1);
    updateMetrics();
    updateColors();
    updateScrollBars();
}

HexView::~HexView() = default;

void HexView::setChannel(const StreamChannel *channel)
{
    const bool hadSelection = m_selection.selection().length > 0;
    m_channel = channel;
    m_size = 0;
    for (RowModel *rows : rowModels())
        rows->reset(channel ? &channel->store() : nullptr);
    m_watermarks = Watermarks();
    m_topRow = 0;
    m_selection.reset();
    m_highlights.clear();
    horizontalScrollBar()->setValue(0);
    // A stream picked to look at opens at its start, even a live one.
    takeIn(false);
    updateScrollBars();
    viewport()->update();
    if (hadSelection)
        emit selectionChanged();
}

void HexView::setModels(const ChunkTableModel *chunks, const MessageTableModel *messages)
{
    for (const QAbstractItemModel *model :
         {static_cast<const QAbstractItemModel *>(m_chunks.data()),
          static_cast<const QAbstractItemModel *>(m_messages.data())}) {
        if (model)
            disconnect(model, nullptr, this, nullptr);
    }
    m_links.reset();
    m_chunks = chunks;
    m_messages = messages;
    if (chunks && messages) {
        m_links = std::make_unique<StreamLinks>(*chunks, *messages);
        for (const QAbstractItemModel *model :
             {static_cast<const QAbstractItemModel *>(chunks),
              static_cast<const QAbstractItemModel *>(messages)}) {
            connect(model, &QAbstractItemModel::modelReset, this, &HexView::handleModelReset);
            connect(model, &QAbstractItemModel::layoutChanged, this, &HexView::handleModelReset);
            connect(model, &QAbstractItemModel::rowsInserted, this, &HexView::handleModelChange);
            connect(model, &QAbstractItemModel::rowsRemoved, this, &HexView::handleModelChange);
            connect(model, &QAbstractItemModel::rowsMoved, this, &HexView::handleModelChange);
            connect(model, &QAbstractItemModel::dataChanged, this, &HexView::handleModelChange);
            connect(model, &QObject::destroyed, this, &HexView::handleModelDestroyed);
        }
    }
    m_watermarks = watermarks();
    viewport()->update();
}

void HexView::handleModelReset()
{
    // A new framing redraws every bracket, not only those past the old tail.
    ++m_modelChanges;
    viewport()->update();
}

void HexView::handleModelDestroyed()
{
    m_links.reset();
    viewport()->update();
}

bool HexView::linksUsable() const
{
    return m_links && m_channel && m_chunks && m_messages && m_chunks->channel() == m_channel
           && m_messages->channel() == m_channel;
}

void HexView::setMode(Mode mode)
{
    if (mode == m_mode)
        return;
    const bool atBottom = m_topRow > 0 && m_topRow >= maxTopRow();
    const qint64 topOffset = rowCount() > 0 ? m_rows->rowStart(m_topRow) : 0;
    m_mode = mode;
    m_rows = mode == Mode::Text ? static_cast<RowModel *>(&m_textRows) : &m_hexRows;
    m_renderer = mode == Mode::Text ? static_cast<RowRenderer *>(&m_textRenderer) : &m_hexRenderer;
    keepOnTop(topOffset, atBottom);
    viewport()->update();
}

void HexView::keepOnTop(qint64 topOffset, bool atBottom)
{
    // Text rows are only laid out while text mode is used; a switch needs
    // them as far as the byte that stays on top (or all of them, to stay at
    // the tail): about a second per gigabyte, once.
    m_rows->reach(atBottom ? m_size : topOffset);
    updateScrollBars();
    m_topRow = -1; // forces setTopRow() to sync the scroll bar
    setTopRow(atBottom ? maxTopRow() : std::max<qint64>(0, m_rows->rowOf(topOffset)));
    m_watermarks = watermarks();
}

void HexView::setTextWrapWidth(int bytes)
{
    bytes = std::clamp(bytes, 1, TextLineIndex::maxWrapWidth);
    if (bytes == m_textRows.wrapWidth())
        return;
    const qint64 topOffset = rowCount() > 0 ? m_rows->rowStart(m_topRow) : 0;
    m_textRows.setWrapWidth(bytes);
    keepOnTop(topOffset, false);
    viewport()->update();
}

// ---- Taking in new bytes

void HexView::refresh()
{
    takeIn(true);
}

void HexView::takeIn(bool follow)
{
    if (!m_channel)
        return;
    const bool atBottom = m_topRow >= maxTopRow();
    const int digits = m_hexRows.layout().offsetDigits();
    const Watermarks before = m_watermarks;

    m_size = m_channel->store().size();
    for (RowModel *rows : rowModels())
        rows->setStreamSize(m_size);
    m_rows->catchUp(indexBudgetMs);
    updateScrollBars();
    const qint64 top = m_topRow;
    if (follow && atBottom)
        setTopRow(maxTopRow());

    m_watermarks = watermarks();
    const bool moved = m_topRow != top || digits != m_hexRows.layout().offsetDigits();
    if (moved || (!(m_watermarks == before) && visibleEnd() > before.floor))
        viewport()->update();
}

HexView::Watermarks HexView::watermarks() const
{
    Watermarks w;
    w.size = m_size;
    w.indexed = m_rows->shownBytes();
    w.floor = std::min(m_size, m_rows->settledEnd());
    w.modelChanges = m_modelChanges;
    if (linksUsable()) {
        // Bands and brackets change only at the tail: new chunks start where
        // the announced ones end, new messages where the last finished one
        // ends (the partial tail and its bracket live past it).
        w.chunkRows = m_chunks->rowCount();
        const qint64 chunkEnd
            = w.chunkRows > 0 ? m_channel->store().chunk(w.chunkRows - 1).end() : 0;
        w.messageRows = m_messages->rowCount();
        const PartialFrame partial = m_messages->partial();
        w.partialOffset = partial.offset;
        w.partialHeld = partial.held;
        const int partialRow = m_messages->partialRow();
        const int lastFinished = (partialRow >= 0 ? partialRow : w.messageRows) - 1;
        qint64 messageEnd = 0;
        if (lastFinished >= 0) {
            const ByteRange range = m_messages->rowBytes(lastFinished);
            messageEnd = range.offset + range.length;
        }
        w.floor = std::min({w.floor, chunkEnd, messageEnd});
    }
    return w;
}

qint64 HexView::rowCount() const
{
    return m_rows->rowCount();
}

qint64 HexView::visibleEnd() const
{
    const qint64 below = m_topRow + visibleRows();
    return below < rowCount() ? m_rows->rowStart(below) : noRow;
}

int HexView::rowsPerPage() const
{
    return std::max(1, int(viewport()->height() / m_cell.lineHeight));
}

int HexView::visibleRows() const
{
    return std::max(1, int(std::ceil(viewport()->height() / m_cell.lineHeight)));
}

qint64 HexView::maxTopRow() const
{
    return std::max<qint64>(0, rowCount() - rowsPerPage());
}

void HexView::updateScrollBars()
{
    const qint64 maxTop = maxTopRow();
    m_topRow = std::min(m_topRow, maxTop);
    m_scroll.update(verticalScrollBar(), m_topRow, maxTop, rowsPerPage());

    const int cells = m_renderer->lineCells();
    const int width = int(std::ceil(2 * m_cell.margin + cells * m_cell.cellWidth));
    QScrollBar *hbar = horizontalScrollBar();
    hbar->setRange(0, std::max(0, width - viewport()->width()));
    hbar->setPageStep(viewport()->width());
    hbar->setSingleStep(int(std::ceil(m_cell.cellWidth)));
}

void HexView::setTopRow(qint64 row)
{
    row = std::clamp<qint64>(row, 0, maxTopRow());
    if (row == m_topRow)
        return;
    m_topRow = row;
    m_scroll.moveTo(verticalScrollBar(), row, maxTopRow());
    viewport()->update();
}

void HexView::scrollContentsBy(int dx, int dy)
{
    Q_UNUSED(dx);
    if (dy != 0 && !m_scroll.isSetting())
        m_topRow = m_scroll.rowAt(verticalScrollBar(), maxTopRow());
    viewport()->update();
}

void HexView::scrollToOffset(qint64 offset)
{
    if (m_rows->reach(offset))
        updateScrollBars();
    const qint64 row = m_rows->rowOf(offset);
    if (row < 0)
        return;
    if (row < m_topRow || row >= m_topRow + rowsPerPage())
        setTopRow(row - rowsPerPage() / 3);
    ensureVisible(offset);
}

void HexView::ensureVisible(qint64 offset)
{
    const qint64 row = m_rows->rowOf(offset);
    if (row < 0)
        return;
    if (row < m_topRow)
        setTopRow(row);
    else if (row >= m_topRow + rowsPerPage())
        setTopRow(row - rowsPerPage() + 1);
    // Text lines are wider than most windows: bring the byte's cell in too.
    const QRectF rect = byteRect(offset, Pane::Hex);
    if (rect.isNull())
        return;
    QScrollBar *hbar = horizontalScrollBar();
    const qreal left = rect.left() + hbar->value(); // in the unscrolled row
    const qreal right = rect.right() + hbar->value();
    const int width = viewport()->width();
    if (rect.left() < 0) // back to the offsets when the byte is in view with them
        hbar->setValue(right + m_cell.margin <= width ? 0 : int(std::floor(left - m_cell.margin)));
    else if (rect.right() > width)
        hbar->setValue(int(std::ceil(right - width + m_cell.margin)));
}

// ---- Geometry

void HexView::updateMetrics()
{
    const QFontMetricsF metrics(font());
    // The advance of a long run, not of one glyph: what drawText() lays out.
    m_cell.cellWidth = metrics.horizontalAdvance(QString(64, QLatin1Char('0'))) / 64;
    const qreal padding = std::max<qreal>(1, std::round(metrics.height() / 10));
    m_cell.lineHeight = std::ceil(metrics.height() + 2 * padding);
    m_cell.ascent = padding + metrics.ascent();
    m_cell.margin = m_cell.cellWidth;
    m_textRenderer.setFont(font(), m_cell);
}

void HexView::updateColors()
{
    const ViewTheme theme(palette());
    Colors &c = m_colors;
    c.background = theme.background();
    c.text = theme.text();
    c.dimText = theme.dimText();
    // Chunks in two quiet shades of the text color, leaving the hues to what
    // the user picked (highlight, selection) and to the message brackets.
    c.bandEven = theme.shade(0.05, 0.06);
    c.bandOdd = theme.shade(0.12, 0.14);
    c.selection = theme.highlight();
    c.selectionText = theme.highlightedText();
    c.highlight = theme.tint(c.selection, 0.45, 0.55);
    c.bracket = theme.pick(0x6a2cb8, 0xc09cff);
    c.errorBracket = theme.pick(0xd01020, ViewTheme::errorOnDark);
    for (RowRenderer *renderer : renderers())
        renderer->setColors(c.text, c.dimText);
}

void HexView::changeEvent(QEvent *event)
{
    switch (event->type()) {
    case QEvent::FontChange:
        updateMetrics();
        updateScrollBars();
        viewport()->update();
        break;
    case QEvent::PaletteChange:
    case QEvent::StyleChange:
        updateColors();
        viewport()->update();
        break;
    default:
        break;
    }
    QAbstractScrollArea::changeEvent(event);
}

void HexView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
}

RowGeometry HexView::geometry() const
{
    RowGeometry geometry = m_cell;
    geometry.scrollX = horizontalScrollBar()->value();
    geometry.topRow = m_topRow;
    return geometry;
}

QRectF HexView::byteRect(qint64 offset, HexLayout::Pane pane) const
{
    const qint64 row = m_rows->rowOf(offset);
    if (row < 0 || row < m_topRow || row >= m_topRow + visibleRows())
        return {};
    return m_renderer->byteRect(geometry(), row, int(offset - m_rows->rowStart(row)), pane);
}

qint64 HexView::offsetAt(const QPoint &pos) const
{
    Pane pane = Pane::None;
    return offsetAt(pos, false, &pane);
}

qint64 HexView::offsetAt(const QPoint &pos, bool nearest, Pane *pane) const
{
    const qint64 rows = rowCount();
    if (rows == 0)
        return -1;
    qint64 row = m_topRow + qint64(std::floor(pos.y() / m_cell.lineHeight));
    if (row < 0 || row >= rows) {
        if (!nearest)
            return -1;
        row = std::clamp<qint64>(row, 0, rows - 1);
    }
    const RowGeometry cells = geometry();
    const qreal x = pos.x() + cells.scrollX - cells.margin;
    return nearest ? m_renderer->nearestByte(row, x, cells, *pane)
                   : m_renderer->byteAt(row, x, cells, pane);
}

// ---- Painting

void HexView::paintEvent(QPaintEvent *event)
{
    Q_UNUSED(event);
    ++m_paintCount;
    m_lastPaintBytesRead = 0;
    QPainter painter(viewport());
    painter.fillRect(viewport()->rect(), m_colors.background);
    painter.setFont(font());
    if (!m_channel || m_size == 0) {
        paintEmpty(painter, tr("No bytes yet"));
        return;
    }
    const qint64 rowTotal = rowCount();
    if (rowTotal == 0) {
        paintEmpty(painter, tr("Reading lines…"));
        return;
    }
    PaintRows rows;
    rows.first = m_topRow;
    rows.last = std::min(rowTotal, rows.first + visibleRows()) - 1;
    rows.from = m_rows->rowStart(rows.first);
    rows.to = m_rows->rowEnd(rows.last);
    // The only read of the stream: the bytes of the visible rows.
    rows.bytes = m_channel->store().read(rows.from, rows.to - rows.from);
    m_lastPaintBytesRead = rows.bytes.size();

    paintBackgrounds(painter, rows);
    paintText(painter, rows);
    paintBrackets(painter, rows);
}

void HexView::paintEmpty(QPainter &painter, const QString &text)
{
    painter.setPen(m_colors.dimText);
    painter.drawText(viewport()->rect(), Qt::AlignCenter, text);
}

void HexView::paintBackgrounds(QPainter &painter, const PaintRows &rows)
{
    if (linksUsable()) {
        for (const LinkSpan &band : m_links->chunkBands(rows.from, rows.to))
            fillSpan(painter, rows.first, band.from, band.to,
                     band.row % 2 ? m_colors.bandOdd : m_colors.bandEven);
    }
    const auto firstHighlight = std::upper_bound(
        m_highlights.begin(), m_highlights.end(), rows.from,
        [](qint64 offset, const ByteRange &r) { return offset < r.offset + r.length; });
    for (auto it = firstHighlight; it != m_highlights.end() && it->offset < rows.to; ++it)
        fillSpan(painter, rows.first, it->offset, it->offset + it->length, m_colors.highlight);
    const ByteRange selected = selection();
    if (selected.length > 0)
        fillSpan(painter, rows.first, selected.offset, selected.offset + selected.length,
                 m_colors.selection);
}

void HexView::paintText(QPainter &painter, const PaintRows &rows)
{
    // Text over the backgrounds; inside the selection in its own color.
    const ByteRange selected = selection();
    const qint64 selectedEnd = selected.offset + selected.length;
    if (selected.length <= 0 || selected.offset >= rows.to || selectedEnd <= rows.from) {
        drawRowsText(painter, rows, nullptr);
        return;
    }
    const RowGeometry cells = geometry();
    QRegion selectedRegion;
    for (qint64 row = rows.first; row <= rows.last; ++row) {
        const qint64 start = m_rows->rowStart(row);
        const qint64 a = std::max(selected.offset, start);
        const qint64 b = std::min(selectedEnd, m_rows->rowEnd(row));
        if (a >= b)
            continue;
        for (const QRectF &rect :
             m_renderer->spanRects(cells, row, int(a - start), int(b - 1 - start)))
            selectedRegion += rect.toRect();
    }
    painter.setClipRegion(QRegion(viewport()->rect()) - selectedRegion);
    drawRowsText(painter, rows, nullptr);
    painter.setClipRegion(selectedRegion);
    PaintRows inside = rows;
    inside.first = std::max(rows.first, m_rows->rowOf(std::max(selected.offset, rows.from)));
    inside.last = std::min(rows.last, m_rows->rowOf(std::min(selectedEnd, rows.to) - 1));
    drawRowsText(painter, inside, &m_colors.selectionText);
    painter.setClipping(false);
}

void HexView::drawRowsText(QPainter &painter, const PaintRows &rows, const QColor *only)
{
    const RowGeometry cells = geometry();
    for (qint64 row = rows.first; row <= rows.last; ++row) {
        const qint64 start = m_rows->rowStart(row);
        m_renderer->drawText(painter, cells, row, rows.bytes.constData() + (start - rows.from),
                             m_rows->rowEnd(row) - start, only);
    }
}

void HexView::paintBrackets(QPainter &painter, const PaintRows &rows)
{
    if (!linksUsable())
        return;
    const RowGeometry cells = geometry();
    const qreal width = std::max<qreal>(1, std::round(m_cell.lineHeight / 9));
    auto draw = [&](qint64 offset, bool opening, const QPen &pen) {
        const qint64 row = m_rows->rowOf(offset);
        if (row >= 0)
            m_renderer->drawBracket(painter, cells, row, int(offset - m_rows->rowStart(row)),
                                    opening, pen);
    };
    for (const LinkSpan &bracket : m_links->messageBrackets(rows.from, rows.to)) {
        if (bracket.to <= bracket.from)
            continue;
        const auto kind = m_messages->rowKind(bracket.row);
        QPen pen(kind == MessageTableModel::RowKind::Error ? m_colors.errorBracket
                                                           : m_colors.bracket,
                 width, Qt::SolidLine, Qt::FlatCap, Qt::MiterJoin);
        if (kind == MessageTableModel::RowKind::Partial)
            pen.setDashPattern({2, 1.5});
        if (bracket.opens)
            draw(bracket.from, true, pen);
        // The unfinished tail has no end yet, only a start.
        if (bracket.closes && kind != MessageTableModel::RowKind::Partial)
            draw(bracket.to - 1, false, pen);
    }
}

void HexView::fillSpan(QPainter &painter, qint64 firstRow, qint64 from, qint64 to,
                       const QColor &color)
{
    // Only the rows on screen: a highlight may cover a gigabyte.
    const qint64 lastRow = std::min(rowCount(), m_topRow + visibleRows()) - 1;
    from = std::max(from, m_rows->rowStart(firstRow));
    to = std::min(to, m_rows->rowEnd(lastRow));
    if (from >= to)
        return;
    const RowGeometry cells = geometry();
    for (qint64 row = m_rows->rowOf(from); row >= 0 && row <= lastRow; ++row) {
        const qint64 start = m_rows->rowStart(row);
        if (start >= to)
            break;
        const int a = int(std::max(from, start) - start);
        const int b = int(std::min(to, m_rows->rowEnd(row)) - start) - 1;
        for (const QRectF &rect : m_renderer->spanRects(cells, row, a, b))
            painter.fillRect(rect, color);
    }
}

// ---- Highlights and selection

void HexView::setHighlights(std::vector<ByteRange> ranges)
{
    // Sorted and merged, so painting finds the visible ones by bisection.
    ranges.erase(std::remove_if(ranges.begin(), ranges.end(),
                                [](const ByteRange &r) { return r.length <= 0 || r.offset < 0; }),
                 ranges.end());
    std::sort(ranges.begin(), ranges.end(),
              [](const ByteRange &a, const ByteRange &b) { return a.offset < b.offset; });
    std::vector<ByteRange> merged;
    for (const ByteRange &range : ranges) {
        if (!merged.empty() && range.offset <= merged.back().offset + merged.back().length) {
            ByteRange &back = merged.back();
            back.length = std::max(back.length, range.offset + range.length - back.offset);
        } else {
            merged.push_back(range);
        }
    }
    m_highlights = std::move(merged);
    viewport()->update();
}

HexView::ByteRange HexView::selection() const
{
    return m_selection.selection();
}

void HexView::setSelection(ByteRange range)
{
    m_selection.select(range, m_size);
}

void HexView::clearSelection()
{
    setSelection({});
}

void HexView::selectionMoved(bool changed)
{
    viewport()->update();
    if (changed)
        emit selectionChanged();
}

QByteArray HexView::selectedBytes() const
{
    const ByteRange range = selection();
    if (!m_channel || range.length <= 0)
        return {};
    return m_channel->store().read(range.offset, range.length);
}

void HexView::copySelection() const
{
    const ByteRange range = selection();
    if (range.length <= 0)
        return;
    if (range.length > maxCopyBytes) {
        QApplication::beep();
        return;
    }
    QGuiApplication::clipboard()->setText(QString::fromLatin1(selectedBytes().toHex(' ')));
}

QString HexView::byteDescription(qint64 offset) const
{
    if (offset < 0 || offset >= m_size)
        return {};
    const QString hex = QString::number(offset, 16);
    const std::vector<LinkSpan> chunks
        = linksUsable() ? m_links->chunkBands(offset, offset + 1) : std::vector<LinkSpan>();
    if (chunks.empty())
        return tr("offset %1 (0x%2)").arg(offset).arg(hex);
    const int chunkRow = chunks.front().row;
    const StreamStore::Chunk chunk = m_channel->store().chunk(chunkRow);
    const int size = int(std::min<qint64>(chunk.size, std::numeric_limits<int>::max()));
    // The byte and its chunk, %1 to %4 of every text below.
    const auto place = [&](const QString &text) {
        return text.arg(offset).arg(hex).arg(chunkRow + 1).arg(chunk.offset);
    };
    const std::vector<LinkSpan> messages = m_links->messageBrackets(offset, offset + 1);
    if (messages.empty())
        return place(tr("offset %1 (0x%2), chunk %3 (offset %4, %n bytes)", nullptr, size));
    const int messageRow = messages.front().row;
    switch (m_messages->rowKind(messageRow)) {
    case MessageTableModel::RowKind::Message:
        break;
    case MessageTableModel::RowKind::Error:
        return place(tr("offset %1 (0x%2), chunk %3 (offset %4, %n bytes), framing error: %5",
                        nullptr, size))
            .arg(m_messages->error(m_messages->errorOfRow(messageRow)).message);
    case MessageTableModel::RowKind::Partial:
        return place(tr("offset %1 (0x%2), chunk %3 (offset %4, %n bytes), unfinished message",
                        nullptr, size));
    }
    return place(tr("offset %1 (0x%2), chunk %3 (offset %4, %n bytes), message %5", nullptr, size))
        .arg(m_messages->frameOfRow(messageRow) + 1);
}

// ---- Input

bool HexView::event(QEvent *event)
{
    // Our Ctrl+C wins over a window-wide Copy action while we have the focus.
    if (event->type() == QEvent::ShortcutOverride) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->matches(QKeySequence::Copy) && selection().length > 0) {
            event->accept();
            return true;
        }
    }
    return QAbstractScrollArea::event(event);
}

bool HexView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QString text = byteDescription(offsetAt(help->pos()));
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, viewport());
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

void HexView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QAbstractScrollArea::mousePressEvent(event);
        return;
    }
    Pane pane = Pane::None;
    const qint64 offset = offsetAt(event->position().toPoint(), false, &pane);
    if (offset < 0) {
        clearSelection();
        return;
    }
    m_selection.press(offset, pane, event->modifiers() & Qt::ShiftModifier);
    emit byteClicked(offset);
}

void HexView::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_selection.dragging() || !(event->buttons() & Qt::LeftButton)) {
        QAbstractScrollArea::mouseMoveEvent(event);
        return;
    }
    const QPoint pos = event->position().toPoint();
    if (pos.y() < 0)
        setTopRow(m_topRow - 1);
    else if (pos.y() >= viewport()->height())
        setTopRow(m_topRow + 1);
    Pane pane = m_selection.dragPane();
    const qint64 offset = offsetAt(pos, true, &pane);
    if (offset >= 0)
        m_selection.dragTo(offset);
}

void HexView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QAbstractScrollArea::mouseReleaseEvent(event);
        return;
    }
    m_selection.release();
    event->accept();
}

void HexView::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Copy))
        copySelection();
    else if (!m_selection.handleKey(*event))
        QAbstractScrollArea::keyPressEvent(event);
}

} // namespace TcpInspector
