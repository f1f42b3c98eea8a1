// SPDX-License-Identifier: GPL-3.0-or-later
// ScenarioParser, continued: the steps that take options (listen, accept,
// connect, send, say, expect). scenarioparser.cpp holds the file, the lines
// and the names.
#include "net/hostport.h"
#include "scenario/replyruleparser.h"
#include "scenario/scenarioline.h"
#include "scenario/scenarioparser.h"
#include "text/tr.h"

#include <QDir>

namespace TcpInspector {

void ScenarioParser::parseListen(ScenarioLine &line, ScenarioStep &step)
{
    ListenArgs args;
    args.engine = m_defaultEngine;
    const int column = line.atEnd() ? line.endColumn() : line.peek().column;
    if (!line.readName(&step.target, Tr::tr("Expected a name for the listener, as in listen srv "
                                            "127.0.0.1:0."))
        || !declareName(line, step.target, column, true)
        || !readAddress(line, true, &args.address)) {
        return;
    }
    // The port the system chose, for the lines below: connect to it by
    // address, listen on it again (S2), find it refused once stopped.
    addVariable(step.target + QStringLiteral(".port"));
    const QStringList tlsKeys = tlsOptionKeys(false);
    const QStringList valid = QStringList {QStringLiteral("framing"), QStringLiteral("engine"),
                                           QStringLiteral("backlog"), QStringLiteral("reuseaddr"),
                                           QStringLiteral("rules"),   QStringLiteral("paused"),
                                           QStringLiteral("accept")}
                              + tlsKeys;
    QHash<QString, int> columns;
    const bool ok = line.readOptions(
        QStringLiteral("listen"), valid, {QStringLiteral("paused"), QStringLiteral("tls")},
        [&](const ScenarioToken &o) {
            const int at = line.columnOf(o.valueOffset);
            columns.insert(o.text, o.column);
            if (tlsKeys.contains(o.text))
                return readTlsOption(line, o, &args.tls);
            if (o.text == QLatin1String("accept")) {
                return line.readChoice(o.value, at,
                                       {QStringLiteral("many"), QStringLiteral("once"),
                                        QStringLiteral("one-at-a-time")},
                                       QStringLiteral("accept="), &args.acceptMode);
            }
            if (o.text == QLatin1String("paused"))
                return line.readBool(o.value, at, QStringLiteral("paused="), &args.acceptPaused);
            if (o.text == QLatin1String("framing"))
                return readFraming(line, o.value, at, &args.framing);
            if (o.text == QLatin1String("engine"))
                return readEngine(line, o, &args.engine);
            if (o.text == QLatin1String("reuseaddr"))
                return line.readBool(o.value, at, QStringLiteral("reuseaddr="), &args.reuseAddress);
            if (o.text == QLatin1String("rules"))
                return readRulesFile(line, o, args);
            qint64 backlog = 0;
            if (!line.readCount(o.value, at, 1, &backlog))
                return false;
            args.backlog = int(qMin<qint64>(backlog, 65535));
            return true;
        });
    if (ok && finishTls(line, columns, &args.tls, &args.engine))
        step.args = args;
}

bool ScenarioParser::readRulesFile(ScenarioLine &line, const ScenarioToken &option,
                                   ListenArgs &args)
{
    const int at = line.columnOf(option.valueOffset);
    if (option.value.contains(QLatin1String("{{"))) {
        return line.fail(at, Tr::tr("A rules file is read with the scenario, before any variable "
                                    "has its value: give its path without {{ }}."));
    }
    const QString path = QDir(m_file.directory).absoluteFilePath(option.value);
    const ReplyRuleFile rules = ReplyRuleParser().parseFile(path, m_variables);
    if (rules.hasErrors()) {
        // The rules file's own place says more than this line's column.
        const ScenarioDiagnostic &first = rules.diagnostics.constFirst();
        return line.fail(at, Tr::tr("In the rules file %1").arg(first.toString()));
    }
    args.rules = rules.rules;
    args.rulesDirectory = rules.directory;
    return true;
}

void ScenarioParser::parseAccept(ScenarioLine &line, ScenarioStep &step)
{
    AcceptArgs args;
    args.timeoutMs = m_timeoutMs;
    int column = line.atEnd() ? line.endColumn() : line.peek().column;
    if (!line.readName(&step.target, Tr::tr("Expected a name for the accepted connection, as in "
                                            "accept conn1 srv."))
        || !declareName(line, step.target, column, false)) {
        return;
    }
    column = line.atEnd() ? line.endColumn() : line.peek().column;
    if (!line.readName(&args.listener, Tr::tr("Expected the listener to accept from, as in "
                                              "accept conn1 srv."))
        || !readListener(line, args.listener, column)) {
        return;
    }
    const bool ok = line.readOptions(
        QStringLiteral("accept"), {QStringLiteral("timeout")}, {}, [&](const ScenarioToken &o) {
            return line.readDuration(o.value, line.columnOf(o.valueOffset), &args.timeoutMs);
        });
    if (ok)
        step.args = args;
}

void ScenarioParser::parseConnect(ScenarioLine &line, ScenarioStep &step)
{
    ConnectArgs args;
    args.engine = m_defaultEngine;
    args.timeoutMs = m_timeoutMs;
    const int column = line.atEnd() ? line.endColumn() : line.peek().column;
    if (!line.readName(&step.target, Tr::tr("Expected a name for the connection, as in connect "
                                            "cli 127.0.0.1:8080."))
        || !declareName(line, step.target, column, false) || !parseConnectTarget(line, args)) {
        return;
    }
    const QStringList valid = {
        QStringLiteral("engine"),       QStringLiteral("timeout"),
        QStringLiteral("idle-timeout"), QStringLiteral("nodelay"),
        QStringLiteral("rcvbuf"),       QStringLiteral("sndbuf"),
        QStringLiteral("bind"),         QStringLiteral("framing"),
        QStringLiteral("syn-retries"),  QStringLiteral("keepalive"),
        QStringLiteral("user-timeout"), QStringLiteral("write-stall"),
        QStringLiteral("read-slice"),   QStringLiteral("mss"),
    };
    const QStringList tlsKeys = tlsOptionKeys(true);
    QHash<QString, int> columns;
    const bool ok = line.readOptions(QStringLiteral("connect"), valid + tlsKeys,
                                     {QStringLiteral("nodelay"), QStringLiteral("tls")},
                                     [&](const ScenarioToken &o) {
                                         columns.insert(o.text, o.column);
                                         return tlsKeys.contains(o.text)
                                                    ? readTlsOption(line, o, &args.tls)
                                                    : parseConnectOption(line, o, args);
                                     });
    if (ok && finishTls(line, columns, &args.tls, &args.engine))
        step.args = args;
}

bool ScenarioParser::parseConnectTarget(ScenarioLine &line, ConnectArgs &args)
{
    if (!line.atEnd() && line.peek().kind == ScenarioToken::Kind::Word) {
        const ScenarioToken &token = line.peek();
        // A bare name is a listener's; an address has a ':' (or a placeholder).
        const bool looksLikeName
            = ScenarioTokenizer::isIdentifier(token.text) && !token.text.contains(QLatin1Char('.'));
        if (looksLikeName && (m_names.contains(token.text) || !namesOf(true).isEmpty())) {
            line.take();
            if (!readListener(line, token.text, token.column))
                return false;
            args.listener = token.text;
            return true;
        }
    }
    return readAddress(line, false, &args.address);
}

bool ScenarioParser::parseConnectOption(ScenarioLine &line, const ScenarioToken &option,
                                        ConnectArgs &args)
{
    const QString &key = option.text;
    const int at = line.columnOf(option.valueOffset);
    if (key == QLatin1String("engine"))
        return readEngine(line, option, &args.engine);
    if (key == QLatin1String("timeout"))
        return line.readDuration(option.value, at, &args.timeoutMs);
    if (key == QLatin1String("idle-timeout"))
        return line.readDuration(option.value, at, &args.idleTimeoutMs);
    if (key == QLatin1String("nodelay"))
        return line.readBool(option.value, at, QStringLiteral("nodelay="), &args.noDelay);
    if (key == QLatin1String("framing"))
        return readFraming(line, option.value, at, &args.framing);
    if (key == QLatin1String("user-timeout"))
        return line.readDuration(option.value, at, &args.userTimeoutMs);
    if (key == QLatin1String("write-stall"))
        return line.readDuration(option.value, at, &args.writeStallMs);
    if (key == QLatin1String("keepalive"))
        return readKeepalive(line, option, &args.keepalive);
    if (key == QLatin1String("syn-retries")) {
        qint64 retries = 0;
        if (!line.readCount(option.value, at, 1, &retries))
            return false;
        if (retries > 127)
            return line.fail(at, Tr::tr("Linux allows at most 127 SYN retries."));
        args.synRetries = int(retries);
        return true;
    }
    if (key == QLatin1String("bind")) {
        if (!line.readTemplate(option.value, option.valueOffset, ScenarioLine::TextMode::Raw,
                               &args.bind)) {
            return false;
        }
        QString error;
        if (args.bind.isConstant()
            && !HostPort::parse(QString::fromUtf8(args.bind.constant()), HostPort::Use::Listen,
                                &error)) {
            return line.fail(at, error);
        }
        return true;
    }
    qint64 bytes = 0;
    if (!line.readSize(option.value, at, &bytes))
        return false;
    if (key == QLatin1String("read-slice"))
        args.readSlice = bytes;
    else if (key == QLatin1String("mss"))
        args.maxSegment = int(qMin<qint64>(bytes, 65535));
    else
        (key == QLatin1String("rcvbuf") ? args.receiveBuffer : args.sendBuffer) = int(bytes);
    return true;
}

bool ScenarioParser::readGap(ScenarioLine &line, const ScenarioToken &value, CountCheck *check)
{
    // A comparison and a duration: ">=30ms". The comparison is a count's.
    qsizetype digits = 0;
    while (digits < value.text.size() && !value.text.at(digits).isDigit())
        ++digits;
    int ms = 0;
    if (!line.readCountCheck(value.text.left(digits) + QLatin1Char('0'), value.column, check)
        || !line.readDuration(value.text.mid(digits), value.column + int(digits), &ms)) {
        return false;
    }
    check->value = ms;
    return true;
}

bool ScenarioParser::readKeepalive(ScenarioLine &line, const ScenarioToken &option,
                                   KeepaliveOptions *keepalive)
{
    // keepalive=IDLE[/INTERVAL[/COUNT]]: durations of whole seconds, as the kernel takes them.
    const int at = line.columnOf(option.valueOffset);
    const QStringList parts = option.value.split(QLatin1Char('/'));
    if (parts.size() > 3) {
        return line.fail(at, Tr::tr("Write keepalive=IDLE/INTERVAL/COUNT, as in "
                                    "keepalive=1s/1s/3."));
    }
    int idleMs = 0;
    int intervalMs = 0;
    if (!line.readDuration(parts.at(0), at, &idleMs)
        || (parts.size() > 1 && !line.readDuration(parts.at(1), at, &intervalMs))) {
        return false;
    }
    if (idleMs < 1000 || (parts.size() > 1 && intervalMs < 1000)) {
        return line.fail(at, Tr::tr("Keepalive times are whole seconds, 1s at least: the kernel "
                                    "counts them in seconds."));
    }
    qint64 count = 0;
    if (parts.size() > 2 && !line.readCount(parts.at(2), at, 1, &count))
        return false;
    keepalive->enabled = true;
    keepalive->idleSeconds = idleMs / 1000;
    keepalive->intervalSeconds = intervalMs / 1000;
    keepalive->count = int(qMin<qint64>(count, 127));
    return true;
}

void ScenarioParser::parseSend(ScenarioLine &line, ScenarioStep &step)
{
    SendArgs args;
    if (!readConnection(line, &step.target) || !line.readData(&args.data))
        return;
    const QStringList valid = {QStringLiteral("fragment"), QStringLiteral("delay"),
                               QStringLiteral("repeat"), QStringLiteral("interval")};
    const bool ok
        = line.readOptions(QStringLiteral("send"), valid, {}, [&](const ScenarioToken &o) {
              const int at = line.columnOf(o.valueOffset);
              if (o.text == QLatin1String("fragment"))
                  return line.readSize(o.value, at, &args.fragment);
              if (o.text == QLatin1String("delay"))
                  return line.readDuration(o.value, at, &args.delayMs);
              if (o.text == QLatin1String("interval"))
                  return line.readDuration(o.value, at, &args.intervalMs);
              qint64 repeat = 0;
              if (!line.readCount(o.value, at, 1, &repeat))
                  return false;
              args.repeat = int(qMin<qint64>(repeat, 1000000));
              return true;
          });
    if (ok)
        step.args = args;
}

void ScenarioParser::parseSay(ScenarioLine &line, ScenarioStep &step)
{
    SayArgs args;
    if (line.atEnd() || line.peek().kind != ScenarioToken::Kind::String) {
        line.fail(line.atEnd() ? line.endColumn() : line.peek().column,
                  Tr::tr("Expected the narration as a quoted string, as in say \"Now the client "
                         "half-closes.\"."));
        return;
    }
    const ScenarioToken &text = line.take();
    ByteTemplate bytes;
    if (!line.readTemplate(text.text, text.offset, ScenarioLine::TextMode::Escapes, &bytes))
        return;
    args.text = QString::fromUtf8(bytes.constant());
    const bool ok = line.readOptions(
        QStringLiteral("say"), {QStringLiteral("zh")}, {}, [&](const ScenarioToken &o) {
            ByteTemplate zh;
            if (!line.readTemplate(o.value, o.valueOffset, ScenarioLine::TextMode::Escapes, &zh)) {
                return false;
            }
            args.textZh = QString::fromUtf8(zh.constant());
            return true;
        });
    if (ok && !bytes.isConstant()) {
        line.fail(text.column, Tr::tr("Narration is shown as written: it cannot use "
                                      "placeholders."));
        return;
    }
    if (ok)
        step.args = args;
}

void ScenarioParser::parseExpect(ScenarioLine &line, ScenarioStep &step)
{
    ExpectArgs args;
    args.withinMs = m_timeoutMs;
    const bool listener = !line.atEnd() && m_names.value(line.peek().text).listener;
    if (listener)
        step.target = line.take().text;
    else if (!readConnection(line, &step.target))
        return;
    const QStringList valid = listener ? listenerExpectKeywords() : expectKeywords();
    if (line.atEnd() || line.peek().kind != ScenarioToken::Kind::Word) {
        line.fail(line.atEnd() ? line.endColumn() : line.peek().column,
                  Tr::tr("Expected what to expect: %1.").arg(valid.join(QLatin1String(", "))));
        return;
    }
    const ScenarioToken &what = line.take();
    const std::optional<ExpectKind> kind = expectKindFromKey(what.text);
    if (!kind) {
        line.fail(what.column,
                  ScenarioLine::unknownWord(Tr::tr("Unknown expectation '%1'.").arg(what.text),
                                            what.text, valid, Tr::tr("Valid expectations: %1.")));
        return;
    }
    args.what = *kind;
    if (!valid.contains(what.text)) {
        line.fail(what.column,
                  listener ? Tr::tr("A listener has no '%1': expect %2 error CODE or expect %2 "
                                    "accepted COUNT; name one of its connections with accept.")
                                 .arg(what.text, step.target)
                           : Tr::tr("'accepted' is a listener's: expect LISTENER accepted COUNT."));
        return;
    }
    if (args.what == ExpectKind::Message || args.what == ExpectKind::Received
        || args.what == ExpectKind::Note) {
        if (!parseExpectMatch(line, args))
            return;
    } else if (args.what != ExpectKind::Handshake && !parseExpectValue(line, args)) {
        return;
    }
    if (parseExpectOptions(line, args))
        step.args = args;
}

bool ScenarioParser::parseExpectValue(ScenarioLine &line, ExpectArgs &args)
{
    if (line.atEnd() || line.peek().kind != ScenarioToken::Kind::Word) {
        return line.fail(
            line.atEnd() ? line.endColumn() : line.peek().column,
            args.what == ExpectKind::State    ? Tr::tr("Expected a state, as in expect cli "
                                                          "state RemoteHalfClosed.")
            : args.what == ExpectKind::Error  ? Tr::tr("Expected an error code, as in "
                                                        "expect cli error refused.")
            : args.what == ExpectKind::Kernel ? Tr::tr("Expected a kernel TCP state, as in "
                                                       "expect srv1 kernel CLOSE_WAIT.")
            : args.what == ExpectKind::Gap
                ? Tr::tr("Expected a time between reads, as in expect srv1 gap >=30ms.")
            : args.what == ExpectKind::Timeout
                ? Tr::tr("Expected a timeout: connect, idle, write_stall or close, as in "
                         "expect cli timeout idle.")
            : args.what == ExpectKind::Alert
                ? Tr::tr("Expected a TLS alert's name, as in expect conn alert close_notify.")
            : args.what == ExpectKind::Record
                ? Tr::tr("Expected a record's content type, as in expect conn record "
                         "application_data size=27, or any.")
                : Tr::tr("Expected a count such as 3, >=3, "
                         "<=3, >3 or <3."));
    }
    const ScenarioToken &value = line.take();
    QString word;
    switch (args.what) {
    case ExpectKind::State:
        if (!line.readChoice(value.text, value.column, stateNames(), QStringLiteral("expect state"),
                             &word)) {
            return false;
        }
        args.state = ConnectionState(stateNames().indexOf(word));
        break;
    case ExpectKind::Error:
        if (!line.readChoice(value.text, value.column, errorCodes() + tlsErrorCodes(),
                             QStringLiteral("expect error"), &args.errorCode)) {
            return false;
        }
        break;
    case ExpectKind::Alert:
        return readAlertValue(line, value, &args);
    case ExpectKind::Record:
        return readRecordValue(line, value, &args);
    case ExpectKind::Kernel:
        if (!line.readChoice(value.text, value.column, kernelStateNames(),
                             QStringLiteral("expect kernel"), &word)) {
            return false;
        }
        args.kernelState = *kernelStateFromKey(word);
        break;
    case ExpectKind::Timeout:
        if (!line.readChoice(value.text, value.column, timeoutKeys(),
                             QStringLiteral("expect timeout"), &word)) {
            return false;
        }
        args.timeoutKind = *timeoutKindFromKey(word);
        break;
    case ExpectKind::Gap:
        if (!readGap(line, value, &args.count))
            return false;
        break;
    default:
        if (!line.readCountCheck(value.text, value.column, &args.count))
            return false;
    }
    return true;
}

void ScenarioParser::parseRule(ScenarioLine &line, ScenarioStep &step)
{
    const int column = line.atEnd() ? line.endColumn() : line.peek().column;
    if (!line.readName(&step.target, Tr::tr("Expected the listener the rule answers for, as in "
                                            "rule srv prefix \"PING\" reply \"+PONG\\r\\n\"."))
        || !readListener(line, step.target, column)) {
        return;
    }
    RuleArgs args;
    args.rule.line = m_lineNumber;
    if (ReplyRuleParser::parseRule(line, &m_variables, &args.rule))
        step.args = args;
}

bool ScenarioParser::parseExpectMatch(ScenarioLine &line, ExpectArgs &args)
{
    if (!line.readMatch(&args.mode, &args.pattern, &args.namedGroups))
        return false;
    for (const QString &name : std::as_const(args.namedGroups))
        addVariable(name);
    return true;
}

bool ScenarioParser::parseExpectOptions(ScenarioLine &line, ExpectArgs &args)
{
    QStringList valid
        = {QStringLiteral("within"), QStringLiteral("callout"), QStringLiteral("callout-zh")};
    if (args.what == ExpectKind::Message || args.what == ExpectKind::Received)
        valid += QStringLiteral("capture");
    if (args.what == ExpectKind::Message)
        valid += QStringLiteral("part");
    const QStringList tlsKeys = tlsExpectOptionKeys(args.what);
    valid += tlsKeys;
    return line.readOptions(QStringLiteral("expect"), valid, {}, [&](const ScenarioToken &o) {
        const int at = line.columnOf(o.valueOffset);
        if (tlsKeys.contains(o.text))
            return readTlsExpectOption(line, o, &args);
        if (o.text == QLatin1String("within")) {
            args.withinGiven = true;
            return line.readDuration(o.value, at, &args.withinMs);
        }
        if (o.text.startsWith(QLatin1String("callout")))
            return readCallout(line, o, &args);
        if (o.text == QLatin1String("part")) {
            QString part;
            if (!line.readChoice(o.value, at, messagePartKeys(), QStringLiteral("part="), &part))
                return false;
            args.part = MessagePart(messagePartKeys().indexOf(part));
            return true;
        }
        if (!ScenarioTokenizer::isIdentifier(o.value)) {
            return line.fail(at, Tr::tr("Expected a variable's name after capture=, as in "
                                        "capture=token."));
        }
        args.captureVariable = o.value;
        addVariable(o.value);
        return true;
    });
}

bool ScenarioParser::readCallout(ScenarioLine &line, const ScenarioToken &option, ExpectArgs *args)
{
    // What a lesson points at when the observation holds: shown as written.
    ByteTemplate text;
    if (!line.readTemplate(option.value, option.valueOffset, ScenarioLine::TextMode::Escapes,
                           &text)) {
        return false;
    }
    if (!text.isConstant()) {
        return line.fail(line.columnOf(option.valueOffset),
                         Tr::tr("A callout is shown as written: it cannot use placeholders."));
    }
    const QString value = QString::fromUtf8(text.constant());
    if (option.text == QLatin1String("callout"))
        args->callout = value;
    else
        args->calloutZh = value;
    return true;
}

} // namespace TcpInspector
