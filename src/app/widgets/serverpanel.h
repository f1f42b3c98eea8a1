// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/connection.h"
#include "net/hostport.h"
#include "net/replypolicy.h"
#include "net/serverendpoint.h"

#include <QWidget>

#include <memory>
#include <optional>

class QLabel;
class QPushButton;
class QSettings;

namespace Ui {
class ServerPanel;
}

namespace TcpInspector {

class AdvancedSection;
class AdvancedServerOptions;
class ConnectionTable;
class Workbench;

/// The server end: where to listen, how to answer, and its connections.
class ServerPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ServerPanel(Workbench *workbench, QWidget *parent = nullptr);
    ~ServerPanel() override;

    /// Listens on the address in the field; false (and the reason shown
    /// under the field) when it cannot.
    bool listen();
    void stop();
    Connection *currentConnection() const;
    void selectConnection(const Connection *connection);
    ConnectionTable *table() const { return m_table; }
    /// Framing specs new connections start with (the last ones applied).
    void setDefaultFraming(const QString &rx, const QString &tx);
    void refresh();

    /// Every field as the options listen() would use: address, reply,
    /// engine, framing, backlog, limits and the Advanced section. Nothing,
    /// with *error, when the address or the reply does not parse.
    std::optional<ServerOptions> currentOptions(QString *error = nullptr) const;
    /// Fills every field from options (a lesson's settings, or the user's
    /// put back). Reply rules are text here: see setRulesText().
    void applyOptions(const ServerOptions &options);
    /// The reply rules as written (ReplyPolicy::Kind::Rules uses them).
    QString rulesText() const { return m_rulesText; }
    void setRulesText(const QString &rules);
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
    /// Listening started on this address (port 0 already resolved).
    void listening(const TcpInspector::HostPort &address);

protected:
    void changeEvent(QEvent *event) override;

private:
    void fillCombos();
    void handleAddressEdited();
    void handleListenClicked();
    void handleReplyChanged();
    /// What the reply controls say, or nothing with *error.
    std::optional<ReplyPolicy> replyPolicy(QString *error) const;
    void editRules();
    void showAddressMessage(const QString &text, bool isError);
    void updateWidgets();
    void handleReadOnce(qint64 maxBytes);
    /// The TLS files, or the generated localhost certificate when there are
    /// none, checked as the CLI does; false with *error when they fail.

    std::unique_ptr<Ui::ServerPanel> m_ui;
    Workbench *m_workbench;
    ConnectionTable *m_table;
    QPushButton *m_rulesButton = nullptr;
    AdvancedServerOptions *m_advanced;
    AdvancedSection *m_advancedSection;
    QString m_rulesText;    ///< the reply rules, as the user wrote them
    QString m_typedAddress; ///< what the user asked for, e.g. port 0
    QString m_rxFraming = QStringLiteral("line");
    QString m_txFraming = QStringLiteral("line");
};

} // namespace TcpInspector
