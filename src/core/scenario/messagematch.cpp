// SPDX-License-Identifier: GPL-3.0-or-later
#include "scenario/messagematch.h"

#include "text/bytetext.h"

namespace TcpInspector {

MessageMatch::MessageMatch(Mode mode, const QByteArray &pattern) : m_mode(mode), m_pattern(pattern)
{
    if (mode == Mode::Regex) {
        m_regex.setPattern(QString::fromUtf8(pattern));
        m_regex.optimize();
    }
}

bool MessageMatch::isValid() const
{
    return m_mode != Mode::Regex || m_regex.isValid();
}

QString MessageMatch::errorString() const
{
    return isValid() ? QString() : m_regex.errorString();
}

int MessageMatch::errorOffset() const
{
    return isValid() ? -1 : int(m_regex.patternErrorOffset());
}

int MessageMatch::groupCount() const
{
    return m_mode == Mode::Regex ? qMax(0, m_regex.captureCount()) : 0;
}

QStringList MessageMatch::namedGroups() const
{
    QStringList names;
    if (m_mode != Mode::Regex || !m_regex.isValid())
        return names;
    for (const QString &name : m_regex.namedCaptureGroups()) {
        if (!name.isEmpty())
            names += name;
    }
    return names;
}

bool MessageMatch::matches(QByteArrayView payload, Captures *captures) const
{
    switch (m_mode) {
    case Mode::Exact:
        if (payload != QByteArrayView(m_pattern))
            return false;
        if (captures)
            captures->value = payload.toByteArray();
        return true;
    case Mode::Prefix:
        if (!payload.startsWith(m_pattern))
            return false;
        if (captures)
            captures->value = payload.sliced(m_pattern.size()).toByteArray();
        return true;
    case Mode::Contains:
        if (!payload.contains(m_pattern))
            return false;
        if (captures)
            captures->value = payload.toByteArray();
        return true;
    case Mode::Regex:
        break;
    }
    if (!m_regex.isValid())
        return false;
    const QRegularExpressionMatch match = m_regex.match(QString::fromUtf8(payload));
    if (!match.hasMatch())
        return false;
    if (captures) {
        captures->groups.clear();
        for (int i = 0; i <= match.lastCapturedIndex(); ++i)
            captures->groups += match.captured(i).toUtf8();
        captures->value = captures->groups.value(captures->groups.size() > 1 ? 1 : 0);
        captures->named.clear();
        for (const QString &name : namedGroups()) {
            if (match.hasCaptured(name))
                captures->named.insert(name, match.captured(name).toUtf8());
        }
    }
    return true;
}

QString MessageMatch::describe() const
{
    const QString pattern
        = m_mode == Mode::Regex
              ? QString::fromUtf8(m_pattern)
              : ByteText::escape(m_pattern, ByteText::EscapeDoubleQuote | ByteText::KeepUtf8);
    return QStringLiteral("%1 \"%2\"").arg(modeKey(m_mode), pattern);
}

QString MessageMatch::modeKey(Mode mode)
{
    switch (mode) {
    case Mode::Exact:
        return QStringLiteral("exact");
    case Mode::Prefix:
        return QStringLiteral("prefix");
    case Mode::Contains:
        return QStringLiteral("contains");
    case Mode::Regex:
        return QStringLiteral("regex");
    }
    return {};
}

std::optional<MessageMatch::Mode> MessageMatch::modeFromKey(const QString &key)
{
    for (Mode mode : {Mode::Exact, Mode::Prefix, Mode::Contains, Mode::Regex}) {
        if (key == modeKey(mode))
            return mode;
    }
    return std::nullopt;
}

QStringList MessageMatch::modeKeys()
{
    return {modeKey(Mode::Exact), modeKey(Mode::Prefix), modeKey(Mode::Contains),
            modeKey(Mode::Regex)};
}

} // namespace TcpInspector
