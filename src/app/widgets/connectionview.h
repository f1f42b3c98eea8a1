// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/byteformat.h"
#include "net/connection.h"
#include "stream/linking.h"

#include <QTimer>
#include <QWidget>

#include <memory>

class QAbstractItemView;
class QSettings;

namespace Ui {
class ConnectionView;
}

namespace TcpInspector {

class ChunkTableModel;
class HexView;
class MessageFilterModel;
class MessageTableModel;
class RowHighlightDelegate;
class StreamLinks;
class StreamSearch;
class Workbench;

/// One direction of the selected connection: every read or write as the chunk
/// it was, the messages the framing decoder built from them, the bytes in hex
/// or as text, all linked, with a framing selector, find and copy.
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
    /// Display rate: new rows, new bytes, the title.
    void refresh();

    /// Decodes the shown direction again with spec; false with the reason
    /// shown under the selector.
    bool applyFraming(const QString &spec);
    /// The bytes a copy takes: the hex view's selection, else the selected
    /// messages, else the selected chunks.
    QByteArray bytesToCopy() const;
    void copyAs(ByteFormat::Format format);
    void findNext(bool backward = false);
    /// Selects a chunk row of the shown direction (the timeline's ticks).
    void selectChunk(qint64 chunk);
    /// Shows only messages containing the find field's text (or hex); false
    /// when what is typed is not valid.
    bool setFilterEnabled(bool enabled);

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
    /// The user applied a framing: new connections of that side start with it.
    void framingApplied(TcpInspector::Connection::Side side, TcpInspector::Direction direction,
                        const QString &spec);

protected:
    void changeEvent(QEvent *event) override;

private:
    void fillCombos();
    void bindChannel();
    void updateTitle();
    void updateRedecodeProgress();
    void updateFramingSelector();
    void handleFramingNameChosen();
    void handleChunkSelection();
    void handleMessageSelection();
    void handleByteClicked(qint64 offset);
    void continueSearch();
    void finishSearch(qint64 offset);
    const StreamChannel *channel() const;
    /// What the find field asks for, as bytes; empty with *error when invalid.
    QByteArray findPattern(QString *error) const;
    void attachMessageModel();
    int toSourceRow(int viewRow) const;
    int toViewRow(int sourceRow) const;
    IndexRange selectedMessageRows() const;
    void emitStatus(const QString &text);

    std::unique_ptr<Ui::ConnectionView> m_ui;
    Workbench *m_workbench;
    Connection *m_connection = nullptr;
    Direction m_direction = Direction::Rx;
    std::unique_ptr<ChunkTableModel> m_chunks;
    std::unique_ptr<MessageTableModel> m_messages;
    std::unique_ptr<StreamLinks> m_links;
    MessageFilterModel *m_filter;
    bool m_filtering = false;
    RowHighlightDelegate *m_chunkHighlight;
    RowHighlightDelegate *m_messageHighlight;
    std::unique_ptr<StreamSearch> m_search;
    qint64 m_searchNeedleSize = 0;
    bool m_linking = false;
    bool m_showingProgress = false;
    qint64 m_lastMatch = -1; ///< where find last found something, to go on from there
    bool m_searchBackward = false;
    qint64 m_searchFrom = 0;
    bool m_searchWrapped = false;
    QTimer m_filterDelay; ///< a selection being mirrored, not made by the user
    QString m_lastTitle;
};

} // namespace TcpInspector
