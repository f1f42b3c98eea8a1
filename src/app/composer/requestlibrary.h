// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "composer/composerdraft.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>

#include <optional>

namespace TcpInspector {

/// A composer draft kept under a name.
struct SavedRequest
{
    QString name;
    ComposerDraft draft;
};

/// One send the composer made: what, when, on which connection(s), and the
/// first message that connection received after it (for "Save as scenario").
struct HistoryEntry
{
    quint64 serial = 0; ///< unique in this library, for replies that come later
    QDateTime time;
    ComposerDraft draft;
    bool halfClose = false; ///< Send + FIN
    qint64 size = 0;        ///< bytes of one copy
    QString target;         ///< the connection(s) as the tables name them: "#3 to 127.0.0.1:4000"
    QList<quint64> connectionIds;
    bool clientSide = true;          ///< the first connection was opened by the client panel
    QString peer;                    ///< the first connection's peer, HOST:PORT
    QString framing;                 ///< the first connection's receive framing when it was sent
    std::optional<QByteArray> reply; ///< payload of the first message received after it
    bool replyTruncated = false;     ///< reply holds only the start of a longer payload
};

/// The request library beside the composer: saved requests by name and the
/// last historyLimit sends, newest first, kept in one versioned JSON file.
/// A file that cannot be read (corrupt, or written by a newer version) is
/// copied to FILE.bak and reported by error(); it is never replaced unread.
class RequestLibrary : public QObject
{
    Q_OBJECT

public:
    static constexpr int historyLimit = 100;
    static constexpr int formatVersion = 1;

    explicit RequestLibrary(QObject *parent = nullptr);

    /// AppDataLocation/requests.json.
    static QString defaultPath();

    /// Reads path and from then on writes every change to it. False when the
    /// file exists but cannot be used: the library starts empty, error() says
    /// why and where the file was kept.
    bool load(const QString &path);
    QString path() const { return m_path; }
    /// The last load or write problem, for the user; empty when none.
    QString error() const { return m_error; }

    const QList<SavedRequest> &saved() const { return m_saved; }
    int indexOfName(const QString &name) const;
    /// Adds a request, or replaces the one with that name; its row.
    int save(const QString &name, const ComposerDraft &draft);
    /// False when the name is empty or another request has it.
    bool rename(int row, const QString &name);
    void removeSaved(int row);

    const QList<HistoryEntry> &history() const { return m_history; }
    /// Puts entry first and drops the oldest past historyLimit; its serial.
    quint64 addHistory(HistoryEntry entry);
    void setReply(quint64 serial, const QByteArray &payload, bool truncated);
    void clearHistory();

Q_SIGNALS:
    void savedChanged();
    void historyChanged();
    /// A write failed or a load found a file it could not use: error().
    void errorOccurred(const QString &error);

private:
    bool parse(const QByteArray &data, QString *why);
    void keepUnreadable(const QString &message);
    void write();

    QString m_path;
    QString m_error;
    QList<SavedRequest> m_saved;
    QList<HistoryEntry> m_history;
    quint64 m_nextSerial = 1;
};

} // namespace TcpInspector
