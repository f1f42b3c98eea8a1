// SPDX-License-Identifier: GPL-3.0-or-later
// ScenarioRunner's endpoints: the steps that listen, connect, stop and give
// reply rules, and what `expect` checks on a listener.
#include "scenario/scenariorunner.h"

#include "scenario/replyrules.h"

#include "net/clientendpoint.h"
#include "net/connection.h"
#include "net/descriptorcount.h"
#include "net/hostport.h"
#include "net/localcertificate.h"
#include "net/serverendpoint.h"
#include "net/tlssession.h"
#include "text/tr.h"

#include <cerrno>
#include <cstring>

#include <sys/resource.h>

namespace TcpInspector {

namespace {

// A step's TLS as the engine takes it: the generated localhost certificate
// where the step asks for it, every file checked now, so that a bad key
// fails the step that names it rather than each connection.
bool tlsOptionsFor(const ScenarioTls &tls, bool client, TlsOptions *out, QString *error)
{
    *out = tls.options;
    if (tls.caLocal || (!client && tls.localCertificate())) {
        QString why;
        const LocalCertificate local
            = LocalCertificate::ensure(LocalCertificate::defaultFolder(), &why);
        if (local.certificateFile.isEmpty()) {
            *error = Tr::tr("%1 Give cert= and key=.").arg(why);
            return false;
        }
        if (tls.caLocal)
            out->caFile = local.certificateFile;
        if (!client && tls.localCertificate()) {
            out->certificateFile = local.certificateFile;
            out->keyFile = local.keyFile;
        }
    }
    TlsSession check(client ? TlsSession::Role::Client : TlsSession::Role::Server, *out,
                     QStringLiteral("localhost"));
    SocketErrorInfo failure;
    if (check.setUp(&failure))
        return true;
    *error = QStringLiteral("%1 (%2)").arg(failure.explanation, failure.message);
    return false;
}

} // namespace

void ScenarioRunner::runListen(const ScenarioStep &step)
{
    const auto &args = step.get<ListenArgs>();
    QString error;
    const std::optional<QString> text = m_variables.expandText(args.address, &error);
    const std::optional<HostPort> address
        = text ? HostPort::parse(*text, HostPort::Use::Listen, &error) : std::nullopt;
    if (!address) {
        // A lesson shows the error of "8080" on purpose (S1).
        m_listenerErrors[step.target] += QStringLiteral("invalid_address");
        return finishStep(nextStepExpectsFailure(step.target) ? StepResult::Status::Passed
                                                              : StepResult::Status::Failed,
                          error);
    }
    ServerOptions options;
    options.address = *address;
    if (args.backlog > 0)
        options.backlog = args.backlog;
    options.reuseAddress = args.reuseAddress;
    options.acceptMode = acceptModeFromKey(args.acceptMode).value_or(AcceptMode::Many);
    // The file says when each connection closes, after EOF too.
    options.closeAtPeerEof = false;
    options.connection.engine = args.engine;
    options.connection.kernelSampleMs = kernelSampleMs;
    options.connection.rxFraming = args.framing;
    options.connection.txFraming = args.framing;
    if (args.tls.options.enabled
        && !tlsOptionsFor(args.tls, false, &options.connection.tls, &error)) {
        return finishStep(StepResult::Status::Failed, error);
    }
    auto *server = new ServerEndpoint(this);
    const QString name = step.target;
    connect(server, &ServerEndpoint::connectionAccepted, this,
            [this, name](Connection *connection) {
                m_unclaimed[name] += connection;
                emit connectionStarted(connection);
            });
    connect(server, &ServerEndpoint::connectionAccepted, this,
            [this, name] { ++m_acceptedCounts[name]; });
    connect(
        server, &ServerEndpoint::acceptFailed, this,
        [this, name](const SocketErrorInfo &failure) { m_listenerErrors[name] += failure.code; });
    SocketErrorInfo failure;
    if (!server->listen(options, &failure)) {
        delete server;
        m_listenerErrors[name] += failure.code;
        // A lesson may fail on purpose: "address in use" is what it shows (S2).
        if (nextStepExpectsFailure(name)) {
            return finishStep(StepResult::Status::Passed,
                              Tr::tr("Cannot listen on %1: %2 (%3).")
                                  .arg(address->toString(), failure.message, failure.code));
        }
        return finishStep(StepResult::Status::Failed, Tr::tr("Cannot listen on %1: %2 (%3). %4")
                                                          .arg(address->toString(), failure.message,
                                                               failure.code, failure.explanation));
    }
    m_listeners.insert(name, server);
    m_variables.set(name + QStringLiteral(".port"),
                    QByteArray::number(server->boundAddress().port));
    if (args.acceptPaused)
        server->setAcceptingPaused(true);
    for (const ReplyRule &rule : args.rules) {
        if (!addRule(name, rule, args.rulesDirectory, &error))
            return finishStep(StepResult::Status::Failed, error);
    }
    finishStep(StepResult::Status::Passed);
}

bool ScenarioRunner::addRule(const QString &listener, const ReplyRule &rule,
                             const QString &directory, QString *error)
{
    std::shared_ptr<ReplyRules> &rules = m_replyRules[listener];
    if (!rules) {
        rules = std::make_shared<ReplyRules>(m_variables, directory);
        ReplyPolicy policy;
        policy.kind = ReplyPolicy::Kind::Rules;
        policy.rules = rules;
        m_listeners.value(listener)->setReplyPolicy(policy);
    }
    // A rule's reply sees the variables as they are now, captures included.
    rules->setVariables(m_variables);
    if (rules->add(rule, error))
        return true;
    *error = Tr::tr("The rule on line %1 cannot work: %2").arg(rule.line).arg(*error);
    return false;
}

void ScenarioRunner::runRule(const ScenarioStep &step)
{
    ReplyRule rule = step.get<RuleArgs>().rule;
    rule.source = step.source;
    QString error;
    if (!m_listeners.contains(step.target)) {
        return finishStep(StepResult::Status::Failed,
                          Tr::tr("There is no listener '%1': the step that names it did not pass.")
                              .arg(step.target));
    }
    if (!addRule(step.target, rule, m_file.directory, &error))
        return finishStep(StepResult::Status::Failed, error);
    finishStep(StepResult::Status::Passed);
}

void ScenarioRunner::runConnect(const ScenarioStep &step)
{
    const auto &args = step.get<ConnectArgs>();
    ClientOptions options;
    QString error;
    if (!args.listener.isEmpty()) {
        const ServerEndpoint *server = m_listeners.value(args.listener);
        if (!server) {
            return finishStep(StepResult::Status::Failed,
                              Tr::tr("The listener '%1' is not listening: the step that names "
                                     "it did not pass.")
                                  .arg(args.listener));
        }
        // A listener on every address is reached on loopback.
        options.target = server->boundAddress();
        if (options.target.host == QLatin1String("0.0.0.0"))
            options.target.host = QStringLiteral("127.0.0.1");
        else if (options.target.host == QLatin1String("::"))
            options.target.host = QStringLiteral("::1");
    } else {
        const std::optional<QString> text = m_variables.expandText(args.address, &error);
        const std::optional<HostPort> target
            = text ? HostPort::parse(*text, HostPort::Use::Connect, &error) : std::nullopt;
        if (!target)
            return finishStep(StepResult::Status::Failed, error);
        options.target = *target;
    }
    if (!args.bind.parts.isEmpty()) {
        const std::optional<QString> text = m_variables.expandText(args.bind, &error);
        const std::optional<HostPort> local
            = text ? HostPort::parse(*text, HostPort::Use::Listen, &error) : std::nullopt;
        if (!local)
            return finishStep(StepResult::Status::Failed, error);
        options.localHost = local->host;
        options.localPort = local->port;
    }
    options.connectTimeoutMs = args.timeoutMs;
    ConnectionOptions &connection = options.connection;
    connection.engine = args.engine;
    connection.rxFraming = args.framing;
    connection.txFraming = args.framing;
    connection.idleTimeoutMs = args.idleTimeoutMs;
    connection.noDelay = args.noDelay;
    connection.receiveBuffer = args.receiveBuffer;
    connection.sendBuffer = args.sendBuffer;
    connection.kernelSampleMs = kernelSampleMs;
    connection.writeStallMs = args.writeStallMs;
    connection.readSlice = args.readSlice;
    connection.maxSegment = args.maxSegment;
    connection.synRetries = args.synRetries;
    options.keepalive = args.keepalive;
    options.userTimeoutMs = args.userTimeoutMs;
    if (args.tls.options.enabled && !tlsOptionsFor(args.tls, true, &connection.tls, &error))
        return finishStep(StepResult::Status::Failed, error);
    adopt(step.target, m_client->connectTo(options));
    wait(Waiting::Connect, args.timeoutMs + connectGraceMs);
}

void ScenarioRunner::runStop(const ScenarioStep &step)
{
    ServerEndpoint *server = m_listeners.value(step.target);
    if (!server || !server->isListening()) {
        return finishStep(StepResult::Status::Failed,
                          Tr::tr("'%1' is not listening: the step that names it did not pass, "
                                 "or it was stopped already.")
                              .arg(step.target));
    }
    // Its connections go on, as a Go program's after listener.Close().
    server->stop();
    finishStep(StepResult::Status::Passed);
}

void ScenarioRunner::runLimitFds(const ScenarioStep &step)
{
    const int more = step.get<LimitArgs>().more;
    if (more < 0) {
        restoreDescriptorLimit();
        return finishStep(StepResult::Status::Passed);
    }
    rlimit limit {};
    const int open = limitLeavingFree(more);
    if (open < 0 || ::getrlimit(RLIMIT_NOFILE, &limit) != 0) {
        return finishStep(StepResult::Status::Failed,
                          Tr::tr("Cannot read the descriptor limit: %1.")
                              .arg(QString::fromLocal8Bit(std::strerror(errno))));
    }
    if (m_savedDescriptorLimit < 0)
        m_savedDescriptorLimit = int(limit.rlim_cur);
    // The whole process shares it; the run puts it back when it ends.
    limit.rlim_cur = rlim_t(open);
    if (::setrlimit(RLIMIT_NOFILE, &limit) != 0) {
        return finishStep(StepResult::Status::Failed,
                          Tr::tr("Cannot lower the descriptor limit: %1.")
                              .arg(QString::fromLocal8Bit(std::strerror(errno))));
    }
    finishStep(StepResult::Status::Passed,
               Tr::tr("At most %1 more descriptors: the limit is now %2.").arg(more).arg(open));
}

void ScenarioRunner::restoreDescriptorLimit()
{
    if (m_savedDescriptorLimit < 0)
        return;
    rlimit limit {};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0) {
        limit.rlim_cur = rlim_t(m_savedDescriptorLimit);
        ::setrlimit(RLIMIT_NOFILE, &limit);
    }
    m_savedDescriptorLimit = -1;
}

bool ScenarioRunner::checkListener(const ScenarioStep &step, QString *received) const
{
    const auto &args = step.get<ExpectArgs>();
    if (args.what == ExpectKind::Accepted) {
        const qint64 accepted = m_acceptedCounts.value(step.target);
        *received = QString::number(accepted);
        return args.count.holds(accepted);
    }
    const QStringList &errors = m_listenerErrors[step.target];
    *received = errors.isEmpty() ? Tr::tr("no error") : errors.join(QLatin1String(", "));
    return errors.contains(args.errorCode);
}

void ScenarioRunner::runListenerExpect(const ScenarioStep &step)
{
    m_expectation.reset();
    wait(Waiting::ListenerExpect, step.get<ExpectArgs>().withinMs);
}

} // namespace TcpInspector
