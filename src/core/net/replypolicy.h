// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace TcpInspector {

/// What a server answers on its own.
struct ReplyPolicy
{
    enum class Kind {
        None,        ///< read only
        Echo,        ///< every read sent back as it came
        EchoMessage, ///< every decoded message sent back whole
        Fixed,       ///< the same bytes for every decoded message
    };

    Kind kind = Kind::None;
    QByteArray fixed; ///< for Fixed
    int delayMs = 0;  ///< wait this long before each reply
    bool closeAfterReply = false;

    /// "none", "echo", "echo-message", "text:STR" (C escapes), "hex:HEX", the
    /// last two as ByteText reads them. On failure returns nothing and sets
    /// *error to what is valid or where STR or HEX goes wrong.
    static std::optional<ReplyPolicy> parse(const QString &text, QString *error);
};

} // namespace TcpInspector
