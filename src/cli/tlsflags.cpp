// SPDX-License-Identifier: GPL-3.0-or-later
#include "tlsflags.h"
#include "clitr.h"

#include "net/localcertificate.h"
#include "net/tlssession.h"

#include <QCommandLineParser>

namespace TcpInspector {

TlsFlags::TlsFlags(bool forClient, const QString &prefix, bool records)
    : m_forClient(forClient),
      m_hasRecords(records),
      m_prefix(prefix),
      m_tls(prefix + QStringLiteral("tls"),
            forClient ? CliTr::tr("Speak TLS (OpenSSL over the native engine): the chunks and "
                                  "messages are the plaintext; tls_* lines tell the handshake "
                                  "and alerts.")
                      : CliTr::tr("Speak TLS to each client (OpenSSL over the native engine), "
                                  "with --cert and --key, or else with a certificate for "
                                  "localhost made for local testing and kept in the data "
                                  "folder.")),
      m_tlsInsecure(prefix + QStringLiteral("tls-insecure"),
                    forClient ? CliTr::tr("Do not refuse a certificate that fails verification "
                                          "(the tls_handshake line still says why it would).")
                              : CliTr::tr("With --ca: ask for a client certificate but accept "
                                          "any.")),
      m_sni(prefix + QStringLiteral("sni"),
            CliTr::tr("TLS server name to send and to check the certificate against (default: "
                      "the host connected to)."),
            CliTr::tr("NAME")),
      m_alpn(prefix + QStringLiteral("alpn"),
             forClient ? CliTr::tr("TLS application protocols to offer, comma-separated, such "
                                   "as h2,http/1.1.")
                       : CliTr::tr("TLS application protocols to accept, in order of "
                                   "preference, comma-separated."),
             CliTr::tr("LIST")),
      m_certificate(prefix + QStringLiteral("cert"),
                    forClient ? CliTr::tr("TLS client certificate (PEM), with --%1.")
                                    .arg(prefix + QStringLiteral("key"))
                              : CliTr::tr("TLS server certificate (PEM, the chain after it), "
                                          "with --key."),
                    CliTr::tr("FILE")),
      m_key(prefix + QStringLiteral("key"),
            CliTr::tr("Private key (PEM) of --%1.").arg(prefix + QStringLiteral("cert")),
            CliTr::tr("FILE")),
      m_ca(prefix + QStringLiteral("ca"),
           forClient ? CliTr::tr("Trust the CA certificates (PEM) in FILE besides the system's.")
                     : CliTr::tr("Require a client certificate issued by a CA in FILE (PEM)."),
           CliTr::tr("FILE")),
      m_records(QStringLiteral("tls-records"),
                CliTr::tr("Also print the TLS records as they crossed the wire: a wire_chunk "
                          "line per read or write of the socket, a tls_record line per "
                          "record."))
{ }

QList<QCommandLineOption> TlsFlags::options() const
{
    QList<QCommandLineOption> list {m_tls, m_tlsInsecure, m_alpn, m_certificate, m_key, m_ca};
    if (m_hasRecords)
        list += m_records;
    if (m_forClient)
        list += m_sni;
    return list;
}

bool TlsFlags::read(const QCommandLineParser &parser, const QString &engine,
                    ConnectionOptions *connection, QString *error) const
{
    TlsOptions &tls = connection->tls;
    tls.enabled = parser.isSet(m_tls);
    // options(): the ones this command has (a server sends no SNI).
    const QList<QCommandLineOption> needTls = options().mid(1);
    for (const QCommandLineOption &option : needTls) {
        if (!tls.enabled && parser.isSet(option)) {
            *error = CliTr::tr("--%1 is a TLS option: add --%2.")
                         .arg(option.names().constLast(), m_tls.names().constLast());
            return false;
        }
    }
    if (!tls.enabled)
        return true;
    if (!engine.isEmpty() && connection->engine != EngineKind::Native) {
        *error = CliTr::tr("TLS runs on the native engine: leave out --engine %1.").arg(engine);
        return false;
    }
    connection->engine = EngineKind::Native;
    tls.verify = !parser.isSet(m_tlsInsecure);
    tls.serverName = m_forClient ? parser.value(m_sni) : QString();
    for (const QString &name : parser.value(m_alpn).split(QLatin1Char(','), Qt::SkipEmptyParts))
        tls.alpn.append(name.trimmed());
    tls.certificateFile = parser.value(m_certificate);
    tls.keyFile = parser.value(m_key);
    tls.caFile = parser.value(m_ca);
    tls.fixNames = fixNames();
    if (tls.certificateFile.isEmpty() != tls.keyFile.isEmpty()) {
        *error = CliTr::tr("--%1 and --%2 go together: give both.")
                     .arg(m_certificate.names().constLast(), m_key.names().constLast());
        return false;
    }
    if (!m_forClient && tls.certificateFile.isEmpty()) {
        // For loopback lessons: this machine's own certificate, kept for next time.
        QString why;
        const LocalCertificate local
            = LocalCertificate::ensure(LocalCertificate::defaultFolder(), &why);
        if (local.certificateFile.isEmpty()) {
            *error = CliTr::tr("%1 Give --%2 FILE and --%3 FILE.")
                         .arg(why, m_certificate.names().constLast(), m_key.names().constLast());
            return false;
        }
        tls.certificateFile = local.certificateFile;
        tls.keyFile = local.keyFile;
    }
    // Unreadable files are a usage error now, not a failure per connection.
    TlsSession check(m_forClient ? TlsSession::Role::Client : TlsSession::Role::Server, tls,
                     QStringLiteral("localhost"));
    SocketErrorInfo failure;
    if (!check.setUp(&failure)) {
        *error = QStringLiteral("%1 (%2)").arg(failure.explanation, failure.message);
        return false;
    }
    return true;
}

bool TlsFlags::printsRecords(const QCommandLineParser &parser) const
{
    return m_hasRecords && parser.isSet(m_records);
}

TlsFixNames TlsFlags::fixNames() const
{
    // The options themselves: no translation, and no window to point at.
    const QString dash = QStringLiteral("--") + m_prefix;
    TlsFixNames names;
    names.trustCa = dash + QStringLiteral("ca FILE");
    names.skipVerify = dash + QStringLiteral("tls-insecure");
    names.serverName = dash + QStringLiteral("sni %1");
    names.clientCertificate = QStringLiteral("%1cert FILE %1key FILE").arg(dash);
    names.alpn = dash + QStringLiteral("alpn");
    names.withoutTls = QStringLiteral("without ") + dash + QStringLiteral("tls");
    names.requireClientCa = dash + QStringLiteral("ca");
    return names;
}

} // namespace TcpInspector
