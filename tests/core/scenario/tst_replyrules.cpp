// SPDX-License-Identifier: GPL-3.0-or-later
// Reply rules: the rules file grammar, what the first matching rule
// decides, and a real server answering by its rules on loopback (order,
// delays, then=close/reset, EOF with replies still due, the scenario's
// rule step and listen rules=FILE).
#include "net/connection.h"
#include "net/serverendpoint.h"
#include "scenario/replyruleparser.h"
#include "scenario/replyrules.h"
#include "scenario/scenarioparser.h"
#include "scenario/scenariorunner.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <sys/socket.h>

using namespace TcpInspector;

namespace {

std::shared_ptr<ReplyRules> rulesOf(const QString &text)
{
    const ReplyRuleFile file = ReplyRuleParser().parseText(text, QStringLiteral("t.rules"));
    for (const ScenarioDiagnostic &d : file.diagnostics)
        qWarning("%s", qPrintable(d.toString()));
    QString error;
    auto rules = file.hasErrors() ? nullptr : ReplyRules::fromFile(file, &error);
    if (!error.isEmpty())
        qWarning("%s", qPrintable(error));
    return rules;
}

// "line:reply|then" of a decision, "-" for none.
QString describe(const std::optional<RuleDecision> &decision)
{
    if (!decision)
        return QStringLiteral("-");
    QString text = QString::number(decision->line) + QLatin1Char(':');
    if (decision->reply)
        text += QString::fromLatin1(decision->bytes.toPercentEncoding(" {}=#'+[]?"));
    if (decision->delayMs > 0)
        text += QStringLiteral(" +%1ms").arg(decision->delayMs);
    if (decision->then != RuleDecision::Then::Nothing)
        text += QLatin1Char(' ') + ruleThenKey(decision->then);
    return text;
}

// A server on loopback answering by rules, and a client socket connected to it.
struct Served
{
    ServerEndpoint server;
    QTcpSocket client;
    Connection *accepted = nullptr;

    bool start(const QString &rules, EngineKind engine)
    {
        ServerOptions options;
        options.address
            = *HostPort::parse(QStringLiteral("127.0.0.1:0"), HostPort::Use::Listen, nullptr);
        options.connection.engine = engine;
        options.connection.rxFraming = QStringLiteral("line");
        options.reply.kind = ReplyPolicy::Kind::Rules;
        options.reply.rules = rulesOf(rules);
        QObject::connect(&server, &ServerEndpoint::connectionAccepted,
                         [this](Connection *c) { accepted = c; });
        SocketErrorInfo error;
        if (!options.reply.rules || !server.listen(options, &error))
            return false;
        client.connectToHost(QStringLiteral("127.0.0.1"), server.boundAddress().port);
        return client.waitForConnected(5000);
    }

    // Everything the client reads until the server closes, or timeoutMs.
    QByteArray readToEnd(int timeoutMs = 5000)
    {
        QByteArray all;
        QElapsedTimer clock;
        clock.start();
        // The server runs on this thread's event loop: wait with it, not in it.
        while (client.state() == QAbstractSocket::ConnectedState && clock.elapsed() < timeoutMs) {
            QTest::qWait(20);
            all += client.readAll();
        }
        return all + client.readAll();
    }

    QStringList notes() const
    {
        QStringList texts;
        if (!accepted)
            return texts;
        for (qint64 i = 0; i < accepted->timeline().count(); ++i) {
            if (accepted->timeline().at(i).type == TimelineEvent::Note)
                texts += accepted->timeline().at(i).text;
        }
        return texts;
    }
};

} // namespace

class tst_ReplyRules : public QObject
{
    Q_OBJECT

private slots:
    void fileErrors_data();
    void fileErrors();
    void decisions();
    void oncePerConnection();
    void inOrderThenClose_data();
    void inOrderThenClose();
    void equalDelaysDoNotAddUp();
    void repliesDueAtEof();
    void thenReset();
    void scenarioRuleSteps();
};

void tst_ReplyRules::fileErrors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("unknown match") << "sned \"x\""
                                   << "t.rules:1:1: Unknown match 'sned'. Expected a quoted "
                                      "pattern, or one of: exact, prefix, contains, regex, hex, "
                                      "file.";
    QTest::newRow("two defaults") << "default reply \"a\"\n\ndefault reply \"b\""
                                  << "t.rules:3:1: A second default rule: line 1 has one "
                                     "already, and only one can answer what no rule matched.";
    QTest::newRow("reply without data") << "prefix \"a\" reply"
                                        << "t.rules:1:17: Expected data: a quoted string \"...\", "
                                           "hex \"...\" or file \"...\".";
    QTest::newRow("a scenario variable") << "prefix \"a\" reply \"{{target}}\""
                                         << "t.rules:1:19: Unknown variable 'target'. Variables "
                                            "so far: 0, 1. Macros: counter, time, random:N, "
                                            "random-hex:N.";
    QTest::newRow("delay twice") << "prefix \"a\" delay=1s delay=2s"
                                 << "t.rules:1:21: The option 'delay' is given twice.";
    QTest::newRow("nothing matched") << "   # a comment\n  reply \"x\""
                                     << "t.rules:2:3: Unknown match 'reply'. Expected a quoted "
                                        "pattern, or one of: exact, prefix, contains, regex, hex, "
                                        "file.";
}

void tst_ReplyRules::fileErrors()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const ReplyRuleFile file = ReplyRuleParser().parseText(text, QStringLiteral("t.rules"));
    QCOMPARE(file.diagnostics.size(), 1);
    QCOMPARE(file.diagnostics.constFirst().toString(), expected);
}

void tst_ReplyRules::decisions()
{
    const auto rules = rulesOf(QStringLiteral(
        "exact \"PING\" reply \"+PONG\\r\\n\"\n"
        "regex \"^GET (\\w+) (?<n>\\d+)$\" reply \"{{1}}={{n}} [{{0}}] #{{counter}}\"\n"
        "prefix hex \"2a\" reply hex \"2b{{1}}\" delay=20ms then=half-close\n"
        "contains \"QUIT\" then=close\n"
        "default reply \"?{{0}}\"\n"));
    QVERIFY(rules);
    QCOMPARE(rules->count(), 5);
    QCOMPARE(describe(rules->decide(1, "PING")), QStringLiteral("1:+PONG%0D%0A"));
    QCOMPARE(describe(rules->decide(1, "GET key 42")), QStringLiteral("2:key=42 [GET key 42] #1"));
    QCOMPARE(describe(rules->decide(1, "GET k 7")), QStringLiteral("2:k=7 [GET k 7] #2"));
    QCOMPARE(describe(rules->decide(1, "*3rest")), QStringLiteral("3:+3rest +20ms half-close"));
    QCOMPARE(describe(rules->decide(1, "please QUIT now")), QStringLiteral("4: close"));
    QCOMPARE(describe(rules->decide(1, "PINGx")), QStringLiteral("5:?PINGx"));
    // No default: an unmatched message gets nothing.
    const auto strict = rulesOf(QStringLiteral("exact \"a\" reply \"b\""));
    QCOMPARE(describe(strict->decide(1, "c")), QStringLiteral("-"));
}

void tst_ReplyRules::oncePerConnection()
{
    const auto rules = rulesOf(QStringLiteral("exact \"HELLO\" reply \"welcome\" once\n"
                                              "default reply \"again\" once\n"));
    QVERIFY(rules);
    QCOMPARE(describe(rules->decide(1, "HELLO")), QStringLiteral("1:welcome"));
    QCOMPARE(describe(rules->decide(1, "HELLO")), QStringLiteral("2:again"));
    QCOMPARE(describe(rules->decide(1, "HELLO")), QStringLiteral("-"));
    QCOMPARE(describe(rules->decide(2, "HELLO")), QStringLiteral("1:welcome"));
    rules->forget(1);
    QCOMPARE(describe(rules->decide(1, "HELLO")), QStringLiteral("1:welcome"));
}

void tst_ReplyRules::inOrderThenClose_data()
{
    QTest::addColumn<EngineKind>("engine");
    QTest::newRow("qt") << EngineKind::Qt;
    QTest::newRow("native") << EngineKind::Native;
}

void tst_ReplyRules::inOrderThenClose()
{
    QFETCH(EngineKind, engine);
    Served served;
    QVERIFY(served.start(QStringLiteral("exact \"slow\" reply \"1\\n\" delay=300ms\n"
                                        "exact \"fast\" reply \"2\\n\"\n"
                                        "exact \"bye\" reply \"3\\n\" then=close\n"),
                         engine));
    served.client.write("slow\nfast\nbye\n");
    // The slow reply holds the others back: a server answers in turn.
    QCOMPARE(served.readToEnd(), QByteArray("1\n2\n3\n"));
    QCOMPARE(served.client.state(), QAbstractSocket::UnconnectedState);
    QVERIFY(served.accepted);
    QVERIFY2(
        served.notes().contains(QStringLiteral("Message #3 matched the reply rule on line 3.")),
        qPrintable(served.notes().join(QLatin1Char('\n'))));
}

void tst_ReplyRules::equalDelaysDoNotAddUp()
{
    // Five messages at once, each answered 400 ms after it came: one after
    // the other they would take 2 s; due from their arrival, about 0.4 s.
    Served served;
    QVERIFY(
        served.start(QStringLiteral("default reply \"{{0}}\\n\" delay=400ms"), EngineKind::Native));
    QElapsedTimer clock;
    clock.start();
    served.client.write("1\n2\n3\n4\n5\n");
    QByteArray got;
    while (got.size() < 10 && clock.elapsed() < 5000) {
        QTest::qWait(10);
        got += served.client.readAll();
    }
    QCOMPARE(got, QByteArray("1\n2\n3\n4\n5\n"));
    QVERIFY2(clock.elapsed() >= 390, qPrintable(QString::number(clock.elapsed())));
    QVERIFY2(clock.elapsed() < 1500, qPrintable(QString::number(clock.elapsed())));
}

void tst_ReplyRules::repliesDueAtEof()
{
    // The native engine answers after the peer's FIN, then closes; the qt
    // engine cannot (S13), and says what it did not send.
    for (const EngineKind engine : {EngineKind::Native, EngineKind::Qt}) {
        Served served;
        QVERIFY(
            served.start(QStringLiteral("default reply \"late {{0}}\\n\" delay=200ms"), engine));
        served.client.write("a\nb\n");
        QVERIFY(served.client.waitForBytesWritten(2000));
        QCOMPARE(::shutdown(int(served.client.socketDescriptor()), SHUT_WR), 0);
        const QByteArray got = served.readToEnd();
        QTRY_VERIFY_WITH_TIMEOUT(served.accepted && isFinalState(served.accepted->state()), 5000);
        if (engine == EngineKind::Native) {
            QCOMPARE(got, QByteArray("late a\nlate b\n"));
        } else {
            QCOMPARE(got, QByteArray());
            QVERIFY2(served.notes().contains(QStringLiteral(
                         "14 byte(s) of replies were still due and were not sent: the connection "
                         "ended first.")),
                     qPrintable(served.notes().join(QLatin1Char('\n'))));
        }
    }
}

void tst_ReplyRules::thenReset()
{
    Served served;
    QVERIFY(served.start(QStringLiteral("contains \"boom\" then=reset"), EngineKind::Native));
    served.client.write("boom\n");
    served.readToEnd();
    QCOMPARE(served.client.error(), QAbstractSocket::RemoteHostClosedError);
    QTRY_COMPARE_WITH_TIMEOUT(served.accepted->state(), ConnectionState::Reset, 5000);
}

void tst_ReplyRules::scenarioRuleSteps()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile rulesFile(dir.filePath(QStringLiteral("kv.rules")));
    QVERIFY(rulesFile.open(QIODevice::WriteOnly));
    rulesFile.write("prefix \"GET \" reply \"VALUE {{1}} {{key}}\\n\"\n");
    rulesFile.close();
    const QString text = QStringLiteral("var key = k1\n"
                                        "listen srv 127.0.0.1:0 framing=line rules=kv.rules\n"
                                        "rule srv contains \"QUIT\" then=reset\n"
                                        "rule srv default reply \"ERR {{key}}\\n\" once\n"
                                        "connect cli srv framing=line engine=native\n"
                                        "accept conn srv\n"
                                        "send cli \"GET a\\n\"\n"
                                        "expect cli message \"VALUE a k1\"\n"
                                        "send cli \"nope\\n\"\n"
                                        "expect cli message \"ERR k1\"\n"
                                        "send cli \"QUIT\\n\"\n"
                                        "expect cli error reset\n");
    ScenarioFile file = ScenarioParser().parseText(text, QStringLiteral("r.scn"), dir.path());
    QVERIFY2(!file.hasErrors(),
             qPrintable(file.hasErrors() ? file.diagnostics.constFirst().toString() : QString()));
    ScenarioRunner runner(file);
    QVERIFY(runner.setVariables({}, nullptr));
    QSignalSpy finished(&runner, &ScenarioRunner::finished);
    runner.start();
    QVERIFY(finished.wait(20000));
    QStringList failures;
    for (const StepResult &result : runner.results()) {
        if (result.status != StepResult::Status::Passed)
            failures += QStringLiteral("%1: %2 %3 %4")
                            .arg(result.line)
                            .arg(result.message, result.expected, result.received);
    }
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));
    QCOMPARE(runner.results().size(), 11);
}

QTEST_GUILESS_MAIN(tst_ReplyRules)
#include "tst_replyrules.moc"
