// SPDX-License-Identifier: GPL-3.0-or-later
// "Use TLS" in the server and client panels on real loopback connections:
// the server panel listens with the generated localhost certificate, the
// client panel connects with verification off and its "hello" arrives as
// plaintext, with the handshake on both timelines; with verification on, the
// client refuses the self-signed certificate and says how to get past it.
// The TLS fields are remembered.
#include "panelfixture.h"

#include "session/sendrequest.h"
#include "session/workbench.h"
#include "widgets/clientpanel.h"
#include "widgets/serverpanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace TcpInspector;

namespace {
/// The first event of @p connection with this code, or one with no type.
std::optional<TimelineEvent> eventWithCode(const Connection *connection, const QString &code)
{
    const qint64 count = connection->timeline().count();
    for (qint64 i = 0; i < count; ++i) {
        const TimelineEvent event = connection->timeline().at(i);
        if (event.code == code)
            return event;
    }
    return std::nullopt;
}

std::optional<TimelineEvent> firstError(const Connection *connection)
{
    const qint64 count = connection->timeline().count();
    for (qint64 i = 0; i < count; ++i) {
        const TimelineEvent event = connection->timeline().at(i);
        if (event.type == TimelineEvent::Error)
            return event;
    }
    return std::nullopt;
}
} // namespace

class tst_TlsPanels : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void plaintextArrivesOverTls();
    void verificationRefusesTheLocalCertificate();
    void mismatchedFilesAreRefusedAtListen();
    void settingsRoundTrip();

private:
    /// Listens with TLS and the generated certificate; false when it cannot.
    bool listenWithTls();
    /// Connects through the client panel; the new connection once it ended
    /// its handshake or failed, or null.
    Connection *connectWithTls(bool verify);

    QTemporaryDir m_data;
    std::unique_ptr<Workbench> m_bench;
    std::unique_ptr<ServerPanel> m_server;
    std::unique_ptr<ClientPanel> m_client;
};

void tst_TlsPanels::initTestCase()
{
    QVERIFY(m_data.isValid());
    // The generated certificate goes to the app's data folder: a fresh one here.
    qputenv("XDG_DATA_HOME", m_data.path().toLocal8Bit());
}

void tst_TlsPanels::init()
{
    m_bench = std::make_unique<Workbench>();
    m_server = std::make_unique<ServerPanel>(m_bench.get());
    m_client = std::make_unique<ClientPanel>(m_bench.get());
    QVERIFY(showPanel(m_server.get()));
    QVERIFY(showPanel(m_client.get()));
}

void tst_TlsPanels::cleanup()
{
    m_client.reset();
    m_server.reset();
    m_bench.reset();
}

bool tst_TlsPanels::listenWithTls()
{
    panelField<QLineEdit>(m_server.get(), "addressEdit")->setText(QStringLiteral("127.0.0.1:0"));
    panelField<QCheckBox>(m_server.get(), "tlsCheck")->setChecked(true);
    if (!panelField<QLabel>(m_server.get(), "tlsLocalNote")->isVisible())
        return false;
    return m_server->listen();
}

Connection *tst_TlsPanels::connectWithTls(bool verify)
{
    const int before = m_bench->connections(Connection::Side::Client).size();
    panelField<QLineEdit>(m_client.get(), "targetEdit")
        ->setText(m_bench->boundAddress().toString());
    panelField<QCheckBox>(m_client.get(), "tlsCheck")->setChecked(true);
    panelField<QCheckBox>(m_client.get(), "tlsVerifyCheck")->setChecked(verify);
    if (!m_client->connectToTarget())
        return nullptr;
    if (!QTest::qWaitFor(
            [&] { return m_bench->connections(Connection::Side::Client).size() == before + 1; },
            5000))
        return nullptr;
    Connection *connection = m_bench->connections(Connection::Side::Client).constLast();
    if (!QTest::qWaitFor(
            [&] {
                return eventWithCode(connection, QStringLiteral("tls_handshake"))
                       || isFinalState(connection->state());
            },
            5000))
        return nullptr;
    return connection;
}

void tst_TlsPanels::plaintextArrivesOverTls()
{
    QVERIFY(listenWithTls());
    const QString made = panelField<QLabel>(m_server.get(), "tlsLocalNote")->toolTip();
    QVERIFY2(made.contains(m_data.path()), qPrintable(made));
    auto *engine = panelField<QComboBox>(m_client.get(), "engineCombo");
    Connection *client = connectWithTls(false);
    QVERIFY(client);
    QCOMPARE(engine->currentData().toString(), QStringLiteral("native"));
    QVERIFY(!engine->isEnabled());
    QCOMPARE(client->state(), ConnectionState::Established);
    QVERIFY(!panelField<QLabel>(m_client.get(), "targetError")->isVisible());
    QCOMPARE(panelField<QLineEdit>(m_client.get(), "tlsServerNameEdit")->placeholderText(),
             QStringLiteral("127.0.0.1"));
    const std::optional<TimelineEvent> handshake
        = eventWithCode(client, QStringLiteral("tls_handshake"));
    QVERIFY(handshake && handshake->tls);
    QVERIFY2(handshake->tls->protocol.startsWith(QLatin1String("TLS")),
             qPrintable(handshake->tls->protocol));
    // Off, the note still says what verification would have said.
    QVERIFY2(handshake->text.contains(QLatin1String("self-signed")), qPrintable(handshake->text));

    QTRY_COMPARE_WITH_TIMEOUT(m_bench->connections(Connection::Side::Server).size(), 1, 5000);
    Connection *server = m_bench->connections(Connection::Side::Server).constFirst();
    QTRY_VERIFY_WITH_TIMEOUT(eventWithCode(server, QStringLiteral("tls_handshake")), 5000);
    SendRequest hello;
    hello.bytes = "hello";
    m_bench->send(client, hello);
    QTRY_COMPARE_WITH_TIMEOUT(server->rx().store().size(), qint64(5), 5000);
    QCOMPARE(server->rx().store().read(0, 5), QByteArray("hello"));
    // The server panel echoes each read by default: the plaintext comes back.
    QTRY_COMPARE_WITH_TIMEOUT(client->rx().store().size(), qint64(5), 5000);
    QCOMPARE(client->rx().store().read(0, 5), QByteArray("hello"));
}

void tst_TlsPanels::verificationRefusesTheLocalCertificate()
{
    QVERIFY(listenWithTls());
    Connection *client = connectWithTls(true);
    QVERIFY(client);
    QTRY_VERIFY_WITH_TIMEOUT(isFinalState(client->state()), 5000);
    QVERIFY(!eventWithCode(client, QStringLiteral("tls_handshake")));
    const std::optional<TimelineEvent> error = firstError(client);
    QVERIFY(error);
    QVERIFY2(error->code == QLatin1String("tls_self_signed")
                 || error->code == QLatin1String("tls_unknown_ca"),
             qPrintable(error->code));
    // The fix: trust the certificate as a CA, or turn verification off, in
    // the window's words (the CLI's options would mean nothing here).
    QVERIFY2(error->explanation.contains(QLatin1String("the CA file under Advanced"))
                 && error->explanation.contains(QLatin1String("verification"))
                 && !error->explanation.contains(QLatin1String("--ca")),
             qPrintable(error->explanation));
    // The panel says it too, with the fix in the window's words.
    auto *shown = panelField<QLabel>(m_client.get(), "targetError");
    QTRY_VERIFY_WITH_TIMEOUT(shown->isVisible(), 5000);
    QVERIFY2(shown->text().contains(error->code)
                 && shown->text().contains(QLatin1String("CA file")),
             qPrintable(shown->text()));
}

void tst_TlsPanels::mismatchedFilesAreRefusedAtListen()
{
    panelField<QCheckBox>(m_server.get(), "tlsCheck")->setChecked(true);
    panelField<QLineEdit>(m_server.get(), "tlsCertificateEdit")
        ->setText(m_data.filePath(QStringLiteral("none.pem")));
    QVERIFY(!panelField<QLabel>(m_server.get(), "tlsLocalNote")->isVisible());
    QVERIFY(!m_server->listen());
    QVERIFY(!m_bench->isListening());
    const QString shown = panelField<QLabel>(m_server.get(), "addressError")->text();
    QVERIFY2(shown.contains(QLatin1String("key")), qPrintable(shown));
}

void tst_TlsPanels::settingsRoundTrip()
{
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
    panelField<QCheckBox>(m_client.get(), "tlsCheck")->setChecked(true);
    panelField<QCheckBox>(m_client.get(), "tlsVerifyCheck")->setChecked(false);
    panelField<QLineEdit>(m_client.get(), "tlsServerNameEdit")->setText(QStringLiteral("example"));
    panelField<QLineEdit>(m_client.get(), "tlsAlpnEdit")->setText(QStringLiteral("h2, http/1.1"));
    panelField<QLineEdit>(m_client.get(), "tlsCaEdit")->setText(QStringLiteral("/ca.pem"));
    panelField<QCheckBox>(m_server.get(), "tlsCheck")->setChecked(true);
    panelField<QLineEdit>(m_server.get(), "tlsKeyEdit")->setText(QStringLiteral("/k.pem"));
    m_client->saveSettings(settings);
    m_server->saveSettings(settings);

    Workbench bench;
    ClientPanel client(&bench);
    ServerPanel server(&bench);
    client.restoreSettings(settings);
    server.restoreSettings(settings);
    client.findChild<QLineEdit *>(QStringLiteral("targetEdit"))
        ->setText(QStringLiteral("127.0.0.1:1"));
    const std::optional<ClientOptions> options = client.currentOptions();
    QVERIFY(options);
    const TlsOptions &tls = options->connection.tls;
    QVERIFY(tls.enabled);
    QVERIFY(!tls.verify);
    QCOMPARE(tls.serverName, QStringLiteral("example"));
    QCOMPARE(tls.alpn, QStringList({QStringLiteral("h2"), QStringLiteral("http/1.1")}));
    QCOMPARE(tls.caFile, QStringLiteral("/ca.pem"));
    QCOMPARE(options->connection.engine, EngineKind::Native);
    const std::optional<ServerOptions> served = server.currentOptions();
    QVERIFY(served);
    QVERIFY(served->connection.tls.enabled);
    QCOMPARE(served->connection.tls.keyFile, QStringLiteral("/k.pem"));
    QCOMPARE(served->connection.engine, EngineKind::Native);
}

QTEST_MAIN(tst_TlsPanels)
#include "tst_tlspanels.moc"
