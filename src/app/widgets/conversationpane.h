// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "timeline/timeline.h"
#include "views/streamlayer.h"

#include <QWidget>

#include <memory>

class QMenu;
class QSettings;

namespace Ui {
class ConversationPane;
}

namespace TcpInspector {

class Connection;
class ConnectionView;
class ConversationView;

/// The conversation of the selected connection (issue 15): both directions
/// in time order in one ConversationView, with who sent what in its legend,
/// text or hex, and follow live. Linked to the direction view: a click on a
/// chunk selects it there, a chunk selected there is framed here.
class ConversationPane : public QWidget
{
    Q_OBJECT

public:
    explicit ConversationPane(QWidget *parent = nullptr);
    ~ConversationPane() override;

    void setConnection(Connection *connection);
    /// Display rate; nothing while the pane is hidden (it catches up when shown).
    void refresh();
    ConversationView *view() const;
    /// Both ways: chunks clicked here are selected in @p view's chunk table,
    /// its current chunk is framed here.
    void linkTo(ConnectionView *view);
    /// The plaintext or, for a TLS connection, the records on the wire
    /// (what the direction view chose, once linked).
    void showLayer(StreamLayer layer);
    /// The layer shown now: the wire only for a TLS connection.
    StreamLayer shownLayer() const;

    /// The menu a right-click on the conversation opens, for the chunk at
    /// @p position (viewport coordinates). The caller owns it; tests trigger
    /// its actions (found by objectName) without opening it.
    QMenu *contextMenu(const QPoint &position, QWidget *parent = nullptr);

    void saveSettings(QSettings &settings) const;
    void restoreSettings(const QSettings &settings);

Q_SIGNALS:
    /// A chunk was double-clicked (its direction is selected already), or
    /// a direction chosen in the view selector: the window shows the direction view.
    void directionViewRequested();
    /// Something for the status bar (a copy done, or too large).
    void statusMessage(const QString &text);

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void updateTitle();
    void updateLegend();
    void fillViewCombo();
    void copyChunk(Direction direction, qint64 chunk, int format);

    std::unique_ptr<Ui::ConversationPane> m_ui;
    Connection *m_connection = nullptr;
    ConnectionView *m_directionView = nullptr;
    QString m_lastTitle;
};

} // namespace TcpInspector
