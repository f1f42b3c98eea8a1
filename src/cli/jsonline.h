// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <cstdio>

namespace TcpInspector {

/// One JSON object on one line, keys in the order added. QJsonObject sorts its
/// keys; a person reading `tcpinspector-cli` output wants "event" first.
class JsonLine
{
public:
    JsonLine &add(const char *key, const QString &value);
    /// value: UTF-8, escaped without a trip through QString.
    JsonLine &add(const char *key, const char *value);
    JsonLine &add(const char *key, qint64 value);
    JsonLine &add(const char *key, int value) { return add(key, qint64(value)); }
    JsonLine &add(const char *key, bool value);
    JsonLine &addNull(const char *key);
    /// An array of strings.
    JsonLine &add(const char *key, const QStringList &values);
    /// [first, last]
    JsonLine &addPair(const char *key, qint64 first, qint64 last);

    QByteArray toLine() const { return m_text + "}\n"; }
    /// The object so far, without its closing brace.
    const QByteArray &openText() const { return m_text; }
    void write(FILE *out) const;

private:
    void key(const char *name);
    QByteArray m_text = "{";
};

/// A JSON string literal, quotes included.
QByteArray jsonString(const QString &value);
/// Appends utf8 (size bytes) to out as a JSON string literal, quotes included.
void appendJsonString(QByteArray &out, const char *utf8, qsizetype size);

} // namespace TcpInspector
