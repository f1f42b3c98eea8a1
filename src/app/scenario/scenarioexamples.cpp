// SPDX-License-Identifier: GPL-3.0-or-later
#include "scenario/scenarioexamples.h"

#include <QDir>
#include <QFile>

namespace TcpInspector {

QString ScenarioExamples::resourceDirectory()
{
    return QStringLiteral(":/examples/scenarios");
}

QList<ScenarioExamples::Example> ScenarioExamples::all()
{
    QList<Example> examples;
    const QDir dir(resourceDirectory());
    for (const QString &name : dir.entryList({QStringLiteral("*.scn")}, QDir::Files, QDir::Name)) {
        Example example;
        example.name = name;
        example.path = dir.filePath(name);
        // Each example opens with a comment that says what it shows.
        const QString first = text(name).section(QLatin1Char('\n'), 0, 0);
        if (first.startsWith(QLatin1Char('#')))
            example.description = first.mid(1).trimmed();
        examples.append(example);
    }
    return examples;
}

QString ScenarioExamples::text(const QString &name)
{
    QFile file(QDir(resourceDirectory()).filePath(name));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

} // namespace TcpInspector
