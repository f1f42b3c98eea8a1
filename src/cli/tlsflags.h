// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/connectionoptions.h"

#include <QCommandLineOption>
#include <QList>

class QCommandLineParser;

namespace TcpInspector {

/// --tls and the options that go with it (--tls-insecure, --sni, --alpn,
/// --cert, --key, --ca), for connect (forClient) and listen; the relay has
/// the listen ones for its clients and the connect ones with "upstream-"
/// before each name for its server leg.
class TlsFlags
{
public:
    /// prefix: before each option's name ("upstream-": --upstream-tls).
    /// records: offer --tls-records (connect, listen; the relay prints no
    /// records yet, and has two sets of these flags).
    explicit TlsFlags(bool forClient, const QString &prefix = QString(), bool records = true);
    QList<QCommandLineOption> options() const;
    /// Fills connection->tls and makes the engine native; engine: the
    /// --engine given, or empty. False with *error on a usage error,
    /// files that cannot be used included.
    bool read(const QCommandLineParser &parser, const QString &engine,
              ConnectionOptions *connection, QString *error) const;
    /// --tls-records: print the records on the wire too (EventPrinter::setTlsRecords).
    bool printsRecords(const QCommandLineParser &parser) const;

private:
    /// A failure's fix in this command's options.
    TlsFixNames fixNames() const;

    bool m_forClient;
    bool m_hasRecords;
    QString m_prefix;
    QCommandLineOption m_tls;
    QCommandLineOption m_tlsInsecure;
    QCommandLineOption m_sni;
    QCommandLineOption m_alpn;
    QCommandLineOption m_certificate;
    QCommandLineOption m_key;
    QCommandLineOption m_ca;
    QCommandLineOption m_records;
};

} // namespace TcpInspector
