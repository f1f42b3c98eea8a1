// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/serverendpoint.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QSettings;
class QSpinBox;

namespace TcpInspector {

class ConnectionOptionFields;
class TlsOptionFields;

/// The server panel's advanced settings: the broken servers of S3 (accept
/// once, one at a time), SO_REUSEADDR (S2), staying open after the peer's EOF
/// (S12, S13), reply delay, deadlines (S6), read slice (S10) and socket
/// options. Each maps to a field of ServerOptions.
class AdvancedServerOptions : public QWidget
{
    Q_OBJECT

public:
    explicit AdvancedServerOptions(QWidget *parent = nullptr);

    /// Writes every field of this form into *options; leaves the rest alone.
    void apply(ServerOptions *options) const;
    /// Only the reply's delay and close-after-reply, which act while listening.
    void applyReply(ReplyPolicy *policy) const;
    void set(const ServerOptions &options);
    void saveSettings(QSettings &settings) const;
    void restoreSettings(const QSettings &settings);
    /// While listening only what acts on the running server can change.
    void setListening(bool listening);
    /// Whether there is a connection that "Read once" can read from.
    void setReadOnceEnabled(bool enabled);
    /// "Use TLS" and its note, which the panel places; the files are here.
    TlsOptionFields *tlsFields() const { return m_tls; }

Q_SIGNALS:
    /// A field changed (by the user or by set()).
    void changed();
    /// "Read once": one read of at most maxBytes on the current connection.
    void readOnceRequested(qint64 maxBytes);

protected:
    void changeEvent(QEvent *event) override;

private:
    void fillAcceptModes();
    void retranslate();

    QLabel *m_listeningNote;
    QLabel *m_acceptLabel;
    QComboBox *m_acceptMode;
    QCheckBox *m_reuseAddress;
    QCheckBox *m_stayOpen;
    QCheckBox *m_closeAfterReply;
    QLabel *m_replyDelayLabel;
    QSpinBox *m_replyDelay;
    ConnectionOptionFields *m_fields;
    TlsOptionFields *m_tls;
    QCheckBox *m_noDelay;
};

} // namespace TcpInspector
