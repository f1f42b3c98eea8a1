// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace TcpInspector {

/// One piece of a ByteTemplate: bytes as written, or a placeholder that a
/// ScenarioVariables fills in at run time.
struct TemplatePart
{
    enum class Kind {
        Bytes,     ///< literal bytes, escapes already decoded
        Variable,  ///< {{name}}: a `var`, a --var, or a capture
        Counter,   ///< {{counter}}: 1, 2, 3... one step per expansion
        Time,      ///< {{time}}: the wall clock, ISO 8601 UTC with milliseconds
        Random,    ///< {{random:N}}: N random bytes
        RandomHex, ///< {{random-hex:N}}: N random bytes as 2N hex digits
    };

    Kind kind = Kind::Bytes;
    QByteArray bytes; ///< Bytes: the bytes
    QString name;     ///< Variable: the variable's name
    int count = 0;    ///< Random, RandomHex: how many bytes
    int column = 0;   ///< 1-based column on the source line where the part starts

    bool operator==(const TemplatePart &other) const;
};

/// Bytes or text as a scenario file wrote them, with its placeholders kept,
/// so that they expand when the step runs (captures exist only then).
/// The parser has decoded escapes and checked every placeholder's name.
struct ByteTemplate
{
    QList<TemplatePart> parts;

    /// True when there is no placeholder: constant() is the whole value.
    bool isConstant() const;
    /// The literal bytes, placeholders left out.
    QByteArray constant() const;
    /// The names of the variables used, in order, each once.
    QStringList variables() const;
    /// As written: bytes escaped (ByteText::escape), placeholders in {{ }}.
    QString toString() const;

    static ByteTemplate fromBytes(const QByteArray &bytes, int column = 0);
    bool operator==(const ByteTemplate &other) const { return parts == other.parts; }
};

} // namespace TcpInspector
