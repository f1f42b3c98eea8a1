// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include <memory>
#include <optional>

namespace TcpInspector {

/// What the reply rules decided for one received message.
struct RuleDecision
{
    /// What the server does after its reply (or at once, with no reply).
    enum class Then { Nothing, HalfClose, Close, Reset };

    bool reply = false; ///< false: a rule matched that sends nothing
    QByteArray bytes;
    int delayMs = 0;
    Then then = Then::Nothing;
    int line = 0;  ///< of the rule that matched, for the user
    QString error; ///< why the reply could not be made (nothing is sent)
};

/// Reply rules as the server sees them: given a message's payload, the
/// decision of the first rule that matches, or nothing. Implemented by
/// ReplyRules (src/core/scenario), which knows the matching language; kept
/// abstract here so that the network layer does not depend on it. Called on
/// the server's thread only.
class ReplyRuleSource
{
public:
    virtual ~ReplyRuleSource() = default;
    virtual std::optional<RuleDecision> decide(quint64 connectionId, const QByteArray &payload) = 0;
    /// The connection ended: per-connection state ("once" rules) can go.
    virtual void forget(quint64 connectionId) = 0;
};

/// What a server answers on its own.
struct ReplyPolicy
{
    enum class Kind {
        None,        ///< read only
        Echo,        ///< every read sent back as it came
        EchoMessage, ///< every decoded message sent back whole
        Fixed,       ///< the same bytes for every decoded message
        Rules,       ///< what rules decides for each decoded message
    };

    Kind kind = Kind::None;
    QByteArray fixed; ///< for Fixed
    int delayMs = 0;  ///< wait this long before each reply
    bool closeAfterReply = false;
    /// For Rules. Shared so that a policy can be copied to the I/O thread;
    /// replacing it applies new rules from the next message on.
    std::shared_ptr<ReplyRuleSource> rules;

    /// "none", "echo", "echo-message", "text:STR" (C escapes), "hex:HEX", the
    /// last two as ByteText reads them. On failure returns nothing and sets
    /// *error to what is valid or where STR or HEX goes wrong.
    static std::optional<ReplyPolicy> parse(const QString &text, QString *error);
};

} // namespace TcpInspector
