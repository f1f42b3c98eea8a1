// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/tlsoptionfields.h"

#include "net/localcertificate.h"
#include "net/tlssession.h"
#include "views/flowlayout.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QToolButton>

namespace TcpInspector {

TlsOptionFields::TlsOptionFields(Role role, QString settingsPrefix, QWidget *form)
    : QObject(form),
      m_role(role),
      m_prefix(std::move(settingsPrefix)),
      m_form(form),
      m_use(new QCheckBox(form)),
      m_alpnLabel(new QLabel(form)),
      m_alpn(lineEdit("tlsAlpnEdit")),
      m_certificateLabel(new QLabel(form)),
      m_certificate(lineEdit("tlsCertificateEdit")),
      m_keyLabel(new QLabel(form)),
      m_key(lineEdit("tlsKeyEdit"))
{
    m_use->setObjectName(QStringLiteral("tlsCheck"));
    if (role == Role::Client) {
        m_verify = new QCheckBox(form);
        m_verify->setObjectName(QStringLiteral("tlsVerifyCheck"));
        m_verify->setChecked(true);
        m_serverNameLabel = new QLabel(form);
        m_serverName = lineEdit("tlsServerNameEdit");
        m_caLabel = new QLabel(form);
        m_ca = lineEdit("tlsCaEdit");
        connect(m_verify, &QCheckBox::toggled, this, &TlsOptionFields::changed);
    } else {
        m_localNote = new QLabel(form);
        m_localNote->setObjectName(QStringLiteral("tlsLocalNote"));
        m_localNote->setWordWrap(true);
    }
    connect(m_use, &QCheckBox::toggled, this, [this](bool on) {
        updateWidgets();
        emit toggled(on);
        emit changed();
    });
    retranslate();
    updateWidgets();
}

QString TlsOptionFields::key(const char *name) const
{
    return m_prefix + QLatin1String(name);
}

QLineEdit *TlsOptionFields::lineEdit(const char *name)
{
    auto *edit = new QLineEdit(m_form);
    edit->setObjectName(QLatin1String(name));
    edit->setClearButtonEnabled(true);
    connect(edit, &QLineEdit::textChanged, this, [this] {
        updateWidgets();
        emit changed();
    });
    return edit;
}

QWidget *TlsOptionFields::fileField(QLineEdit *edit)
{
    auto *field = new QWidget(m_form);
    auto *row = new QHBoxLayout(field);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(2);
    row->addWidget(edit, 1);
    auto *browse = new QToolButton(field);
    browse->setObjectName(edit->objectName() + QStringLiteral("Browse"));
    browse->setText(QStringLiteral("..."));
    row->addWidget(browse);
    m_browseButtons.append(browse);
    connect(browse, &QToolButton::clicked, this, [this, edit] {
        const QString file = QFileDialog::getOpenFileName(
            m_form, tr("Choose a PEM file"), edit->text(),
            tr("PEM files (*.pem *.crt *.cer *.key);;All files (*)"));
        if (!file.isEmpty())
            edit->setText(file);
    });
    return field;
}

void TlsOptionFields::addFields(FlowLayout *flow)
{
    if (m_verify)
        flow->addWidget(m_verify);
    if (m_serverName)
        flow->addPair(m_serverNameLabel, m_serverName);
    flow->addPair(m_alpnLabel, m_alpn);
    if (m_ca)
        flow->addPair(m_caLabel, fileField(m_ca));
    flow->addPair(m_certificateLabel, fileField(m_certificate));
    flow->addPair(m_keyLabel, fileField(m_key));
}

void TlsOptionFields::retranslate()
{
    const bool client = m_role == Role::Client;
    m_use->setText(tr("Use TLS"));
    m_use->setToolTip(
        client ? tr("Speak TLS (OpenSSL over the native engine): the views show the plaintext, "
                    "the timeline the handshake and alerts; verification, server name, ALPN and "
                    "certificates are under Advanced")
               : tr("Speak TLS to each client (OpenSSL over the native engine), with the "
                    "certificate and key under Advanced, or else a generated localhost "
                    "certificate"));
    if (m_verify) {
        m_verify->setText(tr("Verify the certificate"));
        m_verify->setToolTip(tr("Refuse a server certificate that fails verification (its "
                                "chain or its name); off, the timeline still says why it "
                                "would fail"));
        m_serverNameLabel->setText(tr("Server name"));
        m_serverName->setToolTip(tr("TLS server name (SNI) to send and to check the "
                                    "certificate against"));
        m_caLabel->setText(tr("CA file"));
        m_ca->setToolTip(tr("Trust the CA certificates (PEM) in this file besides the "
                            "system's"));
        m_certificateLabel->setText(tr("Client certificate"));
        m_certificate->setToolTip(tr("TLS client certificate (PEM), with its key"));
        m_alpn->setToolTip(tr("TLS application protocols to offer, comma-separated"));
    } else {
        m_localNote->setText(tr("TLS without a certificate file: a generated localhost "
                                "certificate, for local testing only."));
        m_certificateLabel->setText(tr("Certificate"));
        m_certificate->setToolTip(tr("TLS server certificate (PEM, the chain after it), with "
                                     "its key; empty: a generated localhost certificate"));
        m_alpn->setToolTip(tr("TLS application protocols to accept, in order of preference, "
                              "comma-separated"));
    }
    m_alpnLabel->setText(tr("ALPN"));
    m_alpn->setPlaceholderText(tr("e.g. h2,http/1.1"));
    m_keyLabel->setText(tr("Key"));
    m_key->setToolTip(tr("Private key (PEM) of the certificate"));
    for (QWidget *browse : std::as_const(m_browseButtons))
        browse->setToolTip(tr("Choose a PEM file"));
    setHostHint(m_hostHint);
}

void TlsOptionFields::setHostHint(const QString &host)
{
    m_hostHint = host;
    if (m_serverName)
        m_serverName->setPlaceholderText(host.isEmpty() ? tr("the host") : host);
}

bool TlsOptionFields::isOn() const
{
    return m_use->isChecked();
}

void TlsOptionFields::apply(TlsOptions *tls) const
{
    tls->enabled = m_use->isChecked();
    tls->verify = !m_verify || m_verify->isChecked();
    tls->serverName = m_serverName ? m_serverName->text().trimmed() : QString();
    tls->alpn.clear();
    for (const QString &name : m_alpn->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!name.trimmed().isEmpty())
            tls->alpn.append(name.trimmed());
    }
    tls->caFile = m_ca ? m_ca->text().trimmed() : QString();
    tls->certificateFile = m_certificate->text().trimmed();
    tls->keyFile = m_key->text().trimmed();
    tls->fixNames = fixNames();
}

TlsFixNames TlsOptionFields::fixNames() const
{
    const QString place = m_place.isEmpty() ? tr("Advanced") : m_place;
    TlsFixNames names;
    names.trustCa = tr("the CA file under %1").arg(place);
    if (m_verify)
        names.skipVerify = tr("\"%1\" unticked").arg(m_verify->text());
    // %1 stays for the engine: the name the certificate is for.
    names.serverName = tr("the server name %1 under %2").arg(QStringLiteral("%1"), place);
    names.clientCertificate = tr("a client certificate and key under %1").arg(place);
    names.alpn = tr("the ALPN list under %1").arg(place);
    names.withoutTls = tr("with \"%1\" unticked").arg(m_use->text());
    return names;
}

bool TlsOptionFields::prepare(TlsOptions *tls, QString *error) const
{
    apply(tls);
    if (!tls->enabled)
        return true;
    const QString place = m_place.isEmpty() ? tr("Advanced") : m_place;
    const bool server = m_role == Role::Server;
    if (tls->certificateFile.isEmpty() != tls->keyFile.isEmpty()) {
        *error = server ? tr("TLS: the certificate and the key go together; give both, or "
                             "neither for a generated localhost certificate.")
                        : tr("TLS: the client certificate and its key go together; give both, "
                             "or neither.");
        return false;
    }
    if (server && tls->certificateFile.isEmpty()) {
        // For loopback lessons: this machine's own certificate, kept for next time.
        QString why;
        const LocalCertificate local
            = LocalCertificate::ensure(LocalCertificate::defaultFolder(), &why);
        if (local.certificateFile.isEmpty()) {
            *error = tr("TLS: %1 Choose a certificate and a key under %2.").arg(why, place);
            return false;
        }
        tls->certificateFile = local.certificateFile;
        tls->keyFile = local.keyFile;
        m_localNote->setToolTip(
            tr("Self-signed, for localhost, 127.0.0.1 and ::1: %1").arg(local.certificateFile));
    }
    // Unreadable files are said now, not once per connection.
    TlsSession check(server ? TlsSession::Role::Server : TlsSession::Role::Client, *tls,
                     QStringLiteral("localhost"));
    SocketErrorInfo failure;
    if (!check.setUp(&failure)) {
        *error = QStringLiteral("TLS: %1 (%2)").arg(failure.explanation, failure.message);
        return false;
    }
    return true;
}

void TlsOptionFields::set(const TlsOptions &tls)
{
    m_use->setChecked(tls.enabled);
    if (m_verify)
        m_verify->setChecked(tls.verify);
    if (m_serverName)
        m_serverName->setText(tls.serverName);
    m_alpn->setText(tls.alpn.join(QLatin1Char(',')));
    if (m_ca)
        m_ca->setText(tls.caFile);
    m_certificate->setText(tls.certificateFile);
    m_key->setText(tls.keyFile);
    updateWidgets();
}

void TlsOptionFields::saveSettings(QSettings &settings) const
{
    TlsOptions tls;
    apply(&tls);
    settings.setValue(key("enabled"), tls.enabled);
    settings.setValue(key("verify"), tls.verify);
    settings.setValue(key("serverName"), tls.serverName);
    settings.setValue(key("alpn"), m_alpn->text());
    settings.setValue(key("caFile"), tls.caFile);
    settings.setValue(key("certificateFile"), tls.certificateFile);
    settings.setValue(key("keyFile"), tls.keyFile);
}

void TlsOptionFields::readSettings(const QSettings &settings, TlsOptions *tls) const
{
    tls->enabled = settings.value(key("enabled"), false).toBool();
    tls->verify = settings.value(key("verify"), true).toBool();
    tls->serverName = settings.value(key("serverName")).toString();
    tls->alpn = settings.value(key("alpn")).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
    tls->caFile = settings.value(key("caFile")).toString();
    tls->certificateFile = settings.value(key("certificateFile")).toString();
    tls->keyFile = settings.value(key("keyFile")).toString();
}

void TlsOptionFields::setEditable(bool editable)
{
    m_editable = editable;
    updateWidgets();
}

void TlsOptionFields::updateWidgets()
{
    const bool on = m_use->isChecked();
    m_use->setEnabled(m_editable);
    // Kept in place while off, so that turning TLS on moves nothing.
    const QList<QWidget *> fields {m_alpn, m_certificate, m_key, m_serverName, m_ca};
    for (QWidget *field : fields) {
        if (field)
            field->setEnabled(on && m_editable);
    }
    for (QWidget *browse : std::as_const(m_browseButtons))
        browse->setEnabled(on && m_editable);
    if (m_verify)
        m_verify->setEnabled(on && m_editable);
    if (m_localNote)
        m_localNote->setVisible(on && m_certificate->text().trimmed().isEmpty()
                                && m_key->text().trimmed().isEmpty());
}

} // namespace TcpInspector
