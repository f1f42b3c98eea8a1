// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace TcpInspector {

/// What the send composer asks to be written to a connection: the bytes (or a
/// file streamed from disk), how to cut them into writes, how often to repeat
/// them, and whether to half-close afterwards.
struct SendRequest
{
    QByteArray bytes;            ///< ignored when filePath is set
    QString filePath;            ///< stream this file instead, read piece by piece
    qint64 fragmentSize = 0;     ///< bytes per write; 0: one write for everything
    int fragmentDelayMs = 0;     ///< pause between fragments (S8)
    int repeat = 1;              ///< how many times to send it, at least 1
    int intervalMs = 0;          ///< pause between repeats
    bool halfCloseAfter = false; ///< FIN after the last byte (S13)
};

} // namespace TcpInspector
