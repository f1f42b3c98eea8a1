// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace TcpInspector {

/// What the send composer holds, as the user typed it: the mode, the text
/// (escapes not decoded) and its line ending, the hex, the file, and how to
/// send it. The request library keeps drafts so that loading one puts the
/// composer back exactly as it was, not merely its bytes.
struct ComposerDraft
{
    enum class Mode { Text, Hex, File };
    enum class LineEnding { None, Lf, CrLf };

    Mode mode = Mode::Text;
    QString text;
    LineEnding lineEnding = LineEnding::None;
    QString hex;
    QString filePath;
    qint64 fragmentSize = 0;
    int fragmentDelayMs = 0;
    int repeat = 1;
    int intervalMs = 0;

    /// The bytes of text or hex mode (text with its line ending); none when
    /// they do not parse or in file mode.
    std::optional<QByteArray> bytes() const;
    /// One line for a list: escaped text, hex, or the file's name.
    QString preview(int maxCharacters = 80) const;
    /// A name for Save: the first words of the text, the first bytes, the file's name.
    QString proposedName() const;

    QJsonObject toJson() const;
    /// Unknown or missing keys keep their defaults; values are clamped.
    static ComposerDraft fromJson(const QJsonObject &object);
    /// A draft in hex mode that sends these bytes.
    static ComposerDraft fromBytes(const QByteArray &bytes);

    bool operator==(const ComposerDraft &other) const;
    bool operator!=(const ComposerDraft &other) const { return !(*this == other); }
};

} // namespace TcpInspector
