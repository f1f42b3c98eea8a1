// SPDX-License-Identifier: GPL-3.0-or-later
// The scenario language: every step into its fields, every error with its
// place and wording, all errors of a file, and the shipped examples.
#include "framing/decoderregistry.h"
#include "net/hostport.h"
#include "scenario/replyrule.h"
#include "scenario/scenarioparser.h"
#include "text/bytetext.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace TcpInspector;

namespace {
// Three names every step line below may use: srv, cli (connected to srv)
// and conn (accepted from srv).
const QString context = QStringLiteral("listen srv 127.0.0.1:0\n"
                                       "connect cli srv\n"
                                       "accept conn srv\n");

QString data(const ScenarioData &d)
{
    const char *kinds[] = {"text", "hex", "file"};
    return QLatin1String(kinds[int(d.kind)]) + QLatin1Char(':') + d.value.toString();
}

QString describeExpect(const ExpectArgs &a)
{
    QString text = expectKindKey(a.what) + QLatin1Char(' ');
    switch (a.what) {
    case ExpectKind::Message:
    case ExpectKind::Received:
    case ExpectKind::Note:
        text += MessageMatch::modeKey(a.mode) + QLatin1Char(' ') + data(a.pattern);
        if (a.part != MessagePart::Payload)
            text += QStringLiteral(" part=") + messagePartKey(a.part);
        if (!a.captureVariable.isEmpty())
            text += QStringLiteral(" capture=") + a.captureVariable;
        if (!a.namedGroups.isEmpty())
            text += QStringLiteral(" groups=") + a.namedGroups.join(QLatin1Char(','));
        break;
    case ExpectKind::Messages:
    case ExpectKind::Chunks:
    case ExpectKind::Bytes:
    case ExpectKind::Accepted:
    case ExpectKind::Gap:
    case ExpectKind::KeepaliveProbes:
        text += a.count.toString();
        break;
    case ExpectKind::Timeout:
        text += timeoutKindKey(a.timeoutKind);
        break;
    case ExpectKind::State:
        text += connectionStateName(a.state);
        break;
    case ExpectKind::Error:
        text += a.errorCode;
        break;
    case ExpectKind::Kernel:
        text += kernelStateKey(a.kernelState);
        break;
    case ExpectKind::Handshake:
        text += a.handshake.protocol.value_or(QStringLiteral("*"));
        break;
    case ExpectKind::Alert:
        text += a.alertKey + QLatin1Char(' ') + a.alertSide;
        break;
    case ExpectKind::Record:
        text += QString::number(a.recordType) + QLatin1Char(' ') + a.recordSize.toString();
        break;
    }
    return text + QStringLiteral(" within=%1%2").arg(a.withinMs).arg(a.withinGiven ? "!" : "");
}

QString argsText(std::monostate)
{
    return {};
}

QString argsText(const ListenArgs &a)
{
    return QStringLiteral(" %1 framing=%2 engine=%3 backlog=%4 reuseaddr=%5")
               .arg(a.address.toString(), a.framing, engineKey(a.engine))
               .arg(a.backlog)
               .arg(a.reuseAddress)
           + (a.rules.isEmpty() ? QString() : QStringLiteral(" rules=%1").arg(a.rules.size()))
           + (a.acceptPaused ? QStringLiteral(" paused") : QString())
           + (a.acceptMode != QLatin1String("many") ? QStringLiteral(" accept=") + a.acceptMode
                                                    : QString());
}

QString argsText(const AcceptArgs &a)
{
    return QStringLiteral(" from=%1 timeout=%2").arg(a.listener).arg(a.timeoutMs);
}

QString argsText(const ConnectArgs &a)
{
    return QStringLiteral(" listener=%1 address=%2 engine=%3 framing=%4 timeout=%5 idle=%6 "
                          "nodelay=%7 rcvbuf=%8 sndbuf=%9")
               .arg(a.listener, a.address.toString(), engineKey(a.engine), a.framing)
               .arg(a.timeoutMs)
               .arg(a.idleTimeoutMs)
               .arg(a.noDelay)
               .arg(a.receiveBuffer)
               .arg(a.sendBuffer)
           + QStringLiteral(" bind=") + a.bind.toString()
           + (a.synRetries || a.userTimeoutMs || a.writeStallMs || a.readSlice || a.maxSegment
                      || a.keepalive.enabled
                  ? QStringLiteral(" syn=%1 user=%2 stall=%3 slice=%4 mss=%5 keepalive=%6/%7/%8")
                        .arg(a.synRetries)
                        .arg(a.userTimeoutMs)
                        .arg(a.writeStallMs)
                        .arg(a.readSlice)
                        .arg(a.maxSegment)
                        .arg(a.keepalive.idleSeconds)
                        .arg(a.keepalive.intervalSeconds)
                        .arg(a.keepalive.count)
                  : QString());
}

QString argsText(const SendArgs &a)
{
    return QStringLiteral(" %1 fragment=%2 delay=%3 repeat=%4 interval=%5")
        .arg(data(a.data))
        .arg(a.fragment)
        .arg(a.delayMs)
        .arg(a.repeat)
        .arg(a.intervalMs);
}

QString argsText(const ReadArgs &a)
{
    return QStringLiteral(" %1").arg(a.bytes);
}

QString argsText(const FramingArgs &a)
{
    return QLatin1Char(' ') + a.spec;
}

QString argsText(const LimitArgs &a)
{
    return QStringLiteral(" %1").arg(a.more);
}

QString argsText(const WaitArgs &a)
{
    return QStringLiteral(" %1").arg(a.ms);
}

QString argsText(const SayArgs &a)
{
    return QStringLiteral(" [%1] zh=[%2]").arg(a.text, a.textZh);
}

QString argsText(const ExpectArgs &a)
{
    return QLatin1Char(' ') + describeExpect(a);
}

QString argsText(const RuleArgs &a)
{
    const ReplyRule &r = a.rule;
    return QStringLiteral(" %1 reply=%2 delay=%3 then=%4 once=%5")
        .arg(r.isDefault ? QStringLiteral("default")
                         : MessageMatch::modeKey(r.mode) + QLatin1Char(' ') + data(r.pattern),
             r.hasReply ? data(r.reply) : QStringLiteral("-"))
        .arg(r.delayMs)
        .arg(ruleThenKey(r.then))
        .arg(r.once);
}

// Every field of a step as one line, so that a row of data can name them all.
QString describe(const ScenarioStep &step)
{
    QString text = stepKindKey(step.kind);
    if (!step.target.isEmpty())
        text += QLatin1Char(' ') + step.target;
    return text + std::visit([](const auto &args) { return argsText(args); }, step.args);
}

QString diagnostics(const ScenarioFile &file)
{
    QStringList lines;
    for (const ScenarioDiagnostic &d : file.diagnostics)
        lines += d.toString();
    return lines.join(QLatin1Char('\n'));
}
} // namespace

class tst_ScenarioParser : public QObject
{
    Q_OBJECT

    // Rows of steps_data() and errors_data(), a screenful each.
    static void addStepRows();
    static void addErrorRows();
    static void addValueErrorRows();
    static void addRegexAndAddressErrorRows();

private slots:
    void steps_data();
    void steps();
    void errors_data();
    void errors();
    void allErrorsCollected();
    void scenariosAndVariables();
    void locationsAndSource();
    void timeoutSetting();
    void fileData();
    void unreadableFile();
    void examples_data();
    void examples();
    void documentedExample();
    void documentedErrors();
};

void tst_ScenarioParser::steps_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("expected");

    QTest::newRow("listen, defaults")
        << "listen s2 127.0.0.1:0"
        << "listen s2 127.0.0.1:0 framing=raw engine=qt backlog=0 reuseaddr=1";
    QTest::newRow("listen, every option")
        << "listen s2 [::1]:0 framing=line engine=native backlog=5 reuseaddr=off"
        << "listen s2 [::1]:0 framing=line engine=native backlog=5 reuseaddr=0";
    QTest::newRow("listen, quoted framing")
        << "listen s2 :0 framing=\"delim:hex=00\""
        << "listen s2 :0 framing=delim:hex=00 engine=qt backlog=0 reuseaddr=1";
    QTest::newRow("accept") << "accept c2 srv timeout=2s"
                            << "accept c2 from=srv timeout=2000";
    QTest::newRow("accept, file timeout") << "accept c2 srv"
                                          << "accept c2 from=srv timeout=5000";
    QTest::newRow("connect to a listener")
        << "connect c2 srv"
        << "connect c2 listener=srv address= engine=qt framing=raw timeout=5000 idle=0 nodelay=0 "
           "rcvbuf=0 sndbuf=0 bind=";
    QTest::newRow("connect, every option")
        << "connect c2 127.0.0.1:6379 engine=native timeout=1s idle-timeout=3s nodelay "
           "rcvbuf=4K sndbuf=8192 bind=127.0.0.1:0 framing=resp"
        << "connect c2 listener= address=127.0.0.1:6379 engine=native framing=resp timeout=1000 "
           "idle=3000 nodelay=1 rcvbuf=4096 sndbuf=8192 bind=127.0.0.1:0";
    QTest::newRow("connect, nodelay=off")
        << "connect c2 srv nodelay=off"
        << "connect c2 listener=srv address= engine=qt framing=raw timeout=5000 idle=0 nodelay=0 "
           "rcvbuf=0 sndbuf=0 bind=";
    QTest::newRow("listen paused, port of another")
        << "listen s2 \"127.0.0.1:{{srv.port}}\" paused"
        << "listen s2 127.0.0.1:{{srv.port}} framing=raw engine=qt backlog=0 reuseaddr=1 paused";
    QTest::newRow("stop") << "stop srv"
                          << "stop srv";
    QTest::newRow("listen, accept once")
        << "listen s2 127.0.0.1:0 accept=once"
        << "listen s2 127.0.0.1:0 framing=raw engine=qt backlog=0 reuseaddr=1 accept=once";
    QTest::newRow("connect, lesson options")
        << "connect c2 srv syn-retries=2 user-timeout=3s write-stall=500ms read-slice=4 mss=536 "
           "keepalive=1s/2s/3"
        << "connect c2 listener=srv address= engine=qt framing=raw timeout=5000 idle=0 nodelay=0 "
           "rcvbuf=0 sndbuf=0 bind= syn=2 user=3000 stall=500 slice=4 mss=536 keepalive=1/2/3";
    QTest::newRow("expect timeout") << "expect cli timeout write_stall"
                                    << "expect cli timeout write_stall within=5000";
    QTest::newRow("expect note") << "expect cli note contains \"::1\""
                                 << "expect cli note contains text:::1 within=5000";
    QTest::newRow("expect gap") << "expect cli gap >=30ms"
                                << "expect cli gap >=30 within=5000";
    QTest::newRow("expect keepalive probes") << "expect cli keepalive-probes >=2"
                                             << "expect cli keepalive-probes >=2 within=5000";
    QTest::newRow("expect gap in s") << "expect cli gap <1s"
                                     << "expect cli gap <1000 within=5000";
    QTest::newRow("expect listener error") << "expect srv error address_in_use within=1s"
                                           << "expect srv error address_in_use within=1000!";
    QTest::newRow("expect listener accepted") << "expect srv accepted >=2"
                                              << "expect srv accepted >=2 within=5000";
    QTest::newRow("expect callout")
        << "expect cli chunks 1 callout=\"One read\" callout-zh=\"一次读取\""
        << "expect cli chunks 1 within=5000";
    QTest::newRow("connect to a variable")
        << "var target = 127.0.0.1:1\nconnect c2 {{target}}"
        << "connect c2 listener= address={{target}} engine=qt framing=raw timeout=5000 idle=0 "
           "nodelay=0 rcvbuf=0 sndbuf=0 bind=";
    QTest::newRow("send text") << "send cli \"PING\\r\\n\""
                               << "send cli text:PING\\r\\n fragment=0 delay=0 repeat=1 interval=0";
    QTest::newRow("send hex, every option")
        << "send cli hex \"0d 0a\" fragment=1 delay=10ms repeat=3 interval=1s"
        << "send cli hex:\\r\\n fragment=1 delay=10 repeat=3 interval=1000";
    QTest::newRow("send with macros")
        << "send cli \"n={{counter}} t={{time}} r={{random:4}} h={{random-hex:2}}\""
        << "send cli text:n={{counter}} t={{time}} r={{random:4}} h={{random-hex:2}} "
           "fragment=0 delay=0 repeat=1 interval=0";
    QTest::newRow("send UTF-8") << "send conn \"你好\""
                                << "send conn text:你好 fragment=0 delay=0 repeat=1 interval=0";
    addStepRows();
}

void tst_ScenarioParser::addStepRows()
{
    QTest::newRow("half-close") << "half-close cli"
                                << "half-close cli";
    QTest::newRow("close") << "close conn"
                           << "close conn";
    QTest::newRow("reset") << "reset cli"
                           << "reset cli";
    QTest::newRow("pause") << "pause conn"
                           << "pause conn";
    QTest::newRow("resume") << "resume conn"
                            << "resume conn";
    QTest::newRow("read") << "read conn 4K"
                          << "read conn 4096";
    QTest::newRow("framing") << "framing cli length:bytes=2"
                             << "framing cli length:bytes=2";
    QTest::newRow("framing quoted") << "framing cli \"delim:hex=0d0a\""
                                    << "framing cli delim:hex=0d0a";
    QTest::newRow("wait ms") << "wait 250"
                             << "wait 250";
    QTest::newRow("wait s") << "wait 1.5s"
                            << "wait 1500";
    QTest::newRow("wait m") << "wait 1m"
                            << "wait 60000";
    QTest::newRow("say") << "say \"The client \\\"half-closes\\\".\" zh=\"客户端半关闭。\""
                         << "say [The client \"half-closes\".] zh=[客户端半关闭。]";
    QTest::newRow("expect message, exact by default")
        << "expect cli message \"+PONG\""
        << "expect cli message exact text:+PONG within=5000";
    QTest::newRow("expect message prefix, capture")
        << "expect cli message prefix \"+OK \" capture=rest within=2s"
        << "expect cli message prefix text:+OK  capture=rest within=2000!";
    QTest::newRow("expect message contains") << "expect conn message contains \"lo\""
                                             << "expect conn message contains text:lo within=5000";
    QTest::newRow("expect message regex, raw, named groups")
        << "expect cli message regex \"^\\$(?<len>\\d+)\\s\""
        << "expect cli message regex text:^\\\\$(?<len>\\\\d+)\\\\s groups=len within=5000";
    QTest::newRow("expect message, part")
        << "expect cli message prefix \"HTTP/1.1 200\" part=header"
        << "expect cli message prefix text:HTTP/1.1 200 part=header within=5000";
    QTest::newRow("expect message hex") << "expect cli message hex \"2b4f4b\""
                                        << "expect cli message exact hex:+OK within=5000";
    QTest::newRow("expect received") << "expect conn received prefix \"GET \""
                                     << "expect conn received prefix text:GET  within=5000";
    QTest::newRow("expect messages") << "expect conn messages 3"
                                     << "expect conn messages 3 within=5000";
    QTest::newRow("expect chunks >=") << "expect conn chunks >=3"
                                      << "expect conn chunks >=3 within=5000";
    QTest::newRow("expect bytes <") << "expect conn bytes <10 within=100ms"
                                    << "expect conn bytes <10 within=100!";
    QTest::newRow("expect state") << "expect cli state RemoteHalfClosed"
                                  << "expect cli state RemoteHalfClosed within=5000";
    QTest::newRow("expect state, any case") << "expect cli state closed"
                                            << "expect cli state Closed within=5000";
    QTest::newRow("expect error") << "expect cli error broken_pipe"
                                  << "expect cli error broken_pipe within=5000";
    QTest::newRow("expect kernel") << "expect conn kernel CLOSE_WAIT"
                                   << "expect conn kernel CLOSE_WAIT within=5000";
    QTest::newRow("rule, exact by default") << "rule srv \"PING\" reply \"+PONG\\r\\n\""
                                            << "rule srv exact text:PING reply=text:+PONG\\r\\n "
                                               "delay=0 then=nothing once=0";
    QTest::newRow("rule, regex groups in the reply")
        << "rule srv regex \"^GET (\\w+) (?<n>\\d+)\" reply \"{{1}}={{n}} {{0}}\" delay=50ms "
           "then=half-close once"
        << "rule srv regex text:^GET (\\\\w+) (?<n>\\\\d+) reply=text:{{1}}={{n}} {{0}} delay=50 "
           "then=half-close once=1";
    QTest::newRow("rule, prefix rest, hex, reset")
        << "rule srv prefix hex \"2a31\" reply hex \"2b{{1}}\" then=reset"
        << "rule srv prefix hex:*1 reply=hex:+{{1}} delay=0 then=reset once=0";
    QTest::newRow("rule, default with no reply")
        << "rule srv default then=close"
        << "rule srv default reply=- delay=0 then=close once=0";
    QTest::newRow("comment after a step") << "close cli # and then?"
                                          << "close cli";
}

void tst_ScenarioParser::steps()
{
    QFETCH(QString, line);
    QFETCH(QString, expected);
    ScenarioParser parser;
    const ScenarioFile file = parser.parseText(context + line, QStringLiteral("t.scn"));
    QCOMPARE(diagnostics(file), QString());
    QCOMPARE(file.scenarios.size(), 1);
    const QList<ScenarioStep> &steps = file.scenarios.constFirst().steps;
    QCOMPARE(steps.size(), 4);
    QCOMPARE(describe(steps.constLast()), expected);
}

void tst_ScenarioParser::errors_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("expected");

    // Every error is on line 4, after the three lines of context.
    QTest::newRow("unknown step, near miss")
        << "sned cli \"x\""
        << "t.scn:4:1: Unknown step 'sned'. Did you mean 'send'? Valid steps: listen, accept, "
           "connect, send, half-close, close, reset, pause, resume, read, framing, wait, say, "
           "expect, rule, stop, limit-fds, scenario, var, timeout.";
    QTest::newRow("unknown step, far")
        << "  frobnicate"
        << "t.scn:4:3: Unknown step 'frobnicate'. Valid steps: listen, accept, connect, send, "
           "half-close, close, reset, pause, resume, read, framing, wait, say, expect, rule, "
           "stop, limit-fds, scenario, var, timeout.";
    QTest::newRow("unknown option")
        << "send cli \"x\" fragmnet=2"
        << "t.scn:4:14: Unknown option 'fragmnet' for send. Did you mean 'fragment'? Valid "
           "options: fragment, delay, repeat, interval.";
    QTest::newRow("option twice") << "send cli \"x\" delay=1 delay=2"
                                  << "t.scn:4:22: The option 'delay' is given twice.";
    QTest::newRow("stray word")
        << "send cli \"x\" now"
        << "t.scn:4:14: Unexpected 'now': expected an option of send or the end of the line. "
           "Valid options: fragment, delay, repeat, interval.";
    QTest::newRow("no options") << "close cli now"
                                << "t.scn:4:11: Unexpected 'now': expected the end of the line.";
    QTest::newRow("unknown engine")
        << "connect c2 srv engine=nativ"
        << "t.scn:4:23: Unknown value 'nativ' for engine=. Did you mean 'native'? Valid values: "
           "qt, native.";
    QTest::newRow("unknown state")
        << "expect cli state RemoteHalfClose"
        << "t.scn:4:18: Unknown value 'RemoteHalfClose' for expect state. Did you mean "
           "'RemoteHalfClosed'? Valid values: Resolving, Connecting, Established, "
           "LocalHalfClosed, RemoteHalfClosed, Closing, Closed, Reset, Failed.";
    QTest::newRow("unknown error code")
        << "expect cli error refsued"
        << "t.scn:4:18: Unknown value 'refsued' for expect error. Did you mean 'refused'? Valid "
           "values: refused, timeout, reset, broken_pipe, host_unreachable, network_unreachable, "
           "address_in_use, address_not_available, too_many_files, permission_denied, "
           "not_connected, no_memory, aborted, other, host_not_found, network, remote_closed, "
           "invalid_address, tls_hostname_mismatch, tls_expired, tls_not_yet_valid, "
           "tls_self_signed, tls_unknown_ca, tls_verify_failed, tls_not_tls, tls_handshake_eof, "
           "tls_protocol_version, tls_no_shared_cipher, tls_handshake_failure, "
           "tls_certificate_rejected, tls_certificate_required, tls_no_alpn, tls_config, "
           "tls_failed, tls_truncated.";
    QTest::newRow("unknown kernel state")
        << "expect cli kernel CLOSE-WAIT"
        << "t.scn:4:19: Unknown value 'CLOSE-WAIT' for expect kernel. Did you mean 'CLOSE_WAIT'? "
           "Valid values: ESTABLISHED, SYN_SENT, SYN_RECV, FIN_WAIT1, FIN_WAIT2, TIME_WAIT, "
           "CLOSE, CLOSE_WAIT, LAST_ACK, LISTEN, CLOSING, CLOSED.";
    QTest::newRow("unknown expectation")
        << "expect cli mesage \"x\""
        << "t.scn:4:12: Unknown expectation 'mesage'. Did you mean 'message'? Valid "
           "expectations: message, received, messages, chunks, bytes, state, error, kernel, "
           "timeout, note, gap, keepalive-probes, handshake, alert, record.";
    QTest::newRow("unknown match mode")
        << "expect cli message prefx \"x\""
        << "t.scn:4:20: Unknown match 'prefx'. Did you mean 'prefix'? Expected a quoted "
           "pattern, or one of: exact, prefix, contains, regex, hex, file.";
    QTest::newRow("missing expectation")
        << "expect cli"
        << "t.scn:4:11: Expected what to expect: message, received, messages, chunks, bytes, "
           "state, error, kernel, timeout, note, gap, keepalive-probes, handshake, alert, "
           "record.";
    addErrorRows();
}

void tst_ScenarioParser::addErrorRows()
{
    QTest::newRow("unknown connection")
        << "send clj \"x\""
        << "t.scn:4:6: No connection is named 'clj'. Did you mean 'cli'? Connections so far: "
           "cli, conn.";
    QTest::newRow("listener as connection")
        << "close srv"
        << "t.scn:4:7: 'srv' is a listener, not a connection; name one of its connections with "
           "accept NAME srv.";
    QTest::newRow("unknown listener")
        << "accept c2 svr"
        << "t.scn:4:11: No listener is named 'svr'. Did you mean 'srv'? Listeners so far: srv.";
    QTest::newRow("connect to an unknown listener")
        << "connect c2 server"
        << "t.scn:4:12: No listener is named 'server'. Listeners so far: srv.";
    QTest::newRow("name taken") << "connect cli srv"
                                << "t.scn:4:9: The name 'cli' already names a connection (line 2).";
    QTest::newRow("missing connection name")
        << "send"
        << "t.scn:4:5: Expected the name of a connection (one that connect or accept named).";
    QTest::newRow("bad duration")
        << "wait 5x"
        << "t.scn:4:6: Expected a duration such as 500ms, 2s or 1m (a bare number is "
           "milliseconds, at most a day); found '5x'.";
    QTest::newRow("bad option duration")
        << "expect cli messages 1 within=soon"
        << "t.scn:4:30: Expected a duration such as 500ms, 2s or 1m (a bare number is "
           "milliseconds, at most a day); found 'soon'.";
    QTest::newRow("bad size") << "read cli 0"
                              << "t.scn:4:10: Expected a size in bytes such as 64 or 4K (more "
                                 "than 0, less than 2G); found '0'.";
    QTest::newRow("bad count") << "expect cli chunks many"
                               << "t.scn:4:19: Expected a count such as 3, >=3, <=3, >3 or <3; "
                                  "found 'many'.";
    QTest::newRow("bad repeat") << "send cli \"x\" repeat=0"
                                << "t.scn:4:21: Expected a whole number of at least 1; found '0'.";
    addValueErrorRows();
}

void tst_ScenarioParser::addValueErrorRows()
{
    QTest::newRow("unterminated string") << "send cli \"PING"
                                         << "t.scn:4:10: This string has no closing quote: "
                                            "expected '\"' before the end of the line.";
    QTest::newRow("bad escape, its column on the line")
        << "send cli \"ab\\q\""
        << "t.scn:4:13: Unknown escape '\\q' at column 13. Valid escapes: \\r \\n \\t \\0 \\\\ "
           "\\\" \\' \\xHH.";
    QTest::newRow("bad hex")
        << "send cli hex \"0d 0g\""
        << "t.scn:4:19: Not a hex digit: 'g' at column 19. Hex digits are 0-9 and a-f; put "
           "spaces or ':' between bytes.";
    QTest::newRow("missing data")
        << "send cli"
        << "t.scn:4:9: Expected data: a quoted string \"...\", hex \"...\" or file \"...\".";
    QTest::newRow("bare data")
        << "send cli hello"
        << "t.scn:4:10: Expected data: a quoted string \"...\", hex \"...\" or file \"...\". "
           "Found 'hello'.";
    QTest::newRow("hex without a string")
        << "send cli hex 0d0a"
        << "t.scn:4:14: Expected a quoted string after hex, as in hex \"0d0a\".";
    QTest::newRow("unknown variable")
        << "send cli \"{{tokn}}\""
        << "t.scn:4:11: Unknown variable 'tokn'. No variable is declared yet: declare one above "
           "with var NAME = VALUE. Listeners' ports: srv.port. Macros: counter, time, random:N, "
           "random-hex:N.";
    QTest::newRow("unknown variable, near a macro")
        << "send cli \"{{countr}}\""
        << "t.scn:4:11: Unknown variable 'countr'. Did you mean 'counter'? No variable is "
           "declared yet: declare one above with var NAME = VALUE. Listeners' ports: srv.port. "
           "Macros: counter, time, "
           "random:N, random-hex:N.";
    QTest::newRow("unclosed placeholder")
        << "send cli \"a{{b\""
        << "t.scn:4:12: '{{' starts a placeholder but no '}}' closes it. To send '{{' itself, "
           "write \\x7b{.";
    QTest::newRow("random too big") << "send cli \"{{random:100000}}\""
                                    << "t.scn:4:11: {{random:100000}} asks for 100000 bytes; "
                                       "give 1 to 65536.";
    addRegexAndAddressErrorRows();
}

void tst_ScenarioParser::addRegexAndAddressErrorRows()
{
    QTest::newRow("rule for a connection")
        << "rule cli prefix \"A\""
        << "t.scn:4:6: 'cli' is a connection, not a listener. Listeners so far: srv.";
    QTest::newRow("rule, group the regex lacks")
        << "rule srv regex \"^(a)\" reply \"{{2}}\""
        << "t.scn:4:30: Unknown variable '2'. Did you mean '0'? Variables so far: 0, 1. Listeners' "
           "ports: srv.port. Macros: "
           "counter, time, random:N, random-hex:N.";
    QTest::newRow("rule, bad then")
        << "rule srv default then=rst"
        << "t.scn:4:23: Unknown value 'rst' for then=. Valid values: half-close, close, reset.";
    QTest::newRow("bad regex")
        << "expect cli message regex \"ab(c\""
        << "t.scn:4:31: This regex does not compile: missing closing parenthesis.";
    QTest::newRow("regex as hex")
        << "expect cli message regex hex \"00\""
        << "t.scn:4:26: A regex is written as a quoted string, as in regex \"^\\+OK\".";
    QTest::newRow("bad listen address")
        << "listen s2 8080"
        << "t.scn:4:11: " + [] {
               QString error;
               HostPort::parse(QStringLiteral("8080"), HostPort::Use::Listen, &error);
               return error;
           }();
    QTest::newRow("bad framing") << "framing cli lenght"
                                 << "t.scn:4:13: " + [] {
                                        QString error;
                                        DecoderRegistry::instance().validate(
                                            QStringLiteral("lenght"), &error);
                                        return error;
                                    }();
    QTest::newRow("bad bool") << "listen s2 :0 reuseaddr=maybe"
                              << "t.scn:4:24: Unknown value 'maybe' for reuseaddr=. Valid "
                                 "values: on, off, true, false, yes, no.";
    QTest::newRow("say without a string")
        << "say hello"
        << "t.scn:4:5: Expected the narration as a quoted string, as in say \"Now the client "
           "half-closes.\".";
    QTest::newRow("listener has no messages")
        << "expect srv messages 1"
        << "t.scn:4:12: A listener has no 'messages': expect srv error CODE or expect srv "
           "accepted COUNT; name one of its connections with accept.";
    QTest::newRow("accepted on a connection")
        << "expect cli accepted 1"
        << "t.scn:4:12: 'accepted' is a listener's: expect LISTENER accepted COUNT.";
    QTest::newRow("bad timeout kind")
        << "expect cli timeout read"
        << "t.scn:4:20: Unknown value 'read' for expect timeout. Valid values: connect, idle, "
           "write_stall, close.";
    QTest::newRow("keepalive in ms")
        << "connect c2 srv keepalive=500ms"
        << "t.scn:4:26: Keepalive times are whole seconds, 1s at least: the kernel counts them "
           "in seconds.";
    QTest::newRow("stop a connection")
        << "stop cli"
        << "t.scn:4:6: 'cli' is a connection, not a listener. Listeners so far: srv.";
    QTest::newRow("a string first")
        << "\"send\" cli"
        << "t.scn:4:1: Unknown step '\"send\"'. Did you mean "
           "'send'? Valid steps: listen, "
           "accept, connect, send, half-close, close, reset, pause, "
           "resume, read, framing, wait, say, expect, rule, stop, limit-fds, scenario, var, "
           "timeout.";
    QTest::newRow("capture not a name") << "expect cli message \"x\" capture=1x"
                                        << "t.scn:4:32: Expected a variable's name after "
                                           "capture=, as in capture=token.";
    QTest::newRow("var twice") << "var a = 1\nvar a = 2"
                               << "t.scn:5:5: The variable 'a' is declared before, at line 4.";
    QTest::newRow("var with a placeholder") << "var a = 1\nvar b = {{a}}"
                                            << "t.scn:5:9: A variable's value cannot use "
                                               "placeholders; write the value itself.";
    QTest::newRow("scenario twice") << "scenario \"a\"\nscenario \"a\""
                                    << "t.scn:5:10: A scenario named 'a' comes before, at line 4.";
    QTest::newRow("timeout 0") << "timeout 0"
                               << "t.scn:4:9: A timeout must be longer than 0 ms.";
}

void tst_ScenarioParser::errors()
{
    QFETCH(QString, line);
    QFETCH(QString, expected);
    ScenarioParser parser;
    const ScenarioFile file = parser.parseText(context + line, QStringLiteral("t.scn"));
    QCOMPARE(diagnostics(file), expected);
    // A line with an error adds no step.
    QCOMPARE(file.stepCount(), 3);
}

void tst_ScenarioParser::allErrorsCollected()
{
    const QString text = QStringLiteral("listen srv :0 backlog=x\n"           // 1
                                        "connect cli srv\n"                   // 2
                                        "\n"                                  // 3
                                        "sedn cli \"a\"\n"                    // 4
                                        "send cli \"ok\"\n"                   // 5
                                        "# a comment\n"                       // 6
                                        "expect cli message \"b\" within=x\n" // 7
                                        "wait\n");                            // 8
    ScenarioParser parser;
    const ScenarioFile file = parser.parseText(text, QStringLiteral("many.scn"));
    QCOMPARE(file.diagnostics.size(), 4);
    QCOMPARE(file.diagnostics.at(0).line, 1);
    QCOMPARE(file.diagnostics.at(0).column, 23);
    QCOMPARE(file.diagnostics.at(1).line, 4);
    QCOMPARE(file.diagnostics.at(1).column, 1);
    QCOMPARE(file.diagnostics.at(2).line, 7);
    QCOMPARE(file.diagnostics.at(2).column, 31);
    QCOMPARE(file.diagnostics.at(3).line, 8);
    QCOMPARE(file.diagnostics.at(3).column, 5);
    QVERIFY(file.hasErrors());
    // The listener on the bad line 1 is still named, so line 2 has no error of its own.
    QCOMPARE(file.stepCount(), 2);
    QCOMPARE(file.scenarios.constFirst().steps.at(0).line, 2);
    QCOMPARE(file.scenarios.constFirst().steps.at(1).line, 5);
}

void tst_ScenarioParser::scenariosAndVariables()
{
    const QString text
        = QStringLiteral("var target = 127.0.0.1:6379\n"
                         "var key\n"
                         "var quoted=\"a\\tb\"\n"
                         "connect cli {{target}}\n"
                         "scenario \"first one\"\n"
                         "send cli \"GET {{key}}\\r\\n\"\n"
                         "expect cli message regex \"^(?<value>.*)$\" capture=whole\n"
                         "scenario second\n"
                         "send cli \"{{value}} {{whole}} {{quoted}}\"\n");
    ScenarioParser parser;
    const ScenarioFile file = parser.parseText(text, QStringLiteral("/tmp/redis-get.scn"));
    QCOMPARE(diagnostics(file), QString());
    QCOMPARE(file.variables.size(), 3);
    QCOMPARE(file.variables.at(0).name, QStringLiteral("target"));
    QCOMPARE(file.variables.at(0).defaultValue, std::optional<QByteArray>("127.0.0.1:6379"));
    QCOMPARE(file.variables.at(1).name, QStringLiteral("key"));
    QVERIFY(!file.variables.at(1).defaultValue);
    QCOMPARE(file.variables.at(2).defaultValue, std::optional<QByteArray>("a\tb"));
    QCOMPARE(file.variables.at(2).line, 3);
    QCOMPARE(file.variables.at(2).column, 5);
    QVERIFY(file.variable(QStringLiteral("key")));
    QVERIFY(!file.variable(QStringLiteral("value")));

    QCOMPARE(file.scenarios.size(), 3);
    QCOMPARE(file.scenarios.at(0).name, QStringLiteral("redis-get"));
    QCOMPARE(file.scenarios.at(0).line, 0);
    QCOMPARE(file.scenarios.at(0).steps.size(), 1);
    QCOMPARE(file.scenarios.at(1).name, QStringLiteral("first one"));
    QCOMPARE(file.scenarios.at(1).line, 5);
    QCOMPARE(file.scenarios.at(1).steps.size(), 2);
    QCOMPARE(file.scenarios.at(2).name, QStringLiteral("second"));
    const ScenarioStep &send = file.scenarios.at(2).steps.constFirst();
    QCOMPARE(send.get<SendArgs>().data.value.variables(),
             QStringList({"value", "whole", "quoted"}));

    // No steps before the first scenario: no scenario named after the file.
    const ScenarioFile named = parser.parseText(QStringLiteral("# intro\nscenario a\nwait 1\n"),
                                                QStringLiteral("x.scn"));
    QCOMPARE(named.scenarios.size(), 1);
    QCOMPARE(named.scenarios.constFirst().name, QStringLiteral("a"));
    QCOMPARE(parser.parseText(QString(), QStringLiteral("empty.scn")).scenarios.size(), 1);
}

void tst_ScenarioParser::locationsAndSource()
{
    ScenarioParser parser;
    const ScenarioFile file = parser.parseText(
        QStringLiteral("listen srv 127.0.0.1:0\r\n  connect cli srv   # to srv\r\n"
                       "send cli \"x{{counter}}\"\r\n"),
        QStringLiteral("crlf.scn"));
    QCOMPARE(diagnostics(file), QString());
    const ScenarioStep &connect = file.scenarios.constFirst().steps.at(1);
    QCOMPARE(connect.line, 2);
    QCOMPARE(connect.column, 3);
    QCOMPARE(connect.source, QStringLiteral("connect cli srv   # to srv"));
    const ByteTemplate &value = file.scenarios.constFirst().steps.at(2).get<SendArgs>().data.value;
    QCOMPARE(value.parts.size(), 2);
    QCOMPARE(value.parts.at(0).column, 11);
    QCOMPARE(value.parts.at(1).column, 12);
    QCOMPARE(value.parts.at(1).kind, TemplatePart::Kind::Counter);
    QVERIFY(!value.isConstant());
    QCOMPARE(value.constant(), QByteArray("x"));
}

void tst_ScenarioParser::timeoutSetting()
{
    ScenarioParser parser;
    const ScenarioFile file = parser.parseText(QStringLiteral("listen srv :0\n"
                                                              "connect cli srv\n"
                                                              "timeout 2s\n"
                                                              "accept conn srv\n"
                                                              "expect conn bytes 0\n"
                                                              "expect conn bytes 0 within=50ms\n"),
                                               QStringLiteral("t.scn"));
    QCOMPARE(diagnostics(file), QString());
    const QList<ScenarioStep> &steps = file.scenarios.constFirst().steps;
    QCOMPARE(steps.at(1).get<ConnectArgs>().timeoutMs, ScenarioParser::defaultTimeoutMs);
    QCOMPARE(steps.at(2).get<AcceptArgs>().timeoutMs, 2000);
    QCOMPARE(steps.at(3).get<ExpectArgs>().withinMs, 2000);
    QVERIFY(!steps.at(3).get<ExpectArgs>().withinGiven);
    QCOMPARE(steps.at(4).get<ExpectArgs>().withinMs, 50);
}

void tst_ScenarioParser::fileData()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile body(dir.filePath(QStringLiteral("body.bin")));
    QVERIFY(body.open(QIODevice::WriteOnly));
    body.write("\x00\x01", 2);
    body.close();
    ScenarioParser parser;
    const ScenarioFile file = parser.parseText(
        QStringLiteral("listen srv :0\nconnect cli srv\nsend cli file \"body.bin\"\n"
                       "send cli file \"missing.bin\"\n"),
        QStringLiteral("f.scn"), dir.path());
    QCOMPARE(file.diagnostics.size(), 1);
    QCOMPARE(file.diagnostics.constFirst().toString(),
             QStringLiteral("f.scn:4:15: There is no file '%1'.")
                 .arg(dir.filePath(QStringLiteral("missing.bin"))));
    const SendArgs &send = file.scenarios.constFirst().steps.at(2).get<SendArgs>();
    QCOMPARE(send.data.kind, ScenarioData::Kind::File);
    QCOMPARE(QString::fromUtf8(send.data.value.constant()),
             dir.filePath(QStringLiteral("body.bin")));
}

void tst_ScenarioParser::unreadableFile()
{
    ScenarioParser parser;
    const ScenarioFile file = parser.parseFile(QStringLiteral("/nonexistent/x.scn"));
    QCOMPARE(file.diagnostics.size(), 1);
    QVERIFY(file.diagnostics.constFirst().toString().startsWith(
        QLatin1String("/nonexistent/x.scn:1:1: Cannot read the file: ")));
}

void tst_ScenarioParser::examples_data()
{
    QTest::addColumn<QString>("path");
    const QDir dir(QStringLiteral(TCPI_EXAMPLES_DIR));
    const QStringList files = dir.entryList({QStringLiteral("*.scn")}, QDir::Files, QDir::Name);
    QVERIFY(files.size() >= 4);
    for (const QString &name : files)
        QTest::newRow(qPrintable(name)) << dir.filePath(name);
}

void tst_ScenarioParser::examples()
{
    QFETCH(QString, path);
    ScenarioParser parser;
    const ScenarioFile file = parser.parseFile(path);
    QCOMPARE(diagnostics(file), QString());
    QVERIFY(file.stepCount() > 3);
}

// The fenced block that follows heading in docs/SCENARIOS.md.
static QString documentBlock(const QString &heading)
{
    QFile file(QStringLiteral(TCPI_DOCS_DIR "/SCENARIOS.md"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QString text = QString::fromUtf8(file.readAll());
    const qsizetype open = text.indexOf(QLatin1String("```\n"), text.indexOf(heading));
    const qsizetype close = text.indexOf(QLatin1String("```\n"), open + 4);
    if (open < 0 || close < 0 || text.indexOf(heading) < 0)
        return {};
    return text.mid(open + 4, close - open - 4);
}

void tst_ScenarioParser::documentedExample()
{
    const QString example = documentBlock(QStringLiteral("## A complete example"));
    QVERIFY(!example.isEmpty());
    ScenarioParser parser;
    const ScenarioFile file = parser.parseText(example, QStringLiteral("doc.scn"));
    QCOMPARE(diagnostics(file), QString());
    QCOMPARE(file.scenarios.size(), 3);
    QCOMPARE(file.stepCount(), 13);
}

void tst_ScenarioParser::documentedErrors()
{
    // A file that makes each error the documentation shows, on its line.
    const QString text = QStringLiteral("listen srv 127.0.0.1:0\n"
                                        "connect cli srv\n"
                                        "accept conn srv\n"
                                        "var target = x\n"
                                        "expect cli message regex \"(?<token>.*)\"\n"
                                        "\n"
                                        "sned cli \"x\"\n"
                                        "\n"
                                        "send cli \"x\" fragmnet=2\n"
                                        "\n\n"
                                        "connect c2 srv engine=nativ\n"
                                        "\n"
                                        "send clj \"x\"\n"
                                        "send cli \"ab\\q\"\n"
                                        "send cli \"{{tokn}}\"\n"
                                        "\n"
                                        "connect c3 srv verify=off\n"
                                        "listen s2 127.0.0.1:0 tls engine=qt\n");
    ScenarioParser parser;
    const ScenarioFile file = parser.parseText(text, QStringLiteral("redis.scn"));
    const QString documented = documentBlock(QStringLiteral("## Errors"));
    QVERIFY(!documented.isEmpty());
    QCOMPARE(diagnostics(file) + QLatin1Char('\n'), documented);
}

QTEST_GUILESS_MAIN(tst_ScenarioParser)
#include "tst_scenarioparser.moc"
