// SPDX-License-Identifier: GPL-3.0-or-later
// "Save as scenario": what ScenarioWriter writes is read back by the
// scenario parser to the same bytes and options, and one file is run by the
// real tcpinspector-cli against a loopback server.
#include "composer/scenariowriter.h"

#include "scenario/scenarioparser.h"
#include "shared/jsonlines.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace TcpInspector;

namespace {
ScenarioFile parse(const QString &text, const QString &directory = QString())
{
    return ScenarioParser().parseText(text, QStringLiteral("saved.scn"), directory);
}

QString diagnostics(const ScenarioFile &file)
{
    QStringList lines;
    for (const ScenarioDiagnostic &diagnostic : file.diagnostics)
        lines << diagnostic.toString();
    return lines.join(QLatin1Char('\n'));
}

QList<ScenarioStep> stepsOf(const ScenarioFile &file, StepKind kind)
{
    QList<ScenarioStep> steps;
    for (const Scenario &scenario : file.scenarios) {
        for (const ScenarioStep &step : scenario.steps) {
            if (step.kind == kind)
                steps.append(step);
        }
    }
    return steps;
}

ScenarioRequest textRequest(const QString &text)
{
    ScenarioRequest request;
    request.draft.text = text;
    return request;
}

/// A line server: "PING" gets "+PONG", anything else "ECHO " and the line.
class LineServer : public QTcpServer
{
public:
    LineServer()
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                    while (socket->canReadLine()) {
                        const QByteArray line = socket->readLine().trimmed();
                        socket->write(line == "PING" ? QByteArray("+PONG\n")
                                                     : "ECHO " + line + '\n');
                    }
                });
            }
        });
    }
};
} // namespace

class tst_ScenarioWriter : public QObject
{
    Q_OBJECT

private slots:
    void textReadsBackAsTheSameBytes_data();
    void textReadsBackAsTheSameBytes();
    void hexAndOptions();
    void fileRelativeAndAbsolute();
    void repliesBecomeExpectations();
    void framingAndTarget();
    void runsWithTheCli();

private:
    int runCli(const QString &file, int port, QString *errors, QList<QJsonObject> *events);
};

void tst_ScenarioWriter::textReadsBackAsTheSameBytes_data()
{
    QTest::addColumn<QString>("composerText");
    QTest::addColumn<int>("lineEnding");
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("crlf") << QStringLiteral("PING\\r\\n") << 0 << QByteArray("PING\r\n");
    QTest::newRow("line ending") << QStringLiteral("PING") << 2 << QByteArray("PING\r\n");
    QTest::newRow("nul") << QStringLiteral("a\\0b\\x00") << 0 << QByteArray("a\0b\0", 4);
    QTest::newRow("nul then digit") << QStringLiteral("\\x001") << 0 << QByteArray("\0001", 2);
    QTest::newRow("not utf-8") << QStringLiteral("\\xff\\xfe\\xc3") << 0
                               << QByteArray("\xff\xfe\xc3");
    QTest::newRow("quotes") << QStringLiteral("say \"hi\" it's") << 0
                            << QByteArray("say \"hi\" it's");
    QTest::newRow("backslash") << QStringLiteral("C:\\\\dir\\\\") << 0 << QByteArray("C:\\dir\\");
    QTest::newRow("braces") << QStringLiteral("{{token}} {{{ }") << 0
                            << QByteArray("{{token}} {{{ }");
    QTest::newRow("hash") << QStringLiteral("# not a comment") << 1
                          << QByteArray("# not a comment\n");
    QTest::newRow("chinese") << QStringLiteral("你好\\t世界") << 0
                             << QStringLiteral("你好\t世界").toUtf8();
    QTest::newRow("controls") << QStringLiteral("\\x01\\x7f\\x1b[0m") << 0
                              << QByteArray("\x01\x7f\x1b[0m");
}

void tst_ScenarioWriter::textReadsBackAsTheSameBytes()
{
    QFETCH(QString, composerText);
    QFETCH(int, lineEnding);
    QFETCH(QByteArray, bytes);
    ScenarioRequest request = textRequest(composerText);
    request.draft.lineEnding = ComposerDraft::LineEnding(lineEnding);
    QCOMPARE(request.draft.bytes().value_or(QByteArray()), bytes);
    request.reply = bytes; // the same escapes in an expectation
    ScenarioWriter writer;
    writer.target = QStringLiteral("127.0.0.1:7");
    const QString text = writer.write({request});
    const ScenarioFile file = parse(text);
    QVERIFY2(!file.hasErrors(), qPrintable(diagnostics(file) + '\n' + text));
    const QList<ScenarioStep> sends = stepsOf(file, StepKind::Send);
    QCOMPARE(sends.size(), 1);
    const SendArgs &send = sends.first().get<SendArgs>();
    QCOMPARE(send.data.kind, ScenarioData::Kind::Text);
    QVERIFY(send.data.value.isConstant());
    QCOMPARE(send.data.value.constant(), bytes);
    const QList<ScenarioStep> expects = stepsOf(file, StepKind::Expect);
    QCOMPARE(expects.size(), 1);
    QCOMPARE(expects.first().get<ExpectArgs>().pattern.value.constant(), bytes);
    QCOMPARE(expects.first().get<ExpectArgs>().mode, MessageMatch::Mode::Exact);
}

void tst_ScenarioWriter::hexAndOptions()
{
    ScenarioRequest request;
    request.draft.mode = ComposerDraft::Mode::Hex;
    request.draft.hex = QStringLiteral("0x2a, 0x31 0d:0a 00 ff");
    request.draft.fragmentSize = 2;
    request.draft.fragmentDelayMs = 15;
    request.draft.repeat = 3;
    request.draft.intervalMs = 250;
    request.halfClose = true;
    const QString text = ScenarioWriter().write({request});
    const ScenarioFile file = parse(text);
    QVERIFY2(!file.hasErrors(), qPrintable(diagnostics(file) + '\n' + text));
    QVERIFY(text.contains(QStringLiteral("hex \"2a 31 0d 0a 00 ff\"")));
    const SendArgs send = stepsOf(file, StepKind::Send).first().get<SendArgs>();
    QCOMPARE(send.data.kind, ScenarioData::Kind::Hex);
    QCOMPARE(send.data.value.constant(), QByteArray("*1\r\n\0\xff", 6));
    QCOMPARE(send.fragment, 2);
    QCOMPARE(send.delayMs, 15);
    QCOMPARE(send.repeat, 3);
    QCOMPARE(send.intervalMs, 250);
    QCOMPARE(stepsOf(file, StepKind::HalfClose).size(), 1);
    // No target known: the file declares one that --var must give.
    QCOMPARE(file.variables.size(), 1);
    QCOMPARE(file.variables.first().name, QStringLiteral("target"));
    QVERIFY(!file.variables.first().defaultValue);
}

void tst_ScenarioWriter::fileRelativeAndAbsolute()
{
    QTemporaryDir dir;
    QTemporaryDir elsewhere;
    QVERIFY(dir.isValid() && elsewhere.isValid());
    ScenarioRequest inside;
    inside.draft.mode = ComposerDraft::Mode::File;
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("bodies")));
    inside.draft.filePath = dir.filePath(QStringLiteral("bodies/请求 1.bin"));
    ScenarioRequest outside = inside;
    outside.draft.filePath = elsewhere.filePath(QStringLiteral("other.bin"));
    for (const ScenarioRequest *request : {&inside, &outside}) {
        QFile file(request->draft.filePath);
        QVERIFY(file.open(QIODevice::WriteOnly));
    }
    ScenarioWriter writer;
    writer.directory = dir.path();
    ScenarioRequest quoted = inside;
    quoted.draft.filePath = dir.filePath(QStringLiteral("a\"b.bin"));
    const QString text = writer.write({inside, outside, quoted});
    QVERIFY2(text.contains(QStringLiteral("file \"bodies/请求 1.bin\"")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("# (left out: the path")));
    const ScenarioFile file = parse(text, dir.path());
    QVERIFY2(!file.hasErrors(), qPrintable(diagnostics(file) + '\n' + text));
    const QList<ScenarioStep> sends = stepsOf(file, StepKind::Send);
    QCOMPARE(sends.size(), 2);
    QCOMPARE(sends.at(0).get<SendArgs>().data.kind, ScenarioData::Kind::File);
    QCOMPARE(QString::fromUtf8(sends.at(0).get<SendArgs>().data.value.constant()),
             inside.draft.filePath);
    QCOMPARE(QString::fromUtf8(sends.at(1).get<SendArgs>().data.value.constant()),
             outside.draft.filePath);
}

void tst_ScenarioWriter::repliesBecomeExpectations()
{
    ScenarioRequest shortReply = textRequest(QStringLiteral("GET"));
    shortReply.reply = QByteArray("OK");
    ScenarioRequest longReply = textRequest(QStringLiteral("LIST"));
    longReply.reply = QByteArray(300, 'x');
    ScenarioRequest cut = textRequest(QStringLiteral("MORE"));
    cut.reply = QByteArray("partial");
    cut.replyTruncated = true;
    ScenarioRequest broken = textRequest(QStringLiteral("bad \\q escape"));
    ScenarioRequest finOnly = textRequest(QString());
    finOnly.halfClose = true;
    const QString text = ScenarioWriter().write({shortReply, longReply, cut, broken, finOnly});
    const ScenarioFile file = parse(text);
    QVERIFY2(!file.hasErrors(), qPrintable(diagnostics(file) + '\n' + text));
    QCOMPARE(stepsOf(file, StepKind::Send).size(), 3); // the broken and the empty one are left out
    QCOMPARE(stepsOf(file, StepKind::HalfClose).size(), 1);
    const QList<ScenarioStep> expects = stepsOf(file, StepKind::Expect);
    QCOMPARE(expects.size(), 3);
    QCOMPARE(expects.at(0).get<ExpectArgs>().mode, MessageMatch::Mode::Exact);
    QCOMPARE(expects.at(1).get<ExpectArgs>().mode, MessageMatch::Mode::Prefix);
    QCOMPARE(expects.at(1).get<ExpectArgs>().pattern.value.constant(),
             QByteArray(ScenarioWriter::prefixLength, 'x'));
    QCOMPARE(expects.at(2).get<ExpectArgs>().mode, MessageMatch::Mode::Prefix);
    QVERIFY(text.contains(QStringLiteral("# (left out")));
    // Every expectation is commented as one to edit.
    QCOMPARE(text.count(QStringLiteral("edit or delete")), 3);
}

void tst_ScenarioWriter::framingAndTarget()
{
    ScenarioRequest first = textRequest(QStringLiteral("a"));
    first.framing = QStringLiteral("line");
    ScenarioRequest second = textRequest(QStringLiteral("b"));
    second.framing = QStringLiteral("delim:hex=00");
    second.draft.repeat = 4;
    second.draft.intervalMs = 2000;
    second.reply = QByteArray("done");
    ScenarioWriter writer;
    writer.target = QStringLiteral("[::1]:6379");
    writer.scenarioName = QStringLiteral("from the library");
    const QString text = writer.write({first, second});
    const ScenarioFile file = parse(text);
    QVERIFY2(!file.hasErrors(), qPrintable(diagnostics(file) + '\n' + text));
    QCOMPARE(file.scenarios.last().name, QStringLiteral("from the library"));
    QCOMPARE(file.variables.first().defaultValue.value_or(QByteArray()), QByteArray("[::1]:6379"));
    const ConnectArgs connect = stepsOf(file, StepKind::Connect).first().get<ConnectArgs>();
    QCOMPARE(connect.framing, QStringLiteral("line"));
    QCOMPARE(connect.address.variables(), QStringList {QStringLiteral("target")});
    const QList<ScenarioStep> framings = stepsOf(file, StepKind::Framing);
    QCOMPARE(framings.size(), 1);
    QCOMPARE(framings.first().get<FramingArgs>().spec, QStringLiteral("delim:hex=00"));
    // Six seconds of repeats: the expectation waits for them and then its own five.
    QCOMPARE(stepsOf(file, StepKind::Expect).first().get<ExpectArgs>().withinMs, 11000);
}

int tst_ScenarioWriter::runCli(const QString &path, int port, QString *errors,
                               QList<QJsonObject> *events)
{
    QProcess process;
    process.start(QStringLiteral(TCPI_CLI_PATH),
                  {QStringLiteral("run"), QStringLiteral("--var"),
                   QStringLiteral("target=127.0.0.1:%1").arg(port), path});
    // The server answers on this thread: keep its event loop turning.
    [&] {
        QTRY_VERIFY_WITH_TIMEOUT(process.state() == QProcess::NotRunning, 30000);
    }();
    if (process.state() != QProcess::NotRunning) {
        process.kill();
        process.waitForFinished(5000);
        return -1;
    }
    *errors = QString::fromUtf8(process.readAllStandardError());
    *events = parseJsonLines(process.readAllStandardOutput());
    return process.exitCode();
}

void tst_ScenarioWriter::runsWithTheCli()
{
    LineServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    ScenarioRequest ping = textRequest(QStringLiteral("PING"));
    ping.draft.lineEnding = ComposerDraft::LineEnding::Lf;
    ping.framing = QStringLiteral("line");
    ping.reply = QByteArray("+PONG");
    ping.replyFrom = QStringLiteral("#1");
    ScenarioRequest hello;
    hello.draft.mode = ComposerDraft::Mode::Hex;
    hello.draft.hex = QStringLiteral("68 69 7b 7b 0a"); // "hi{{\n", one byte a write
    hello.draft.fragmentSize = 1;
    hello.draft.fragmentDelayMs = 2;
    hello.framing = QStringLiteral("line");
    hello.reply = QByteArray("ECHO hi{{");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    ScenarioWriter writer;
    writer.target = QStringLiteral("127.0.0.1:1"); // overridden by --var
    for (const bool right : {true, false}) {
        if (!right)
            hello.reply = QByteArray("ECHO something else");
        const QString path
            = dir.filePath(right ? QStringLiteral("right.scn") : QStringLiteral("wrong.scn"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(writer.write({ping, hello}).toUtf8());
        file.close();
        QString errors;
        QList<QJsonObject> events;
        const int exitCode = runCli(path, server.serverPort(), &errors, &events);
        // A reply as it was seen holds; an edited one that the server does not send fails.
        QVERIFY2(exitCode == (right ? 0 : 1), qPrintable(errors));
        const QList<QJsonObject> steps = jsonEventsNamed(events, QStringLiteral("step"));
        QCOMPARE(steps.size(), 5); // connect, send, expect, send, expect
        QCOMPARE(steps.at(2).value("status").toString(), QStringLiteral("passed"));
        QCOMPARE(steps.last().value("status").toString(),
                 right ? QStringLiteral("passed") : QStringLiteral("failed"));
    }
}

QTEST_GUILESS_MAIN(tst_ScenarioWriter)
#include "tst_scenariowriter.moc"
