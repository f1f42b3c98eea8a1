// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/byteformat.h"
#include "models/messagetablemodel.h"
#include "net/connection.h"
#include "stream/linking.h"
#include "views/streamlayer.h"

#include <QWidget>

#include <memory>
#include <vector>

class QAbstractItemView;
class QAction;
class QMenu;
class QSettings;

namespace Ui {
class ConnectionView;
}

namespace TcpInspector {

class ChunkTableModel;
class FollowScroller;
class HexView;
class MessageFilterModel;
class MessageTableModel;
class RowHighlightDelegate;
class SelectionLinker;
class Workbench;

/// One direction of the selected connection: every read or write as the chunk
/// it was, the messages the framing decoder built from them, the bytes in hex
/// or as text, all linked, with a framing selector, find and copy.
///
/// It composes the parts: the models, a SelectionLinker between the tables
/// and the hex view, a FindBar, and the framing selector it drives itself.
class ConnectionView : public QWidget
{
    Q_OBJECT

public:
    explicit ConnectionView(Workbench *workbench, QWidget *parent = nullptr);
    ~ConnectionView() override;

    void setConnection(Connection *connection);
    Connection *connection() const { return m_connection; }
    void setDirection(Direction direction);
    Direction direction() const { return m_direction; }
    /// For a TLS connection: the plaintext or the TLS records on the wire.
    /// The choice stays when the connection changes; a connection without
    /// TLS shows its plaintext whatever it is.
    void setLayer(StreamLayer layer);
    StreamLayer layer() const { return m_layer; }
    /// The layer the tables show now: the wire only for a TLS connection.
    StreamLayer shownLayer() const;
    /// The View menu's "Show the TLS records" (checkable, enabled for a TLS connection).
    QAction *wireAction() const { return m_wireAction; }
    /// Display rate: new rows, new bytes, the title.
    void refresh();

    void copyAs(ByteFormat::Format format);
    /// The bytes of a table's selected rows (chunk or message table), as a format.
    void copyRowsAs(QAbstractItemView *table, ByteFormat::Format format);
    /// Selects the rows of the other table that the selected rows link to:
    /// a chunk's messages, a message's chunks.
    void jumpToLinked(QAbstractItemView *table);
    /// The raw bytes of a table's selected rows, in stream order, to a file.
    bool exportRowBytes(QAbstractItemView *table, const QString &path, QString *error) const;
    /// The menu a right-click on the chunk or message table opens, for the
    /// selection as it is now. The caller owns it; tests trigger its actions
    /// (found by objectName) without opening it.
    QMenu *contextMenu(QAbstractItemView *table, QWidget *parent = nullptr);
    /// Follow live: each table keeps its newest rows in view while it is
    /// scrolled to its end (the toggle in the bar).
    void setFollowLive(bool follow);
    bool followLive() const;
    FollowScroller *chunkFollower() const { return m_chunkFollow; }
    FollowScroller *messageFollower() const { return m_messageFollow; }
    /// Puts the cursor in the find field.
    void focusFind();
    /// Selects a chunk of the shown direction: chunk @p chunk of layer @p of
    /// (the timeline's ticks are the plaintext's), or on the wire the record
    /// chunk nearest it in time.
    void selectChunk(qint64 chunk, StreamLayer of = StreamLayer::Plaintext);
    /// Selects the message holding the byte at @p offset of the shown
    /// direction, else its chunk, as a click in the hex view does (a
    /// scenario step that matched or sent it). The offset is the
    /// plaintext's; on the wire, the record chunk nearest it in time.
    void selectByte(qint64 offset);

    // For the window's tests and status bar.
    QAbstractItemView *chunkTable() const;
    QAbstractItemView *messageTable() const;
    HexView *hexView() const;
    ChunkTableModel *chunkModel() const { return m_chunks.get(); }
    MessageTableModel *messageModel() const { return m_messages.get(); }
    IndexRange highlightedChunkRows() const;
    IndexRange highlightedMessageRows() const;

    void saveSettings(QSettings &settings) const;
    void restoreSettings(const QSettings &settings);

Q_SIGNALS:
    /// Something for the status bar (a copy too large, a filter that is not valid).
    void statusMessage(const QString &text);
    /// A chunk or message was selected: when it happened, for the timeline's cursor.
    void timeSelected(TcpInspector::Connection *connection, qint64 timeNs);
    /// The user chose both directions, as a conversation, in the direction selector.
    void conversationRequested();
    /// The user applied a framing: new connections of that side start with it.
    void framingApplied(TcpInspector::Connection::Side side, TcpInspector::Direction direction,
                        const QString &spec);
    /// The plaintext or the wire was chosen (the conversation follows).
    void layerChanged(TcpInspector::StreamLayer layer);

protected:
    void changeEvent(QEvent *event) override;

private:
    /// The direction selector's third item: both directions (the conversation).
    static constexpr int BothItem = 2;
    /// bytes on the clipboard in format; nothingMessage (with %1 for the
    /// copy limit) when there are none.
    void copyBytes(const QByteArray &bytes, ByteFormat::Format format,
                   const QString &nothingMessage);
    void wireFraming();
    void wireLinks();
    void wireFind();
    void fillCombos();
    void bindChannel();
    void updateTitle();
    void updateRedecodeProgress();
    void updateFramingSelector();
    void updateLayerControls();
    /// The chunk of the shown layer for chunk @p chunk of layer @p of.
    qint64 chunkOnShownLayer(qint64 chunk, StreamLayer of) const;
    void handleFramingNameChosen();
    void handleFramingSpecEdited(const QString &text);
    bool applyFraming(const QString &spec);
    void handleFound(qint64 offset, qint64 length);
    void showHighlights();
    /// The bytes a copy takes: the hex view's selection, else the selected
    /// messages, else the selected chunks.
    QByteArray bytesToCopy() const;
    /// The stream bytes of a table's rows, in row order.
    std::vector<MessageTableModel::ByteRange> rowRanges(const QAbstractItemView *table,
                                                        bool orCurrent) const;
    /// Up to HexView::maxCopyBytes of these bytes; empty when there are more.
    QByteArray readRanges(const std::vector<MessageTableModel::ByteRange> &ranges) const;
    void handleTableMenu(QAbstractItemView *table, const QPoint &position);
    void handleExportAsked(QAbstractItemView *table, bool bytes);
    void addConnectionActions(QMenu *menu);
    const StreamChannel *channel() const;
    /// The message table shows the filter's rows, or all of them.
    void attachMessageModel(bool filtering);

    std::unique_ptr<Ui::ConnectionView> m_ui;
    Workbench *m_workbench;
    Connection *m_connection = nullptr;
    Direction m_direction = Direction::Rx;
    StreamLayer m_layer = StreamLayer::Plaintext;
    QAction *m_wireAction;
    std::unique_ptr<ChunkTableModel> m_chunks;
    std::unique_ptr<MessageTableModel> m_messages;
    MessageFilterModel *m_filter;
    std::unique_ptr<SelectionLinker> m_linker; ///< after the models it links
    RowHighlightDelegate *m_chunkHighlight;
    RowHighlightDelegate *m_messageHighlight;
    FollowScroller *m_chunkFollow;
    FollowScroller *m_messageFollow;
    bool m_showingProgress = false;
    QString m_lastTitle;
};

} // namespace TcpInspector
