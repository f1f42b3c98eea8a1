// SPDX-License-Identifier: GPL-3.0-or-later
#include "composer/requestlibrary.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

namespace TcpInspector {

namespace {
QJsonObject historyToJson(const HistoryEntry &entry)
{
    QJsonObject object;
    object.insert(QStringLiteral("time"), entry.time.toUTC().toString(Qt::ISODateWithMs));
    object.insert(QStringLiteral("draft"), entry.draft.toJson());
    object.insert(QStringLiteral("halfClose"), entry.halfClose);
    object.insert(QStringLiteral("size"), entry.size);
    object.insert(QStringLiteral("target"), entry.target);
    QJsonArray ids;
    for (quint64 id : entry.connectionIds)
        ids.append(qint64(id));
    object.insert(QStringLiteral("connections"), ids);
    object.insert(QStringLiteral("clientSide"), entry.clientSide);
    object.insert(QStringLiteral("peer"), entry.peer);
    object.insert(QStringLiteral("framing"), entry.framing);
    if (entry.reply) {
        // Base64: a reply is bytes, often not UTF-8.
        object.insert(QStringLiteral("reply"), QString::fromLatin1(entry.reply->toBase64()));
        object.insert(QStringLiteral("replyTruncated"), entry.replyTruncated);
    }
    return object;
}

HistoryEntry historyFromJson(const QJsonObject &object)
{
    HistoryEntry entry;
    entry.time
        = QDateTime::fromString(object.value(QStringLiteral("time")).toString(), Qt::ISODateWithMs)
              .toLocalTime();
    entry.draft = ComposerDraft::fromJson(object.value(QStringLiteral("draft")).toObject());
    entry.halfClose = object.value(QStringLiteral("halfClose")).toBool();
    entry.size = qint64(object.value(QStringLiteral("size")).toDouble());
    entry.target = object.value(QStringLiteral("target")).toString();
    const QJsonArray ids = object.value(QStringLiteral("connections")).toArray();
    for (const QJsonValue id : ids)
        entry.connectionIds.append(quint64(id.toDouble()));
    entry.clientSide = object.value(QStringLiteral("clientSide")).toBool(true);
    entry.peer = object.value(QStringLiteral("peer")).toString();
    entry.framing = object.value(QStringLiteral("framing")).toString();
    if (object.contains(QStringLiteral("reply"))) {
        entry.reply
            = QByteArray::fromBase64(object.value(QStringLiteral("reply")).toString().toLatin1());
        entry.replyTruncated = object.value(QStringLiteral("replyTruncated")).toBool();
    }
    return entry;
}
} // namespace

RequestLibrary::RequestLibrary(QObject *parent) : QObject(parent) { }

QString RequestLibrary::defaultPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("requests.json"));
}

bool RequestLibrary::load(const QString &path)
{
    m_path = path;
    m_error.clear();
    m_saved.clear();
    m_history.clear();
    QFile file(path);
    bool ok = true;
    if (file.exists()) {
        QString why;
        if (!file.open(QIODevice::ReadOnly)) {
            why = file.errorString();
            ok = false;
        } else if (!parse(file.readAll(), &why)) {
            ok = false;
        }
        if (!ok) {
            m_saved.clear();
            m_history.clear();
            keepUnreadable(why);
        }
    }
    emit savedChanged();
    emit historyChanged();
    if (!ok)
        emit errorOccurred(m_error);
    return ok;
}

bool RequestLibrary::parse(const QByteArray &data, QString *why)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(data, &parseError);
    if (document.isNull()) {
        *why = tr("it is not valid JSON (%1 at byte %2)")
                   .arg(parseError.errorString())
                   .arg(parseError.offset);
        return false;
    }
    const QJsonObject root = document.object();
    const int version = root.value(QStringLiteral("version")).toInt(0);
    if (!document.isObject() || version < 1) {
        *why = tr("it has no format version");
        return false;
    }
    if (version > formatVersion) {
        *why = tr("it was written by a newer TCP Inspector (format %1; this one reads %2)")
                   .arg(version)
                   .arg(formatVersion);
        return false;
    }
    const QJsonArray saved = root.value(QStringLiteral("saved")).toArray();
    for (const QJsonValue value : saved) {
        const QJsonObject object = value.toObject();
        const QString name = object.value(QStringLiteral("name")).toString();
        if (name.isEmpty() || indexOfName(name) >= 0)
            continue;
        m_saved.append(
            {name, ComposerDraft::fromJson(object.value(QStringLiteral("draft")).toObject())});
    }
    const QJsonArray history = root.value(QStringLiteral("history")).toArray();
    for (const QJsonValue value : history) {
        if (m_history.size() >= historyLimit)
            break;
        HistoryEntry entry = historyFromJson(value.toObject());
        entry.serial = m_nextSerial++;
        m_history.append(entry);
    }
    return true;
}

void RequestLibrary::keepUnreadable(const QString &why)
{
    // The file may hold a newer version's requests or be fixable by hand:
    // set it aside before anything is written over it.
    const QString backup = m_path + QStringLiteral(".bak");
    QFile::remove(backup);
    const bool kept = QFile::copy(m_path, backup);
    // File names: the message is shown on one line; the panel's tooltip has the folder.
    const QString name = QFileInfo(m_path).fileName();
    m_error = kept ? tr("%1 could not be read: %2. It was kept as %3; the library starts empty.")
                         .arg(name, why, QFileInfo(backup).fileName())
                   : tr("%1 could not be read: %2. It could not be copied aside either, so "
                        "nothing will be saved to it.")
                         .arg(name, why);
    if (!kept)
        m_path.clear();
}

int RequestLibrary::indexOfName(const QString &name) const
{
    for (int row = 0; row < m_saved.size(); ++row) {
        if (m_saved.at(row).name == name)
            return row;
    }
    return -1;
}

int RequestLibrary::save(const QString &name, const ComposerDraft &draft)
{
    int row = indexOfName(name);
    if (row >= 0) {
        m_saved[row].draft = draft;
    } else {
        m_saved.append({name, draft});
        row = int(m_saved.size() - 1);
    }
    emit savedChanged();
    write();
    return row;
}

bool RequestLibrary::rename(int row, const QString &name)
{
    const QString trimmed = name.trimmed();
    if (row < 0 || row >= m_saved.size() || trimmed.isEmpty())
        return false;
    const int other = indexOfName(trimmed);
    if (other >= 0 && other != row)
        return false;
    m_saved[row].name = trimmed;
    emit savedChanged();
    write();
    return true;
}

void RequestLibrary::removeSaved(int row)
{
    if (row < 0 || row >= m_saved.size())
        return;
    m_saved.removeAt(row);
    emit savedChanged();
    write();
}

quint64 RequestLibrary::addHistory(HistoryEntry entry)
{
    entry.serial = m_nextSerial++;
    m_history.prepend(entry);
    while (m_history.size() > historyLimit)
        m_history.removeLast();
    emit historyChanged();
    write();
    return entry.serial;
}

void RequestLibrary::setReply(quint64 serial, const QByteArray &payload, bool truncated)
{
    for (HistoryEntry &entry : m_history) {
        if (entry.serial == serial) {
            entry.reply = payload;
            entry.replyTruncated = truncated;
            emit historyChanged();
            write();
            return;
        }
    }
}

void RequestLibrary::clearHistory()
{
    m_history.clear();
    emit historyChanged();
    write();
}

void RequestLibrary::write()
{
    if (m_path.isEmpty())
        return;
    QJsonArray saved;
    for (const SavedRequest &request : std::as_const(m_saved)) {
        QJsonObject object;
        object.insert(QStringLiteral("name"), request.name);
        object.insert(QStringLiteral("draft"), request.draft.toJson());
        saved.append(object);
    }
    QJsonArray history;
    for (const HistoryEntry &entry : std::as_const(m_history))
        history.append(historyToJson(entry));
    QJsonObject root;
    root.insert(QStringLiteral("version"), formatVersion);
    root.insert(QStringLiteral("saved"), saved);
    root.insert(QStringLiteral("history"), history);

    QDir().mkpath(QFileInfo(m_path).absolutePath());
    // Written aside and renamed: a crash mid-write leaves the old file whole.
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly)
        || file.write(QJsonDocument(root).toJson(QJsonDocument::Indented)) < 0 || !file.commit()) {
        const QString error = tr("The request library could not be saved to %1: %2")
                                  .arg(QDir::toNativeSeparators(m_path), file.errorString());
        if (error != m_error) {
            m_error = error;
            emit errorOccurred(m_error);
        }
    }
}

} // namespace TcpInspector
