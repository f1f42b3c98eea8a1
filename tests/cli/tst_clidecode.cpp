// SPDX-License-Identifier: GPL-3.0-or-later
// tcpinspector-cli decode, run as a user runs it: a real process, real files and
// pipes, its JSON lines parsed and its exit codes checked.
#include "expectedkindnames.h"

#include "framing/decoderregistry.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace TcpInspector;

namespace {
struct CliRun
{
    int exitCode = -1;
    QList<QJsonObject> events;
    QByteArray stderrText;
    QByteArray stdoutText;
};

CliRun runCli(const QStringList &arguments, const QByteArray &stdinBytes = {}, bool json = true)
{
    QProcess process;
    process.start(QStringLiteral(TCPI_CLI_PATH), arguments);
    if (!process.waitForStarted(10000))
        return {};
    process.write(stdinBytes);
    process.closeWriteChannel();
    process.waitForFinished(60000);
    CliRun run;
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.stdoutText = process.readAllStandardOutput();
    run.stderrText = process.readAllStandardError();
    for (const QByteArray &line : run.stdoutText.split('\n')) {
        if (line.isEmpty() || !json)
            continue;
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject()) {
            qWarning("not a JSON object: %s", line.constData());
            return {};
        }
        run.events.append(doc.object());
    }
    return run;
}

QList<QJsonObject> eventsOf(const CliRun &run, const QString &name)
{
    QList<QJsonObject> result;
    for (const QJsonObject &event : run.events) {
        if (event.value(QStringLiteral("event")).toString() == name)
            result.append(event);
    }
    return result;
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    QFile file(dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(bytes);
    return file.fileName();
}
} // namespace

class tst_CliDecode : public QObject
{
    Q_OBJECT

private slots:
    void linesFromStdin();
    void chunkOptionShowsWhichReadsMadeEachMessage();
    void errorsAndSummary();
    void kindNamesOnRecordedData_data();
    void kindNamesOnRecordedData();
    void noKindNameWithoutNamedKinds();
    void peerDirectionTellsHttpAboutHead();
    void usageErrors_data();
    void usageErrors();
    void framingsListsEveryDecoder();
    void helpNamesTheCommand();
};

void tst_CliDecode::linesFromStdin()
{
    const CliRun run = runCli({"decode", "--framing", "line", "-"}, "hello\r\nworld\npart");
    QCOMPARE(run.exitCode, 0);
    const auto messages = eventsOf(run, "message");
    QCOMPARE(messages.size(), 2);
    QCOMPARE(messages[0].value("preview").toString(), QStringLiteral("hello"));
    QCOMPARE(messages[0].value("size").toInt(), 7);
    QCOMPARE(messages[1].value("offset").toInt(), 7);
    const auto partial = eventsOf(run, "partial");
    QCOMPARE(partial.size(), 1);
    QCOMPARE(partial[0].value("held").toInt(), 4);
    QVERIFY(partial[0].value("needed").isNull());
    QCOMPARE(run.events.last().value("event").toString(), QStringLiteral("summary"));
    QCOMPARE(run.events.last().value("messages").toInt(), 2);
    QCOMPARE(run.events.last().value("bytes").toInt(), 17);
    QCOMPARE(run.events.last().value("partial_bytes").toInt(), 4);
}

void tst_CliDecode::chunkOptionShowsWhichReadsMadeEachMessage()
{
    // 20 bytes read 3 at a time: the 10-byte line spans reads 0..3.
    const CliRun run
        = runCli({"decode", "--framing", "line", "--chunk", "3", "-"}, "012345678\nabcdefghi\n");
    QCOMPARE(run.exitCode, 0);
    const auto messages = eventsOf(run, "message");
    QCOMPARE(messages.size(), 2);
    QCOMPARE(messages[0].value("chunks").toArray(), QJsonArray({0, 3}));
    QCOMPARE(messages[1].value("chunks").toArray(), QJsonArray({3, 6}));
    QCOMPARE(run.events.last().value("chunks").toInt(), 7);
}

void tst_CliDecode::errorsAndSummary()
{
    const CliRun run = runCli({"decode", "--framing", "line:max=3", "-"}, "ok\ntoo long\nok\n");
    QCOMPARE(run.exitCode, 0);
    const auto errors = eventsOf(run, "error");
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors[0].value("kind").toString(), QStringLiteral("oversize"));
    QCOMPARE(errors[0].value("offset").toInt(), 3);
    QCOMPARE(errors[0].value("discarded").toInt(), 9);
    QVERIFY(!errors[0].value("message").toString().isEmpty());
    // Events come in stream order: message, error, message.
    QCOMPARE(run.events[1].value("event").toString(), QStringLiteral("error"));
    QCOMPARE(run.events.last().value("errors").toInt(), 1);
    QCOMPARE(run.events.last().value("messages").toInt(), 2);

    const CliRun failed
        = runCli({"decode", "--framing", "line:max=3,oversize=fail", "-"}, "ok\ntoo long\nok\n");
    QCOMPARE(failed.exitCode, 0);
    QCOMPARE(eventsOf(failed, "error").value(0).value("fatal").toBool(), true);
    QCOMPARE(failed.events.last().value("undecoded_bytes").toInt(), 12);
}

void tst_CliDecode::kindNamesOnRecordedData_data()
{
    QTest::addColumn<QString>("framing");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("peer");
    QTest::addColumn<QStringList>("names"); // each appears at least once

    QTest::newRow("resp3 replies") << "resp"
                                   << "resp/resp3-s2c.bin" << QString()
                                   << QStringList {"map",          "set",     "double",
                                                   "null",         "boolean", "verbatim_string",
                                                   "push",         "array",   "bulk_string",
                                                   "simple_error", "integer"};
    QTest::newRow("resp inline replies")
        << "resp"
        << "resp/inline-s2c.bin" << QString()
        << QStringList {"simple_string", "big_number", "bulk_string"};
    QTest::newRow("resp requests") << "resp"
                                   << "resp/cli-c2s.bin" << QString() << QStringList {"array"};
    QTest::newRow("tls 1.3 server")
        << "tls"
        << "tls/tls13-s2c.bin" << QString()
        << QStringList {"handshake", "change_cipher_spec", "application_data"};
    QTest::newRow("tls 1.2 client")
        << "tls"
        << "tls/tls12-c2s.bin" << QString()
        << QStringList {"handshake", "change_cipher_spec", "application_data", "alert"};
    QTest::newRow("http requests")
        << "http"
        << "http/curl-c2s.bin" << QString() << QStringList {"request", "request_chunked"};
    QTest::newRow("http responses")
        << "http"
        << "http/curl-s2c.bin"
        << "http/curl-c2s.bin" << QStringList {"response", "response_chunked"};
}

void tst_CliDecode::kindNamesOnRecordedData()
{
    QFETCH(QString, framing);
    QFETCH(QString, file);
    QFETCH(QString, peer);
    QFETCH(QStringList, names);
    const QString data = QStringLiteral(TCPI_TEST_DATA_DIR "/");
    QStringList arguments {"decode", "--framing", framing, data + file};
    if (!peer.isEmpty())
        arguments << "--peer" << data + peer;
    const CliRun run = runCli(arguments);
    QCOMPARE(run.exitCode, 0);
    const auto messages = eventsOf(run, "message");
    QVERIFY(!messages.isEmpty());
    QSet<QString> seen;
    for (const QJsonObject &message : messages) {
        // The name stands beside the number, never without it.
        QCOMPARE(message.contains("kind_name"), message.contains("kind"));
        if (!message.contains("kind"))
            continue;
        const int kind = message.value("kind").toInt();
        QCOMPARE(message.value("kind_name").toString(), expectedKindName(framing, kind));
        seen.insert(message.value("kind_name").toString());
    }
    for (const QString &name : names)
        QVERIFY2(seen.contains(name), qPrintable(name));
}

void tst_CliDecode::noKindNameWithoutNamedKinds()
{
    // delim's kind is the index of the delimiter: a number with no name.
    const CliRun delim = runCli({"decode", "--framing", "delim:hex=00,hex=0a", "-"}, "a\nb");
    QCOMPARE(delim.exitCode, 0);
    const auto messages = eventsOf(delim, "message");
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages[0].value("kind").toInt(), 1);
    QVERIFY(!messages[0].contains("kind_name"));
    const CliRun line = runCli({"decode", "--framing", "line", "-"}, "a\n");
    QCOMPARE(eventsOf(line, "message").size(), 1);
    QVERIFY(!eventsOf(line, "message")[0].contains("kind"));
    QVERIFY(!eventsOf(line, "message")[0].contains("kind_name"));
}

void tst_CliDecode::peerDirectionTellsHttpAboutHead()
{
    QTemporaryDir dir;
    const QString requests = writeFile(dir, "requests",
                                       "HEAD / HTTP/1.1\r\nHost: a\r\n\r\n"
                                       "GET / HTTP/1.1\r\nHost: a\r\n\r\n");
    const QString responses = writeFile(dir, "responses",
                                        "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"
                                        "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");
    const CliRun withPeer = runCli({"decode", "--framing", "http", "--peer", requests, responses});
    QCOMPARE(withPeer.exitCode, 0);
    QCOMPARE(eventsOf(withPeer, "message").size(), 2);
    QCOMPARE(eventsOf(withPeer, "message")[0].value("payload").toInt(), 0);
    QCOMPARE(eventsOf(withPeer, "message")[1].value("preview").toString(), QStringLiteral("hello"));
    QCOMPARE(withPeer.events.last().value("partial_bytes").toInt(), 0);

    // Without the requests the first response seems to carry a body of 5 bytes.
    const CliRun blind = runCli({"decode", "--framing", "http", responses});
    QCOMPARE(blind.exitCode, 0);
    QVERIFY(eventsOf(blind, "message").size() != 2
            || blind.events.last().value("partial_bytes").toInt() != 0
            || blind.events.last().value("errors").toInt() != 0);
}

void tst_CliDecode::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("unknown framing")
        << QStringList {"decode", "--framing", "lines", "-"} << "Valid framings: raw, line";
    QTest::newRow("bad option") << QStringList {"decode", "--framing", "line:eol=cr", "-"}
                                << "eol must be one of";
    QTest::newRow("no framing") << QStringList {"decode", "-"} << "--framing SPEC";
    QTest::newRow("no file") << QStringList {"decode", "--framing", "line"} << "Name the file";
    QTest::newRow("missing file") << QStringList {"decode", "--framing", "line", "/nonexistent/x"}
                                  << "Cannot open '/nonexistent/x'";
    QTest::newRow("bad chunk") << QStringList {"decode", "--framing", "line", "--chunk", "0", "-"}
                               << "--chunk needs a positive number";
    QTest::newRow("unknown option") << QStringList {"decode", "--framng", "line", "-"} << "framng";
    QTest::newRow("unknown command") << QStringList {"decod"} << "unknown command 'decod'";
    QTest::newRow("no command") << QStringList {} << "Usage:";
}

void tst_CliDecode::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, mentions);
    const CliRun run = runCli(arguments);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(QString::fromUtf8(run.stderrText).contains(mentions), run.stderrText.constData());
    QVERIFY(run.stdoutText.isEmpty());
}

void tst_CliDecode::framingsListsEveryDecoder()
{
    const CliRun run = runCli({"framings"}, {}, false);
    QCOMPARE(run.exitCode, 0);
    // Not JSON: a human list. Every registered decoder has a line of its own.
    for (const QString &name : DecoderRegistry::instance().names())
        QVERIFY2(run.stdoutText.contains("\n" + name.toUtf8())
                     || run.stdoutText.startsWith(name.toUtf8()),
                 qPrintable(name));
}

void tst_CliDecode::helpNamesTheCommand()
{
    for (const char *command : {"decode", "listen", "connect"}) {
        const CliRun run = runCli({QString::fromLatin1(command), "--help"}, {}, false);
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.stdoutText.startsWith("Usage: tcpinspector-cli " + QByteArray(command) + " "),
                 run.stdoutText.left(80).constData());
    }
}

QTEST_GUILESS_MAIN(tst_CliDecode)
#include "tst_clidecode.moc"
