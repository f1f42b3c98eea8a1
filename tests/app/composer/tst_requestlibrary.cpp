// SPDX-License-Identifier: GPL-3.0-or-later
// The request library's store: saved requests by name, the capped history,
// and the JSON file it lives in, including files it must not trust.
#include "composer/requestlibrary.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace TcpInspector;

namespace {
ComposerDraft textDraft(const QString &text)
{
    ComposerDraft draft;
    draft.text = text;
    return draft;
}

HistoryEntry entryFor(const QString &text)
{
    HistoryEntry entry;
    entry.time = QDateTime::currentDateTime();
    entry.draft = textDraft(text);
    entry.size = text.size();
    entry.target = QStringLiteral("#1 to 127.0.0.1:7");
    entry.connectionIds = {1};
    return entry;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(data);
}
} // namespace

class tst_RequestLibrary : public QObject
{
    Q_OBJECT

private slots:
    void init() { QVERIFY(m_dir.isValid()); }
    void saveRenameDelete();
    void sameNameReplaces();
    void historyKeepsTheNewestHundred();
    void replyAttachesToItsEntry();
    void fileRoundTrip();
    void draftJsonRoundTrip();
    void proposedNames_data();
    void proposedNames();
    void unreadableFileIsReportedAndKept_data();
    void unreadableFileIsReportedAndKept();

private:
    QString path() const { return m_dir.filePath(QStringLiteral("requests.json")); }
    QTemporaryDir m_dir;
};

void tst_RequestLibrary::saveRenameDelete()
{
    RequestLibrary library;
    QSignalSpy changed(&library, &RequestLibrary::savedChanged);
    QCOMPARE(library.save(QStringLiteral("ping"), textDraft(QStringLiteral("PING\\r\\n"))), 0);
    QCOMPARE(library.save(QStringLiteral("quit"), textDraft(QStringLiteral("QUIT"))), 1);
    QCOMPARE(changed.size(), 2);
    QVERIFY(library.rename(0, QStringLiteral("  redis ping ")));
    QCOMPARE(library.saved().at(0).name, QStringLiteral("redis ping"));
    // A name another request has, or none, is refused and changes nothing.
    QVERIFY(!library.rename(0, QStringLiteral("quit")));
    QVERIFY(!library.rename(1, QStringLiteral("   ")));
    QVERIFY(!library.rename(5, QStringLiteral("x")));
    QCOMPARE(library.saved().at(1).name, QStringLiteral("quit"));
    library.removeSaved(0);
    QCOMPARE(library.saved().size(), 1);
    QCOMPARE(library.saved().at(0).draft.text, QStringLiteral("QUIT"));
    QCOMPARE(library.indexOfName(QStringLiteral("redis ping")), -1);
}

void tst_RequestLibrary::sameNameReplaces()
{
    RequestLibrary library;
    library.save(QStringLiteral("a"), textDraft(QStringLiteral("one")));
    library.save(QStringLiteral("b"), textDraft(QStringLiteral("two")));
    QCOMPARE(library.save(QStringLiteral("a"), textDraft(QStringLiteral("three"))), 0);
    QCOMPARE(library.saved().size(), 2);
    QCOMPARE(library.saved().at(0).draft.text, QStringLiteral("three"));
}

void tst_RequestLibrary::historyKeepsTheNewestHundred()
{
    RequestLibrary library;
    for (int i = 0; i < RequestLibrary::historyLimit + 7; ++i)
        library.addHistory(entryFor(QStringLiteral("send %1").arg(i)));
    QCOMPARE(library.history().size(), RequestLibrary::historyLimit);
    QCOMPARE(library.history().first().draft.text, QStringLiteral("send 106"));
    // The seven oldest went.
    QCOMPARE(library.history().last().draft.text, QStringLiteral("send 7"));
    library.clearHistory();
    QVERIFY(library.history().isEmpty());
}

void tst_RequestLibrary::replyAttachesToItsEntry()
{
    RequestLibrary library;
    const quint64 first = library.addHistory(entryFor(QStringLiteral("a")));
    library.addHistory(entryFor(QStringLiteral("b")));
    library.setReply(first, QByteArrayLiteral("+OK"), false);
    QVERIFY(!library.history().at(0).reply);
    QCOMPARE(library.history().at(1).reply.value_or(QByteArray()), QByteArrayLiteral("+OK"));
}

void tst_RequestLibrary::fileRoundTrip()
{
    {
        RequestLibrary library;
        QVERIFY(library.load(path()));
        ComposerDraft hex;
        hex.mode = ComposerDraft::Mode::Hex;
        hex.hex = QStringLiteral("de ad be ef");
        hex.fragmentSize = 1;
        hex.fragmentDelayMs = 5;
        hex.repeat = 3;
        hex.intervalMs = 100;
        library.save(QStringLiteral("bytes"), hex);
        ComposerDraft text = textDraft(QStringLiteral("GET / HTTP/1.1\\r\\n\\r\\n"));
        text.lineEnding = ComposerDraft::LineEnding::CrLf;
        library.save(QStringLiteral("http"), text);
        HistoryEntry entry = entryFor(QStringLiteral("PING"));
        entry.halfClose = true;
        entry.framing = QStringLiteral("line");
        entry.peer = QStringLiteral("127.0.0.1:6379");
        const quint64 serial = library.addHistory(entry);
        library.setReply(serial, QByteArray("\x00\xff+PONG", 7), true);
        QVERIFY(library.error().isEmpty());
    }
    RequestLibrary again;
    QVERIFY(again.load(path()));
    QCOMPARE(again.saved().size(), 2);
    QCOMPARE(again.saved().at(0).name, QStringLiteral("bytes"));
    QCOMPARE(again.saved().at(0).draft.mode, ComposerDraft::Mode::Hex);
    QCOMPARE(again.saved().at(0).draft.repeat, 3);
    QCOMPARE(again.saved().at(0).draft.intervalMs, 100);
    QCOMPARE(again.saved().at(0).draft.fragmentDelayMs, 5);
    QCOMPARE(again.saved().at(1).draft.lineEnding, ComposerDraft::LineEnding::CrLf);
    QCOMPARE(again.history().size(), 1);
    const HistoryEntry &entry = again.history().first();
    QVERIFY(entry.halfClose);
    QCOMPARE(entry.framing, QStringLiteral("line"));
    QCOMPARE(entry.peer, QStringLiteral("127.0.0.1:6379"));
    QCOMPARE(entry.connectionIds, QList<quint64> {1});
    QCOMPARE(entry.reply.value_or(QByteArray()), QByteArray("\x00\xff+PONG", 7));
    QVERIFY(entry.replyTruncated);
    const QJsonObject root = QJsonDocument::fromJson(readAll(path())).object();
    QCOMPARE(root.value(QStringLiteral("version")).toInt(), RequestLibrary::formatVersion);
}

void tst_RequestLibrary::draftJsonRoundTrip()
{
    ComposerDraft draft;
    draft.mode = ComposerDraft::Mode::File;
    draft.filePath = QStringLiteral("/tmp/请求.bin");
    draft.text = QStringLiteral("kept \\x00");
    draft.fragmentSize = qint64(1) << 33;
    QCOMPARE(ComposerDraft::fromJson(draft.toJson()), draft);
    // Nonsense values fall back to what the composer allows.
    QJsonObject bad = draft.toJson();
    bad.insert(QStringLiteral("mode"), QStringLiteral("morse"));
    bad.insert(QStringLiteral("repeat"), -4);
    const ComposerDraft read = ComposerDraft::fromJson(bad);
    QCOMPARE(read.mode, ComposerDraft::Mode::Text);
    QCOMPARE(read.repeat, 1);
}

void tst_RequestLibrary::proposedNames_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<QString>("content");
    QTest::addColumn<QString>("name");
    QTest::newRow("first line") << 0 << QStringLiteral("GET /index.html HTTP/1.1\\r\\nHost: x")
                                << QStringLiteral("GET /index.html HTTP/1.1");
    QTest::newRow("escapes only") << 0 << QStringLiteral("\\r\\n") << QStringLiteral("\\r\\n");
    QTest::newRow("hex") << 1 << QStringLiteral("2a310d0a") << QStringLiteral("hex 2a 31 0d 0a");
    QTest::newRow("file") << 2 << QStringLiteral("/data/req.bin") << QStringLiteral("req.bin");
}

void tst_RequestLibrary::proposedNames()
{
    QFETCH(int, mode);
    QFETCH(QString, content);
    QFETCH(QString, name);
    ComposerDraft draft;
    draft.mode = ComposerDraft::Mode(mode);
    draft.text = draft.hex = draft.filePath = content;
    QCOMPARE(draft.proposedName(), name);
}

void tst_RequestLibrary::unreadableFileIsReportedAndKept_data()
{
    QTest::addColumn<QByteArray>("contents");
    QTest::addColumn<QString>("why");
    QTest::newRow("corrupt") << QByteArray("{\"version\": 1, \"saved\": [ {\"name\": ")
                             << QStringLiteral("not valid JSON");
    QTest::newRow("no version") << QByteArray("{\"saved\": []}")
                                << QStringLiteral("no format version");
    QTest::newRow("newer") << QByteArray("{\"version\": 7, \"saved\": [], \"future\": 1}")
                           << QStringLiteral("newer TCP Inspector");
}

void tst_RequestLibrary::unreadableFileIsReportedAndKept()
{
    QFETCH(QByteArray, contents);
    QFETCH(QString, why);
    writeFile(path(), contents);
    RequestLibrary library;
    QSignalSpy errors(&library, &RequestLibrary::errorOccurred);
    QVERIFY(!library.load(path()));
    QCOMPARE(errors.size(), 1);
    QVERIFY2(library.error().contains(why), qPrintable(library.error()));
    QVERIFY(library.error().contains(QStringLiteral("requests.json.bak")));
    QVERIFY(library.saved().isEmpty());
    // Kept as it was: untouched in place, and copied aside.
    QCOMPARE(readAll(path()), contents);
    QCOMPARE(readAll(path() + QStringLiteral(".bak")), contents);
    // Saving afterwards writes a good file, and the copy stays.
    library.save(QStringLiteral("new"), textDraft(QStringLiteral("x")));
    QCOMPARE(readAll(path() + QStringLiteral(".bak")), contents);
    RequestLibrary again;
    QVERIFY(again.load(path()));
    QCOMPARE(again.saved().size(), 1);
}

QTEST_GUILESS_MAIN(tst_RequestLibrary)
#include "tst_requestlibrary.moc"
