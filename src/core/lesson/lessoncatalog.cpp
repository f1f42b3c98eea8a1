// SPDX-License-Identifier: GPL-3.0-or-later
#include "lesson/lessoncatalog.h"

#include "lesson/lessonreader.h"

#include <QDir>

#include <algorithm>

namespace TcpInspector {

QString LessonCatalog::builtInDirectory()
{
    return QStringLiteral(":/lessons");
}

LessonCatalog LessonCatalog::load(const QString &directory, QStringList *errors)
{
    LessonCatalog catalog;
    const QDir dir(directory);
    const QStringList names = dir.entryList({QStringLiteral("*.lesson")}, QDir::Files, QDir::Name);
    for (const QString &name : names) {
        Lesson lesson;
        QStringList found;
        if (LessonReader::readFile(dir.filePath(name), &lesson, &found))
            catalog.m_lessons.append(lesson);
        else if (errors)
            *errors += found;
    }
    std::stable_sort(catalog.m_lessons.begin(), catalog.m_lessons.end(),
                     [](const Lesson &a, const Lesson &b) { return a.order < b.order; });
    return catalog;
}

LessonCatalog LessonCatalog::builtIn(QStringList *errors)
{
    return load(builtInDirectory(), errors);
}

const Lesson *LessonCatalog::find(const QString &id) const
{
    const auto it = std::find_if(m_lessons.cbegin(), m_lessons.cend(),
                                 [&id](const Lesson &lesson) { return lesson.id == id; });
    return it == m_lessons.cend() ? nullptr : &*it;
}

QStringList LessonCatalog::ids() const
{
    QStringList ids;
    for (const Lesson &lesson : m_lessons)
        ids += lesson.id;
    return ids;
}

} // namespace TcpInspector
