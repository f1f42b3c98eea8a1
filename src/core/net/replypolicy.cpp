// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/replypolicy.h"
#include "text/tr.h"

#include "text/bytetext.h"

namespace TcpInspector {

std::optional<ReplyPolicy> ReplyPolicy::parse(const QString &text, QString *error)
{
    ReplyPolicy policy;
    if (text == QLatin1String("none")) {
        policy.kind = Kind::None;
    } else if (text == QLatin1String("echo")) {
        policy.kind = Kind::Echo;
    } else if (text == QLatin1String("echo-message")) {
        policy.kind = Kind::EchoMessage;
    } else if (text.startsWith(QLatin1String("text:"))) {
        policy.kind = Kind::Fixed;
        const ByteText::ParseResult parsed = ByteText::parseCEscapes(text.mid(5));
        if (!parsed.isValid()) {
            *error = Tr::tr("In the reply text '%1': %2").arg(text.mid(5), parsed.error);
            return std::nullopt;
        }
        policy.fixed = parsed.bytes;
    } else if (text.startsWith(QLatin1String("hex:"))) {
        policy.kind = Kind::Fixed;
        const ByteText::ParseResult parsed = ByteText::parseHex(text.mid(4));
        if (!parsed.isValid()) {
            *error = Tr::tr("In the reply hex '%1': %2").arg(text.mid(4), parsed.error);
            return std::nullopt;
        }
        policy.fixed = parsed.bytes;
    } else {
        *error = Tr::tr("Unknown reply '%1'. Valid replies: none, echo, echo-message, text:STR "
                        "(C escapes allowed), hex:HEX.")
                     .arg(text);
        return std::nullopt;
    }
    return policy;
}

} // namespace TcpInspector
