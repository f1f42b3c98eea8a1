// SPDX-License-Identifier: GPL-3.0-or-later
#include "lesson/lessonreader.h"

#include "scenario/scenarioline.h"
#include "text/tr.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>

namespace TcpInspector {

namespace {

QString readUtf8(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    return QString::fromUtf8(file.readAll());
}

/// One pass over the lines: the header's values and the sections' bodies,
/// with the line each began on.
struct RawLesson
{
    QHash<QString, QString> values;
    QHash<QString, int> valueLines;
    QHash<QString, QString> sections;
    QStringList errors;
};

QString errorAt(const QString &path, int line, const QString &message)
{
    return QStringLiteral("%1:%2: %3").arg(path).arg(line).arg(message);
}

void readHeaderLine(const QString &line, int number, const QString &path, RawLesson *raw)
{
    const qsizetype colon = line.indexOf(QLatin1Char(':'));
    const QString key = line.left(colon).trimmed();
    if (colon <= 0) {
        raw->errors += errorAt(path, number,
                               Tr::tr("Expected 'key: value' or '== section', as in 'title: "
                                      "Partial reads'."));
        return;
    }
    if (!LessonReader::keys().contains(key)) {
        raw->errors
            += errorAt(path, number,
                       ScenarioLine::unknownWord(Tr::tr("Unknown key '%1'.").arg(key), key,
                                                 LessonReader::keys(), Tr::tr("Valid keys: %1.")));
        return;
    }
    if (raw->values.contains(key)) {
        raw->errors += errorAt(path, number, Tr::tr("'%1' is given twice.").arg(key));
        return;
    }
    raw->values.insert(key, line.mid(colon + 1).trimmed());
    raw->valueLines.insert(key, number);
}

RawLesson readRaw(const QString &text, const QString &path)
{
    RawLesson raw;
    QString section; // empty: still in the header
    QStringList body;
    const auto endSection = [&] {
        if (!section.isEmpty())
            raw.sections.insert(section, body.join(QLatin1Char('\n')).trimmed());
        body.clear();
    };
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        QString line = lines.at(i);
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        if (line.startsWith(QLatin1String("=="))) {
            endSection();
            section = line.mid(2).trimmed();
            if (!LessonReader::sections().contains(section)) {
                raw.errors += errorAt(path, i + 1,
                                      ScenarioLine::unknownWord(
                                          Tr::tr("Unknown section '%1'.").arg(section), section,
                                          LessonReader::sections(), Tr::tr("Valid sections: %1.")));
            } else if (raw.sections.contains(section)) {
                raw.errors
                    += errorAt(path, i + 1, Tr::tr("Section '%1' is given twice.").arg(section));
            }
            continue;
        }
        if (!section.isEmpty()) {
            body += line;
            continue;
        }
        if (line.trimmed().isEmpty() || line.trimmed().startsWith(QLatin1Char('#')))
            continue;
        readHeaderLine(line, i + 1, path, &raw);
    }
    endSection();
    return raw;
}

bool readEngines(const QString &value, QList<EngineKind> *engines)
{
    for (const QString &word : value.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const std::optional<EngineKind> engine = engineFromKey(word);
        if (!engine || engines->contains(*engine))
            return false;
        engines->append(*engine);
    }
    return !engines->isEmpty();
}

void fillLesson(const RawLesson &raw, const QString &path, Lesson *lesson, QStringList *errors)
{
    const auto lineOf = [&raw](const QString &key) {
        return raw.valueLines.value(key, 1);
    };
    bool ok = false;
    lesson->order = raw.values.value(QStringLiteral("order")).toInt(&ok);
    if (!ok || lesson->order <= 0) {
        *errors += errorAt(path, lineOf(QStringLiteral("order")),
                           Tr::tr("'order' must be a whole number from 1, its place in the "
                                  "syllabus."));
    }
    lesson->engines.clear();
    const QString engines = raw.values.value(QStringLiteral("engines"), QStringLiteral("qt"));
    if (!readEngines(engines, &lesson->engines)) {
        *errors += errorAt(path, lineOf(QStringLiteral("engines")),
                           Tr::tr("'engines' lists qt, native or both, each once, as in "
                                  "'engines: native qt'."));
    }
    static const QRegularExpression pitfall(QStringLiteral("^S([1-9]|1[0-4])$"));
    lesson->pitfalls
        = raw.values.value(QStringLiteral("pitfalls")).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString &word : std::as_const(lesson->pitfalls)) {
        if (!pitfall.match(word).hasMatch())
            *errors
                += errorAt(path, lineOf(QStringLiteral("pitfalls")),
                           Tr::tr("Unknown pitfall '%1': DESIGN.md names S1 to S14.").arg(word));
    }
    static const QStringList views = {QStringLiteral("chunks"), QStringLiteral("messages"),
                                      QStringLiteral("timeline"), QStringLiteral("kernel")};
    lesson->views = raw.values.value(QStringLiteral("views"), views.join(QLatin1Char(' ')))
                        .split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString &word : std::as_const(lesson->views)) {
        if (!views.contains(word))
            *errors += errorAt(path, lineOf(QStringLiteral("views")),
                               ScenarioLine::unknownWord(Tr::tr("Unknown view '%1'.").arg(word),
                                                         word, views, Tr::tr("Valid views: %1.")));
    }
    lesson->title
        = {raw.values.value(QStringLiteral("title")), raw.values.value(QStringLiteral("title.zh"))};
    lesson->goal
        = {raw.values.value(QStringLiteral("goal")), raw.values.value(QStringLiteral("goal.zh"))};
    lesson->explanation = {raw.sections.value(QStringLiteral("explain")),
                           raw.sections.value(QStringLiteral("explain.zh"))};
    lesson->goCode = raw.sections.value(QStringLiteral("go"));
    lesson->cppCode = raw.sections.value(QStringLiteral("cpp"));
}

} // namespace

QString LessonText::in(const QString &language) const
{
    if (language.startsWith(QLatin1String("zh")) && !zh.isEmpty())
        return zh;
    return en;
}

QStringList LessonReader::keys()
{
    return {QStringLiteral("order"), QStringLiteral("pitfalls"), QStringLiteral("engines"),
            QStringLiteral("views"), QStringLiteral("title"),    QStringLiteral("title.zh"),
            QStringLiteral("goal"),  QStringLiteral("goal.zh")};
}

QStringList LessonReader::sections()
{
    return {QStringLiteral("explain"), QStringLiteral("explain.zh"), QStringLiteral("go"),
            QStringLiteral("cpp")};
}

bool LessonReader::readText(const QString &text, const QString &path, Lesson *lesson,
                            QStringList *errors)
{
    const RawLesson raw = readRaw(text, path);
    QStringList found = raw.errors;
    // Every text in both languages: a lesson half in English fails here, not in class.
    for (const QString &key :
         {QStringLiteral("order"), QStringLiteral("title"), QStringLiteral("title.zh"),
          QStringLiteral("goal"), QStringLiteral("goal.zh")}) {
        if (raw.values.value(key).isEmpty())
            found += errorAt(path, 1, Tr::tr("'%1' is missing or empty.").arg(key));
    }
    for (const QString &name : sections()) {
        if (raw.sections.value(name).isEmpty())
            found += errorAt(path, 1, Tr::tr("Section '== %1' is missing or empty.").arg(name));
    }
    fillLesson(raw, path, lesson, &found);
    lesson->path = path;
    lesson->id = QFileInfo(path).completeBaseName();
    *errors += found;
    return found.isEmpty();
}

bool LessonReader::readFile(const QString &path, Lesson *lesson, QStringList *errors)
{
    QString error;
    const QString text = readUtf8(path, &error);
    if (!error.isEmpty()) {
        *errors += errorAt(path, 1, Tr::tr("Cannot read the lesson: %1").arg(error));
        return false;
    }
    bool ok = readText(text, path, lesson, errors);
    const QFileInfo info(path);
    lesson->scenarioPath = info.dir().filePath(info.completeBaseName() + QStringLiteral(".scn"));
    lesson->scenarioText = readUtf8(lesson->scenarioPath, &error);
    if (!error.isEmpty()) {
        *errors += errorAt(lesson->scenarioPath, 1,
                           Tr::tr("Cannot read the lesson's scenario: %1").arg(error));
        ok = false;
    }
    return ok;
}

} // namespace TcpInspector
