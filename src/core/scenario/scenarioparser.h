// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "scenario/scenario.h"

#include <QHash>
#include <QString>
#include <QStringList>

namespace TcpInspector {

class ScenarioLine;
struct ScenarioToken;

/// Reads the scenario language (docs/SCENARIOS.md) into a ScenarioFile:
/// its variables, its scenarios with typed steps, and every error of the
/// file, compiler style. Names are checked as they come: a step may only
/// use an endpoint, connection or variable named on a line above it.
class ScenarioParser
{
public:
    /// A file that cannot be read gives one diagnostic at 1:1.
    ScenarioFile parseFile(const QString &path);
    /// path names the text in messages; directory is where file "..."
    /// paths are relative to (the current directory when empty).
    ScenarioFile parseText(const QString &text, const QString &path,
                           const QString &directory = QString());

    static constexpr int defaultTimeoutMs = 5000;

    /// The engine of listen and connect steps that do not say engine=
    /// (qt unless set): a lesson runs once with each.
    void setDefaultEngine(EngineKind engine) { m_defaultEngine = engine; }

    /// The words that may start a line: the steps, scenario, var, timeout.
    static QStringList keywords();
    static QStringList expectKeywords();
    /// What `expect` may check on a listener: error, accepted.
    static QStringList listenerExpectKeywords();
    static QStringList timeoutKeys();      ///< "connect", "idle", "write_stall", "close"
    static QStringList stateNames();       ///< "Established", "RemoteHalfClosed"...
    static QStringList kernelStateNames(); ///< "ESTABLISHED", "CLOSE_WAIT"...
    /// The codes SocketErrorInfo gives: "refused", "reset", "broken_pipe"...
    static QStringList errorCodes();
    /// A TLS failure's codes: "tls_self_signed", "tls_truncated"...
    static QStringList tlsErrorCodes();
    /// The options TLS adds to listen (client false) and connect: tls first.
    static QStringList tlsOptionKeys(bool client);
    static QStringList tlsAlertKeys();   ///< "close_notify", "unknown_ca"...
    static QStringList recordTypeKeys(); ///< "any", "handshake", "application_data"...
    /// The options of `expect handshake`, `alert` and `record`.
    static QStringList tlsExpectOptionKeys(ExpectKind kind);

private:
    struct Name
    {
        bool listener = false;
        int line = 0;
    };

    void reset(const QString &path, const QString &directory);
    void parseLine(const QString &text, int lineNumber);
    void parseDirective(const QString &keyword, ScenarioLine &line, int lineNumber);
    void parseScenario(ScenarioLine &line, int lineNumber);
    void parseVar(ScenarioLine &line, int lineNumber);
    void parseTimeout(ScenarioLine &line);
    void parseStep(ScenarioLine &line, ScenarioStep &step);
    void parseListen(ScenarioLine &line, ScenarioStep &step);
    void parseAccept(ScenarioLine &line, ScenarioStep &step);
    void parseConnect(ScenarioLine &line, ScenarioStep &step);
    bool parseConnectTarget(ScenarioLine &line, ConnectArgs &args);
    bool parseConnectOption(ScenarioLine &line, const ScenarioToken &option, ConnectArgs &args);
    void parseSend(ScenarioLine &line, ScenarioStep &step);
    void parseSay(ScenarioLine &line, ScenarioStep &step);
    void parseExpect(ScenarioLine &line, ScenarioStep &step);
    void parseRule(ScenarioLine &line, ScenarioStep &step);
    void parseLimitFds(ScenarioLine &line, ScenarioStep &step);
    void parseStop(ScenarioLine &line, ScenarioStep &step);
    bool readRulesFile(ScenarioLine &line, const ScenarioToken &option, ListenArgs &args);
    bool parseExpectMatch(ScenarioLine &line, ExpectArgs &args);
    bool parseExpectOptions(ScenarioLine &line, ExpectArgs &args);
    /// The word after state, error, kernel, timeout, gap or a count check.
    bool parseExpectValue(ScenarioLine &line, ExpectArgs &args);
    bool readGap(ScenarioLine &line, const ScenarioToken &value, CountCheck *check);
    bool readKeepalive(ScenarioLine &line, const ScenarioToken &option,
                       KeepaliveOptions *keepalive);
    // TLS (scenarioparsertls.cpp)
    bool readTlsOption(ScenarioLine &line, const ScenarioToken &option, ScenarioTls *tls);
    bool readTlsFile(ScenarioLine &line, const ScenarioToken &option, QString *path);
    /// After a step's options: TLS options need tls, tls needs the native
    /// engine; columns: where each option given starts.
    bool finishTls(ScenarioLine &line, const QHash<QString, int> &columns, ScenarioTls *tls,
                   EngineKind *engine);
    bool readAlertValue(ScenarioLine &line, const ScenarioToken &value, ExpectArgs *args);
    bool readRecordValue(ScenarioLine &line, const ScenarioToken &value, ExpectArgs *args);
    bool readTlsExpectOption(ScenarioLine &line, const ScenarioToken &option, ExpectArgs *args);
    bool readCallout(ScenarioLine &line, const ScenarioToken &option, ExpectArgs *args);

    /// Names a new listener or connection; a name is taken once per file.
    bool declareName(ScenarioLine &line, const QString &name, int column, bool listener);
    bool readConnection(ScenarioLine &line, QString *name);
    bool readListener(ScenarioLine &line, const QString &name, int column);
    bool readAddress(ScenarioLine &line, bool listen, ByteTemplate *address);
    bool readFraming(ScenarioLine &line, const QString &spec, int column, QString *out);
    bool readEngine(ScenarioLine &line, const ScenarioToken &option, EngineKind *engine);
    void addVariable(const QString &name);
    QStringList namesOf(bool listeners) const;

    ScenarioFile m_file;
    QHash<QString, Name> m_names;
    QStringList m_variables; ///< what {{name}} may use at this point, in order
    int m_timeoutMs = defaultTimeoutMs;
    EngineKind m_defaultEngine = EngineKind::Qt;
    int m_lineNumber = 0;
};

} // namespace TcpInspector
