// SPDX-License-Identifier: GPL-3.0-or-later
#include "scenario/scenariovariables.h"

#include "scenario/scenario.h"
#include "text/tr.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>

namespace TcpInspector {

ScenarioVariables::ScenarioVariables()
    : m_random(QRandomGenerator::securelySeeded()),
      m_clock([] { return QDateTime::currentDateTimeUtc(); })
{ }

bool ScenarioVariables::declare(const ScenarioFile &file,
                                const QHash<QString, QByteArray> &overrides, QStringList *errors)
{
    QStringList declared;
    for (const VariableDeclaration &declaration : file.variables) {
        declared += declaration.name;
        if (declaration.defaultValue)
            set(declaration.name, *declaration.defaultValue);
    }
    QStringList given = overrides.keys();
    given.sort();
    bool ok = true;
    for (const QString &name : std::as_const(given)) {
        if (!declared.contains(name)) {
            ok = false;
            *errors += declared.isEmpty()
                           ? Tr::tr("--var %1: %2 declares no variable.").arg(name, file.path)
                           : Tr::tr("--var %1: %2 declares no such variable; its variables: %3.")
                                 .arg(name, file.path, declared.join(QLatin1String(", ")));
            continue;
        }
        set(name, overrides.value(name));
    }
    for (const VariableDeclaration &declaration : file.variables) {
        if (!contains(declaration.name)) {
            ok = false;
            *errors += Tr::tr("%1:%2:%3: the variable '%4' has no value; give it one with --var "
                              "%4=VALUE.")
                           .arg(file.path)
                           .arg(declaration.line)
                           .arg(declaration.column)
                           .arg(declaration.name);
        }
    }
    return ok;
}

void ScenarioVariables::set(const QString &name, const QByteArray &value)
{
    if (!m_values.contains(name))
        m_order += name;
    m_values.insert(name, value);
}

QStringList ScenarioVariables::names() const
{
    return m_order;
}

void ScenarioVariables::setCaptures(const MessageMatch::Captures &captures,
                                    const QString &captureVariable)
{
    for (auto it = captures.named.cbegin(); it != captures.named.cend(); ++it)
        set(it.key(), it.value());
    if (!captureVariable.isEmpty())
        set(captureVariable, captures.value);
}

QByteArray ScenarioVariables::randomBytes(int count)
{
    QByteArray bytes(count, Qt::Uninitialized);
    for (char &byte : bytes)
        byte = char(m_random.bounded(256));
    return bytes;
}

std::optional<QByteArray> ScenarioVariables::expandWith(const ByteTemplate &bytes,
                                                        bool escapeValues, QString *error)
{
    const auto escaped = [escapeValues](const QByteArray &value) {
        return escapeValues ? QRegularExpression::escape(QString::fromUtf8(value)).toUtf8() : value;
    };
    bool counterTaken = false;
    QByteArray out;
    for (const TemplatePart &part : bytes.parts) {
        switch (part.kind) {
        case TemplatePart::Kind::Bytes:
            out += part.bytes;
            break;
        case TemplatePart::Kind::Variable:
            if (!m_values.contains(part.name)) {
                if (error) {
                    *error = Tr::tr("The variable '%1' has no value yet: the capture that sets "
                                    "it has not matched.")
                                 .arg(part.name);
                }
                return std::nullopt;
            }
            out += escaped(m_values.value(part.name));
            break;
        case TemplatePart::Kind::Counter:
            if (!counterTaken) {
                ++m_counter;
                counterTaken = true;
            }
            out += QByteArray::number(m_counter);
            break;
        case TemplatePart::Kind::Time:
            out += m_clock().toUTC().toString(Qt::ISODateWithMs).toUtf8();
            break;
        case TemplatePart::Kind::Random:
            out += escaped(randomBytes(part.count));
            break;
        case TemplatePart::Kind::RandomHex:
            out += randomBytes(part.count).toHex();
            break;
        }
    }
    return out;
}

std::optional<QByteArray> ScenarioVariables::expand(const ByteTemplate &bytes, QString *error)
{
    return expandWith(bytes, false, error);
}

std::optional<QString> ScenarioVariables::expandText(const ByteTemplate &text, QString *error)
{
    const std::optional<QByteArray> bytes = expandWith(text, false, error);
    if (!bytes)
        return std::nullopt;
    return QString::fromUtf8(*bytes);
}

std::optional<QString> ScenarioVariables::expandPattern(const ByteTemplate &pattern, QString *error)
{
    const std::optional<QByteArray> bytes = expandWith(pattern, true, error);
    if (!bytes)
        return std::nullopt;
    return QString::fromUtf8(*bytes);
}

std::optional<QByteArray> ScenarioVariables::expandData(const ScenarioData &data,
                                                        const QString &directory, QString *error)
{
    std::optional<QByteArray> bytes = expand(data.value, error);
    if (!bytes || data.kind != ScenarioData::Kind::File)
        return bytes;
    QFile file(QDir(directory).absoluteFilePath(QString::fromUtf8(*bytes)));
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = Tr::tr("Cannot read '%1': %2.").arg(file.fileName(), file.errorString());
        return std::nullopt;
    }
    return file.readAll();
}

} // namespace TcpInspector
