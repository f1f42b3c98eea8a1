// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "scenario/bytetemplate.h"
#include "scenario/messagematch.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QRandomGenerator>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace TcpInspector {

struct ScenarioData;
struct ScenarioFile;

/// The values of a scenario run: variables (`var` defaults, --var
/// overrides, captures) and the macros {{counter}}, {{time}},
/// {{random:N}} and {{random-hex:N}}. A runner asks it to expand a step's
/// templates just before the step runs.
class ScenarioVariables
{
public:
    ScenarioVariables();

    /// Takes the file's defaults, then the overrides (--var NAME=VALUE). On
    /// failure returns false and lists each problem in *errors: an override
    /// of a variable the file does not declare, a variable with no value.
    bool declare(const ScenarioFile &file, const QHash<QString, QByteArray> &overrides,
                 QStringList *errors);

    void set(const QString &name, const QByteArray &value);
    bool contains(const QString &name) const { return m_values.contains(name); }
    QByteArray value(const QString &name) const { return m_values.value(name); }
    QStringList names() const;
    /// What a match of `expect ... capture=VAR` gave: VAR and every named group.
    void setCaptures(const MessageMatch::Captures &captures, const QString &captureVariable);

    /// The next {{counter}}: 1 at first.
    qint64 counter() const { return m_counter + 1; }
    void setRandomSeed(quint32 seed) { m_random.seed(seed); }
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }

    /// Bytes with every placeholder filled in; nothing when a variable has
    /// no value, with *error saying which. Each call that uses {{counter}}
    /// takes the next number (every {{counter}} of one call shares it).
    std::optional<QByteArray> expand(const ByteTemplate &bytes, QString *error = nullptr);
    /// As expand(), read as UTF-8 (addresses).
    std::optional<QString> expandText(const ByteTemplate &text, QString *error = nullptr);
    /// As expandText(), for a regex pattern: values go in escaped, so that
    /// they match themselves.
    std::optional<QString> expandPattern(const ByteTemplate &pattern, QString *error = nullptr);

    /// As expand(); for file "...", the file's bytes (a relative path is
    /// taken from directory).
    std::optional<QByteArray> expandData(const ScenarioData &data, const QString &directory,
                                         QString *error = nullptr);

private:
    std::optional<QByteArray> expandWith(const ByteTemplate &bytes, bool escapeValues,
                                         QString *error);
    QByteArray randomBytes(int count);

    QHash<QString, QByteArray> m_values;
    QStringList m_order;
    qint64 m_counter = 0;
    QRandomGenerator m_random;
    std::function<QDateTime()> m_clock;
};

} // namespace TcpInspector
