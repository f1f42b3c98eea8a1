// SPDX-License-Identifier: GPL-3.0-or-later
#include "scenario/scenarioparser.h"

#include "framing/decoderregistry.h"
#include "net/hostport.h"
#include "net/socketerror.h"
#include "scenario/scenarioline.h"
#include "text/tr.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cerrno>

namespace TcpInspector {

namespace {
constexpr ConnectionState allStates[] = {
    ConnectionState::Resolving,        ConnectionState::Connecting,
    ConnectionState::Established,      ConnectionState::LocalHalfClosed,
    ConnectionState::RemoteHalfClosed, ConnectionState::Closing,
    ConnectionState::Closed,           ConnectionState::Reset,
    ConnectionState::Failed,
};
} // namespace

QStringList ScenarioParser::keywords()
{
    QStringList words;
    for (int kind = 0; kind <= int(StepKind::LimitFds); ++kind)
        words += stepKindKey(StepKind(kind));
    words << QStringLiteral("scenario") << QStringLiteral("var") << QStringLiteral("timeout");
    return words;
}

QStringList ScenarioParser::expectKeywords()
{
    QStringList words;
    for (int kind = 0; kind < int(ExpectKind::Accepted); ++kind)
        words += expectKindKey(ExpectKind(kind));
    return words;
}

QStringList ScenarioParser::listenerExpectKeywords()
{
    return {expectKindKey(ExpectKind::Error), expectKindKey(ExpectKind::Accepted)};
}

QStringList ScenarioParser::timeoutKeys()
{
    QStringList keys;
    for (int kind = 0; kind < timeoutKindCount; ++kind)
        keys += timeoutKindKey(TimeoutKind(kind));
    return keys;
}

QStringList ScenarioParser::stateNames()
{
    QStringList names;
    for (ConnectionState state : allStates)
        names += connectionStateName(state);
    return names;
}

QStringList ScenarioParser::kernelStateNames()
{
    QStringList names;
    for (int state = int(KernelState::Established); state < kernelStateCount; ++state)
        names += kernelStateKey(KernelState(state));
    return names;
}

QStringList ScenarioParser::errorCodes()
{
    // Asked of socketerror itself, so that the list cannot drift from the
    // codes a connection reports.
    static const int errnos[]
        = {ECONNREFUSED,  ETIMEDOUT, ECONNRESET, EPIPE,    EHOSTUNREACH, ENETUNREACH,  EADDRINUSE,
           EADDRNOTAVAIL, EMFILE,    EACCES,     ENOTCONN, ENOBUFS,      ECONNABORTED, EINVAL};
    static const QAbstractSocket::SocketError qtErrors[]
        = {QAbstractSocket::HostNotFoundError, QAbstractSocket::NetworkError,
           QAbstractSocket::RemoteHostClosedError};
    QStringList codes;
    const auto add = [&codes](const QString &code) {
        if (!codes.contains(code))
            codes += code;
    };
    for (int e : errnos)
        add(explainErrno(e, SocketOperation::Connect).code);
    for (QAbstractSocket::SocketError error : qtErrors)
        add(explainQtError(error, QString(), SocketOperation::Connect).code);
    // Not the socket's but the address text's: "8080" without a host (S1).
    add(QStringLiteral("invalid_address"));
    return codes;
}

ScenarioFile ScenarioParser::parseFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        reset(path, QFileInfo(path).absolutePath());
        m_file.diagnostics
            += {path, 1, 1, Tr::tr("Cannot read the file: %1.").arg(file.errorString())};
        return m_file;
    }
    return parseText(QString::fromUtf8(file.readAll()), path, QFileInfo(path).absolutePath());
}

void ScenarioParser::reset(const QString &path, const QString &directory)
{
    m_file = ScenarioFile();
    m_file.path = path;
    m_file.directory = directory.isEmpty() ? QDir::currentPath() : directory;
    m_names.clear();
    m_variables.clear();
    m_timeoutMs = defaultTimeoutMs;
    Scenario first;
    first.name = QFileInfo(path).completeBaseName();
    m_file.scenarios += first;
}

ScenarioFile ScenarioParser::parseText(const QString &text, const QString &path,
                                       const QString &directory)
{
    reset(path, directory);
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QString line = lines.at(i);
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        parseLine(line, int(i + 1));
    }
    // The steps before the first `scenario` line form one only if there are any.
    if (m_file.scenarios.size() > 1 && m_file.scenarios.constFirst().steps.isEmpty())
        m_file.scenarios.removeFirst();
    ScenarioFile result = m_file;
    m_file = ScenarioFile();
    return result;
}

void ScenarioParser::parseLine(const QString &text, int lineNumber)
{
    m_lineNumber = lineNumber;
    QString error;
    int errorColumn = 0;
    const QList<ScenarioToken> tokens = ScenarioTokenizer::tokenize(text, &error, &errorColumn);
    if (!error.isEmpty()) {
        m_file.diagnostics += {m_file.path, lineNumber, errorColumn, error};
        return;
    }
    if (tokens.isEmpty())
        return;
    ScenarioLine line(text, tokens, &m_variables, m_file.directory);
    const ScenarioToken &first = line.take();
    const std::optional<StepKind> kind
        = first.kind == ScenarioToken::Kind::Word ? stepKindFromKey(first.text) : std::nullopt;
    if (kind) {
        ScenarioStep step;
        step.kind = *kind;
        step.line = lineNumber;
        step.column = first.column;
        step.source = text.trimmed();
        parseStep(line, step);
        if (!line.failed())
            m_file.scenarios.last().steps += step;
    } else if (first.kind == ScenarioToken::Kind::Word && keywords().contains(first.text)) {
        parseDirective(first.text, line, lineNumber);
    } else {
        const QString word = first.kind == ScenarioToken::Kind::String
                                 ? QLatin1Char('"') + first.text + QLatin1Char('"')
                                 : first.text;
        line.fail(first.column,
                  ScenarioLine::unknownWord(Tr::tr("Unknown step '%1'.").arg(word), first.text,
                                            keywords(), Tr::tr("Valid steps: %1.")));
    }
    if (line.failed())
        m_file.diagnostics += {m_file.path, lineNumber, line.errorColumn(), line.errorMessage()};
}

void ScenarioParser::parseDirective(const QString &keyword, ScenarioLine &line, int lineNumber)
{
    if (keyword == QLatin1String("scenario"))
        parseScenario(line, lineNumber);
    else if (keyword == QLatin1String("var"))
        parseVar(line, lineNumber);
    else
        parseTimeout(line);
}

void ScenarioParser::parseScenario(ScenarioLine &line, int lineNumber)
{
    const QString missing = Tr::tr("Expected the scenario's name, as in scenario \"login\".");
    if (line.atEnd()) {
        line.fail(line.endColumn(), missing);
        return;
    }
    const ScenarioToken &token = line.take();
    if (token.kind == ScenarioToken::Kind::Option) {
        line.fail(token.column, missing);
        return;
    }
    ByteTemplate name;
    const auto mode = token.kind == ScenarioToken::Kind::String ? ScenarioLine::TextMode::Escapes
                                                                : ScenarioLine::TextMode::Raw;
    if (!line.readTemplate(token.text, token.offset, mode, &name) || !line.expectEnd())
        return;
    Scenario scenario;
    scenario.name = QString::fromUtf8(name.constant());
    scenario.line = lineNumber;
    for (const Scenario &other : std::as_const(m_file.scenarios)) {
        if (other.line > 0 && other.name == scenario.name) {
            line.fail(token.column, Tr::tr("A scenario named '%1' comes before, at line %2.")
                                        .arg(scenario.name)
                                        .arg(other.line));
            return;
        }
    }
    m_file.scenarios += scenario;
}

void ScenarioParser::parseVar(ScenarioLine &line, int lineNumber)
{
    const QString missing = Tr::tr("Expected a variable's name, as in var target = "
                                   "127.0.0.1:6379 (or var target, for a value --var must give).");
    if (line.atEnd()) {
        line.fail(line.endColumn(), missing);
        return;
    }
    const ScenarioToken token = line.take();
    VariableDeclaration declaration;
    declaration.line = lineNumber;
    declaration.column = token.column;
    ScenarioToken value;
    bool hasValue = false;
    if (token.kind == ScenarioToken::Kind::Option) { // var NAME=VALUE
        declaration.name = token.text;
        value.kind = token.valueQuoted ? ScenarioToken::Kind::String : ScenarioToken::Kind::Word;
        value.text = token.value;
        value.offset = token.valueOffset;
        hasValue = true;
    } else if (token.kind == ScenarioToken::Kind::Word
               && ScenarioTokenizer::isIdentifier(token.text)) {
        declaration.name = token.text;
        if (!line.atEnd() && line.peek().text == QLatin1String("=")
            && line.peek().kind == ScenarioToken::Kind::Word) {
            line.take();
            if (line.atEnd() || line.peek().kind == ScenarioToken::Kind::Option) {
                line.fail(line.atEnd() ? line.endColumn() : line.peek().column,
                          Tr::tr("Expected a value after '=': a word or a quoted string."));
                return;
            }
            value = line.take();
            hasValue = true;
        }
    } else {
        line.fail(token.column, missing);
        return;
    }
    if (const VariableDeclaration *earlier = m_file.variable(declaration.name)) {
        line.fail(token.column, Tr::tr("The variable '%1' is declared before, at line %2.")
                                    .arg(declaration.name)
                                    .arg(earlier->line));
        return;
    }
    addVariable(declaration.name);
    if (hasValue) {
        ByteTemplate bytes;
        const auto mode = value.kind == ScenarioToken::Kind::String
                              ? ScenarioLine::TextMode::Escapes
                              : ScenarioLine::TextMode::Raw;
        if (!line.readTemplate(value.text, value.offset, mode, &bytes))
            return;
        if (!bytes.isConstant()) {
            line.fail(line.columnOf(value.offset),
                      Tr::tr("A variable's value cannot use placeholders; write the value "
                             "itself."));
            return;
        }
        declaration.defaultValue = bytes.constant();
    }
    if (line.expectEnd())
        m_file.variables += declaration;
}

void ScenarioParser::parseTimeout(ScenarioLine &line)
{
    if (line.atEnd() || line.peek().kind != ScenarioToken::Kind::Word) {
        line.fail(line.atEnd() ? line.endColumn() : line.peek().column,
                  Tr::tr("Expected how long an expectation, accept or connect may take at most, "
                         "as in timeout 2s."));
        return;
    }
    const ScenarioToken &token = line.take();
    int ms = 0;
    if (!line.readDuration(token.text, token.column, &ms))
        return;
    if (ms <= 0) {
        line.fail(token.column, Tr::tr("A timeout must be longer than 0 ms."));
        return;
    }
    if (line.expectEnd())
        m_timeoutMs = ms;
}

void ScenarioParser::parseStep(ScenarioLine &line, ScenarioStep &step)
{
    switch (step.kind) {
    case StepKind::Listen:
        return parseListen(line, step);
    case StepKind::Accept:
        return parseAccept(line, step);
    case StepKind::Connect:
        return parseConnect(line, step);
    case StepKind::Send:
        return parseSend(line, step);
    case StepKind::HalfClose:
    case StepKind::Close:
    case StepKind::Reset:
    case StepKind::Pause:
    case StepKind::Resume:
        if (readConnection(line, &step.target))
            line.expectEnd();
        return;
    case StepKind::Read: {
        ReadArgs args;
        args.timeoutMs = m_timeoutMs;
        if (!readConnection(line, &step.target))
            return;
        if (line.atEnd()) {
            line.fail(line.endColumn(), Tr::tr("Expected how many bytes to read at most, as in "
                                               "read cli 16."));
            return;
        }
        const ScenarioToken &size = line.take();
        if (line.readSize(size.text, size.column, &args.bytes) && line.expectEnd())
            step.args = args;
        return;
    }
    case StepKind::Framing: {
        FramingArgs args;
        if (!readConnection(line, &step.target))
            return;
        if (line.atEnd() || line.peek().kind == ScenarioToken::Kind::Option) {
            line.fail(line.atEnd() ? line.endColumn() : line.peek().column,
                      Tr::tr("Expected a framing spec, as in framing cli line or framing cli "
                             "\"delim:hex=00\"."));
            return;
        }
        const ScenarioToken &spec = line.take();
        if (readFraming(line, spec.text, spec.column, &args.spec) && line.expectEnd())
            step.args = args;
        return;
    }
    case StepKind::Wait: {
        WaitArgs args;
        if (line.atEnd() || line.peek().kind != ScenarioToken::Kind::Word) {
            line.fail(line.atEnd() ? line.endColumn() : line.peek().column,
                      Tr::tr("Expected how long to wait, as in wait 500ms."));
            return;
        }
        const ScenarioToken &duration = line.take();
        if (line.readDuration(duration.text, duration.column, &args.ms) && line.expectEnd())
            step.args = args;
        return;
    }
    case StepKind::Say:
        return parseSay(line, step);
    case StepKind::Expect:
        return parseExpect(line, step);
    case StepKind::Rule:
        return parseRule(line, step);
    case StepKind::LimitFds:
        return parseLimitFds(line, step);
    case StepKind::Stop:
        return parseStop(line, step);
    }
}

void ScenarioParser::parseLimitFds(ScenarioLine &line, ScenarioStep &step)
{
    LimitArgs args;
    if (line.atEnd()) {
        line.fail(line.endColumn(), Tr::tr("Expected how many more descriptors may open, or "
                                           "off, as in limit-fds 1."));
        return;
    }
    const ScenarioToken &value = line.take();
    qint64 more = 0;
    if (value.text != QLatin1String("off") && !line.readCount(value.text, value.column, 0, &more))
        return;
    args.more = value.text == QLatin1String("off") ? -1 : int(qMin<qint64>(more, 1000));
    if (line.expectEnd())
        step.args = args;
}

void ScenarioParser::parseStop(ScenarioLine &line, ScenarioStep &step)
{
    const int column = line.atEnd() ? line.endColumn() : line.peek().column;
    if (line.readName(&step.target, Tr::tr("Expected the listener to stop, as in stop srv."))
        && readListener(line, step.target, column)) {
        line.expectEnd();
    }
}

void ScenarioParser::addVariable(const QString &name)
{
    if (!m_variables.contains(name))
        m_variables += name;
}

QStringList ScenarioParser::namesOf(bool listeners) const
{
    QList<QPair<int, QString>> ordered;
    for (auto it = m_names.cbegin(); it != m_names.cend(); ++it) {
        if (it->listener == listeners)
            ordered += {it->line, it.key()};
    }
    std::sort(ordered.begin(), ordered.end());
    QStringList names;
    for (const auto &entry : std::as_const(ordered))
        names += entry.second;
    return names;
}

bool ScenarioParser::declareName(ScenarioLine &line, const QString &name, int column, bool listener)
{
    const auto it = m_names.constFind(name);
    if (it == m_names.cend()) {
        m_names.insert(name, {listener, m_lineNumber});
        return true;
    }
    return line.fail(
        column,
        it->listener
            ? Tr::tr("The name '%1' already names a listener (line %2).").arg(name).arg(it->line)
            : Tr::tr("The name '%1' already names a connection (line %2).")
                  .arg(name)
                  .arg(it->line));
}

bool ScenarioParser::readConnection(ScenarioLine &line, QString *name)
{
    const int column = line.atEnd() ? line.endColumn() : line.peek().column;
    if (!line.readName(name, Tr::tr("Expected the name of a connection (one that connect or "
                                    "accept named).")))
        return false;
    const auto it = m_names.constFind(*name);
    if (it != m_names.cend() && !it->listener)
        return true;
    if (it != m_names.cend()) {
        return line.fail(column, Tr::tr("'%1' is a listener, not a connection; name one of its "
                                        "connections with accept NAME %1.")
                                     .arg(*name));
    }
    const QStringList connections = namesOf(false);
    const QString intro = Tr::tr("No connection is named '%1'.").arg(*name);
    if (connections.isEmpty()) {
        return line.fail(column, intro + QLatin1Char(' ')
                                     + Tr::tr("No connection is named yet: connect or accept "
                                              "one first."));
    }
    return line.fail(column, ScenarioLine::unknownWord(intro, *name, connections,
                                                       Tr::tr("Connections so far: %1.")));
}

bool ScenarioParser::readListener(ScenarioLine &line, const QString &name, int column)
{
    const auto it = m_names.constFind(name);
    if (it != m_names.cend() && it->listener)
        return true;
    const QString intro = it != m_names.cend()
                              ? Tr::tr("'%1' is a connection, not a listener.").arg(name)
                              : Tr::tr("No listener is named '%1'.").arg(name);
    const QStringList listeners = namesOf(true);
    if (listeners.isEmpty()) {
        return line.fail(column, intro + QLatin1Char(' ')
                                     + Tr::tr("No listener is named yet: listen NAME ADDRESS "
                                              "names one."));
    }
    return line.fail(
        column, ScenarioLine::unknownWord(intro, name, listeners, Tr::tr("Listeners so far: %1.")));
}

bool ScenarioParser::readAddress(ScenarioLine &line, bool listen, ByteTemplate *address)
{
    if (line.atEnd() || line.peek().kind == ScenarioToken::Kind::Option) {
        return line.fail(line.atEnd() ? line.endColumn() : line.peek().column,
                         listen ? Tr::tr("Expected an address to listen on, such as 127.0.0.1:0 "
                                         "(port 0: the system picks one).")
                                : Tr::tr("Expected a listener's name or an address, HOST:PORT."));
    }
    const ScenarioToken &token = line.take();
    const auto mode = token.kind == ScenarioToken::Kind::String ? ScenarioLine::TextMode::Escapes
                                                                : ScenarioLine::TextMode::Raw;
    if (!line.readTemplate(token.text, token.offset, mode, address))
        return false;
    if (!address->isConstant())
        return true;
    QString error;
    if (HostPort::parse(QString::fromUtf8(address->constant()),
                        listen ? HostPort::Use::Listen : HostPort::Use::Connect, &error)) {
        return true;
    }
    return line.fail(token.column, error);
}

bool ScenarioParser::readFraming(ScenarioLine &line, const QString &spec, int column, QString *out)
{
    QString error;
    if (!DecoderRegistry::instance().validate(spec, &error))
        return line.fail(column, error);
    *out = spec;
    return true;
}

bool ScenarioParser::readEngine(ScenarioLine &line, const ScenarioToken &option, EngineKind *engine)
{
    QString key;
    if (!line.readChoice(option.value, line.columnOf(option.valueOffset),
                         {engineKey(EngineKind::Qt), engineKey(EngineKind::Native)},
                         QStringLiteral("engine="), &key)) {
        return false;
    }
    *engine = *engineFromKey(key);
    return true;
}

} // namespace TcpInspector
