// SPDX-License-Identifier: GPL-3.0-or-later
// ScenarioParser, continued: TLS on listen and connect (tls, verify=, sni=,
// alpn=, ca=, cert=, key=) and the expectations about it (handshake, alert,
// record, and the tls_* codes of expect error).
#include "net/tlsfailure.h"
#include "scenario/scenarioline.h"
#include "scenario/scenarioparser.h"
#include "text/tr.h"

#include <QDir>
#include <QFileInfo>

namespace TcpInspector {

namespace {

// The content types of TLS records (RFC 8446, 5.1), as the tls framing names them.
struct RecordType
{
    const char *key;
    int type;
};
constexpr RecordType recordTypes[] = {
    {"any", -1},       {"change_cipher_spec", 20}, {"alert", 21},
    {"handshake", 22}, {"application_data", 23},   {"heartbeat", 24},
};

} // namespace

QStringList ScenarioParser::tlsOptionKeys(bool client)
{
    QStringList keys
        = {QStringLiteral("tls"),         QStringLiteral("verify"), QStringLiteral("alpn"),
           QStringLiteral("ca"),          QStringLiteral("cert"),   QStringLiteral("key"),
           QStringLiteral("close-notify")};
    if (client)
        keys.insert(2, QStringLiteral("sni"));
    return keys;
}

QStringList ScenarioParser::tlsErrorCodes()
{
    // The codes of tlsfailure.cpp and TlsSession::setUp (docs/CLI.md, "TLS").
    return {QStringLiteral("tls_hostname_mismatch"),
            QStringLiteral("tls_expired"),
            QStringLiteral("tls_not_yet_valid"),
            QStringLiteral("tls_self_signed"),
            QStringLiteral("tls_unknown_ca"),
            QStringLiteral("tls_verify_failed"),
            QStringLiteral("tls_not_tls"),
            QStringLiteral("tls_handshake_eof"),
            QStringLiteral("tls_protocol_version"),
            QStringLiteral("tls_no_shared_cipher"),
            QStringLiteral("tls_handshake_failure"),
            QStringLiteral("tls_certificate_rejected"),
            QStringLiteral("tls_certificate_required"),
            QStringLiteral("tls_no_alpn"),
            QStringLiteral("tls_config"),
            QStringLiteral("tls_failed"),
            QStringLiteral("tls_truncated")};
}

QStringList ScenarioParser::tlsAlertKeys()
{
    // Asked of tlsfailure itself: the names a connection reports.
    QStringList keys;
    for (int description = 0; description < 256; ++description) {
        const QString key = tlsAlertKey(description);
        if (!key.startsWith(QLatin1String("alert_")))
            keys += key;
    }
    return keys;
}

QStringList ScenarioParser::recordTypeKeys()
{
    QStringList keys;
    for (const RecordType &type : recordTypes)
        keys += QLatin1String(type.key);
    return keys;
}

bool ScenarioParser::readTlsOption(ScenarioLine &line, const ScenarioToken &option,
                                   ScenarioTls *tls)
{
    const QString &key = option.text;
    const int at = line.columnOf(option.valueOffset);
    TlsOptions &options = tls->options;
    if (key == QLatin1String("tls"))
        return line.readBool(option.value, at, QStringLiteral("tls="), &options.enabled);
    if (key == QLatin1String("verify"))
        return line.readBool(option.value, at, QStringLiteral("verify="), &options.verify);
    if (key == QLatin1String("close-notify")) {
        return line.readBool(option.value, at, QStringLiteral("close-notify="),
                             &options.closeNotify);
    }
    if (key == QLatin1String("sni")) {
        if (option.value.isEmpty() || option.value.contains(QLatin1String("{{"))) {
            return line.fail(at, Tr::tr("Write the server name as it is, as in "
                                        "sni=example.com."));
        }
        options.serverName = option.value;
        return true;
    }
    if (key == QLatin1String("alpn")) {
        const QStringList names = option.value.split(QLatin1Char(','));
        for (const QString &name : names) {
            if (name.isEmpty() || name.toUtf8().size() > 255) {
                return line.fail(at, Tr::tr("Write alpn= as a list of protocols with commas "
                                            "between them, as in alpn=h2,http/1.1."));
            }
        }
        options.alpn = names;
        return true;
    }
    if (key == QLatin1String("ca") && option.value == QLatin1String("local")) {
        tls->caLocal = true;
        return true;
    }
    QString *file = key == QLatin1String("ca")     ? &options.caFile
                    : key == QLatin1String("cert") ? &options.certificateFile
                                                   : &options.keyFile;
    return readTlsFile(line, option, file);
}

bool ScenarioParser::readTlsFile(ScenarioLine &line, const ScenarioToken &option, QString *path)
{
    const int at = line.columnOf(option.valueOffset);
    if (option.value.isEmpty() || option.value.contains(QLatin1String("{{"))) {
        return line.fail(at, Tr::tr("Give the path of a PEM file, without {{ }}, as in "
                                    "%1=certs/server.pem: it is read with the scenario.")
                                 .arg(option.text));
    }
    // Relative to the scenario file, as file "..." and rules= are.
    *path = QDir(m_file.directory).absoluteFilePath(option.value);
    const QFileInfo info(*path);
    if (!info.isFile() || !info.isReadable()) {
        return line.fail(at, Tr::tr("Cannot read %1: paths are relative to the scenario "
                                    "file's folder.")
                                 .arg(QDir::toNativeSeparators(*path)));
    }
    return true;
}

bool ScenarioParser::finishTls(ScenarioLine &line, const QHash<QString, int> &columns,
                               ScenarioTls *tls, EngineKind *engine)
{
    if (line.failed())
        return false;
    TlsOptions &options = tls->options;
    if (!options.enabled) {
        for (const QString &key : tlsOptionKeys(true).mid(1)) {
            if (columns.contains(key)) {
                return line.fail(columns.value(key), Tr::tr("%1= is a TLS option: add tls to "
                                                            "this step.")
                                                         .arg(key));
            }
        }
        return true;
    }
    // OpenSSL runs over the descriptor: the native engine's (docs/CLI.md, "TLS").
    if (columns.contains(QStringLiteral("engine")) && *engine != EngineKind::Native) {
        return line.fail(columns.value(QStringLiteral("engine")),
                         Tr::tr("TLS runs on the native engine: write engine=native, or leave "
                                "engine= out."));
    }
    *engine = EngineKind::Native;
    if (options.certificateFile.isEmpty() != options.keyFile.isEmpty()) {
        const QString given
            = options.keyFile.isEmpty() ? QStringLiteral("cert") : QStringLiteral("key");
        return line.fail(columns.value(given), Tr::tr("cert= and key= go together: give both."));
    }
    return true;
}

bool ScenarioParser::readAlertValue(ScenarioLine &line, const ScenarioToken &value,
                                    ExpectArgs *args)
{
    return line.readChoice(value.text, value.column, tlsAlertKeys(), QStringLiteral("expect alert"),
                           &args->alertKey);
}

bool ScenarioParser::readRecordValue(ScenarioLine &line, const ScenarioToken &value,
                                     ExpectArgs *args)
{
    QString key;
    if (!line.readChoice(value.text, value.column, recordTypeKeys(),
                         QStringLiteral("expect record"), &key)) {
        return false;
    }
    args->recordType = recordTypes[recordTypeKeys().indexOf(key)].type;
    return true;
}

bool ScenarioParser::readTlsExpectOption(ScenarioLine &line, const ScenarioToken &option,
                                         ExpectArgs *args)
{
    const QString &key = option.text;
    const int at = line.columnOf(option.valueOffset);
    if (key == QLatin1String("side")) {
        return line.readChoice(option.value, at,
                               {QStringLiteral("local"), QStringLiteral("remote")},
                               QStringLiteral("side="), &args->alertSide);
    }
    if (key == QLatin1String("size")) {
        args->recordSizeGiven = true;
        return line.readCountCheck(option.value, at, &args->recordSize);
    }
    HandshakeCheck &handshake = args->handshake;
    if (key == QLatin1String("verified")) {
        bool verified = false;
        if (!line.readBool(option.value, at, QStringLiteral("verified="), &verified))
            return false;
        handshake.verified = verified;
        return true;
    }
    std::optional<QString> *field = key == QLatin1String("protocol") ? &handshake.protocol
                                    : key == QLatin1String("alpn")   ? &handshake.alpn
                                    : key == QLatin1String("cipher") ? &handshake.cipher
                                    : key == QLatin1String("sni")    ? &handshake.serverName
                                                                     : &handshake.peer;
    *field = option.value;
    return true;
}

QStringList ScenarioParser::tlsExpectOptionKeys(ExpectKind kind)
{
    switch (kind) {
    case ExpectKind::Handshake:
        return {QStringLiteral("protocol"), QStringLiteral("alpn"), QStringLiteral("cipher"),
                QStringLiteral("sni"),      QStringLiteral("peer"), QStringLiteral("verified")};
    case ExpectKind::Alert:
        return {QStringLiteral("side")};
    case ExpectKind::Record:
        return {QStringLiteral("size")};
    default:
        break;
    }
    return {};
}

} // namespace TcpInspector
