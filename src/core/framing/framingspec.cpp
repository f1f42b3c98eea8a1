// SPDX-License-Identifier: GPL-3.0-or-later
#include "framingspec.h"
#include "text/tr.h"

#include <limits>

namespace TcpInspector {

bool FramingSpec::has(const QString &key) const
{
    for (const auto &option : options) {
        if (option.first == key)
            return true;
    }
    return false;
}

QString FramingSpec::value(const QString &key) const
{
    QString result;
    for (const auto &option : options) {
        if (option.first == key)
            result = option.second;
    }
    return result;
}

QStringList FramingSpec::values(const QString &key) const
{
    QStringList result;
    for (const auto &option : options) {
        if (option.first == key)
            result.append(option.second);
    }
    return result;
}

QString FramingSpec::toString() const
{
    QString text = name;
    for (qsizetype i = 0; i < options.size(); ++i) {
        text += (i == 0 ? QLatin1Char(':') : QLatin1Char(','));
        text += options.at(i).first + QLatin1Char('=') + options.at(i).second;
    }
    return text;
}

std::optional<FramingSpec> FramingSpec::parse(const QString &text, QString *error)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        *error = Tr::tr("The framing is empty. Write a decoder name such as line or "
                        "length:bytes=4, in the form name[:key=value[,key=value]...].");
        return std::nullopt;
    }
    FramingSpec spec;
    const qsizetype colon = trimmed.indexOf(QLatin1Char(':'));
    spec.name = (colon < 0 ? trimmed : trimmed.left(colon)).trimmed().toLower();
    if (spec.name.isEmpty()) {
        *error = Tr::tr("The framing '%1' has no decoder name before the colon.").arg(trimmed);
        return std::nullopt;
    }
    for (QChar c : spec.name) {
        if (!c.isLetterOrNumber() && c != QLatin1Char('-') && c != QLatin1Char('_')) {
            *error = Tr::tr("The decoder name '%1' may hold only letters, digits, - and _.")
                         .arg(spec.name);
            return std::nullopt;
        }
    }
    if (colon < 0)
        return spec;
    const QString rest = trimmed.mid(colon + 1);
    if (rest.trimmed().isEmpty()) {
        *error = Tr::tr("The framing '%1' ends with a colon but names no option. Remove the "
                        "colon or add key=value.")
                     .arg(trimmed);
        return std::nullopt;
    }
    const QStringList parts = rest.split(QLatin1Char(','));
    for (const QString &part : parts) {
        const qsizetype eq = part.indexOf(QLatin1Char('='));
        const QString key = (eq < 0 ? part : part.left(eq)).trimmed().toLower();
        if (key.isEmpty()) {
            *error = Tr::tr("The framing '%1' has an empty option; options are key=value, "
                            "separated by commas.")
                         .arg(trimmed);
            return std::nullopt;
        }
        if (eq < 0) {
            *error
                = Tr::tr("The option '%1' in '%2' has no value; write %1=VALUE.").arg(key, trimmed);
            return std::nullopt;
        }
        const QString value = part.mid(eq + 1).trimmed();
        if (value.isEmpty()) {
            *error = Tr::tr("The option '%1' in '%2' has an empty value.").arg(key, trimmed);
            return std::nullopt;
        }
        spec.options.append({key, value});
    }
    return spec;
}

bool parseSize(const QString &text, qint64 *out, QString *error)
{
    QString digits = text.trimmed().toUpper();
    if (digits.endsWith(QLatin1Char('B'))) // "16KB" and "512B" read as 16K and 512
        digits.chop(1);
    qint64 multiplier = 1;
    if (!digits.isEmpty()) {
        switch (digits.back().toLatin1()) {
        case 'K':
            multiplier = qint64(1) << 10;
            break;
        case 'M':
            multiplier = qint64(1) << 20;
            break;
        case 'G':
            multiplier = qint64(1) << 30;
            break;
        default:
            break;
        }
        if (multiplier != 1)
            digits.chop(1);
    }
    bool ok = false;
    const qint64 number = digits.toLongLong(&ok, 10);
    if (!ok || digits.startsWith(QLatin1Char('+'))) {
        *error = Tr::tr("'%1' is not a size. Write a whole number of bytes, optionally with "
                        "K, M or G (for example 512, 64K, 16M).")
                     .arg(text);
        return false;
    }
    if (number < 0) {
        *error = Tr::tr("The size '%1' is negative; sizes count bytes from 0 up.").arg(text);
        return false;
    }
    if (number > std::numeric_limits<qint64>::max() / multiplier) {
        *error = Tr::tr("The size '%1' is too large.").arg(text);
        return false;
    }
    *out = number * multiplier;
    return true;
}

} // namespace TcpInspector
