// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

#include <memory>

namespace Ui {
class ConnectionActions;
}

namespace TcpInspector {

class Connection;

/// The buttons that act on the selected connection of a panel: half-close,
/// close, reset, pause reading. They enable themselves from its state.
class ConnectionActions : public QWidget
{
    Q_OBJECT

public:
    explicit ConnectionActions(QWidget *parent = nullptr);
    ~ConnectionActions() override;

    /// The connection the buttons act on, or nullptr; call again when its state changes.
    void updateWidgets(const Connection *connection, bool readPaused);

Q_SIGNALS:
    void halfCloseClicked();
    void closeClicked();
    void resetClicked();
    void readPausedToggled(bool paused);
    void removeClosedClicked();

protected:
    void changeEvent(QEvent *event) override;

private:
    std::unique_ptr<Ui::ConnectionActions> m_ui;
};

} // namespace TcpInspector
