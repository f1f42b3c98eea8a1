// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/hexview.h"

#include "models/chunktablemodel.h"
#include "models/streamlinks.h"
#include "stream/streamchannel.h"
#include "views/colormix.h"

#include <QApplication>
#include <QClipboard>
#include <QElapsedTimer>
#include <QFontDatabase>
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
// Reads of the stream for the line index; small enough to stop on time.
constexpr qint64 indexReadSize = 256 * 1024;
// The share of a 30 Hz tick that extending the line index may take.
constexpr int indexBudgetMs = 8;

bool printableAscii(uchar byte)
{
    return byte >= 0x20 && byte < 0x7f;
}

// Text mode shows every byte in one cell: control characters as the Unicode
// control pictures (\n as U+240A, DEL as U+2421), other bytes past ASCII as
// a middle dot unless they start valid UTF-8.
QChar textGlyph(uchar byte)
{
    if (byte < 0x20)
        return QChar(0x2400 + byte);
    if (byte == 0x7f)
        return QChar(0x2421);
    if (byte >= 0x80)
        return QChar(0x00b7);
    return QLatin1Char(char(byte));
}

// The code point of a complete, valid UTF-8 sequence of 2 to 4 bytes at p,
// and its length; 0 when there is none (an ASCII byte, a stray continuation
// byte, an overlong form, a surrogate, or a sequence cut by the line's end).
int utf8Sequence(const uchar *p, qint64 available, char32_t *codePoint)
{
    const uchar lead = p[0];
    int length = 0;
    uchar low = 0x80;
    uchar high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) {
        length = 2;
    } else if (lead >= 0xe0 && lead <= 0xef) {
        length = 3;
        if (lead == 0xe0)
            low = 0xa0; // overlong
        else if (lead == 0xed)
            high = 0x9f; // surrogates
    } else if (lead >= 0xf0 && lead <= 0xf4) {
        length = 4;
        if (lead == 0xf0)
            low = 0x90;
        else if (lead == 0xf4)
            high = 0x8f; // past U+10FFFF
    } else {
        return 0;
    }
    if (available < length || p[1] < low || p[1] > high)
        return 0;
    char32_t value = lead & (0xff >> (length + 1));
    value = (value << 6) | (p[1] & 0x3f);
    for (int i = 2; i < length; ++i) {
        if (p[i] < 0x80 || p[i] > 0xbf)
            return 0;
        value = (value << 6) | (p[i] & 0x3f);
    }
    *codePoint = value;
    return length;
}

// Characters that draw something on their own: no combining marks, no
// controls, formats or unassigned code points.
bool drawable(char32_t codePoint)
{
    switch (QChar::category(codePoint)) {
    case QChar::Mark_NonSpacing:
    case QChar::Mark_SpacingCombining:
    case QChar::Mark_Enclosing:
    case QChar::Other_Control:
    case QChar::Other_Format:
    case QChar::Other_Surrogate:
    case QChar::Other_PrivateUse:
    case QChar::Other_NotAssigned:
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph:
        return false;
    default:
        return true;
    }
}

} // namespace

HexView::HexView(QWidget *parent) : QAbstractScrollArea(parent)
{
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
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
    const bool hadSelection = m_anchor >= 0;
    m_channel = channel;
    m_size = 0;
    m_layout.setStreamSize(0);
    m_textIndex.clear();
    m_watermarks = Watermarks();
    m_topRow = 0;
    m_anchor = m_cursor = -1;
    m_dragging = false;
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
    const qint64 topOffset = rowCount() > 0 ? rowStart(m_topRow) : 0;
    m_mode = mode;
    // The line index is only built while text mode is used; a switch needs
    // it as far as the byte that stays on top (or all of it, to stay at the
    // tail): about a second per gigabyte, once.
    if (m_mode == Mode::Text)
        indexUpTo(atBottom ? m_size : topOffset);
    updateScrollBars();
    m_topRow = -1; // forces setTopRow() to sync the scroll bar
    setTopRow(atBottom ? maxTopRow() : std::max<qint64>(0, rowOf(topOffset)));
    m_watermarks = watermarks();
    viewport()->update();
}

void HexView::setTextWrapWidth(int bytes)
{
    bytes = std::clamp(bytes, 1, TextLineIndex::maxWrapWidth);
    if (bytes == m_textIndex.wrapWidth())
        return;
    const qint64 topOffset = rowCount() > 0 ? rowStart(m_topRow) : 0;
    m_textIndex.reset(bytes);
    if (m_mode == Mode::Text) {
        indexUpTo(topOffset);
        updateScrollBars();
        m_topRow = -1;
        setTopRow(std::max<qint64>(0, rowOf(topOffset)));
        m_watermarks = watermarks();
    }
    updateScrollBars();
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
    const int digits = m_layout.offsetDigits();
    const Watermarks before = m_watermarks;

    m_size = m_channel->store().size();
    m_layout.setStreamSize(m_size);
    if (m_mode == Mode::Text)
        indexFor(indexBudgetMs);
    updateScrollBars();
    const qint64 top = m_topRow;
    if (follow && atBottom)
        setTopRow(maxTopRow());

    m_watermarks = watermarks();
    if (m_topRow != top || digits != m_layout.offsetDigits())
        viewport()->update();
    else if (!(m_watermarks == before) && visibleEnd() > before.floor)
        viewport()->update();
}

HexView::Watermarks HexView::watermarks() const
{
    Watermarks w;
    w.size = m_size;
    w.floor = m_size;
    if (m_mode == Mode::Text) {
        w.indexed = m_textIndex.indexedBytes();
        // The unfinished last line may still become longer.
        const qint64 lines = m_textIndex.lineCount();
        w.floor = std::min(w.floor, lines > 0 ? m_textIndex.lineStart(lines - 1) : 0);
    }
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

qint64 HexView::shownBytes() const
{
    return m_mode == Mode::Text ? m_textIndex.indexedBytes() : m_size;
}

void HexView::indexUpTo(qint64 offset)
{
    const qint64 before = m_textIndex.indexedBytes();
    while (m_textIndex.indexedBytes() <= offset && indexStep()) { }
    if (m_textIndex.indexedBytes() != before)
        updateScrollBars();
}

void HexView::indexFor(int milliseconds)
{
    QElapsedTimer timer;
    timer.start();
    while (indexStep() && !timer.hasExpired(milliseconds)) { }
}

bool HexView::indexStep()
{
    const qint64 from = m_textIndex.indexedBytes();
    const qint64 wanted = std::min(m_size - from, indexReadSize);
    if (!m_channel || wanted <= 0)
        return false;
    m_indexBuffer.resize(size_t(indexReadSize));
    const qint64 got = m_channel->store().read(from, m_indexBuffer.data(), wanted);
    m_textIndex.append(m_indexBuffer.data(), got);
    return got > 0;
}

// ---- Rows

qint64 HexView::rowCount() const
{
    return m_mode == Mode::Text ? m_textIndex.lineCount() : m_layout.rowCount();
}

qint64 HexView::rowStart(qint64 row) const
{
    return m_mode == Mode::Text ? m_textIndex.lineStart(row) : m_layout.rowStart(row);
}

qint64 HexView::rowEnd(qint64 row) const
{
    return m_mode == Mode::Text ? m_textIndex.lineEnd(row) : m_layout.rowEnd(row);
}

qint64 HexView::rowOf(qint64 offset) const
{
    if (m_mode == Mode::Text)
        return m_textIndex.lineOf(offset);
    return offset >= 0 && offset < m_size ? m_layout.rowOf(offset) : -1;
}

qint64 HexView::visibleEnd() const
{
    const qint64 below = m_topRow + visibleRows();
    return below < rowCount() ? rowStart(below) : noRow;
}

int HexView::rowsPerPage() const
{
    return std::max(1, int(viewport()->height() / m_lineHeight));
}

int HexView::visibleRows() const
{
    return std::max(1, int(std::ceil(viewport()->height() / m_lineHeight)));
}

qint64 HexView::maxTopRow() const
{
    return std::max<qint64>(0, rowCount() - rowsPerPage());
}

void HexView::updateScrollBars()
{
    // A scroll bar counts in int; past that many rows one step is several rows.
    const qint64 maxTop = maxTopRow();
    constexpr qint64 steps = std::numeric_limits<int>::max() - 1;
    m_rowsPerStep = maxTop / steps + 1;
    m_topRow = std::min(m_topRow, maxTop);
    QScrollBar *bar = verticalScrollBar();
    m_settingScrollBar = true;
    bar->setRange(0, int((maxTop + m_rowsPerStep - 1) / m_rowsPerStep));
    bar->setPageStep(int(std::max<qint64>(1, rowsPerPage() / m_rowsPerStep)));
    bar->setValue(m_topRow >= maxTop ? bar->maximum() : int(m_topRow / m_rowsPerStep));
    m_settingScrollBar = false;

    const int cells
        = m_mode == Mode::Text ? firstColumn(Column::Text) + textWrapWidth() : m_layout.lineWidth();
    const int width = int(std::ceil(2 * m_margin + cells * m_cellWidth));
    QScrollBar *hbar = horizontalScrollBar();
    hbar->setRange(0, std::max(0, width - viewport()->width()));
    hbar->setPageStep(viewport()->width());
    hbar->setSingleStep(int(std::ceil(m_cellWidth)));
}

void HexView::setTopRow(qint64 row)
{
    row = std::clamp<qint64>(row, 0, maxTopRow());
    if (row == m_topRow)
        return;
    m_topRow = row;
    QScrollBar *bar = verticalScrollBar();
    m_settingScrollBar = true;
    bar->setValue(row >= maxTopRow() ? bar->maximum() : int(row / m_rowsPerStep));
    m_settingScrollBar = false;
    viewport()->update();
}

void HexView::scrollContentsBy(int dx, int dy)
{
    Q_UNUSED(dx);
    if (dy != 0 && !m_settingScrollBar) {
        const QScrollBar *bar = verticalScrollBar();
        m_topRow
            = bar->value() >= bar->maximum() ? maxTopRow() : qint64(bar->value()) * m_rowsPerStep;
    }
    viewport()->update();
}

void HexView::scrollToOffset(qint64 offset)
{
    if (m_mode == Mode::Text)
        indexUpTo(offset);
    const qint64 row = rowOf(offset);
    if (row < 0)
        return;
    if (row < m_topRow || row >= m_topRow + rowsPerPage())
        setTopRow(row - rowsPerPage() / 3);
    ensureVisible(offset);
}

void HexView::ensureVisible(qint64 offset)
{
    const qint64 row = rowOf(offset);
    if (row < 0)
        return;
    if (row < m_topRow)
        setTopRow(row);
    else if (row >= m_topRow + rowsPerPage())
        setTopRow(row - rowsPerPage() + 1);
    // Text lines are wider than most windows: bring the byte's cell in too.
    const QRectF rect = byteRect(offset, HexLayout::Pane::Hex);
    if (rect.isNull())
        return;
    QScrollBar *hbar = horizontalScrollBar();
    const qreal left = rect.left() + hbar->value(); // in the unscrolled row
    const qreal right = rect.right() + hbar->value();
    const int width = viewport()->width();
    if (rect.left() < 0) // back to the offsets when the byte is in view with them
        hbar->setValue(right + m_margin <= width ? 0 : int(std::floor(left - m_margin)));
    else if (rect.right() > width)
        hbar->setValue(int(std::ceil(right - width + m_margin)));
}

// ---- Geometry

void HexView::updateMetrics()
{
    const QFontMetricsF metrics(font());
    // The advance of a long run, not of one glyph: what drawText() lays out.
    m_cellWidth = metrics.horizontalAdvance(QString(64, QLatin1Char('0'))) / 64;
    const qreal padding = std::max<qreal>(1, std::round(metrics.height() / 10));
    m_lineHeight = std::ceil(metrics.height() + 2 * padding);
    m_ascent = padding + metrics.ascent();
    m_margin = m_cellWidth;
    m_pictures.clear();
    m_cellSafe.assign(256, false);
    for (int byte = 0; byte < 256; ++byte) {
        const QChar glyph = textGlyph(uchar(byte));
        m_cellSafe[size_t(byte)]
            = metrics.inFont(glyph)
              && std::abs(metrics.horizontalAdvance(glyph) - m_cellWidth) < 0.01;
    }
}

void HexView::updateColors()
{
    const QPalette &p = palette();
    Colors &c = m_colors;
    c.background = p.color(QPalette::Base);
    c.text = p.color(QPalette::Text);
    const bool dark = c.background.lightnessF() < 0.5;
    c.dimText = mixed(c.text, c.background, 0.45);
    // Chunks in two quiet shades of the text color, leaving the hues to what
    // the user picked (highlight, selection) and to the message brackets.
    c.bandEven = mixed(c.background, c.text, dark ? 0.06 : 0.05);
    c.bandOdd = mixed(c.background, c.text, dark ? 0.14 : 0.12);
    c.selection = p.color(QPalette::Highlight);
    c.selectionText = p.color(QPalette::HighlightedText);
    c.highlight = mixed(c.background, c.selection, dark ? 0.55 : 0.45);
    c.bracket = dark ? QColor(0xc0, 0x9c, 0xff) : QColor(0x6a, 0x2c, 0xb8);
    c.errorBracket = dark ? QColor(0xff, 0x6b, 0x6b) : QColor(0xd0, 0x10, 0x20);
    m_pictures.clear();
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

qreal HexView::cellX(int column) const
{
    return m_margin + column * m_cellWidth - horizontalScrollBar()->value();
}

int HexView::firstColumn(Column column) const
{
    switch (column) {
    case Column::Hex:
        return m_layout.hexPaneColumn();
    case Column::Ascii:
        return m_layout.asciiPaneColumn();
    case Column::Text:
        break;
    }
    return m_layout.offsetDigits() + 2;
}

std::vector<HexView::Column> HexView::columns() const
{
    if (m_mode == Mode::Text)
        return {Column::Text};
    return {Column::Hex, Column::Ascii};
}

QRectF HexView::spanRect(Column column, qint64 row, int first, int last) const
{
    qreal left = 0;
    qreal right = 0;
    switch (column) {
    case Column::Hex:
        // Half of the gap on either side belongs to the byte, so a band has
        // no holes and the edge between two bands falls between two bytes.
        left = cellX(m_layout.hexColumn(first)) - m_cellWidth / 2;
        right = cellX(m_layout.hexColumn(last) + 2) + m_cellWidth / 2;
        break;
    case Column::Ascii:
        left = cellX(m_layout.asciiColumn(first));
        right = cellX(m_layout.asciiColumn(last) + 1);
        break;
    case Column::Text:
        left = cellX(firstColumn(Column::Text) + first);
        right = cellX(firstColumn(Column::Text) + last + 1);
        break;
    }
    return QRectF(left, rowY(row), right - left, m_lineHeight);
}

QRectF HexView::byteRect(qint64 offset, HexLayout::Pane pane) const
{
    const qint64 row = rowOf(offset);
    if (row < 0 || row < m_topRow || row >= m_topRow + visibleRows())
        return {};
    const int byte = int(offset - rowStart(row));
    if (m_mode == Mode::Text)
        return spanRect(Column::Text, row, byte, byte);
    if (pane == HexLayout::Pane::Ascii)
        return spanRect(Column::Ascii, row, byte, byte);
    // The digits only, without the halves of the gaps around them.
    const QRectF rect = spanRect(Column::Hex, row, byte, byte);
    return rect.adjusted(m_cellWidth / 2, 0, -m_cellWidth / 2, 0);
}

qint64 HexView::offsetAt(const QPoint &pos) const
{
    return offsetAt(pos, false, nullptr);
}

qint64 HexView::offsetAt(const QPoint &pos, bool nearest, Column *column) const
{
    const qint64 rows = rowCount();
    if (rows == 0)
        return -1;
    qint64 row = m_topRow + qint64(std::floor(pos.y() / m_lineHeight));
    if (row < 0 || row >= rows) {
        if (!nearest)
            return -1;
        row = std::clamp<qint64>(row, 0, rows - 1);
    }
    const qint64 start = rowStart(row);
    const int bytes = int(rowEnd(row) - start);
    const qreal x = pos.x() + horizontalScrollBar()->value() - m_margin;
    const int cell = int(std::floor(x / m_cellWidth));

    if (m_mode == Mode::Text) {
        int byte = cell - firstColumn(Column::Text);
        if (!nearest && (byte < 0 || byte >= bytes))
            return -1;
        byte = std::clamp(byte, 0, bytes - 1);
        if (column)
            *column = Column::Text;
        return start + byte;
    }
    if (!nearest) {
        const HexLayout::Hit hit = m_layout.hitTest(row, cell);
        if (hit.offset < 0
            || (hit.pane != HexLayout::Pane::Hex && hit.pane != HexLayout::Pane::Ascii))
            return -1;
        if (column)
            *column = hit.pane == HexLayout::Pane::Hex ? Column::Hex : Column::Ascii;
        return hit.offset;
    }
    // A drag stays in the pane it started in and takes the closest byte.
    const Column pane = m_dragColumn;
    int best = 0;
    qreal bestDistance = std::numeric_limits<qreal>::max();
    for (int byte = 0; byte < bytes; ++byte) {
        const qreal center = pane == Column::Ascii
                                 ? (m_layout.asciiColumn(byte) + 0.5) * m_cellWidth
                                 : (m_layout.hexColumn(byte) + 1) * m_cellWidth;
        const qreal distance = std::abs(center - x);
        if (distance < bestDistance) {
            bestDistance = distance;
            best = byte;
        }
    }
    if (column)
        *column = pane;
    return start + best;
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
    const qint64 rows = rowCount();
    if (rows == 0) {
        paintEmpty(painter, tr("Reading lines…"));
        return;
    }
    const qint64 first = m_topRow;
    const qint64 last = std::min(rows, first + visibleRows()) - 1;
    const qint64 from = rowStart(first);
    const qint64 to = rowEnd(last);
    // The only read of the stream: the bytes of the visible rows.
    const QByteArray bytes = m_channel->store().read(from, to - from);
    m_lastPaintBytesRead = bytes.size();

    if (linksUsable()) {
        for (const LinkSpan &band : m_links->chunkBands(from, to))
            fillSpan(painter, first, band.from, band.to,
                     band.row % 2 ? m_colors.bandOdd : m_colors.bandEven);
    }
    const auto firstHighlight = std::upper_bound(
        m_highlights.begin(), m_highlights.end(), from,
        [](qint64 offset, const ByteRange &r) { return offset < r.offset + r.length; });
    for (auto it = firstHighlight; it != m_highlights.end() && it->offset < to; ++it)
        fillSpan(painter, first, it->offset, it->offset + it->length, m_colors.highlight);
    const ByteRange selected = selection();
    const qint64 selectedEnd = selected.offset + selected.length;
    const bool selectionShown = selected.length > 0 && selected.offset < to && selectedEnd > from;
    if (selectionShown)
        fillSpan(painter, first, selected.offset, selectedEnd, m_colors.selection);

    // Text over the backgrounds; inside the selection in its own color.
    QRegion selectedRegion;
    if (selectionShown) {
        for (qint64 row = first; row <= last; ++row) {
            const qint64 a = std::max(selected.offset, rowStart(row));
            const qint64 b = std::min(selectedEnd, rowEnd(row));
            if (a >= b)
                continue;
            for (Column column : columns())
                selectedRegion
                    += spanRect(column, row, int(a - rowStart(row)), int(b - 1 - rowStart(row)))
                           .toRect();
        }
        painter.setClipRegion(QRegion(viewport()->rect()) - selectedRegion);
    }
    for (qint64 row = first; row <= last; ++row) {
        const qint64 start = rowStart(row);
        drawRowText(painter, row, bytes.constData() + (start - from), rowEnd(row) - start, nullptr);
    }
    if (selectionShown) {
        painter.setClipRegion(selectedRegion);
        for (qint64 row = first; row <= last; ++row) {
            const qint64 start = rowStart(row);
            if (start < selectedEnd && rowEnd(row) > selected.offset)
                drawRowText(painter, row, bytes.constData() + (start - from), rowEnd(row) - start,
                            &m_colors.selectionText);
        }
        painter.setClipping(false);
    }

    if (linksUsable()) {
        const qreal width = std::max<qreal>(1, std::round(m_lineHeight / 9));
        for (const LinkSpan &bracket : m_links->messageBrackets(from, to)) {
            if (bracket.to <= bracket.from)
                continue;
            const auto kind = m_messages->rowKind(bracket.row);
            QPen pen(kind == MessageTableModel::RowKind::Error ? m_colors.errorBracket
                                                               : m_colors.bracket,
                     width, Qt::SolidLine, Qt::FlatCap, Qt::MiterJoin);
            if (kind == MessageTableModel::RowKind::Partial)
                pen.setDashPattern({2, 1.5});
            if (bracket.opens)
                drawBracket(painter, rowOf(bracket.from), bracket.from, true, pen);
            // The unfinished tail has no end yet, only a start.
            if (bracket.closes && kind != MessageTableModel::RowKind::Partial)
                drawBracket(painter, rowOf(bracket.to - 1), bracket.to - 1, false, pen);
        }
    }
}

void HexView::paintEmpty(QPainter &painter, const QString &text)
{
    painter.setPen(m_colors.dimText);
    painter.drawText(viewport()->rect(), Qt::AlignCenter, text);
}

void HexView::fillSpan(QPainter &painter, qint64 firstRow, qint64 from, qint64 to,
                       const QColor &color)
{
    // Only the rows on screen: a highlight may cover a gigabyte.
    const qint64 lastRow = std::min(rowCount(), m_topRow + visibleRows()) - 1;
    from = std::max(from, rowStart(firstRow));
    to = std::min(to, rowEnd(lastRow));
    if (from >= to)
        return;
    for (qint64 row = rowOf(from); row >= 0 && row <= lastRow; ++row) {
        const qint64 start = rowStart(row);
        if (start >= to)
            break;
        const int a = int(std::max(from, start) - start);
        const int b = int(std::min(to, rowEnd(row)) - start) - 1;
        for (Column column : columns())
            painter.fillRect(spanRect(column, row, a, b), color);
    }
}

void HexView::drawBracket(QPainter &painter, qint64 row, qint64 offset, bool opening,
                          const QPen &pen)
{
    if (row < 0)
        return;
    const int byte = int(offset - rowStart(row));
    const qreal width = pen.widthF();
    const qreal tick = std::max<qreal>(2, std::round(m_cellWidth * 0.4));
    const qreal direction = opening ? 1 : -1;
    painter.setPen(pen);
    for (Column column : columns()) {
        const QRectF cell = spanRect(column, row, byte, byte);
        qreal x = 0;
        if (column == Column::Hex) // in the gap, close to the digits
            x = opening ? cell.left() + m_cellWidth * 0.25 : cell.right() - m_cellWidth * 0.25;
        else // just outside the cell: off the line's first and last glyphs
            x = opening ? cell.left() - width / 2 : cell.right() + width / 2;
        // On whole pixels, so thin lines stay sharp without antialiasing.
        x = std::round(x - width / 2) + width / 2;
        const qreal top = cell.top() + width / 2;
        const qreal bottom = cell.bottom() - width / 2;
        const QPointF points[]
            = {{x + direction * tick, top}, {x, top}, {x, bottom}, {x + direction * tick, bottom}};
        painter.drawPolyline(points, 4);
    }
}

void HexView::drawRowText(QPainter &painter, qint64 row, const char *bytes, qint64 size,
                          const QColor *only)
{
    if (m_mode == Mode::Text)
        drawTextRowText(painter, row, bytes, size, only);
    else
        drawHexRowText(painter, row, bytes, size, only);
}

void HexView::drawHexRowText(QPainter &painter, qint64 row, const char *bytes, qint64 size,
                             const QColor *only)
{
    const QString line = m_layout.rowText(row, QByteArray::fromRawData(bytes, int(size)));
    const QPointF origin(cellX(0), rowY(row) + m_ascent);
    if (only) {
        painter.setPen(*only);
        painter.drawText(origin, line);
        return;
    }
    // Offsets and the dots of unprintable bytes are dimmed, so a real '.'
    // stands out. Two strings of the same width, each blank where the other
    // draws: two calls per row instead of one per cell.
    QString normal = line;
    QString dim(line.size(), QLatin1Char(' '));
    for (int i = 0; i < m_layout.offsetDigits(); ++i) {
        dim[i] = line.at(i);
        normal[i] = QLatin1Char(' ');
    }
    for (int i = 0; i < size; ++i) {
        if (!printableAscii(uchar(bytes[i]))) {
            const int column = m_layout.asciiColumn(i);
            dim[column] = normal.at(column);
            normal[column] = QLatin1Char(' ');
        }
    }
    painter.setPen(m_colors.text);
    painter.drawText(origin, normal);
    painter.setPen(m_colors.dimText);
    painter.drawText(origin, dim);
}

void HexView::drawTextRowText(QPainter &painter, qint64 row, const char *bytes, qint64 size,
                              const QColor *only)
{
    const int n = int(size);
    const auto *units = reinterpret_cast<const uchar *>(bytes);
    QString normal(n, QLatin1Char(' '));
    QString dim(n, QLatin1Char(' '));
    // Glyphs wider or narrower than a cell, or missing from the font, are
    // drawn one by one at their cell so the rest of the line stays aligned.
    struct Single
    {
        int byte;
        QString text;
        bool dim;
    };
    std::vector<Single> singles;
    std::vector<std::pair<int, uchar>> pictures; // control bytes the font has no picture for
    for (int i = 0; i < n; ++i) {
        const uchar byte = units[i];
        char32_t codePoint = 0;
        const int length = byte >= 0x80 ? utf8Sequence(units + i, n - i, &codePoint) : 0;
        if (length > 0 && drawable(codePoint)) {
            // The character in its first byte's cell, the others left blank.
            singles.push_back({i, QString::fromUcs4(&codePoint, 1), false});
            i += length - 1;
            continue;
        }
        const QChar glyph = textGlyph(byte);
        const bool dimmed = !printableAscii(byte);
        if (m_cellSafe[byte])
            (dimmed ? dim : normal)[i] = glyph;
        else if (byte < 0x20 || byte == 0x7f)
            pictures.emplace_back(i, byte);
        else
            singles.push_back({i, QString(glyph), dimmed});
    }

    const qreal y = rowY(row) + m_ascent;
    const qreal textX = cellX(firstColumn(Column::Text));
    if (!only) {
        painter.setPen(m_colors.dimText);
        const QString offset = QString::number(rowStart(row), 16);
        painter.drawText(QPointF(cellX(0), y),
                         offset.rightJustified(m_layout.offsetDigits(), QLatin1Char('0')));
    }
    painter.setPen(only ? *only : m_colors.text);
    painter.drawText(QPointF(textX, y), normal);
    painter.setPen(only ? *only : m_colors.dimText);
    painter.drawText(QPointF(textX, y), dim);
    for (const Single &single : singles) {
        painter.setPen(only ? *only : single.dim ? m_colors.dimText : m_colors.text);
        painter.drawText(QPointF(textX + single.byte * m_cellWidth, y), single.text);
    }
    const QColor &pictureColor = only ? *only : m_colors.dimText;
    for (const auto &[byte, value] : pictures) {
        painter.drawPixmap(
            QPointF(textX + byte * m_cellWidth, rowY(row)),
            controlPicture(value, pictureColor, painter.device()->devicePixelRatioF()));
    }
}

const QPixmap &HexView::controlPicture(uchar byte, const QColor &color, qreal ratio)
{
    // Few fonts have the control pictures (U+2400...) and a fallback font
    // would not fit the cell, so they are drawn here like the Unicode
    // glyphs: the character's short name in small letters, stepping down
    // across the cell. Drawn once per byte and color.
    if (ratio != m_pictureRatio) {
        m_pictures.clear();
        m_pictureRatio = ratio;
    }
    const quint64 key = quint64(color.rgba()) << 8 | byte;
    const auto found = m_pictures.constFind(key);
    if (found != m_pictures.constEnd())
        return *found;

    static const char *const names[]
        = {"NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS",  "HT",  "LF",
           "VT",  "FF",  "CR",  "SO",  "SI",  "DLE", "DC1", "DC2", "DC3", "DC4", "NAK",
           "SYN", "ETB", "CAN", "EM",  "SUB", "ESC", "FS",  "GS",  "RS",  "US"};
    const QString name = QLatin1String(byte == 0x7f ? "DEL" : names[byte & 0x1f]);
    QPixmap pixmap(
        QSize(int(std::ceil(m_cellWidth * ratio)), int(std::ceil(m_lineHeight * ratio))));
    pixmap.setDevicePixelRatio(ratio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::TextAntialiasing);
    QFont small = font();
    const qreal scale = name.size() > 2 ? 0.5 : 0.62;
    if (small.pointSizeF() > 0)
        small.setPointSizeF(small.pointSizeF() * scale);
    else
        small.setPixelSize(std::max(4, int(small.pixelSize() * scale)));
    painter.setFont(small);
    painter.setPen(color);
    // The letters' boxes from the cell's top left to its bottom right; the
    // boxes' empty parts (descent, leading) may overlap.
    const QFontMetricsF metrics(small);
    const qreal letterWidth = metrics.horizontalAdvance(QLatin1Char('M'));
    const qreal letterHeight = metrics.capHeight();
    const qreal top = 1;
    const qreal steps = name.size() - 1;
    const qreal stepX = (m_cellWidth - letterWidth) / steps;
    const qreal stepY = (m_lineHeight - 2 * top - letterHeight) / steps;
    for (int i = 0; i < name.size(); ++i) {
        painter.drawText(QPointF(i * stepX, top + i * stepY + letterHeight), name.mid(i, 1));
    }
    painter.end();
    return *m_pictures.insert(key, pixmap);
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
    if (m_anchor < 0 || m_cursor < 0)
        return {};
    const qint64 first = std::min(m_anchor, m_cursor);
    return {first, std::max(m_anchor, m_cursor) - first + 1};
}

void HexView::setSelection(ByteRange range)
{
    const ByteRange before = selection();
    const qint64 end = std::min(range.offset + range.length, m_size);
    if (range.offset < 0 || range.offset >= end) {
        m_anchor = m_cursor = -1;
    } else {
        m_anchor = range.offset;
        m_cursor = end - 1;
    }
    const ByteRange after = selection();
    viewport()->update();
    if (after.offset != before.offset || after.length != before.length)
        emit selectionChanged();
}

void HexView::clearSelection()
{
    setSelection({});
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

void HexView::moveCursorTo(qint64 offset, bool extend)
{
    const qint64 shown = shownBytes();
    if (shown <= 0)
        return;
    offset = std::clamp<qint64>(offset, 0, shown - 1);
    const ByteRange before = selection();
    m_cursor = offset;
    if (!extend || m_anchor < 0)
        m_anchor = offset;
    ensureVisible(offset);
    viewport()->update();
    const ByteRange after = selection();
    if (after.offset != before.offset || after.length != before.length)
        emit selectionChanged();
}

void HexView::moveCursorByRows(qint64 rows, bool extend)
{
    const qint64 cursor = m_cursor >= 0 ? m_cursor : rowStart(m_topRow);
    const qint64 row = rowOf(cursor);
    if (row < 0)
        return;
    const qint64 column = cursor - rowStart(row);
    const qint64 target = std::clamp<qint64>(row + rows, 0, rowCount() - 1);
    moveCursorTo(std::min(rowStart(target) + column, rowEnd(target) - 1), extend);
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
    const std::vector<LinkSpan> messages = m_links->messageBrackets(offset, offset + 1);
    if (messages.empty()) {
        return tr("offset %1 (0x%2), chunk %3 (offset %4, %n bytes)", nullptr, size)
            .arg(offset)
            .arg(hex)
            .arg(chunkRow + 1)
            .arg(chunk.offset);
    }
    const int messageRow = messages.front().row;
    switch (m_messages->rowKind(messageRow)) {
    case MessageTableModel::RowKind::Message:
        break;
    case MessageTableModel::RowKind::Error:
        return tr("offset %1 (0x%2), chunk %3 (offset %4, %n bytes), framing error: %5", nullptr,
                  size)
            .arg(offset)
            .arg(hex)
            .arg(chunkRow + 1)
            .arg(chunk.offset)
            .arg(m_messages->error(m_messages->errorOfRow(messageRow)).message);
    case MessageTableModel::RowKind::Partial:
        return tr("offset %1 (0x%2), chunk %3 (offset %4, %n bytes), unfinished message", nullptr,
                  size)
            .arg(offset)
            .arg(hex)
            .arg(chunkRow + 1)
            .arg(chunk.offset);
    }
    return tr("offset %1 (0x%2), chunk %3 (offset %4, %n bytes), message %5", nullptr, size)
        .arg(offset)
        .arg(hex)
        .arg(chunkRow + 1)
        .arg(chunk.offset)
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
    Column column = Column::Hex;
    const qint64 offset = offsetAt(event->position().toPoint(), false, &column);
    if (offset < 0) {
        clearSelection();
        return;
    }
    m_dragColumn = column;
    m_dragging = true;
    moveCursorTo(offset, event->modifiers() & Qt::ShiftModifier);
    emit byteClicked(offset);
}

void HexView::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_dragging || !(event->buttons() & Qt::LeftButton)) {
        QAbstractScrollArea::mouseMoveEvent(event);
        return;
    }
    const QPoint pos = event->position().toPoint();
    if (pos.y() < 0)
        setTopRow(m_topRow - 1);
    else if (pos.y() >= viewport()->height())
        setTopRow(m_topRow + 1);
    const qint64 offset = offsetAt(pos, true, nullptr);
    if (offset >= 0)
        moveCursorTo(offset, true);
}

void HexView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QAbstractScrollArea::mouseReleaseEvent(event);
        return;
    }
    m_dragging = false;
    event->accept();
}

void HexView::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Copy)) {
        copySelection();
        return;
    }
    if (event->matches(QKeySequence::SelectAll)) {
        setSelection({0, shownBytes()});
        return;
    }
    const bool extend = event->modifiers() & Qt::ShiftModifier;
    const bool control = event->modifiers() & Qt::ControlModifier;
    const qint64 cursor = m_cursor >= 0 ? m_cursor : rowStart(m_topRow);
    switch (event->key()) {
    case Qt::Key_Left:
        moveCursorTo(m_cursor >= 0 ? cursor - 1 : cursor, extend);
        break;
    case Qt::Key_Right:
        moveCursorTo(m_cursor >= 0 ? cursor + 1 : cursor, extend);
        break;
    case Qt::Key_Up:
        moveCursorByRows(-1, extend);
        break;
    case Qt::Key_Down:
        moveCursorByRows(1, extend);
        break;
    case Qt::Key_PageUp:
        setTopRow(m_topRow - rowsPerPage());
        moveCursorByRows(-rowsPerPage(), extend);
        break;
    case Qt::Key_PageDown:
        setTopRow(m_topRow + rowsPerPage());
        moveCursorByRows(rowsPerPage(), extend);
        break;
    case Qt::Key_Home:
        moveCursorTo(control ? 0 : rowStart(std::max<qint64>(0, rowOf(cursor))), extend);
        break;
    case Qt::Key_End:
        moveCursorTo(control ? shownBytes() - 1 : rowEnd(std::max<qint64>(0, rowOf(cursor))) - 1,
                     extend);
        break;
    case Qt::Key_Escape:
        clearSelection();
        break;
    default:
        QAbstractScrollArea::keyPressEvent(event);
        break;
    }
}

} // namespace TcpInspector
