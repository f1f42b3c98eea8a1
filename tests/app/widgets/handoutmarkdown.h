// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lesson/lessoncatalog.h"

#include <QDir>
#include <QString>
#include <QStringList>

namespace TcpInspector {

/// The Markdown of the lesson handouts in docs/lessons/ (scripts/screenshots.sh):
/// one page per lesson and language, every word of it from the lesson's
/// files, and an index of them all. The words around them (headings, links)
/// are fixed here in both languages rather than translated at run time, so
/// that the committed pages do not change with the state of the .ts file.
class HandoutMarkdown
{
public:
    static QStringList languages(); ///< "en", "zh_CN"

    static QString pageName(const Lesson &lesson, const QString &language); ///< ID.md, ID.zh_CN.md
    static QString imageName(const Lesson &lesson,
                             const QString &language); ///< ID.png, ID-zh_CN.png
    static QString indexName();                        ///< README.md

    /// The handout of lesson in language: title, pitfalls, goal, steps
    /// (narration and the callouts of the observations), explanation, code,
    /// screenshot, a link to the other language.
    static QString page(const Lesson &lesson, const QString &language);
    /// Every lesson in syllabus order with its titles and links.
    static QString index(const LessonCatalog &catalog);

    /// Writes every page and the index into directory; the names written
    /// go to *written. False with *error when a file cannot be written.
    static bool writeAll(const LessonCatalog &catalog, const QDir &directory, QStringList *written,
                         QString *error);

private:
    static QString steps(const Lesson &lesson, const QString &language);
    static QString code(const Lesson &lesson, const QString &language);
};

} // namespace TcpInspector
