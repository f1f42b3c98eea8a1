// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "framing/framedecoder.h"
#include "stream/streamstore.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QStringList>

#include <memory>
#include <optional>

namespace TcpInspector {

/// `tcpinspector-cli decode`: decodes a recorded byte stream and prints one JSON
/// line per message, error and unfinished tail, then a summary.
class DecodeCommand
{
public:
    DecodeCommand();

    /// Runs with arguments ("tcpinspector-cli decode" first). Returns the exit
    /// code (0 done, 1 reading failed, 2 usage or spec error).
    int run(const QStringList &arguments);

private:
    int usageError(const QString &message) const;
    /// Reads the options and builds the decoder; the exit code when the
    /// command ends there.
    std::optional<int> readOptions(const QStringList &arguments);
    /// Decodes the opposite direction in path and hands its frames to the decoder.
    bool notePeerFrames(const QString &path, QString *error);
    /// Prints what the decoder produced, frames and errors merged in stream order.
    void drain();
    void printFrame(const Frame &frame, qint64 index) const;
    static void printError(const FrameError &error);
    void printPartial(const PartialFrame &partial) const;
    void printSummary(const PartialFrame &partial) const;

    QCommandLineParser m_parser;
    const QCommandLineOption m_framing;
    const QCommandLineOption m_peer;
    const QCommandLineOption m_chunk;
    const QCommandLineOption m_preview;

    std::unique_ptr<FrameDecoder> m_decoder;
    qint64 m_chunkSize = 0; ///< 0: the reads as they come
    int m_previewBytes = 64;
    StreamStore m_store;
    FrameSink m_sink;
    qint64 m_messages = 0;
    qint64 m_errors = 0;
};

} // namespace TcpInspector
