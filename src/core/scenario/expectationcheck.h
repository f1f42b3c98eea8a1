// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "scenario/scenario.h"
#include "timeline/timeline.h"

#include <QList>
#include <QString>

#include <memory>

namespace TcpInspector {

class Connection;
class ScenarioVariables;

/// One `expect` step against the connection it names, asked again each time
/// something happens to that connection until it holds or its time is up.
/// It only reads the connection (its stores, frames and timeline).
class ExpectationCheck
{
public:
    enum class Outcome {
        Pending, ///< does not hold yet
        Passed,
        Failed, ///< cannot hold: a pattern that does not expand or compile
    };

    /// messageCursor: the first message `expect message` may look at;
    /// stateCursor: the first timeline event `expect state` may look at.
    ExpectationCheck(ExpectArgs args, qint64 messageCursor, qint64 stateCursor, QString directory);

    /// Expands the pattern (once: a capture made later does not change it).
    Outcome prepare(ScenarioVariables *variables);
    Outcome check(const Connection &connection, ScenarioVariables *variables);

    /// After a matched `expect message`: the message after the one matched.
    qint64 messageCursor() const { return m_messageCursor; }
    /// After a matched `expect state`: the event after the state change matched.
    qint64 stateCursor() const { return m_stateCursor; }
    /// After a matched `expect record`: the record after the one matched.
    qint64 recordCursor() const { return m_recordCursor; }
    void setRecordCursor(qint64 cursor) { m_recordCursor = cursor; }
    /// The TLS handshake's outcome on the connection's timeline; null before it.
    static std::shared_ptr<const TlsDetails> handshakeDetails(const Connection &connection);
    /// What was expected, for "expected ..., received ..." lines.
    QString expected() const;
    /// What there was instead, when the time ran out (or why it failed).
    QString received(const Connection &connection) const;
    QString error() const { return m_error; }

private:
    bool checkMessages(const Connection &connection, ScenarioVariables *variables);
    bool checkState(const Connection &connection);
    bool checkError(const Connection &connection) const;
    bool checkKernel(const Connection &connection);
    QString kernelSeen(const Connection &connection) const;
    /// The time between the last two reads in ms; -1 before two.
    static qint64 lastGapMs(const Connection &connection);
    static qint64 keepaliveProbes(const Connection &connection);
    /// Timeout: the timeouts of the kind asked for; Note: the texts of notes,
    /// errors and state changes that match. all: every one, for "received".
    QStringList eventTexts(const Connection &connection, bool all = false) const;
    QByteArray messagePart(const Connection &connection, qint64 index) const;
    QString lastMessages(const Connection &connection) const;
    // TLS (expectationchecktls.cpp)
    bool checkHandshake(const Connection &connection) const;
    bool checkAlert(const Connection &connection) const;
    bool checkRecord(const Connection &connection);
    QString expectedTls() const;
    QString receivedTls(const Connection &connection) const;

    ExpectArgs m_args;
    qint64 m_messageCursor;
    qint64 m_stateCursor;
    QString m_directory;
    MessageMatch m_match;
    QString m_error;
    qint64 m_kernelCursor = -1;      ///< the first timeline event of this step
    QList<KernelState> m_kernelSeen; ///< each state seen, in order, repeats left out
    qint64 m_recordCursor = 0;       ///< the first wire record `expect record` may look at
};

} // namespace TcpInspector
