// SPDX-License-Identifier: GPL-3.0-or-later
#include "scenario/scenario.h"

namespace TcpInspector {

namespace {
constexpr StepKind allSteps[] = {
    StepKind::Listen,  StepKind::Accept,   StepKind::Connect, StepKind::Send,   StepKind::HalfClose,
    StepKind::Close,   StepKind::Reset,    StepKind::Pause,   StepKind::Resume, StepKind::Read,
    StepKind::Framing, StepKind::Wait,     StepKind::Say,     StepKind::Expect, StepKind::Rule,
    StepKind::Stop,    StepKind::LimitFds,
};
constexpr ExpectKind allExpects[] = {
    ExpectKind::Message,   ExpectKind::Received, ExpectKind::Messages, ExpectKind::Chunks,
    ExpectKind::Bytes,     ExpectKind::State,    ExpectKind::Error,    ExpectKind::Kernel,
    ExpectKind::Timeout,   ExpectKind::Note,     ExpectKind::Gap,      ExpectKind::KeepaliveProbes,
    ExpectKind::Handshake, ExpectKind::Alert,    ExpectKind::Record,   ExpectKind::Accepted,
};
} // namespace

bool CountCheck::holds(qint64 count) const
{
    switch (comparison) {
    case Comparison::Equal:
        return count == value;
    case Comparison::AtLeast:
        return count >= value;
    case Comparison::AtMost:
        return count <= value;
    case Comparison::Greater:
        return count > value;
    case Comparison::Less:
        return count < value;
    }
    return false;
}

QString CountCheck::toString() const
{
    const char *prefix = "";
    switch (comparison) {
    case Comparison::Equal:
        break;
    case Comparison::AtLeast:
        prefix = ">=";
        break;
    case Comparison::AtMost:
        prefix = "<=";
        break;
    case Comparison::Greater:
        prefix = ">";
        break;
    case Comparison::Less:
        prefix = "<";
        break;
    }
    return QLatin1String(prefix) + QString::number(value);
}

QString ScenarioDiagnostic::toString() const
{
    return QStringLiteral("%1:%2:%3: %4").arg(file).arg(line).arg(column).arg(message);
}

int ScenarioFile::stepCount() const
{
    int count = 0;
    for (const Scenario &scenario : scenarios)
        count += int(scenario.steps.size());
    return count;
}

const VariableDeclaration *ScenarioFile::variable(const QString &name) const
{
    for (const VariableDeclaration &declaration : variables) {
        if (declaration.name == name)
            return &declaration;
    }
    return nullptr;
}

QString stepKindKey(StepKind kind)
{
    switch (kind) {
    case StepKind::Listen:
        return QStringLiteral("listen");
    case StepKind::Accept:
        return QStringLiteral("accept");
    case StepKind::Connect:
        return QStringLiteral("connect");
    case StepKind::Send:
        return QStringLiteral("send");
    case StepKind::HalfClose:
        return QStringLiteral("half-close");
    case StepKind::Close:
        return QStringLiteral("close");
    case StepKind::Reset:
        return QStringLiteral("reset");
    case StepKind::Pause:
        return QStringLiteral("pause");
    case StepKind::Resume:
        return QStringLiteral("resume");
    case StepKind::Read:
        return QStringLiteral("read");
    case StepKind::Framing:
        return QStringLiteral("framing");
    case StepKind::Wait:
        return QStringLiteral("wait");
    case StepKind::Say:
        return QStringLiteral("say");
    case StepKind::Rule:
        return QStringLiteral("rule");
    case StepKind::Expect:
        return QStringLiteral("expect");
    case StepKind::Stop:
        return QStringLiteral("stop");
    case StepKind::LimitFds:
        return QStringLiteral("limit-fds");
    }
    return {};
}

std::optional<StepKind> stepKindFromKey(const QString &key)
{
    for (StepKind kind : allSteps) {
        if (key == stepKindKey(kind))
            return kind;
    }
    return std::nullopt;
}

QString messagePartKey(MessagePart part)
{
    switch (part) {
    case MessagePart::Payload:
        return QStringLiteral("payload");
    case MessagePart::Header:
        return QStringLiteral("header");
    case MessagePart::Whole:
        return QStringLiteral("whole");
    }
    return {};
}

QStringList messagePartKeys()
{
    return {messagePartKey(MessagePart::Payload), messagePartKey(MessagePart::Header),
            messagePartKey(MessagePart::Whole)};
}

QString expectKindKey(ExpectKind kind)
{
    switch (kind) {
    case ExpectKind::Message:
        return QStringLiteral("message");
    case ExpectKind::Received:
        return QStringLiteral("received");
    case ExpectKind::Messages:
        return QStringLiteral("messages");
    case ExpectKind::Chunks:
        return QStringLiteral("chunks");
    case ExpectKind::Bytes:
        return QStringLiteral("bytes");
    case ExpectKind::State:
        return QStringLiteral("state");
    case ExpectKind::Error:
        return QStringLiteral("error");
    case ExpectKind::Kernel:
        return QStringLiteral("kernel");
    case ExpectKind::Timeout:
        return QStringLiteral("timeout");
    case ExpectKind::Note:
        return QStringLiteral("note");
    case ExpectKind::Gap:
        return QStringLiteral("gap");
    case ExpectKind::KeepaliveProbes:
        return QStringLiteral("keepalive-probes");
    case ExpectKind::Handshake:
        return QStringLiteral("handshake");
    case ExpectKind::Alert:
        return QStringLiteral("alert");
    case ExpectKind::Record:
        return QStringLiteral("record");
    case ExpectKind::Accepted:
        return QStringLiteral("accepted");
    }
    return {};
}

std::optional<ExpectKind> expectKindFromKey(const QString &key)
{
    for (ExpectKind kind : allExpects) {
        if (key == expectKindKey(kind))
            return kind;
    }
    return std::nullopt;
}

} // namespace TcpInspector
