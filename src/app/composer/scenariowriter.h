// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "composer/composerdraft.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace TcpInspector {

/// One send for ScenarioWriter: a saved request or a history entry.
struct ScenarioRequest
{
    QString comment; ///< a line above the send: the request's name, or when and where it went
    ComposerDraft draft;
    bool halfClose = false;
    QString framing;                 ///< the connection's receive framing; empty when not known
    std::optional<QByteArray> reply; ///< the first message received after it
    bool replyTruncated = false;
    QString replyFrom; ///< the connection the reply came on, for the comment: "#3"
};

/// Writes requests from the library as a scenario file (docs/SCENARIOS.md)
/// that `tcpinspector-cli run` plays again: a connect to {{target}}, one
/// send per request with the same bytes and options, and an expectation for
/// each reply that was seen, commented so that the user edits it.
class ScenarioWriter
{
public:
    /// HOST:PORT as the default of `var target`; empty: --var must give it.
    QString target;
    /// Where the file goes: files to send under it are written relative to it.
    QString directory;
    QString scenarioName;

    QString write(const QList<ScenarioRequest> &requests) const;

    /// Bytes as a scenario string, quotes included: escapes for what is not
    /// printable UTF-8, and `{{` kept from reading as a placeholder.
    static QString quoted(const QByteArray &bytes);

    /// Replies longer than this become a prefix expectation of prefixLength bytes.
    static constexpr int exactLimit = 256;
    static constexpr int prefixLength = 64;

private:
    void writeRequest(QStringList &lines, const ScenarioRequest &request, QString *framing) const;
    QString dataOf(const ComposerDraft &draft, const QByteArray &bytes) const;
};

} // namespace TcpInspector
