// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QStringList>

#include "timeline/timeline.h"

#include <optional>

namespace TcpInspector {

/// `tcpinspector-cli export (--pcapng|--csv|--jsonl|--raw-rx|--raw-tx) OUT
/// [--conn N] FILE`: what a saved session holds, for Wireshark, a
/// spreadsheet, a script or `tcpinspector-cli decode`.
class ExportCommand
{
public:
    ExportCommand();

    /// Runs with arguments ("tcpinspector-cli export" first). Returns the
    /// exit code: 0 written, 1 the session is damaged or OUT cannot be
    /// written, 2 usage error or a file from a newer version.
    int run(const QStringList &arguments);

private:
    int usageError(const QString &message) const;
    /// The usage errors of a --conn that chose none (selected 0) or, for
    /// raw bytes, of several connections without --conn.
    std::optional<int> checkConnections(const QStringList &ids, int selected, int onlyConnection,
                                        bool raw) const;
    /// --raw-rx, --raw-tx: the bytes of one direction, read from the file
    /// record by record without loading the session.
    int exportRawBytes(const QString &path, Direction direction, int onlyConnection,
                       const QString &out) const;

    QCommandLineParser m_parser;
    const QCommandLineOption m_pcapng;
    const QCommandLineOption m_csv;
    const QCommandLineOption m_jsonl;
    const QCommandLineOption m_rawRx;
    const QCommandLineOption m_rawTx;
    const QCommandLineOption m_conn;
    const QCommandLineOption m_preview;
    const QCommandLineOption m_withKeys;
};

} // namespace TcpInspector
