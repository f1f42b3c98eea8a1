// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/connectionoptions.h"

#include <QCommandLineOption>
#include <QList>

class QCommandLineParser;

namespace TcpInspector {

/// --tls and the options that go with it (--tls-insecure, --sni, --alpn,
/// --cert, --key, --ca), for connect (forClient) and listen.
class TlsFlags
{
public:
    explicit TlsFlags(bool forClient);
    QList<QCommandLineOption> options() const;
    /// Fills connection->tls and makes the engine native; engine: the
    /// --engine given, or empty. False with *error on a usage error,
    /// files that cannot be used included.
    bool read(const QCommandLineParser &parser, const QString &engine,
              ConnectionOptions *connection, QString *error) const;
    /// --tls-records: print the records on the wire too (EventPrinter::setTlsRecords).
    bool printsRecords(const QCommandLineParser &parser) const;

private:
    bool m_forClient;
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
