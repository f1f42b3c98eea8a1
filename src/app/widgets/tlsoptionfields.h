// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/connectionoptions.h"

#include <QObject>

class QCheckBox;
class QLabel;
class QLineEdit;
class QSettings;
class QWidget;

namespace TcpInspector {

class FlowLayout;

/// The TLS fields of a panel (TlsOptions): "Use TLS", which the panel puts
/// beside its address; for a client "Verify the certificate" and the server
/// name, and ALPN and the PEM files, which go into the Advanced section (the
/// options row has no room left at 1024 px).
/// Makes the widgets as children of the form, with the object names the
/// tests and the settings know; the owners place them.
class TlsOptionFields : public QObject
{
    Q_OBJECT

public:
    enum class Role { Client, Server };

    /// @p settingsPrefix: "client/tls/" or "server/tls/".
    TlsOptionFields(Role role, QString settingsPrefix, QWidget *form);

    QCheckBox *useCheck() const { return m_use; }
    /// Server only: says the generated localhost certificate is for local
    /// testing; shown while TLS is on with no certificate file. Null for a client.
    QLabel *localNote() const { return m_localNote; }
    /// Verify, server name, ALPN and the files, as label-field pairs.
    void addFields(FlowLayout *flow);

    bool isOn() const;
    /// Writes these fields into *tls.
    void apply(TlsOptions *tls) const;
    void set(const TlsOptions &tls);
    void saveSettings(QSettings &settings) const;
    /// Reads what was saved into *tls (the defaults where nothing was).
    void readSettings(const QSettings &settings, TlsOptions *tls) const;
    /// While a server listens its TLS settings are fixed.
    void setEditable(bool editable);
    /// The host a client connects to: what an empty server name means.
    void setHostHint(const QString &host);
    /// Where the fields are, as a failure's fix names it ("Advanced" unless
    /// set); translated by the owner.
    void setPlace(const QString &place) { m_place = place; }
    /// apply(), then what listening or connecting needs checked first: a
    /// certificate with its key, the files readable; a server with no files
    /// takes the generated localhost certificate. False with *error.
    bool prepare(TlsOptions *tls, QString *error) const;
    void retranslate();

Q_SIGNALS:
    void changed();
    void toggled(bool on);

private:
    QString key(const char *name) const;
    /// A failure's fix in this window's words: the fields, where they are.
    TlsFixNames fixNames() const;
    QLineEdit *lineEdit(const char *name);
    QWidget *fileField(QLineEdit *edit);
    void updateWidgets();

    Role m_role;
    QString m_prefix;
    QWidget *m_form;
    bool m_editable = true;
    QString m_hostHint;
    QString m_place;
    QCheckBox *m_use;
    QCheckBox *m_verify = nullptr;
    QLabel *m_localNote = nullptr;
    QLabel *m_serverNameLabel = nullptr;
    QLineEdit *m_serverName = nullptr;
    QLabel *m_alpnLabel;
    QLineEdit *m_alpn;
    QLabel *m_caLabel = nullptr;
    QLineEdit *m_ca = nullptr;
    QLabel *m_certificateLabel;
    QLineEdit *m_certificate;
    QLabel *m_keyLabel;
    QLineEdit *m_key;
    QList<QWidget *> m_browseButtons;
};

} // namespace TcpInspector
