// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/clientendpoint.h"
#include "net/connection.h"
#include "net/hostport.h"

#include <QWidget>

#include <memory>
#include <optional>

class QSettings;

namespace Ui {
class ClientPanel;
}

namespace TcpInspector {

class AdvancedClientOptions;
class AdvancedSection;
class ConnectionTable;
class Workbench;

/// The client end: where to connect, with which socket options, and the
/// connections opened, one or N at a time.
class ClientPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ClientPanel(Workbench *workbench, QWidget *parent = nullptr);
    ~ClientPanel() override;

    /// Opens count connections to the target in the field; false (and the
    /// reason under the field) when an address is wrong.
    bool connectToTarget(int count = 1);
    /// Sets the target unless the user typed one of their own: the embedded
    /// server's address, so Connect works with no typing.
    void suggestTarget(const HostPort &address);
    Connection *currentConnection() const;
    void selectConnection(const Connection *connection);
    ConnectionTable *table() const { return m_table; }
    void setDefaultFraming(const QString &rx, const QString &tx);
    void refresh();

    /// Every field as connectToTarget() would use: target, local bind,
    /// timeout, engine, framing, socket options and the Advanced section.
    /// Nothing, with *error, when the target or the local bind does not parse.
    std::optional<ClientOptions> currentOptions(QString *error = nullptr) const;
    /// Fills every field from options (a lesson's settings, or the user's put
    /// back); the target counts as the user's own unless it is empty.
    void applyOptions(const ClientOptions &options);
    AdvancedSection *advancedSection() const { return m_advancedSection; }

    void saveSettings(QSettings &settings) const;
    void restoreSettings(const QSettings &settings);

Q_SIGNALS:
    void currentConnectionChanged(TcpInspector::Connection *connection, bool automatic);
    /// "Send to selected" or "Send to all": the composer's bytes to each of these.
    void sendToManyRequested(const QList<TcpInspector::Connection *> &connections);
    /// "Show the other end" in the table's menu: select it in its panel and show it.
    void connectionShowRequested(TcpInspector::Connection *connection);
    /// A short report for the status bar (rows copied, an export that failed).
    void statusMessage(const QString &text);

protected:
    void changeEvent(QEvent *event) override;

private:
    void fillCombos();
    void handleTargetEdited();
    void showTargetMessage(const QString &text);
    void handleReadOnce(qint64 maxBytes);
    void handleTlsToggled(bool on);
    /// A TLS connection's failure under the target, with the fix in this
    /// window's words (the engine's explanation names the CLI's flags).
    void watchTls(Connection *connection);

    std::unique_ptr<Ui::ClientPanel> m_ui;
    Workbench *m_workbench;
    ConnectionTable *m_table;
    AdvancedClientOptions *m_advanced;
    AdvancedSection *m_advancedSection;
    bool m_userTypedTarget = false;
    QString m_rxFraming = QStringLiteral("line");
    QString m_txFraming = QStringLiteral("line");
};

} // namespace TcpInspector
