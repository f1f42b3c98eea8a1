// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/clientendpoint.h"

#include <QWidget>

class QLabel;
class QSettings;
class QSpinBox;

namespace TcpInspector {

class ConnectionOptionFields;
class TlsOptionFields;

/// The client panel's advanced settings: deadlines (S6), read slice and
/// "Read once" (S8, S10), keepalive timing and TCP_USER_TIMEOUT (S5, lesson
/// 9), SYN retries (S5), socket sizes and the TLS
/// server name, ALPN and files. Each maps to a field of
/// ClientOptions; whether keepalive is on stays the panel's own check box.
class AdvancedClientOptions : public QWidget
{
    Q_OBJECT

public:
    explicit AdvancedClientOptions(QWidget *parent = nullptr);

    /// Writes every field of this form into *options; leaves the rest alone.
    void apply(ClientOptions *options) const;
    void set(const ClientOptions &options);
    void saveSettings(QSettings &settings) const;
    void restoreSettings(const QSettings &settings);
    /// "Use TLS" and "Verify", which the panel places; the rest is here.
    TlsOptionFields *tlsFields() const { return m_tls; }
    /// Whether there is a connection that "Read once" can read from.
    void setReadOnceEnabled(bool enabled);

Q_SIGNALS:
    /// A field changed (by the user or by set()).
    void changed();
    /// "Read once": one read of at most maxBytes on the current connection.
    void readOnceRequested(qint64 maxBytes);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    ConnectionOptionFields *m_fields;
    TlsOptionFields *m_tls;
    QLabel *m_keepIdleLabel;
    QSpinBox *m_keepIdle;
    QLabel *m_keepIntervalLabel;
    QSpinBox *m_keepInterval;
    QLabel *m_keepCountLabel;
    QSpinBox *m_keepCount;
    QLabel *m_userTimeoutLabel;
    QSpinBox *m_userTimeout;
    QLabel *m_synRetriesLabel;
    QSpinBox *m_synRetries;
    QLabel *m_maxSegmentLabel;
    QSpinBox *m_maxSegment;
};

} // namespace TcpInspector
