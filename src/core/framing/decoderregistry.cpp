// SPDX-License-Identifier: GPL-3.0-or-later
#include "decoderregistry.h"
#include "text/tr.h"

#include "builtindecoders.h"
#include "framedecoder.h"
#include "text/bytetext.h"

namespace TcpInspector {

QString OptionInfo::synopsis() const
{
    switch (type) {
    case Size:
        return key + QStringLiteral("=SIZE");
    case Integer:
        return key + QStringLiteral("=N");
    case Choice:
        return key + QLatin1Char('=') + choices.join(QLatin1Char('|'));
    case Hex:
        return key + QStringLiteral("=HEX");
    }
    return key;
}

QString DecoderInfo::synopsis() const
{
    // Required options are part of the name as a user must type it; the rest
    // are optional and go in brackets: "delim:hex=HEX[,max=SIZE,...]".
    QStringList required;
    QStringList optional;
    for (const OptionInfo &option : options)
        (option.required ? required : optional).append(option.synopsis());
    QString text = name;
    if (!required.isEmpty())
        text += QLatin1Char(':') + required.join(QLatin1Char(','));
    if (!optional.isEmpty())
        text += QLatin1Char('[') + QLatin1String(required.isEmpty() ? ":" : ",")
                + optional.join(QLatin1Char(',')) + QLatin1Char(']');
    return text;
}

OptionInfo maxOption(const QString &defaultValue)
{
    return numberOption(OptionInfo::Size, QStringLiteral("max"), defaultValue, 1, 0,
                        QStringLiteral("longest frame accepted"));
}

OptionInfo oversizeOption()
{
    return choiceOption(QStringLiteral("oversize"),
                        {QStringLiteral("skip"), QStringLiteral("fail")}, QStringLiteral("skip"),
                        QStringLiteral("discard an oversize frame and go on, or stop"));
}

OptionInfo choiceOption(const QString &key, const QStringList &choices, const QString &defaultValue,
                        const QString &help)
{
    OptionInfo info;
    info.key = key;
    info.type = OptionInfo::Choice;
    info.choices = choices;
    info.defaultValue = defaultValue;
    info.help = help;
    return info;
}

OptionInfo numberOption(OptionInfo::Type type, const QString &key, const QString &defaultValue,
                        qint64 minimum, qint64 maximum, const QString &help)
{
    OptionInfo info;
    info.key = key;
    info.type = type;
    info.defaultValue = defaultValue;
    info.minimum = minimum;
    info.maximum = maximum;
    info.help = help;
    return info;
}

OptionInfo terminatorOption(const QString &help)
{
    return choiceOption(QStringLiteral("terminator"),
                        {QStringLiteral("strip"), QStringLiteral("keep")}, QStringLiteral("strip"),
                        help);
}

const DecoderRegistry &DecoderRegistry::instance()
{
    static const DecoderRegistry registry;
    return registry;
}

DecoderRegistry::DecoderRegistry()
{
    m_decoders = {rawDecoderInfo(),   lineDecoderInfo(),   delimDecoderInfo(),
                  fixedDecoderInfo(), lengthDecoderInfo(), varintDecoderInfo(),
                  httpDecoderInfo(),  respDecoderInfo(),   tlsDecoderInfo()};
}

const DecoderInfo *DecoderRegistry::find(const QString &name) const
{
    for (const DecoderInfo &info : m_decoders) {
        if (info.name == name)
            return &info;
    }
    return nullptr;
}

KindNamer DecoderRegistry::kindNamer(const QString &spec) const
{
    const DecoderInfo *info = find(spec.section(QLatin1Char(':'), 0, 0));
    return info ? info->kindName : nullptr;
}

QStringList DecoderRegistry::names() const
{
    QStringList result;
    for (const DecoderInfo &info : m_decoders)
        result.append(info.name);
    return result;
}

std::unique_ptr<FrameDecoder> DecoderRegistry::create(const QString &text, QString *error) const
{
    QString ignored;
    if (!error)
        error = &ignored;
    QString parseError;
    const std::optional<FramingSpec> spec = FramingSpec::parse(text, &parseError);
    if (!spec) {
        *error = parseError;
        return nullptr;
    }
    const DecoderInfo *info = find(spec->name);
    if (!info) {
        *error = Tr::tr("Unknown framing '%1'. Valid framings: %2.")
                     .arg(spec->name, names().join(QStringLiteral(", ")));
        return nullptr;
    }
    DecoderOptions options;
    if (!checkKeys(*spec, *info, &options, error) || !readValues(*spec, *info, &options, error))
        return nullptr;
    QString createError;
    std::unique_ptr<FrameDecoder> decoder = info->create(options, &createError);
    if (!decoder) {
        *error = Tr::tr("In framing '%1': %2").arg(spec->toString(), createError);
        return nullptr;
    }
    decoder->setSpec(spec->toString());
    error->clear();
    return decoder;
}

bool DecoderRegistry::validate(const QString &text, QString *error) const
{
    // Builds the decoder and drops it: a factory may refuse a combination of
    // options (strip longer than the header, say), and that refusal is part
    // of what validate() must report.
    QString message;
    const bool valid = create(text, &message) != nullptr;
    if (error)
        *error = message;
    return valid;
}

bool DecoderRegistry::checkKeys(const FramingSpec &spec, const DecoderInfo &info,
                                DecoderOptions *options, QString *error)
{
    for (const auto &given : spec.options) {
        const OptionInfo *option = nullptr;
        for (const OptionInfo &candidate : info.options) {
            if (candidate.key == given.first)
                option = &candidate;
        }
        if (!option) {
            QStringList valid;
            for (const OptionInfo &candidate : info.options)
                valid.append(candidate.synopsis());
            *error = Tr::tr("'%1' has no option '%2'. Valid options of %1: %3.")
                         .arg(info.name, given.first,
                              valid.isEmpty() ? Tr::tr("none") : valid.join(QStringLiteral(", ")));
            return false;
        }
        if (!option->repeatable && spec.values(given.first).size() > 1) {
            *error = Tr::tr("The option %1 of %2 is given more than once; give it once.")
                         .arg(given.first, info.name);
            return false;
        }
        options->m_given.append(given.first);
    }
    return true;
}

bool DecoderRegistry::readValues(const FramingSpec &spec, const DecoderInfo &info,
                                 DecoderOptions *options, QString *error)
{
    for (const OptionInfo &option : info.options) {
        QStringList values = spec.values(option.key);
        if (values.isEmpty()) {
            if (option.required) {
                *error = Tr::tr("%1 needs %2 (%3). For example: %4")
                             .arg(info.name, option.synopsis(), option.help, info.example);
                return false;
            }
            if (option.defaultValue.isEmpty())
                continue;
            values = {option.defaultValue};
        }
        for (const QString &value : values) {
            QString valueError;
            if (!parseValue(option, value, options, &valueError)) {
                *error = Tr::tr("In framing '%1': %2").arg(spec.toString(), valueError);
                return false;
            }
        }
    }
    return true;
}

bool DecoderRegistry::parseValue(const OptionInfo &option, const QString &value,
                                 DecoderOptions *options, QString *error)
{
    switch (option.type) {
    case OptionInfo::Size:
    case OptionInfo::Integer: {
        qint64 number = 0;
        if (!parseNumber(option, value, &number, error))
            return false;
        options->m_numbers.insert(option.key, number);
        return true;
    }
    case OptionInfo::Choice:
        if (!option.choices.contains(value.toLower())) {
            *error = Tr::tr("%1 must be one of %2, not '%3'.")
                         .arg(option.key, option.choices.join(QStringLiteral(", ")), value);
            return false;
        }
        options->m_choices.insert(option.key, value.toLower());
        return true;
    case OptionInfo::Hex: {
        const ByteText::ParseResult hex = ByteText::parseHex(value);
        if (!hex.isValid()) {
            *error = Tr::tr("%1=%2: %3").arg(option.key, value, hex.error);
            return false;
        }
        if (hex.bytes.isEmpty()) {
            *error = Tr::tr("%1 needs at least one byte.").arg(option.key);
            return false;
        }
        options->m_hexes[option.key].append(hex.bytes);
        return true;
    }
    }
    return false;
}

bool DecoderRegistry::parseNumber(const OptionInfo &option, const QString &value, qint64 *number,
                                  QString *error)
{
    if (option.type == OptionInfo::Size) {
        if (!parseSize(value, number, error))
            return false;
    } else {
        bool ok = false;
        *number = value.toLongLong(&ok);
        if (!ok) {
            *error = Tr::tr("'%1' is not a whole number.").arg(value);
            return false;
        }
    }
    if (*number >= option.minimum && (!option.maximum || *number <= option.maximum))
        return true;
    *error = option.maximum ? Tr::tr("%1 must be between %2 and %3, not %4.")
                                  .arg(option.key)
                                  .arg(option.minimum)
                                  .arg(option.maximum)
                                  .arg(value)
                            : Tr::tr("%1 must be at least %2, not %3.")
                                  .arg(option.key)
                                  .arg(option.minimum)
                                  .arg(value);
    return false;
}

} // namespace TcpInspector
