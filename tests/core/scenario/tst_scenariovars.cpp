// SPDX-License-Identifier: GPL-3.0-or-later
// Variables and macros of a scenario run: defaults and --var, captures, and
// the expansion of {{name}}, {{counter}}, {{time}} and {{random...}}.
#include "scenario/scenarioparser.h"
#include "scenario/scenariovariables.h"

#include <QRegularExpression>
#include <QTest>

using namespace TcpInspector;

namespace {
// The data of the first send step of text.
ByteTemplate sendData(const QString &text)
{
    ScenarioParser parser;
    const ScenarioFile file = parser.parseText(
        QStringLiteral("listen srv :0\nconnect cli srv\n") + text, QStringLiteral("v.scn"));
    for (const ScenarioDiagnostic &d : file.diagnostics)
        qWarning("%s", qPrintable(d.toString()));
    for (const ScenarioStep &step : file.scenarios.constLast().steps) {
        if (step.kind == StepKind::Send)
            return step.get<SendArgs>().data.value;
    }
    return {};
}
} // namespace

class tst_ScenarioVars : public QObject
{
    Q_OBJECT

private slots:
    void declare();
    void declareErrors();
    void expandVariables();
    void unsetVariable();
    void counter();
    void time();
    void random();
    void captures();
    void expandPattern();
    void expandText();
};

void tst_ScenarioVars::declare()
{
    ScenarioParser parser;
    const ScenarioFile file
        = parser.parseText(QStringLiteral("var target\nvar host = localhost\nvar port = 80\n"),
                           QStringLiteral("d.scn"));
    QVERIFY(!file.hasErrors());
    ScenarioVariables variables;
    QStringList errors;
    QVERIFY(variables.declare(
        file, {{QStringLiteral("target"), "127.0.0.1:1"}, {QStringLiteral("port"), "8080"}},
        &errors));
    QCOMPARE(errors, QStringList());
    QCOMPARE(variables.value(QStringLiteral("target")), QByteArray("127.0.0.1:1"));
    QCOMPARE(variables.value(QStringLiteral("host")), QByteArray("localhost"));
    QCOMPARE(variables.value(QStringLiteral("port")), QByteArray("8080"));
    QCOMPARE(variables.names(), QStringList({"host", "port", "target"}));
}

void tst_ScenarioVars::declareErrors()
{
    ScenarioParser parser;
    const ScenarioFile file
        = parser.parseText(QStringLiteral("var host = x\n  var target\n"), QStringLiteral("d.scn"));
    ScenarioVariables variables;
    QStringList errors;
    QVERIFY(!variables.declare(file, {{QStringLiteral("tagret"), "x"}}, &errors));
    QCOMPARE(errors, QStringList({
                         "--var tagret: d.scn declares no such variable; its variables: host, "
                         "target.",
                         "d.scn:2:7: the variable 'target' has no value; give it one with --var "
                         "target=VALUE.",
                     }));
    const ScenarioFile none = parser.parseText(QString(), QStringLiteral("n.scn"));
    errors.clear();
    QVERIFY(!ScenarioVariables().declare(none, {{QStringLiteral("a"), "1"}}, &errors));
    QCOMPARE(errors, QStringList({"--var a: n.scn declares no variable."}));
}

void tst_ScenarioVars::expandVariables()
{
    const ByteTemplate data = sendData(QStringLiteral("var a = \"x\\ty\"\nvar b\n"
                                                      "send cli \"<{{a}}|{{ b }}|{{a}}>\\n\"\n"));
    QCOMPARE(data.variables(), QStringList({"a", "b"}));
    ScenarioVariables variables;
    variables.set(QStringLiteral("a"), "x\ty");
    variables.set(QStringLiteral("b"), QByteArray("\x00\x01", 2));
    QCOMPARE(variables.expand(data),
             std::optional<QByteArray>(QByteArray("<x\ty|\x00\x01|x\ty>\n", 13)));
    // Values are bytes, inserted as they are: no escapes decoded in them.
    variables.set(QStringLiteral("b"), "\\n{{a}}");
    QCOMPARE(variables.expand(data), std::optional<QByteArray>("<x\ty|\\n{{a}}|x\ty>\n"));
}

void tst_ScenarioVars::unsetVariable()
{
    const ByteTemplate data = sendData(
        QStringLiteral("expect cli message regex \"(?<token>.+)\"\nsend cli \"{{token}}\"\n"));
    ScenarioVariables variables;
    QString error;
    QVERIFY(!variables.expand(data, &error));
    QCOMPARE(error, QStringLiteral("The variable 'token' has no value yet: the capture that "
                                   "sets it has not matched."));
    QVERIFY(!variables.expandText(data));
}

void tst_ScenarioVars::counter()
{
    const ByteTemplate data = sendData(QStringLiteral("send cli \"{{counter}}-{{counter}}\"\n"));
    const ByteTemplate none = sendData(QStringLiteral("send cli \"x\"\n"));
    ScenarioVariables variables;
    QCOMPARE(variables.counter(), 1);
    // One expansion, one number, however often it is written.
    QCOMPARE(variables.expand(data), std::optional<QByteArray>("1-1"));
    QCOMPARE(variables.expand(data), std::optional<QByteArray>("2-2"));
    QCOMPARE(variables.expand(none), std::optional<QByteArray>("x"));
    QCOMPARE(variables.counter(), 3);
    QCOMPARE(variables.expand(data), std::optional<QByteArray>("3-3"));
}

void tst_ScenarioVars::time()
{
    const ByteTemplate data = sendData(QStringLiteral("send cli \"t={{time}}\"\n"));
    ScenarioVariables variables;
    variables.setClock([] { return QDateTime(QDate(2026, 12, 6), QTime(3, 4, 5, 67), Qt::UTC); });
    QCOMPARE(variables.expand(data), std::optional<QByteArray>("t=2026-12-06T03:04:05.067Z"));
    ScenarioVariables wall;
    const QByteArray now = *wall.expand(data);
    QVERIFY2(QRegularExpression(
                 QStringLiteral("^t=\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$"))
                 .match(QString::fromLatin1(now))
                 .hasMatch(),
             now.constData());
}

void tst_ScenarioVars::random()
{
    const ByteTemplate data = sendData(QStringLiteral("send cli \"{{random:16}}\"\n"));
    const ByteTemplate hex = sendData(QStringLiteral("send cli \"{{random-hex:8}}\"\n"));
    ScenarioVariables variables;
    variables.setRandomSeed(7);
    const QByteArray first = *variables.expand(data);
    QCOMPARE(first.size(), 16);
    QVERIFY(*variables.expand(data) != first);
    const QByteArray digits = *variables.expand(hex);
    QCOMPARE(digits.size(), 16);
    QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]{16}$"))
                .match(QString::fromLatin1(digits))
                .hasMatch());
    // The same seed, the same bytes: a run can be repeated.
    ScenarioVariables again;
    again.setRandomSeed(7);
    QCOMPARE(*again.expand(data), first);
}

void tst_ScenarioVars::captures()
{
    ScenarioParser parser;
    const ScenarioFile file = parser.parseText(
        QStringLiteral("listen srv :0\nconnect cli srv\n"
                       "expect cli message regex \"^\\+(?<status>\\w+) id=(\\d+)\" capture=id\n"
                       "send cli \"{{status}}:{{id}}\"\n"),
        QStringLiteral("c.scn"));
    QVERIFY(!file.hasErrors());
    const QList<ScenarioStep> &steps = file.scenarios.constFirst().steps;
    const ExpectArgs &expect = steps.at(2).get<ExpectArgs>();
    QCOMPARE(expect.namedGroups, QStringList({"status"}));
    const MessageMatch match(expect.mode, expect.pattern.value.constant());
    MessageMatch::Captures captures;
    QVERIFY(match.matches("+OK id=42 rest", &captures));
    ScenarioVariables variables;
    variables.setCaptures(captures, expect.captureVariable);
    // capture= takes group 1 (the named one), named groups their own.
    QCOMPARE(variables.value(QStringLiteral("status")), QByteArray("OK"));
    QCOMPARE(variables.value(QStringLiteral("id")), QByteArray("OK"));
    QCOMPARE(variables.expand(steps.at(3).get<SendArgs>().data.value),
             std::optional<QByteArray>("OK:OK"));

    MessageMatch::Captures prefix;
    QVERIFY(MessageMatch(MessageMatch::Mode::Prefix, "TOKEN ").matches("TOKEN s3cr3t", &prefix));
    variables.setCaptures(prefix, QStringLiteral("id"));
    QCOMPARE(variables.value(QStringLiteral("id")), QByteArray("s3cr3t"));
    QCOMPARE(variables.value(QStringLiteral("status")), QByteArray("OK"));
}

void tst_ScenarioVars::expandPattern()
{
    ScenarioParser parser;
    const ScenarioFile file
        = parser.parseText(QStringLiteral("var v\nlisten srv :0\nconnect cli srv\n"
                                          "expect cli message regex \"^{{v}}\\d$\"\n"),
                           QStringLiteral("p.scn"));
    QVERIFY(!file.hasErrors());
    const ExpectArgs &expect = file.scenarios.constFirst().steps.at(2).get<ExpectArgs>();
    QVERIFY(!expect.pattern.value.isConstant());
    ScenarioVariables variables;
    variables.set(QStringLiteral("v"), "a.b+");
    const QString pattern = *variables.expandPattern(expect.pattern.value);
    QCOMPARE(pattern, QStringLiteral("^a\\.b\\+\\d$"));
    const MessageMatch match(MessageMatch::Mode::Regex, pattern.toUtf8());
    QVERIFY(match.matches("a.b+1"));
    QVERIFY(!match.matches("aXbb1"));
}

void tst_ScenarioVars::expandText()
{
    ScenarioParser parser;
    const ScenarioFile file = parser.parseText(
        QStringLiteral("var target = 127.0.0.1:9\nconnect cli {{target}} bind=127.0.0.1:0\n"),
        QStringLiteral("a.scn"));
    QVERIFY(!file.hasErrors());
    const ConnectArgs &connect = file.scenarios.constFirst().steps.constFirst().get<ConnectArgs>();
    ScenarioVariables variables;
    QStringList errors;
    QVERIFY(variables.declare(file, {}, &errors));
    QCOMPARE(variables.expandText(connect.address), std::optional<QString>("127.0.0.1:9"));
    QCOMPARE(variables.expandText(connect.bind), std::optional<QString>("127.0.0.1:0"));
}

QTEST_GUILESS_MAIN(tst_ScenarioVars)
#include "tst_scenariovars.moc"
