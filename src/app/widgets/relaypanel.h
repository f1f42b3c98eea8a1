// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/connection.h"
#include "net/relayfaults.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QSettings;
class QPushButton;
class QTableView;
class QTimer;

namespace TcpInspector {

class AdvancedSection;
class ConnectionActions;
class ConnectionTable;
class RelayFaultsEditor;
class TlsOptionFields;
class Workbench;

/// The relay (issue 15): listens on one address and passes every connection
/// on to a target, so the traffic between two programs nobody here wrote
/// shows as two legs per pair, each with its chunks, messages and timeline.
/// Faults (latency, slicing, limits, pausing a direction...) are set per
/// direction with controls, or typed as on the command line, and apply at
/// once to the bytes that follow; the command line for what is set is shown,
/// so a setup found by hand can go into a script. Either leg may speak TLS:
/// "TLS to clients" (a certificate and key, or the generated localhost one)
/// and "TLS to the server" (verification, server name, ALPN, CA, client
/// certificate), set under the TLS section and kept in the settings.
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
    /// Parses text ("--latency 50 --slice s2c:1") into the relay's faults
    /// (pausing and refusing, which have no option, stay as they are);
    /// false with the reason shown.
    bool applyFaults(const QString &text);
    /// The faults the controls show (and a running relay has).
    RelayFaults faults() const;
    RelayFaultsEditor *faultsEditor() const { return m_faultsEditor; }
    AdvancedSection *faultsSection() const { return m_faultsSection; }
    QString statusText() const;
    /// Why the last start() or applyFaults() failed; empty after a success.
    QString errorText() const { return m_error; }
    ConnectionTable *table() const { return m_table; }
    /// TLS to the relay's clients (a server's fields) and to its target (a client's).
    TlsOptionFields *clientsTls() const { return m_clientsTls; }
    TlsOptionFields *serverTls() const { return m_serverTls; }
    AdvancedSection *tlsSection() const { return m_tlsSection; }
    void saveSettings(QSettings &settings) const;
    void restoreSettings(const QSettings &settings);
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
    void connectSignals();
    void handleStartClicked();
    /// The controls changed: the relay takes them, the text follows.
    void applyEditedFaults();
    void applyToRelay(const RelayFaults &faults);
    void showMessage(const QString &text, bool isError);
    /// The TLS section: a box per leg, each with its fields.
    QWidget *makeTlsFields();
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
    RelayFaultsEditor *m_faultsEditor;
    AdvancedSection *m_faultsSection;
    QLabel *m_clientsTlsLabel = nullptr;
    QLabel *m_serverTlsLabel = nullptr;
    TlsOptionFields *m_clientsTls = nullptr;
    TlsOptionFields *m_serverTls = nullptr;
    AdvancedSection *m_tlsSection = nullptr;
    QTimer *m_editTimer;
    QLabel *m_message;
    QTableView *m_view;
    ConnectionActions *m_actions;
    ConnectionTable *m_table;
    QString m_error;
    QString m_rxFraming = QStringLiteral("raw");
    QString m_txFraming = QStringLiteral("raw");
};

} // namespace TcpInspector
