// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "framing/frame.h"
#include "views/controlpictures.h"
#include "views/conversationindex.h"
#include "views/rowscrollbar.h"
#include "views/streamlayer.h"
#include "views/textglyphs.h"

#include <QAbstractScrollArea>
#include <QColor>

#include <optional>

namespace TcpInspector {

class Connection;

/// Both directions of one connection interleaved in time order, as
/// Wireshark's Follow Stream shows them: each turn in the colour of the end
/// that sent it (client to server, server to client), every chunk on rows of
/// its own with its time and size beside its first row and a line above it,
/// the messages of the chosen framing underlined, as text or as hex.
///
/// Virtual, as the hex view: ConversationIndex keeps one small record per
/// chunk, a paint reads only the bytes of the rows on screen. It pulls:
/// refresh(), from the window's display-rate timer, takes in what arrived
/// and follows the end while the view is scrolled to it. Bytes the stores
/// let go (ring mode) or never kept (a cap) are a line saying how many.
class ConversationView : public QAbstractScrollArea
{
    Q_OBJECT

public:
    using Mode = ConversationIndex::Mode;
    struct Colors
    {
        QColor background;
        QColor text;
        QColor dimText;
        QColor clientBand; ///< rows of bytes the client sent
        QColor serverBand;
        QColor clientMark; ///< the stripe and labels of the client's chunks
        QColor serverMark;
        QColor boundary;   ///< the line between two chunks of one turn
        QColor message[2]; ///< underlines of even and odd messages
        QColor current;    ///< the frame round the chunk selected
    };

    explicit ConversationView(QWidget *parent = nullptr);
    ~ConversationView() override;

    /// The connection must outlive the view or be replaced (nullptr clears).
    void setConnection(const Connection *connection);
    const Connection *connection() const { return m_connection; }
    /// The plaintext or, for a TLS connection, the records on the wire:
    /// the conversation starts again from the top in that layer.
    void setLayer(StreamLayer layer);
    StreamLayer layer() const { return m_layer; }
    void setMode(Mode mode);
    Mode mode() const { return m_mode; }
    /// Keep the newest rows in view while scrolled to the end.
    void setFollowLive(bool follow) { m_follow = follow; }
    bool followLive() const { return m_follow; }
    /// Takes in what arrived: bounded work per call (ConversationIndex::update,
    /// layOutText), a repaint only when something changed.
    void refresh();

    /// Whether a direction of the shown connection carries what the client sent.
    bool fromClient(Direction direction) const;
    /// Frames the chunk (the direction views' selection); scrolls to it.
    void setCurrentChunk(Direction direction, qint64 chunk);
    std::optional<ConversationIndex::Entry> currentChunk() const;
    /// The chunk drawn at a viewport position, if any.
    std::optional<ConversationIndex::Entry> chunkAt(const QPoint &pos) const;
    /// The first row of a chunk on screen, in viewport coordinates; null
    /// when it is not on screen.
    QRect chunkRect(Direction direction, qint64 chunk) const;

    const ConversationIndex &index() const { return m_index; }
    const Colors &colors() const { return m_colors; }
    /// Rows: the notices of bytes not kept and the chunks' rows.
    qint64 rowCount() const;
    qint64 topRow() const { return m_topRow; }
    bool atEnd() const { return m_topRow >= maxTopRow(); }
    void scrollToRow(qint64 row);

    // For tests and diagnostics: what the last paint cost.
    qint64 lastPaintBytesRead() const { return m_lastPaintBytesRead; }
    qint64 lastPaintRows() const { return m_lastPaintRows; }
    qint64 paintCount() const { return m_paintCount; }

Q_SIGNALS:
    /// The user clicked a chunk.
    void chunkClicked(TcpInspector::Direction direction, qint64 chunk);
    /// The user double-clicked a chunk: show it in its direction's tables.
    void chunkActivated(TcpInspector::Direction direction, qint64 chunk);

protected:
    // QAbstractScrollArea API
    bool viewportEvent(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct Cells
    {
        qreal width = 8;
        qreal height = 16;
        qreal ascent = 12;
    };
    /// The frames of one direction that touch the bytes on screen.
    struct Frames
    {
        std::vector<Frame> frames;
        qint64 firstIndex = 0;
        PartialFrame partial;
    };
    /// One row on screen: a chunk's bytes, or a notice.
    struct PaintRow
    {
        ConversationIndex::Row row;
        QString notice;
        QByteArray bytes;
    };

    void updateMetrics();
    void updateColors();
    void updateScrollBars();
    void setTopRow(qint64 row);
    qint64 maxTopRow() const;
    int rowsPerPage() const;
    int visibleRows() const;
    /// Notices of bytes not kept: before the chunks (ring mode) or after (a cap).
    int noticeCount(bool top) const;
    QStringList topNotices() const;
    QStringList bottomNotices() const;
    /// The notices as of the last refresh(): what the rows count and show.
    void updateNotices();
    /// The chunk row of a view row, or an invalid one (a notice).
    ConversationIndex::Row contentRow(qint64 row) const;
    qint64 viewRowOfEntry(qint64 entry) const;
    QString chunkDescription(const ConversationIndex::Row &row) const;
    const StreamChannel &channel(Direction direction) const;

    // Geometry: the gutter (time and size) left of the bytes.
    qreal gutterWidth() const;
    qreal bytesX() const;
    int lineCells() const;
    /// x of a byte's cell (in the hex digits, or the text); ascii: hex mode's
    /// character column.
    qreal byteX(int byte, bool ascii) const;

    // Painting.
    std::vector<PaintRow> rowsOnScreen(qint64 *bytesRead) const;
    Frames framesFor(Direction direction, const std::vector<PaintRow> &rows) const;
    void paintRow(QPainter &painter, const PaintRow &row, qreal y, const Frames *frames);
    void paintGutter(QPainter &painter, const ConversationIndex::Row &row, qreal y);
    void paintBytes(QPainter &painter, const PaintRow &row, qreal y);
    void paintText(QPainter &painter, const QByteArray &bytes, qreal x, qreal y);
    void paintMessages(QPainter &painter, const PaintRow &row, qreal y, const Frames &frames);
    void underline(QPainter &painter, const PaintRow &row, qreal y, qint64 from, qint64 to,
                   const QPen &pen, bool opens);
    void paintCurrent(QPainter &painter, const std::vector<PaintRow> &rows);

    const Connection *m_connection = nullptr;
    StreamLayer m_layer = StreamLayer::Plaintext;
    ConversationIndex m_index;
    Mode m_mode = Mode::Text;
    bool m_follow = true;
    qint64 m_startNs = 0;
    std::optional<ConversationIndex::Entry> m_current;

    qint64 m_topRow = 0;
    RowScrollBar m_scroll;
    /// What refresh() compares to decide whether to repaint.
    struct Watermarks
    {
        qint64 frames = 0;
        qint64 partial = 0;
        bool operator==(const Watermarks &o) const
        {
            return frames == o.frames && partial == o.partial;
        }
    } m_watermarks;
    QStringList m_topNotices;
    QStringList m_bottomNotices;

    Cells m_cell;
    Colors m_colors;
    TextGlyphs m_glyphs;
    ControlPictures m_pictures;

    qint64 m_lastPaintBytesRead = 0;
    qint64 m_lastPaintRows = 0;
    qint64 m_paintCount = 0;
};

} // namespace TcpInspector
