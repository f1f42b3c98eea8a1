// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "timeline/timeline.h"

#include <QList>
#include <QString>

class QIODevice;

namespace TcpInspector {

class Connection;

/// How exportMessages() writes its rows.
enum class MessageFormat {
    /// RFC 4180: a header line, CRLF line ends, fields quoted when they hold
    /// a comma, a quote or a line break. Columns: t_ms, conn, dir, index,
    /// offset, size, header, payload, chunks ("first-last"), kind,
    /// kind_name, ended_by ("eof" or empty), hex, preview.
    Csv,
    /// One JSON object a line, the same keys as the CSV columns but "t" for
    /// the time (as the CLI's lines) and "chunks" as [first, last] (null
    /// when no chunk is kept).
    Jsonl,
};

/// Writes the decoded messages of connections, both directions of all of
/// them interleaved in time order: a message's time is when the read that
/// completed it happened (or, for one that EOF ended, when the stream
/// ended), in milliseconds since startNs (monotonicNs() clock) with 3
/// decimals. Each row holds the whole payload in hex, written 64 KiB at a
/// time (a 2 GB message never becomes one QByteArray), and a preview of
/// previewBytes bytes as the CLI prints it. Works on live connections: the
/// messages decoded when it starts. False with *why when writing failed.
///
///     QFile file(path);
///     file.open(QIODevice::WriteOnly);
///     QString why;
///     if (!exportMessages({connection}, MessageFormat::Csv, &file, session.startNs, 64, &why))
///         ...
bool exportMessages(const QList<const Connection *> &connections, MessageFormat format,
                    QIODevice *out, qint64 startNs, int previewBytes, QString *why);

/// Writes the bytes of one direction as they are stored, from the first one
/// kept (StreamStore::firstOffset(), 0 unless ring mode let the front go) to
/// the end, 1 MiB at a time: what `tcpinspector-cli decode` reads back.
/// tx is what was handed to the socket engine, Connection::discardedFromTx()
/// bytes at its end included. False with *why when writing failed.
///
///     exportRaw(*connection, Direction::Rx, &file, &why);
bool exportRaw(const Connection &connection, Direction direction, QIODevice *out, QString *why);

} // namespace TcpInspector
