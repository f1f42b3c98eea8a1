// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/conversationview.h"

#include "models/modeltext.h"
#include "net/connection.h"
#include "views/viewtheme.h"
#include "views/viewzoom.h"

#include <QFontMetricsF>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <limits>

namespace TcpInspector {

namespace {
// The share of a 30 Hz tick that merging chunks, and laying out text rows, may take.
constexpr int mergeBudgetMs = 6;
constexpr int layoutBudgetMs = 8;
// Cells of the gutter: "+12345.6 ms" and "65536 B" with room between.
constexpr int gutterCells = 20;
// Hex mode: "48 65 6c ..." then two blanks, then the characters.
constexpr int hexDigitCells = 3 * ConversationIndex::hexRowBytes;
constexpr int asciiColumn = hexDigitCells + 1;
// Frames looked at per direction per paint: a screen shows far fewer.
constexpr qint64 maxFramesPerPaint = 4096;
} // namespace

ConversationView::ConversationView(QWidget *parent) : QAbstractScrollArea(parent)
{
    ViewZoom::instance()->followFixedFont(this);
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    verticalScrollBar()->setSingleStep(1);
    updateMetrics();
    updateColors();
    updateScrollBars();
}

ConversationView::~ConversationView() = default;

void ConversationView::setConnection(const Connection *connection)
{
    m_connection = connection;
    m_index.reset(connection ? &channel(Direction::Rx).store() : nullptr,
                  connection ? &channel(Direction::Tx).store() : nullptr);
    m_startNs = connection && connection->timeline().count() > 0
                    ? connection->timeline().at(0).timeNs
                    : 0;
    m_current.reset();
    m_topRow = 0;
    m_watermarks = Watermarks();
    m_topNotices.clear();
    m_bottomNotices.clear();
    horizontalScrollBar()->setValue(0);
    // A conversation picked to look at opens at its start, even a live one.
    const bool follow = m_follow;
    m_follow = false;
    refresh();
    m_follow = follow;
    viewport()->update();
}

void ConversationView::setLayer(StreamLayer layer)
{
    if (layer == m_layer)
        return;
    m_layer = layer;
    setConnection(m_connection);
}

const StreamChannel &ConversationView::channel(Direction direction) const
{
    return *layerChannel(m_connection, direction, m_layer);
}

void ConversationView::setMode(Mode mode)
{
    if (mode == m_mode)
        return;
    // The chunk on top stays on top.
    const ConversationIndex::Row top = contentRow(m_topRow);
    const bool atBottom = m_topRow > 0 && atEnd();
    m_mode = mode;
    if (mode == Mode::Text && top.entry >= 0)
        m_index.layOutTextTo(top.entry);
    updateScrollBars();
    m_topRow = -1; // forces setTopRow() to sync the scroll bar
    setTopRow(atBottom ? maxTopRow() : top.entry >= 0 ? viewRowOfEntry(top.entry) : 0);
    viewport()->update();
}

bool ConversationView::fromClient(Direction direction) const
{
    // The server side reads what the client sends; the client side writes it.
    // A relay's client leg is an accepted (server-side) connection.
    const bool serverSide = !m_connection || m_connection->side() == Connection::Side::Server;
    return serverSide == (direction == Direction::Rx);
}

// ---- Taking in new chunks

void ConversationView::refresh()
{
    if (!m_connection)
        return;
    const bool atBottom = atEnd();
    const qint64 top = m_topRow;
    const ConversationIndex::Changes changes
        = m_index.update(std::numeric_limits<qint64>::max(), mergeBudgetMs);
    const qint64 dropped = changes.droppedRows[m_mode == Mode::Hex ? 0 : 1];
    const QStringList notices = m_topNotices + m_bottomNotices;
    updateNotices();
    m_topRow = std::max<qint64>(0, m_topRow - dropped);
    const bool laid = m_mode == Mode::Text && m_index.layOutText(layoutBudgetMs);

    Watermarks now;
    now.frames = channel(Direction::Rx).frameCount() + channel(Direction::Tx).frameCount();
    now.partial = channel(Direction::Rx).partial().held + channel(Direction::Tx).partial().held;
    updateScrollBars();
    if (m_follow && atBottom)
        setTopRow(maxTopRow());
    if (changes.any() || laid || !(now == m_watermarks) || m_topRow != top
        || notices != m_topNotices + m_bottomNotices)
        viewport()->update();
    m_watermarks = now;
}

void ConversationView::updateNotices()
{
    m_topNotices = topNotices();
    m_bottomNotices = bottomNotices();
}

QStringList ConversationView::topNotices() const
{
    QStringList notices;
    if (const qint64 rx = m_index.hiddenBytes(Direction::Rx))
        notices << tr("%1 received before this point are not shown (ring mode keeps the newest)")
                       .arg(ModelText::byteCount(rx));
    if (const qint64 tx = m_index.hiddenBytes(Direction::Tx))
        notices << tr("%1 sent before this point are not shown (ring mode keeps the newest)")
                       .arg(ModelText::byteCount(tx));
    return notices;
}

QStringList ConversationView::bottomNotices() const
{
    // Bytes past a cap are counted, not stored with a time: they go last.
    QStringList notices;
    if (const qint64 rx = m_index.droppedBytes(Direction::Rx))
        notices << tr("%1 more received were not kept (the store's cap, or no memory)")
                       .arg(ModelText::byteCount(rx));
    if (const qint64 tx = m_index.droppedBytes(Direction::Tx))
        notices << tr("%1 more sent were not kept (the store's cap, or no memory)")
                       .arg(ModelText::byteCount(tx));
    return notices;
}

int ConversationView::noticeCount(bool top) const
{
    return int((top ? m_topNotices : m_bottomNotices).size());
}

qint64 ConversationView::rowCount() const
{
    return noticeCount(true) + m_index.rowCount(m_mode) + noticeCount(false);
}

ConversationIndex::Row ConversationView::contentRow(qint64 row) const
{
    return m_index.rowAt(m_mode, row - noticeCount(true));
}

qint64 ConversationView::viewRowOfEntry(qint64 entry) const
{
    const qint64 first = m_index.firstRow(m_mode, entry);
    return first < 0 ? -1 : first + noticeCount(true);
}

// ---- Scrolling

int ConversationView::rowsPerPage() const
{
    return std::max(1, int(viewport()->height() / m_cell.height));
}

int ConversationView::visibleRows() const
{
    return std::max(1, int(std::ceil(viewport()->height() / m_cell.height)));
}

qint64 ConversationView::maxTopRow() const
{
    return std::max<qint64>(0, rowCount() - rowsPerPage());
}

void ConversationView::updateScrollBars()
{
    const qint64 maxTop = maxTopRow();
    m_topRow = std::min(m_topRow, maxTop);
    m_scroll.update(verticalScrollBar(), m_topRow, maxTop, rowsPerPage());

    const int width = int(std::ceil(bytesX() + lineCells() * m_cell.width + m_cell.width));
    QScrollBar *hbar = horizontalScrollBar();
    hbar->setRange(0, std::max(0, width - viewport()->width()));
    hbar->setPageStep(viewport()->width());
    hbar->setSingleStep(int(std::ceil(m_cell.width)));
}

void ConversationView::setTopRow(qint64 row)
{
    row = std::clamp<qint64>(row, 0, maxTopRow());
    if (row == m_topRow)
        return;
    m_topRow = row;
    m_scroll.moveTo(verticalScrollBar(), row, maxTopRow());
    viewport()->update();
}

void ConversationView::scrollToRow(qint64 row)
{
    if (row < m_topRow || row >= m_topRow + rowsPerPage())
        setTopRow(row - rowsPerPage() / 3);
}

void ConversationView::scrollContentsBy(int dx, int dy)
{
    Q_UNUSED(dx);
    if (dy != 0 && !m_scroll.isSetting())
        m_topRow = m_scroll.rowAt(verticalScrollBar(), maxTopRow());
    viewport()->update();
}

void ConversationView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
}

// ---- The chunk selected

void ConversationView::setCurrentChunk(Direction direction, qint64 chunk)
{
    m_current = ConversationIndex::Entry {direction, chunk};
    const qint64 entry = m_index.entryOf(direction, chunk);
    if (entry >= 0) {
        if (m_mode == Mode::Text)
            m_index.layOutTextTo(entry);
        updateScrollBars();
        const qint64 row = viewRowOfEntry(entry);
        if (row >= 0)
            scrollToRow(row);
    }
    viewport()->update();
}

std::optional<ConversationIndex::Entry> ConversationView::currentChunk() const
{
    return m_current;
}

std::optional<ConversationIndex::Entry> ConversationView::chunkAt(const QPoint &pos) const
{
    const qint64 row = m_topRow + qint64(std::floor(pos.y() / m_cell.height));
    const ConversationIndex::Row content = contentRow(row);
    if (content.entry < 0)
        return std::nullopt;
    return ConversationIndex::Entry {content.direction, content.chunk};
}

QRect ConversationView::chunkRect(Direction direction, qint64 chunk) const
{
    const qint64 row = viewRowOfEntry(m_index.entryOf(direction, chunk));
    if (row < m_topRow || row >= m_topRow + visibleRows())
        return {};
    const qreal y = qreal(row - m_topRow) * m_cell.height;
    return QRectF(0, y, viewport()->width(), m_cell.height).toRect();
}

void ConversationView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QAbstractScrollArea::mousePressEvent(event);
        return;
    }
    const std::optional<ConversationIndex::Entry> entry = chunkAt(event->position().toPoint());
    if (!entry)
        return;
    m_current = entry;
    viewport()->update();
    emit chunkClicked(entry->direction, entry->chunk);
}

void ConversationView::mouseDoubleClickEvent(QMouseEvent *event)
{
    const std::optional<ConversationIndex::Entry> entry = chunkAt(event->position().toPoint());
    if (event->button() == Qt::LeftButton && entry)
        emit chunkActivated(entry->direction, entry->chunk);
}

bool ConversationView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const qint64 row = m_topRow + qint64(std::floor(help->pos().y() / m_cell.height));
        const ConversationIndex::Row content = contentRow(row);
        if (content.entry >= 0)
            QToolTip::showText(help->globalPos(), chunkDescription(content), viewport());
        else
            QToolTip::hideText();
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

QString ConversationView::chunkDescription(const ConversationIndex::Row &row) const
{
    const ChunkRecord chunk = m_index.chunk({row.direction, row.chunk});
    const QString who = fromClient(row.direction) ? tr("client → server") : tr("server → client");
    const QString what = row.direction == Direction::Rx ? tr("received chunk %1").arg(row.chunk)
                                                        : tr("sent chunk %1").arg(row.chunk);
    return tr("%1, %2: %3 at offset %4, %5")
        .arg(who, what, ModelText::byteCount(chunk.size))
        .arg(chunk.offset)
        .arg(ModelText::relativeTime(chunk.timestampNs - m_startNs));
}

// ---- Geometry

void ConversationView::updateMetrics()
{
    const QFontMetricsF metrics(font());
    // The advance of a long run, not of one glyph: what drawText() lays out.
    m_cell.width = metrics.horizontalAdvance(QString(64, QLatin1Char('0'))) / 64;
    const qreal padding = std::max<qreal>(1, std::round(metrics.height() / 10));
    m_cell.height = std::ceil(metrics.height() + 2 * padding);
    m_cell.ascent = padding + metrics.ascent();
    m_glyphs.measure(metrics, m_cell.width);
    m_pictures.setFont(font(), m_cell.width, m_cell.height);
}

void ConversationView::updateColors()
{
    const ViewTheme theme(palette());
    Colors &c = m_colors;
    c.background = theme.background();
    c.text = theme.text();
    c.dimText = theme.dimText();
    // Follow Stream's hues: the client's bytes red, the server's blue; here
    // as quiet row tints under the normal text colour, which reads on a
    // projector, with the full hue in the stripe and labels.
    c.clientMark = theme.pick(0xc0392b, 0xff7b72);
    c.serverMark = theme.pick(0x1f5fbf, 0x79b8ff);
    c.clientBand = theme.tint(c.clientMark, 0.10, 0.20);
    c.serverBand = theme.tint(c.serverMark, 0.10, 0.20);
    c.boundary = theme.shade(0.22, 0.30);
    c.message[0] = theme.pick(0x6a2cb8, 0xc09cff);
    c.message[1] = theme.pick(0x1e8449, 0x7ee2a8);
    c.current = theme.highlight();
    m_pictures.clear();
}

void ConversationView::changeEvent(QEvent *event)
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

qreal ConversationView::gutterWidth() const
{
    return gutterCells * m_cell.width;
}

qreal ConversationView::bytesX() const
{
    return gutterWidth() + 2 * m_cell.width - horizontalScrollBar()->value();
}

int ConversationView::lineCells() const
{
    return m_mode == Mode::Hex ? asciiColumn + ConversationIndex::hexRowBytes : m_index.wrapWidth();
}

qreal ConversationView::byteX(int byte, bool ascii) const
{
    if (m_mode == Mode::Text)
        return bytesX() + byte * m_cell.width;
    return bytesX() + (ascii ? asciiColumn + byte : 3 * byte) * m_cell.width;
}

// ---- Painting

std::vector<ConversationView::PaintRow> ConversationView::rowsOnScreen(qint64 *bytesRead) const
{
    const QStringList &top = m_topNotices;
    const QStringList &bottom = m_bottomNotices;
    const qint64 content = m_index.rowCount(m_mode);
    const qint64 total = top.size() + content + bottom.size();
    std::vector<PaintRow> rows;
    for (qint64 row = m_topRow; row < std::min(total, m_topRow + visibleRows()); ++row) {
        PaintRow paint;
        if (row < top.size()) {
            paint.notice = top.at(int(row));
        } else if (row >= top.size() + content) {
            paint.notice = bottom.at(int(row - top.size() - content));
        } else {
            paint.row = m_index.rowAt(m_mode, row - top.size());
            // The only reads of the stream: the bytes of the rows on screen.
            paint.bytes = channel(paint.row.direction)
                              .store()
                              .read(paint.row.from, paint.row.to - paint.row.from);
            *bytesRead += paint.bytes.size();
        }
        rows.push_back(std::move(paint));
    }
    return rows;
}

ConversationView::Frames ConversationView::framesFor(Direction direction,
                                                     const std::vector<PaintRow> &rows) const
{
    Frames result;
    qint64 from = std::numeric_limits<qint64>::max();
    qint64 to = -1;
    for (const PaintRow &row : rows) {
        if (row.row.entry >= 0 && row.row.direction == direction) {
            from = std::min(from, row.row.from);
            to = std::max(to, row.row.to);
        }
    }
    if (to < 0)
        return result;
    const StreamChannel &ch = channel(direction);
    result.firstIndex = std::max(ch.firstFrameEndingAfter(from), ch.firstFrame());
    const qint64 count = std::min(ch.frameCount() - result.firstIndex, maxFramesPerPaint);
    if (count > 0) {
        result.frames = ch.frames(result.firstIndex, count);
        const auto past = std::find_if(result.frames.begin(), result.frames.end(),
                                       [to](const Frame &f) { return f.offset >= to; });
        result.frames.erase(past, result.frames.end());
    }
    result.partial = ch.partial();
    return result;
}

void ConversationView::paintEvent(QPaintEvent *event)
{
    Q_UNUSED(event);
    ++m_paintCount;
    m_lastPaintBytesRead = 0;
    m_lastPaintRows = 0;
    QPainter painter(viewport());
    painter.fillRect(viewport()->rect(), m_colors.background);
    painter.setFont(font());
    if (!m_connection || rowCount() == 0) {
        painter.setPen(m_colors.dimText);
        const QString text = !m_connection ? tr("Select a connection to see its conversation.")
                             : m_index.endEntry() > m_index.firstEntry() ? tr("Reading lines…")
                                                                         : tr("No bytes yet");
        painter.drawText(viewport()->rect(), Qt::AlignCenter, text);
        return;
    }
    const std::vector<PaintRow> rows = rowsOnScreen(&m_lastPaintBytesRead);
    m_lastPaintRows = qint64(rows.size());
    const Frames frames[2] = {framesFor(Direction::Rx, rows), framesFor(Direction::Tx, rows)};
    qreal y = 0;
    for (const PaintRow &row : rows) {
        const Frames *own
            = row.row.entry < 0 ? nullptr : &frames[row.row.direction == Direction::Rx ? 0 : 1];
        paintRow(painter, row, y, own);
        y += m_cell.height;
    }
    paintCurrent(painter, rows);
}

void ConversationView::paintRow(QPainter &painter, const PaintRow &row, qreal y,
                                const Frames *frames)
{
    const QRectF line(0, y, viewport()->width(), m_cell.height);
    if (row.row.entry < 0) {
        painter.fillRect(line, m_colors.boundary);
        painter.setPen(m_colors.text);
        painter.drawText(QPointF(m_cell.width, y + m_cell.ascent),
                         QStringLiteral("⋯ ") + row.notice);
        return;
    }
    const bool client = fromClient(row.row.direction);
    painter.fillRect(line, client ? m_colors.clientBand : m_colors.serverBand);
    paintGutter(painter, row.row, y);
    paintBytes(painter, row, y);
    if (frames)
        paintMessages(painter, row, y, *frames);
}

void ConversationView::paintGutter(QPainter &painter, const ConversationIndex::Row &row, qreal y)
{
    const bool client = fromClient(row.direction);
    const QColor &mark = client ? m_colors.clientMark : m_colors.serverMark;
    // The stripe says who sent the row, the line above a chunk where it starts.
    const qreal stripe = std::max<qreal>(3, std::round(m_cell.width / 2));
    painter.fillRect(QRectF(0, y, stripe, m_cell.height), mark);
    if (row.rowInEntry != 0)
        return;
    const bool turnStarts
        = row.entry == m_index.firstEntry() || m_index.at(row.entry - 1).direction != row.direction;
    painter.fillRect(QRectF(0, y, viewport()->width(), turnStarts ? 2 : 1),
                     turnStarts ? mark : m_colors.boundary);
    const ChunkRecord chunk = m_index.chunk({row.direction, row.chunk});
    painter.setPen(mark);
    const qreal x = stripe + m_cell.width / 2;
    painter.drawText(QPointF(x, y + m_cell.ascent),
                     ModelText::relativeTime(chunk.timestampNs - m_startNs));
    const QString size = ModelText::byteCount(chunk.size);
    const qreal sizeX = gutterWidth() - QFontMetricsF(font()).horizontalAdvance(size);
    painter.drawText(QPointF(std::max(x, sizeX), y + m_cell.ascent), size);
}

void ConversationView::paintBytes(QPainter &painter, const PaintRow &row, qreal y)
{
    painter.save();
    painter.setClipRect(QRectF(gutterWidth(), y, viewport()->width(), m_cell.height));
    if (m_mode == Mode::Text) {
        paintText(painter, row.bytes, bytesX(), y);
    } else {
        QString hex;
        hex.reserve(hexDigitCells);
        for (char byte : row.bytes)
            hex += QStringLiteral("%1 ").arg(uchar(byte), 2, 16, QLatin1Char('0'));
        painter.setPen(m_colors.text);
        painter.drawText(QPointF(bytesX(), y + m_cell.ascent), hex);
        paintText(painter, row.bytes, byteX(0, true), y);
    }
    painter.restore();
}

void ConversationView::paintText(QPainter &painter, const QByteArray &bytes, qreal x, qreal y)
{
    // The text view's rules (TextGlyphs): control bytes as pictures, UTF-8
    // as its characters, other bytes as dots; nothing reaches the font raw.
    const TextGlyphs::Line line = m_glyphs.split(bytes.constData(), int(bytes.size()));
    const qreal baseline = y + m_cell.ascent;
    painter.setPen(m_colors.text);
    painter.drawText(QPointF(x, baseline), line.normal);
    painter.setPen(m_colors.dimText);
    painter.drawText(QPointF(x, baseline), line.dim);
    for (const TextGlyphs::Line::Single &single : line.singles) {
        painter.setPen(single.dim ? m_colors.dimText : m_colors.text);
        painter.drawText(QPointF(x + single.byte * m_cell.width, baseline), single.text);
    }
    const qreal ratio = painter.device()->devicePixelRatioF();
    for (const auto &[byte, value] : line.pictures)
        painter.drawPixmap(QPointF(x + byte * m_cell.width, y),
                           m_pictures.picture(value, m_colors.dimText, ratio));
}

void ConversationView::paintMessages(QPainter &painter, const PaintRow &row, qreal y,
                                     const Frames &frames)
{
    const qreal width = std::max<qreal>(1, std::round(m_cell.height / 9));
    const auto first
        = std::upper_bound(frames.frames.begin(), frames.frames.end(), row.row.from,
                           [](qint64 offset, const Frame &frame) { return offset < frame.end(); });
    for (auto it = first; it != frames.frames.end() && it->offset < row.row.to; ++it) {
        const qint64 index = frames.firstIndex + qint64(it - frames.frames.begin());
        const QPen pen(m_colors.message[index % 2], width, Qt::SolidLine, Qt::FlatCap);
        underline(painter, row, y, it->offset, it->end(), pen, true);
    }
    // The unfinished tail: dashed, no end yet.
    const PartialFrame &partial = frames.partial;
    if (partial.held > 0 && partial.offset < row.row.to
        && partial.offset + partial.held > row.row.from) {
        QPen pen(m_colors.message[0], width, Qt::SolidLine, Qt::FlatCap);
        pen.setDashPattern({2, 1.5});
        underline(painter, row, y, partial.offset, partial.offset + partial.held, pen, true);
    }
}

void ConversationView::underline(QPainter &painter, const PaintRow &row, qreal y, qint64 from,
                                 qint64 to, const QPen &pen, bool opens)
{
    const int a = int(std::max(from, row.row.from) - row.row.from);
    const int b = int(std::min(to, row.row.to) - row.row.from);
    if (a >= b)
        return;
    painter.save();
    painter.setClipRect(QRectF(gutterWidth(), y, viewport()->width(), m_cell.height));
    painter.setPen(pen);
    const qreal lineY = y + m_cell.height - pen.widthF();
    const bool starts = opens && from >= row.row.from;
    for (const bool ascii :
         m_mode == Mode::Hex ? std::vector<bool> {false, true} : std::vector<bool> {false}) {
        const qreal left = byteX(a, ascii);
        const qreal right
            = byteX(b - 1, ascii) + (ascii || m_mode == Mode::Text ? 1 : 2) * m_cell.width;
        painter.drawLine(QPointF(left, lineY), QPointF(right - 1, lineY));
        // Where a message starts: a tick up the left of its first byte.
        if (starts)
            painter.drawLine(QPointF(left, y + m_cell.height * 0.35), QPointF(left, lineY));
    }
    painter.restore();
}

void ConversationView::paintCurrent(QPainter &painter, const std::vector<PaintRow> &rows)
{
    if (!m_current)
        return;
    qreal top = -1;
    qreal bottom = -1;
    for (size_t i = 0; i < rows.size(); ++i) {
        const ConversationIndex::Row &row = rows[i].row;
        if (row.entry < 0 || row.direction != m_current->direction || row.chunk != m_current->chunk)
            continue;
        if (top < 0)
            top = qreal(i) * m_cell.height;
        bottom = qreal(i + 1) * m_cell.height;
    }
    if (top < 0)
        return;
    const qreal width = ViewTheme(palette()).lineWidth(2);
    painter.setPen(QPen(m_colors.current, width));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(
        QRectF(width / 2, top + width / 2, viewport()->width() - width, bottom - top - width));
}

} // namespace TcpInspector
