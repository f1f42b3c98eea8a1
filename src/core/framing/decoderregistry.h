// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "framedecoder.h"
#include "framingspec.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <utility>

namespace TcpInspector {

class FrameDecoder;

/// What one option of a decoder accepts.
struct OptionInfo
{
    enum Type { Size, Integer, Choice, Hex };

    QString key;
    Type type = Size;
    QString defaultValue; ///< empty: no default (see required)
    QStringList choices;  ///< for Choice
    qint64 minimum = 0;   ///< for Size and Integer
    qint64 maximum = 0;   ///< for Size and Integer; 0 = no upper bound
    bool required = false;
    bool repeatable = false;
    QString help; ///< a few words

    /// "eol=lf|crlf|any", "max=SIZE", "hex=BYTES" ...
    QString synopsis() const;
};

/// The options of one spec after they were checked against the decoder's
/// OptionInfo list, with defaults filled in. Values are already validated, so
/// the getters cannot fail.
class DecoderOptions
{
public:
    qint64 size(const QString &key) const { return m_numbers.value(key); }
    qint64 integer(const QString &key) const { return m_numbers.value(key); }
    QString choice(const QString &key) const { return m_choices.value(key); }
    QList<QByteArray> hexes(const QString &key) const { return m_hexes.value(key); }
    bool has(const QString &key) const { return m_given.contains(key); }

private:
    friend class DecoderRegistry;
    QHash<QString, qint64> m_numbers;
    QHash<QString, QString> m_choices;
    QHash<QString, QList<QByteArray>> m_hexes;
    QStringList m_given;
};

/// One decoder the registry knows: its name, options and factory.
struct DecoderInfo
{
    DecoderInfo() = default;
    DecoderInfo(QString nameText, QString summaryText, QString exampleText)
        : name(std::move(nameText)),
          summary(std::move(summaryText)),
          example(std::move(exampleText))
    { }

    QString name;
    QString summary;
    QString example;
    QList<OptionInfo> options;
    /// Builds the decoder; may refuse a combination of valid options with a message.
    std::function<std::unique_ptr<FrameDecoder>(const DecoderOptions &, QString *error)> create;
    /// Names its Frame::kind values; null when the framing has no kind names.
    KindNamer kindName = nullptr;

    QString synopsis() const; ///< "line[:eol=lf|crlf|any,max=SIZE,...]"
};

/// The options every decoder with a length limit shares.
OptionInfo maxOption(const QString &defaultValue = QStringLiteral("16M"));
OptionInfo oversizeOption();
/// key=one of choices, defaultValue when not given.
OptionInfo choiceOption(const QString &key, const QStringList &choices, const QString &defaultValue,
                        const QString &help);
/// A Size or Integer option in [minimum, maximum] (maximum 0: no bound).
OptionInfo numberOption(OptionInfo::Type type, const QString &key, const QString &defaultValue,
                        qint64 minimum, qint64 maximum, const QString &help);
/// terminator=strip|keep, for decoders whose frames end in a terminator.
OptionInfo terminatorOption(const QString &help);

/// Every framing decoder by name, and the one place that turns a spec string
/// into a decoder, with errors that list what is valid.
class DecoderRegistry
{
public:
    static const DecoderRegistry &instance();

    const QList<DecoderInfo> &decoders() const { return m_decoders; }
    const DecoderInfo *find(const QString &name) const;
    /// The KindNamer of the framing spec (a decoder's spec(), "resp" or
    /// "http:maxhead=8K"); null when it has none.
    KindNamer kindNamer(const QString &spec) const;
    QStringList names() const;

    /// Parses and checks text, then builds the decoder. On failure returns
    /// null and sets *error to a message that says what is valid.
    std::unique_ptr<FrameDecoder> create(const QString &text, QString *error) const;
    /// Checks text as create() does, and drops the decoder.
    bool validate(const QString &text, QString *error) const;

private:
    DecoderRegistry();
    /// Every key given is an option of info, given once unless repeatable.
    static bool checkKeys(const FramingSpec &spec, const DecoderInfo &info, DecoderOptions *options,
                          QString *error);
    /// The values given, or the defaults, each through parseValue().
    static bool readValues(const FramingSpec &spec, const DecoderInfo &info,
                           DecoderOptions *options, QString *error);
    static bool parseValue(const OptionInfo &option, const QString &value, DecoderOptions *options,
                           QString *error);
    static bool parseNumber(const OptionInfo &option, const QString &value, qint64 *number,
                            QString *error);

    QList<DecoderInfo> m_decoders;
};

} // namespace TcpInspector
