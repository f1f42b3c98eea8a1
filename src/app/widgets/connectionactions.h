// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QWidget>

#include <memory>

class QAction;

namespace Ui {
class ConnectionActions;
}

namespace TcpInspector {

class Connection;

/// The buttons that act on the selected connections of a panel: half-close,
/// close, reset, pause reading, send the composer's bytes to the selected
/// ones or to all. They enable themselves from the connections' states.
class ConnectionActions : public QWidget
{
    Q_OBJECT

public:
    explicit ConnectionActions(QWidget *parent = nullptr);
    ~ConnectionActions() override;

    /// The connections the buttons act on (none: all disabled); readPaused is
    /// the current one's; anyCanSend: some connection of the panel can send.
    /// Call again when their states change.
    void updateWidgets(const QList<Connection *> &selected, bool readPaused, bool anyCanSend);

    /// The send button's menu entries, for the table's context menu too.
    QAction *sendToSelectedAction() const { return m_sendToSelected; }
    QAction *sendToAllAction() const { return m_sendToAll; }

    /// What the buttons offer for these connections, for menus alike.
    static bool canHalfClose(const QList<Connection *> &connections);
    static bool canClose(const QList<Connection *> &connections);
    static bool canReset(const QList<Connection *> &connections);
    static bool canSend(const QList<Connection *> &connections);

Q_SIGNALS:
    void halfCloseClicked();
    void closeClicked();
    void resetClicked();
    void readPausedToggled(bool paused);
    void removeClosedClicked();
    void sendToSelectedClicked();
    void sendToAllClicked();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    std::unique_ptr<Ui::ConnectionActions> m_ui;
    QAction *m_sendToSelected;
    QAction *m_sendToAll;
};

} // namespace TcpInspector
