// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/connectionoptions.h"
#include "net/replypolicy.h"
#include "net/socketoptions.h"
#include "scenario/bytetemplate.h"
#include "scenario/messagematch.h"
#include "timeline/connectionstate.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <variant>

// The scenario language after parsing (docs/SCENARIOS.md): what a runner
// walks step by step. Every value is typed and checked; only placeholders
// ({{name}}, macros) wait for the run.
namespace TcpInspector {

/// Bytes as a step gives them: a quoted string, hex "..." or file "...".
struct ScenarioData
{
    enum class Kind {
        Text, ///< "..." with C escapes decoded (a regex pattern: as written)
        Hex,  ///< hex "..."
        File, ///< file "...": value is the path, absolute when it had no placeholder
    };
    Kind kind = Kind::Text;
    ByteTemplate value;
};

/// One reply rule as a rules file or a scenario's `rule` step writes it
/// (docs/SCENARIOS.md, "Reply rules"):
///   [MODE] DATA [reply DATA] [delay=D] [then=half-close|close|reset] [once]
///   default [reply DATA] [...]
struct ReplyRule
{
    bool isDefault = false; ///< matches a message no other rule matched
    MessageMatch::Mode mode = MessageMatch::Mode::Exact;
    ScenarioData pattern;
    bool hasReply = false;
    ScenarioData reply; ///< may use {{0}}..{{9}} and named groups of the match
    int delayMs = 0;
    RuleDecision::Then then = RuleDecision::Then::Nothing;
    bool once = false; ///< fires once per connection
    int line = 0;
    QString source; ///< the line as written, trimmed
};

/// TLS on a listen or connect step: `tls` and its options (docs/SCENARIOS.md,
/// "TLS"). Paths are absolute, made so from the scenario file's folder.
struct ScenarioTls
{
    TlsOptions options;   ///< enabled is `tls`
    bool caLocal = false; ///< ca=local: trust the generated localhost certificate
    bool localCertificate() const { return options.enabled && options.certificateFile.isEmpty(); }
};

/// `listen NAME ADDRESS [framing=SPEC] [engine=qt|native] [backlog=N] [reuseaddr=on|off]
/// [rules=FILE]`
struct ListenArgs
{
    ByteTemplate address; ///< text; checked as a listen address when constant
    QString framing = QStringLiteral("raw");
    EngineKind engine = EngineKind::Qt;
    int backlog = 0; ///< 0: the system's
    bool reuseAddress = true;
    bool acceptPaused = false; ///< `paused`: accepts nothing until resumed; the backlog fills (S5)
    QString acceptMode = QStringLiteral("many"); ///< accept=many|once|one-at-a-time (S3)
    QList<ReplyRule> rules; ///< from rules=FILE, read when the scenario is parsed
    QString rulesDirectory; ///< where that file's own file "..." paths are relative to
    ScenarioTls tls;        ///< without cert=, the generated localhost certificate
};

/// `rule LISTENER RULE`: one more reply rule for the listener, live.
struct RuleArgs
{
    ReplyRule rule;
};

/// `accept NAME LISTENER [timeout=D]`: names the listener's next connection.
struct AcceptArgs
{
    QString listener;
    int timeoutMs = 0;
};

/// `connect NAME TARGET [options]`; TARGET is a listener's name or an address.
struct ConnectArgs
{
    QString listener;     ///< set when TARGET named a listener: its port on loopback
    ByteTemplate address; ///< set otherwise: HOST:PORT, maybe {{target}}
    EngineKind engine = EngineKind::Qt;
    QString framing = QStringLiteral("raw");
    int timeoutMs = 0;     ///< connect timeout
    int idleTimeoutMs = 0; ///< 0: none
    bool noDelay = false;
    int receiveBuffer = 0; ///< 0: the system's
    int sendBuffer = 0;
    ByteTemplate bind;          ///< local address, empty: the system's choice
    int synRetries = 0;         ///< syn-retries=N (TCP_SYNCNT); 0: the system's
    int userTimeoutMs = 0;      ///< user-timeout=D (TCP_USER_TIMEOUT); 0: the system's
    int writeStallMs = 0;       ///< write-stall=D: report bytes stuck unsent this long (S6)
    qint64 readSlice = 0;       ///< read-slice=SIZE: read at most this much at a time
    int maxSegment = 0;         ///< mss=SIZE (TCP_MAXSEG)
    KeepaliveOptions keepalive; ///< keepalive=IDLE[/INTERVAL[/COUNT]], in seconds
    ScenarioTls tls;            ///< the step waits for the handshake too
};

/// `send NAME DATA [fragment=SIZE] [delay=D] [repeat=N] [interval=D]`
struct SendArgs
{
    ScenarioData data;
    qint64 fragment = 0; ///< 0: one write
    int delayMs = 0;     ///< between fragments
    int repeat = 1;      ///< how many times the whole data goes
    int intervalMs = 0;  ///< between repetitions
};

/// `read NAME SIZE`: read once, at most SIZE bytes.
struct ReadArgs
{
    qint64 bytes = 0;
    int timeoutMs = 0; ///< how long it waits for a byte: the file's timeout
};

/// `framing NAME SPEC`: both directions, checked by the decoder registry.
struct FramingArgs
{
    QString spec;
};

/// `limit-fds N|off`: the soft RLIMIT_NOFILE becomes the descriptors open
/// now plus N, until `limit-fds off` or the end of the run.
struct LimitArgs
{
    int more = -1; ///< -1: off, the limit the run started with
};

/// `wait DURATION`
struct WaitArgs
{
    int ms = 0;
};

/// `say "text" [zh="..."]`: narration, shown and not checked.
struct SayArgs
{
    QString text;
    QString textZh; ///< Simplified Chinese, empty when not given
};

/// A count and how to compare with it: `3`, `>=3`, `<=3`, `>3`, `<3`.
struct CountCheck
{
    enum class Comparison { Equal, AtLeast, AtMost, Greater, Less };
    Comparison comparison = Comparison::Equal;
    qint64 value = 0;

    bool holds(qint64 count) const;
    QString toString() const; ///< as written: "3", ">=3"
};

/// What `expect NAME WHAT ...` checks about what NAME received.
enum class ExpectKind {
    Message,  ///< a message (after framing) matches
    Received, ///< the received bytes, all of them so far, match
    Messages, ///< the number of messages
    Chunks,   ///< the number of reads (chunks)
    Bytes,    ///< the number of bytes
    State,    ///< the connection's state
    Error,    ///< the socket error code
    Kernel,   ///< the kernel's TCP state
    Timeout,  ///< a timeout of the connection fired: connect, idle, write_stall, close
    Note,     ///< a note on the timeline (what the engine did, and why) matches
    Gap,      ///< the time between the last two reads, in ms: `gap >=30ms` (Nagle, delayed ACK)
    /// keepalive probes the kernel sent on the idle connection (KernelSample::keepaliveProbes)
    KeepaliveProbes,
    Handshake, ///< the TLS handshake finished, with the protocol, ALPN... asked for
    Alert,     ///< a TLS alert was sent or received: close_notify, unknown_ca...
    Record,    ///< a TLS record as it came over the wire: its content type and size
    Accepted,  ///< a listener accepted that many connections; the last kind
};

/// What `expect NAME handshake` asks of the handshake; an empty optional
/// is anything.
struct HandshakeCheck
{
    std::optional<QString> protocol; ///< "TLSv1.3"
    std::optional<QString> alpn;     ///< "" for none
    std::optional<QString> cipher;
    std::optional<QString> serverName; ///< the SNI the client asked for
    std::optional<QString> peer;       ///< contained in the peer certificate's subject
    std::optional<bool> verified;
};

/// Which bytes of a message `expect ... message` matches (the framing says
/// where the header and payload are: docs/FRAMING.md).
enum class MessagePart {
    Payload, ///< what an application would see: a line without its end, a RESP value
    Header,  ///< the header: a length field, an HTTP head, a RESP type line
    Whole,   ///< every byte of the message
};

struct ExpectArgs
{
    ExpectKind what = ExpectKind::Message;
    int withinMs = 0;         ///< how long it may take; the file's timeout unless given
    bool withinGiven = false; ///< within= was written
    // Message, Received
    MessageMatch::Mode mode = MessageMatch::Mode::Exact;
    ScenarioData pattern;
    MessagePart part = MessagePart::Payload; ///< Message only
    QString captureVariable;                 ///< capture=VAR, empty when not given
    QString callout;         ///< callout="...": what a lesson says when it holds, shown as written
    QString calloutZh;       ///< callout-zh="...": the same in Simplified Chinese
    QStringList namedGroups; ///< of a constant regex: they become variables
    // Messages, Chunks, Bytes
    CountCheck count;
    // State, Error, Kernel
    ConnectionState state = ConnectionState::Established;
    QString errorCode; ///< a SocketErrorInfo code: "refused", "reset"...
    KernelState kernelState = KernelState::Unknown;
    TimeoutKind timeoutKind = TimeoutKind::Idle; ///< Timeout
    HandshakeCheck handshake;                    ///< Handshake
    QString alertKey;                            ///< Alert: RFC 8446's name, "close_notify"
    QString alertSide;   ///< Alert: "local" (sent), "remote" (received), empty: either
    int recordType = -1; ///< Record: the content type (20-24), -1: any
    bool recordSizeGiven = false;
    CountCheck recordSize; ///< Record: all its bytes, its 5-byte header included
};

enum class StepKind {
    Listen,
    Accept,
    Connect,
    Send,
    HalfClose,
    Close,
    Reset,
    Pause,
    Resume,
    Read,
    Framing,
    Wait,
    Say,
    Expect,
    Rule,
    Stop,     ///< `stop LISTENER`: stops listening, the port is free
    LimitFds, ///< `limit-fds N|off`: at most N more descriptors (a real EMFILE, S4)
};

/// One line of a scenario that does something. kind says which member of
/// args is set (none for half-close, close, reset, pause, resume).
struct ScenarioStep
{
    using Args
        = std::variant<std::monostate, ListenArgs, AcceptArgs, ConnectArgs, SendArgs, ReadArgs,
                       FramingArgs, WaitArgs, SayArgs, ExpectArgs, RuleArgs, LimitArgs>;

    StepKind kind = StepKind::Wait;
    int line = 0;   ///< 1-based
    int column = 0; ///< of the step's first word
    QString source; ///< the line as written, trimmed, for display
    QString target; ///< the endpoint or connection the step acts on; empty for wait, say
    Args args;

    template<class T>
    const T &get() const
    {
        return std::get<T>(args);
    }
};

/// A run of steps with a name: one JUnit testcase. Names (endpoints,
/// connections) and variables carry over to the next scenario of the file.
struct Scenario
{
    QString name;
    int line = 0; ///< of the `scenario` line; 0 for the steps before the first one
    QList<ScenarioStep> steps;
};

/// `var NAME = VALUE` (a default) or `var NAME` (a value --var must give).
struct VariableDeclaration
{
    QString name;
    std::optional<QByteArray> defaultValue;
    int line = 0;
    int column = 0;
};

/// An error in a scenario file, compiler style.
struct ScenarioDiagnostic
{
    QString file;
    int line = 0;
    int column = 0;
    QString message;

    QString toString() const; ///< "FILE:LINE:COLUMN: message"
};

/// A parsed file: its variables, its scenarios and every error found.
struct ScenarioFile
{
    QString path;      ///< as given, for messages
    QString directory; ///< where file "..." paths with placeholders are relative to
    QList<VariableDeclaration> variables;
    QList<Scenario> scenarios;
    QList<ScenarioDiagnostic> diagnostics;

    bool hasErrors() const { return !diagnostics.isEmpty(); }
    int stepCount() const;
    const VariableDeclaration *variable(const QString &name) const;
};

QString stepKindKey(StepKind kind); ///< "listen", "half-close"...
std::optional<StepKind> stepKindFromKey(const QString &key);
QString messagePartKey(MessagePart part); ///< "payload", "header", "whole"
QStringList messagePartKeys();
QString expectKindKey(ExpectKind kind); ///< "message", "received"...
std::optional<ExpectKind> expectKindFromKey(const QString &key);

} // namespace TcpInspector
