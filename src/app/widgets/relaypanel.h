// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/connection.h"
#include "net/relayfaults.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace TcpInspector {

class ConnectionActions;
class ConnectionTable;
class Workbench;

/// The relay (issue 15): listens on one address and passes every connection
/// on to a target, so the traffic between two programs nobody here wrote
/// shows as two legs per pair, each with its chunks, messages and timeline.
/// Faults (latency, slicing, limits...) are typed as on the command line
/// and apply at once to the bytes that follow.
class RelayPanel : public QWidget
{
    Q_OBJECT

public:
    explicit RelayPanel(Workbench *workbench, QWidget *parent = nullptr);
    ~RelayPanel() override;

    /// Starts relaying with the fields' addresses and faults; false with
    /// the reason under the fields.
    bool start();
    void stop();
    void setAddresses(const QString &listen, const QString &target);
    /// Framing specs both legs of new pairs start with.
    void setDefaultFraming(const QString &rx, const QString &tx);
    /// Parses text ("--latency 50 --slice s2c:1") into the relay's faults;
    /// false with the reason shown.
    bool applyFaults(const QString &text);
    QString statusText() const;
    ConnectionTable *table() const { return m_table; }
    void refresh();
    void retranslate();

    /// "--latency 50 --slice s2c:1" into faults; false with *error.
    static bool parseFaults(const QString &text, RelayFaults *faults, QString *error);

Q_SIGNALS:
    void currentConnectionChanged(TcpInspector::Connection *connection, bool automatic);
    void sendToManyRequested(const QList<TcpInspector::Connection *> &connections);
    void connectionShowRequested(TcpInspector::Connection *connection);
    void statusMessage(const QString &text);

protected:
    void changeEvent(QEvent *event) override;

private:
    void handleStartClicked();
    void showMessage(const QString &text, bool isError);
    void updateWidgets();

    Workbench *m_workbench;
    QLabel *m_listenLabel;
    QLineEdit *m_listenEdit;
    QLabel *m_targetLabel;
    QLineEdit *m_targetEdit;
    QPushButton *m_startButton;
    QLabel *m_faultsLabel;
    QLineEdit *m_faultsEdit;
    QPushButton *m_applyButton;
    QLabel *m_message;
    QTableView *m_view;
    ConnectionActions *m_actions;
    ConnectionTable *m_table;
    QString m_error;
    QString m_rxFraming = QStringLiteral("raw");
    QString m_txFraming = QStringLiteral("raw");
};

} // namespace TcpInspector
