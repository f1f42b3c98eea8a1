// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "commonoptions.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QStringList>

namespace TcpInspector {

/// `tcpinspector-cli show FILE`: prints a saved session as the JSON lines
/// the live run printed (same events, same fields, times from the file),
/// through the same EventPrinter.
class ShowCommand
{
public:
    ShowCommand();

    /// Runs with arguments ("tcpinspector-cli show" first). Returns the exit
    /// code: 0 done, 1 the file is damaged (what was readable is printed) or
    /// cannot be read, 2 usage error or a file from a newer version.
    int run(const QStringList &arguments);

private:
    int usageError(const QString &message) const;

    QCommandLineParser m_parser;
    OutputFlags m_output;
    const QCommandLineOption m_conn;
    const QCommandLineOption m_framing;
    const QCommandLineOption m_rxFraming;
    const QCommandLineOption m_txFraming;
    const QCommandLineOption m_tlsRecords;
};

} // namespace TcpInspector
