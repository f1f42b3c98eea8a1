// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

namespace TcpInspector {

/// A parsed framing spec, `name[:key=value[,key=value]...]`, before anyone
/// checked that the name and keys exist. Keys may repeat (delim:hex=0a,hex=00).
struct FramingSpec
{
    QString name;
    QList<QPair<QString, QString>> options; ///< in the order written

    bool has(const QString &key) const;
    /// The last value given for key, or an empty string.
    QString value(const QString &key) const;
    QStringList values(const QString &key) const;
    /// Normal form: name, then options in the order written.
    QString toString() const;

    /// Parses text; on failure returns nothing and sets *error to a sentence
    /// that says what is wrong and how the grammar goes.
    static std::optional<FramingSpec> parse(const QString &text, QString *error);
};

/// Parses "16", "4K", "16M", "1G" (binary multiples, case-insensitive, an
/// optional trailing B). Returns false with a message on a bad or negative size.
bool parseSize(const QString &text, qint64 *out, QString *error);

} // namespace TcpInspector
