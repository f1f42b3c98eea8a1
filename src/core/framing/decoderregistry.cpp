// SPDX-License-Identifier: GPL-3.0-or-later
#include "decoderregistry.h"

#include "builtindecoders.h"
#include "framedecoder.h"
#include "text/bytetext.h"
#include "text/translate.h"

#include <QCoreApplication>

namespace TcpInspector {

namespace {
QString tr(const char *text)
{
    return translateIn("TcpInspector::DecoderRegistry", text);
}
} // namespace

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
    OptionInfo info;
    info.key = QStringLiteral("max");
    info.type = OptionInfo::Size;
    info.defaultValue = defaultValue;
    info.minimum = 1;
    info.help = QStringLiteral("longest frame accepted");
    return info;
}

OptionInfo oversizeOption()
{
    OptionInfo info;
    info.key = QStringLiteral("oversize");
    info.type = OptionInfo::Choice;
    info.choices = {QStringLiteral("skip"), QStringLiteral("fail")};
    info.defaultValue = QStringLiteral("skip");
    info.help = QStringLiteral("discard an oversize frame and go on, or stop");
    return info;
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

QStringList DecoderRegistry::names() const
{
    QStringList result;
    for (const DecoderInfo &info : m_decoders)
        result.append(info.name);
    return result;
}

std::unique_ptr<FrameDecoder> DecoderRegistry::create(const QString &text, QString *error) const
{
    return build(text, error, true);
}

bool DecoderRegistry::validate(const QString &text, QString *error) const
{
    QString message;
    build(text, &message, false);
    if (error)
        *error = message;
    return message.isEmpty();
}

std::unique_ptr<FrameDecoder> DecoderRegistry::build(const QString &text, QString *error,
                                                     bool construct) const
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
        *error = tr("Unknown framing '%1'. Valid framings: %2.")
                     .arg(spec->name, names().join(QStringLiteral(", ")));
        return nullptr;
    }
    auto validOptions = [info] {
        QStringList list;
        for (const OptionInfo &option : info->options)
            list.append(option.synopsis());
        return list.isEmpty() ? tr("none") : list.join(QStringLiteral(", "));
    };

    DecoderOptions options;
    for (const auto &given : spec->options) {
        const OptionInfo *option = nullptr;
        for (const OptionInfo &candidate : info->options) {
            if (candidate.key == given.first)
                option = &candidate;
        }
        if (!option) {
            *error = tr("'%1' has no option '%2'. Valid options of %1: %3.")
                         .arg(info->name, given.first, validOptions());
            return nullptr;
        }
        if (!option->repeatable && spec->values(given.first).size() > 1) {
            *error = tr("The option %1 of %2 is given more than once; give it once.")
                         .arg(given.first, info->name);
            return nullptr;
        }
        options.m_given.append(given.first);
    }

    for (const OptionInfo &option : info->options) {
        QStringList values = spec->values(option.key);
        if (values.isEmpty()) {
            if (option.required) {
                *error = tr("%1 needs %2 (%3). For example: %4")
                             .arg(info->name, option.synopsis(), option.help, info->example);
                return nullptr;
            }
            if (option.defaultValue.isEmpty())
                continue;
            values = {option.defaultValue};
        }
        for (const QString &value : values) {
            QString valueError;
            switch (option.type) {
            case OptionInfo::Size:
            case OptionInfo::Integer: {
                qint64 number = 0;
                bool ok = false;
                if (option.type == OptionInfo::Size) {
                    ok = parseSize(value, &number, &valueError);
                } else {
                    number = value.toLongLong(&ok);
                    if (!ok)
                        valueError = tr("'%1' is not a whole number.").arg(value);
                }
                if (ok
                    && (number < option.minimum || (option.maximum && number > option.maximum))) {
                    valueError = option.maximum ? tr("%1 must be between %2 and %3, not %4.")
                                                      .arg(option.key)
                                                      .arg(option.minimum)
                                                      .arg(option.maximum)
                                                      .arg(value)
                                                : tr("%1 must be at least %2, not %3.")
                                                      .arg(option.key)
                                                      .arg(option.minimum)
                                                      .arg(value);
                    ok = false;
                }
                if (ok)
                    options.m_numbers.insert(option.key, number);
                break;
            }
            case OptionInfo::Choice:
                if (option.choices.contains(value.toLower()))
                    options.m_choices.insert(option.key, value.toLower());
                else
                    valueError
                        = tr("%1 must be one of %2, not '%3'.")
                              .arg(option.key, option.choices.join(QStringLiteral(", ")), value);
                break;
            case OptionInfo::Hex: {
                const ByteText::ParseResult hex = ByteText::parseHex(value);
                if (!hex.isValid())
                    valueError = tr("%1=%2: %3").arg(option.key, value, hex.error);
                else if (hex.bytes.isEmpty())
                    valueError = tr("%1 needs at least one byte.").arg(option.key);
                else
                    options.m_hexes[option.key].append(hex.bytes);
                break;
            }
            }
            if (!valueError.isEmpty()) {
                *error = tr("In framing '%1': %2").arg(spec->toString(), valueError);
                return nullptr;
            }
        }
    }

    QString createError;
    // Build even when only validating: a factory may refuse a combination of
    // options (strip longer than the header, say), and that refusal is part of
    // what validate() must report.
    std::unique_ptr<FrameDecoder> decoder = info->create(options, &createError);
    if (!decoder) {
        *error = tr("In framing '%1': %2").arg(spec->toString(), createError);
        return nullptr;
    }
    decoder->setSpec(spec->toString());
    error->clear();
    return construct ? std::move(decoder) : nullptr;
}

} // namespace TcpInspector
