// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/relaypanel.h"

#include "models/connectionlistmodel.h"
#include "session/workbench.h"
#include "views/flowlayout.h"
#include "widgets/advancedsection.h"
#include "widgets/connectionactions.h"
#include "widgets/connectiontable.h"
#include "widgets/inlinemessage.h"
#include "widgets/relayfaultseditor.h"
#include "widgets/tlsoptionfields.h"

#include <QCheckBox>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace TcpInspector {

RelayPanel::RelayPanel(Workbench *workbench, QWidget *parent)
    : QWidget(parent),
      m_workbench(workbench),
      m_listenLabel(new QLabel(this)),
      m_listenEdit(new QLineEdit(QStringLiteral("127.0.0.1:0"), this)),
      m_targetLabel(new QLabel(this)),
      m_targetEdit(new QLineEdit(this)),
      m_startButton(new QPushButton(this)),
      m_faultsLabel(new QLabel(this)),
      m_faultsEdit(new QLineEdit(this)),
      m_applyButton(new QPushButton(this)),
      m_faultsEditor(new RelayFaultsEditor),
      m_faultsSection(nullptr),
      m_editTimer(new QTimer(this)),
      m_message(new QLabel(this)),
      m_view(new QTableView(this)),
      m_actions(new ConnectionActions(this)),
      m_table(new ConnectionTable(workbench, Connection::Side::Server, m_view, m_actions, this))
{
    m_listenEdit->setObjectName(QStringLiteral("relayListenEdit"));
    m_targetEdit->setObjectName(QStringLiteral("relayTargetEdit"));
    m_faultsEdit->setObjectName(QStringLiteral("relayFaultsEdit"));
    m_startButton->setObjectName(QStringLiteral("relayStartButton"));
    m_message->setObjectName(QStringLiteral("relayMessage"));
    m_message->setWordWrap(true);
    m_listenLabel->setBuddy(m_listenEdit);
    m_targetLabel->setBuddy(m_targetEdit);
    m_faultsLabel->setBuddy(m_faultsEdit);
    m_table->showRelayLegs();
    // "12 (3, client)": the connection, its pair and its leg.
    const int digit = m_view->fontMetrics().horizontalAdvance(QLatin1Char('0'));
    m_view->horizontalHeader()->resizeSection(ConnectionListModel::IdColumn, 16 * digit);

    // The faults: the controls, and below them the same as options.
    auto *faults = new QWidget;
    auto *faultsLayout = new QVBoxLayout(faults);
    faultsLayout->setContentsMargins(0, 0, 0, 0);
    faultsLayout->addWidget(m_faultsEditor);
    auto *options = new FlowLayout;
    m_faultsLabel->setParent(faults);
    m_faultsEdit->setParent(faults);
    m_applyButton->setParent(faults);
    options->addGroup({m_faultsLabel, m_faultsEdit, m_applyButton});
    faultsLayout->addLayout(options);
    m_faultsSection = new AdvancedSection(faults, this);
    m_faultsSection->setObjectName(QStringLiteral("relayFaultsSection"));
    m_faultsSection->toggle()->setObjectName(QStringLiteral("relayFaultsToggle"));
    // Most of the dock: the faults are what one comes to change here.
    m_faultsSection->setMaximumOpenHeight(22 * m_view->fontMetrics().height());

    m_tlsSection = new AdvancedSection(makeTlsFields(), this);
    m_tlsSection->setObjectName(QStringLiteral("relayTlsSection"));
    m_tlsSection->toggle()->setObjectName(QStringLiteral("relayTlsToggle"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    // Wraps rather than scrolls sideways at 1024 px and a large zoom.
    auto *fields = new FlowLayout;
    fields->addGroup({m_listenLabel, m_listenEdit, m_clientsTls->useCheck()});
    fields->addGroup({m_targetLabel, m_targetEdit, m_serverTls->useCheck()});
    fields->addWidget(m_startButton);
    fields->addWidget(m_faultsSection->toggle());
    fields->addWidget(m_tlsSection->toggle());
    layout->addLayout(fields);
    layout->addWidget(m_faultsSection);
    layout->addWidget(m_tlsSection);
    layout->addWidget(m_message);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_actions);
    m_listenEdit->setMinimumWidth(14 * digit);
    m_targetEdit->setMinimumWidth(14 * digit);
    m_faultsEdit->setMinimumWidth(28 * digit);

    connectSignals();
    retranslate();
    updateWidgets();
}

RelayPanel::~RelayPanel() = default;

void RelayPanel::connectSignals()
{
    connect(m_targetEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        QString unused;
        const std::optional<HostPort> target
            = HostPort::parse(text.trimmed(), HostPort::Use::Connect, &unused);
        m_serverTls->setHostHint(target ? target->host : QString());
    });
    // Turning TLS on shows where its fields are.
    for (TlsOptionFields *tls : {m_clientsTls, m_serverTls}) {
        connect(tls, &TlsOptionFields::toggled, this, [this](bool on) {
            if (on)
                m_tlsSection->setExpanded(true);
        });
    }
    connect(m_startButton, &QPushButton::clicked, this, &RelayPanel::handleStartClicked);
    connect(m_targetEdit, &QLineEdit::returnPressed, this, &RelayPanel::handleStartClicked);
    connect(m_applyButton, &QPushButton::clicked, this,
            [this] { applyFaults(m_faultsEdit->text()); });
    connect(m_faultsEdit, &QLineEdit::returnPressed, this,
            [this] { applyFaults(m_faultsEdit->text()); });
    // A spin box's arrows held down change it many times a second: the
    // relay takes the value it settles on.
    m_editTimer->setSingleShot(true);
    m_editTimer->setInterval(150);
    connect(m_faultsEditor, &RelayFaultsEditor::faultsEdited, m_editTimer,
            qOverload<>(&QTimer::start));
    connect(m_editTimer, &QTimer::timeout, this, &RelayPanel::applyEditedFaults);
    connect(m_table, &ConnectionTable::currentConnectionChanged, this,
            &RelayPanel::currentConnectionChanged);
    connect(m_table, &ConnectionTable::sendToManyRequested, this, &RelayPanel::sendToManyRequested);
    connect(m_table, &ConnectionTable::showRequested, this, &RelayPanel::connectionShowRequested);
    connect(m_table, &ConnectionTable::statusMessage, this, &RelayPanel::statusMessage);
}

QWidget *RelayPanel::makeTlsFields()
{
    auto *tls = new QWidget;
    auto *tlsLayout = new QVBoxLayout(tls);
    tlsLayout->setContentsMargins(0, 0, 0, 0);
    // A box per leg: each set of fields has the object names a panel's has.
    auto *clients = new QWidget(tls);
    clients->setObjectName(QStringLiteral("relayClientsTls"));
    auto *clientsFlow = new FlowLayout(clients);
    clientsFlow->setContentsMargins(0, 0, 0, 0);
    m_clientsTlsLabel = new QLabel(clients);
    clientsFlow->addWidget(m_clientsTlsLabel);
    m_clientsTls = new TlsOptionFields(TlsOptionFields::Role::Server,
                                       QStringLiteral("relay/tls/clients/"), clients);
    m_clientsTls->useCheck()->setObjectName(QStringLiteral("relayClientsTlsCheck"));
    m_clientsTls->addFields(clientsFlow);
    auto *server = new QWidget(tls);
    server->setObjectName(QStringLiteral("relayServerTls"));
    auto *serverFlow = new FlowLayout(server);
    serverFlow->setContentsMargins(0, 0, 0, 0);
    m_serverTlsLabel = new QLabel(server);
    serverFlow->addWidget(m_serverTlsLabel);
    m_serverTls = new TlsOptionFields(TlsOptionFields::Role::Client,
                                      QStringLiteral("relay/tls/server/"), server);
    m_serverTls->useCheck()->setObjectName(QStringLiteral("relayServerTlsCheck"));
    m_serverTls->addFields(serverFlow);
    tlsLayout->addWidget(clients);
    tlsLayout->addWidget(m_clientsTls->localNote());
    tlsLayout->addWidget(server);
    return tls;
}

void RelayPanel::saveSettings(QSettings &settings) const
{
    m_clientsTls->saveSettings(settings);
    m_serverTls->saveSettings(settings);
}

void RelayPanel::restoreSettings(const QSettings &settings)
{
    for (TlsOptionFields *fields : {m_clientsTls, m_serverTls}) {
        TlsOptions tls;
        fields->readSettings(settings, &tls);
        fields->set(tls);
    }
}

bool RelayPanel::parseFaults(const QString &text, RelayFaults *faults, QString *error)
{
    // The command line's spelling: "--latency 50 --slice s2c:1".
    const QStringList words = QProcess::splitCommand(text);
    const QStringList names = RelayFaults::optionNames();
    RelayFaults parsed;
    for (int i = 0; i < words.size(); ++i) {
        const QString option
            = words.at(i).startsWith(QLatin1String("--")) ? words.at(i).mid(2) : QString();
        if (!names.contains(option) || i + 1 >= words.size()) {
            *error = tr("'%1' is not a fault. Write them as on the command line, for example "
                        "--latency 50 --slice s2c:1; the faults: --%2.")
                         .arg(words.at(i), names.join(QLatin1String(", --")));
            return false;
        }
        if (!RelayFaults::parse(option, words.at(++i), &parsed, error))
            return false;
    }
    *faults = parsed;
    return true;
}

bool RelayPanel::applyFaults(const QString &text)
{
    RelayFaults faults;
    QString error;
    if (!parseFaults(text, &faults, &error)) {
        setInlineMessage(m_faultsEdit, error);
        showMessage(error, true);
        return false;
    }
    setInlineMessage(m_faultsEdit, QString());
    // What has no option stays as the controls have it.
    const RelayFaults shown = m_faultsEditor->faults();
    for (int d : {RelayFaults::ClientToServer, RelayFaults::ServerToClient})
        faults.direction[d].paused = shown.direction[d].paused;
    faults.refuseNew = shown.refuseNew;
    m_faultsEditor->setFaults(faults);
    applyToRelay(faults);
    return true;
}

RelayFaults RelayPanel::faults() const
{
    return m_faultsEditor->faults();
}

void RelayPanel::applyEditedFaults()
{
    const RelayFaults faults = m_faultsEditor->faults();
    setInlineMessage(m_faultsEdit, QString());
    applyToRelay(faults);
}

void RelayPanel::applyToRelay(const RelayFaults &faults)
{
    m_faultsEdit->setText(faults.toArguments().join(QLatin1Char(' ')));
    m_workbench->setRelayFaults(faults);
    const QString described = faults.describe();
    showMessage(described.isEmpty() ? tr("No faults: bytes pass as they come.")
                                    : tr("Faults: %1").arg(described),
                false);
}

bool RelayPanel::start()
{
    QString error;
    const std::optional<HostPort> listen
        = HostPort::parse(m_listenEdit->text().trimmed(), HostPort::Use::Listen, &error);
    if (!listen) {
        setInlineMessage(m_listenEdit, error);
        showMessage(error, true);
        return false;
    }
    setInlineMessage(m_listenEdit, QString());
    const std::optional<HostPort> target
        = HostPort::parse(m_targetEdit->text().trimmed(), HostPort::Use::Connect, &error);
    if (!target) {
        setInlineMessage(m_targetEdit, error);
        showMessage(m_targetEdit->text().trimmed().isEmpty()
                        ? tr("Say where to relay to: the server's host:port, for example "
                             "127.0.0.1:6379.")
                        : error,
                    true);
        return false;
    }
    setInlineMessage(m_targetEdit, QString());
    RelayOptions options;
    options.listen.address = *listen;
    options.upstream.target = *target;
    // The qt engine closes at the peer's EOF: it cannot carry a half-close.
    options.listen.connection.engine = EngineKind::Native;
    options.upstream.connection.engine = EngineKind::Native;
    if (!m_clientsTls->prepare(&options.listen.connection.tls, &error)
        || !m_serverTls->prepare(&options.upstream.connection.tls, &error)) {
        m_tlsSection->setExpanded(true);
        showMessage(error, true);
        return false;
    }
    for (ConnectionOptions *legs : {&options.listen.connection, &options.upstream.connection}) {
        legs->rxFraming = m_rxFraming;
        legs->txFraming = m_txFraming;
        // The kernel's view of each leg, as the panels sample theirs.
        legs->kernelSampleMs = 100;
    }
    // The text as typed, when it was not applied yet; then the controls.
    if (!parseFaults(m_faultsEdit->text(), &options.faults, &error)) {
        setInlineMessage(m_faultsEdit, error);
        showMessage(error, true);
        return false;
    }
    const RelayFaults shown = m_faultsEditor->faults();
    for (int d : {RelayFaults::ClientToServer, RelayFaults::ServerToClient})
        options.faults.direction[d].paused = shown.direction[d].paused;
    options.faults.refuseNew = shown.refuseNew;
    m_faultsEditor->setFaults(options.faults);
    SocketErrorInfo failure;
    if (!m_workbench->startRelay(options, &failure)) {
        showMessage(tr("Cannot listen on %1: %2")
                        .arg(listen->toString(),
                             failure.explanation.isEmpty() ? failure.message : failure.explanation),
                    true);
        updateWidgets();
        return false;
    }
    showMessage(statusText(), false);
    updateWidgets();
    return true;
}

void RelayPanel::stop()
{
    m_workbench->stopRelay();
    showMessage(tr("Stopped: no new connections are relayed; open pairs go on."), false);
    updateWidgets();
}

void RelayPanel::setDefaultFraming(const QString &rx, const QString &tx)
{
    m_rxFraming = rx;
    m_txFraming = tx;
    // A relay running now takes them for the pairs that come next.
    if (m_workbench->isRelaying())
        m_workbench->setRelayFraming(rx, tx);
}

void RelayPanel::setAddresses(const QString &listen, const QString &target)
{
    m_listenEdit->setText(listen);
    m_targetEdit->setText(target);
}

QString RelayPanel::statusText() const
{
    if (!m_workbench->isRelaying())
        return QString();
    return tr("Relaying %1 to %2: point the client at %1.")
        .arg(m_workbench->relayAddress().toString(), m_targetEdit->text().trimmed());
}

void RelayPanel::refresh()
{
    m_table->refresh();
}

void RelayPanel::handleStartClicked()
{
    if (m_workbench->isRelaying())
        stop();
    else
        start();
}

void RelayPanel::showMessage(const QString &text, bool isError)
{
    m_error = isError ? text : QString();
    showInlineLabel(m_message, text, isError);
}

void RelayPanel::updateWidgets()
{
    const bool relaying = m_workbench->isRelaying();
    m_startButton->setText(relaying ? tr("Stop") : tr("Start"));
    m_listenEdit->setEnabled(!relaying);
    m_targetEdit->setEnabled(!relaying);
    // A running relay's legs keep the TLS they started with.
    m_clientsTls->setEditable(!relaying);
    m_serverTls->setEditable(!relaying);
}

void RelayPanel::retranslate()
{
    m_listenLabel->setText(tr("Listen"));
    m_targetLabel->setText(tr("Target"));
    m_faultsLabel->setText(tr("As options"));
    m_faultsSection->setTitle(tr("Faults"),
                              tr("Latency, bandwidth, slicing, coalescing, limits and pauses, "
                                 "per direction; they apply at once to the bytes that follow."));
    m_tlsSection->setTitle(tr("TLS"),
                           tr("TLS to the relay's clients and to the server: certificates, "
                              "verification, server name, ALPN."));
    m_clientsTls->retranslate();
    m_serverTls->retranslate();
    m_clientsTlsLabel->setText(tr("To clients:"));
    m_serverTlsLabel->setText(tr("To the server:"));
    m_clientsTls->useCheck()->setText(tr("TLS to clients"));
    m_clientsTls->useCheck()->setToolTip(
        tr("Speak TLS to each client (the relay ends their TLS), with the certificate and key "
           "under TLS, or else a generated localhost certificate; the legs show the "
           "plaintext"));
    m_serverTls->useCheck()->setText(tr("TLS to the server"));
    m_serverTls->useCheck()->setToolTip(
        tr("Speak TLS to the target (an https server, say), with the verification, server "
           "name, ALPN and certificates under TLS; the legs show the plaintext"));
    m_clientsTls->setPlace(tr("TLS > To clients"));
    m_serverTls->setPlace(tr("TLS > To the server"));
    m_applyButton->setText(tr("Apply"));
    m_listenEdit->setToolTip(tr("Where the relay listens: host:port; port 0 lets the system "
                                "choose. Point the client here."));
    m_targetEdit->setToolTip(tr("The server each connection is passed on to: host:port."));
    m_faultsEdit->setPlaceholderText(tr("none, or for example --latency 50 --slice s2c:1"));
    m_faultsEdit->setToolTip(
        tr("The faults above as tcpinspector-cli relay takes them; type here and Apply, or copy "
           "them into a script. c2s: or s2c: before a value acts on one direction:\n"
           "--latency MS[:JITTER]  --bandwidth BYTES  --slice BYTES[:DELAY_MS]\n"
           "--coalesce MS  --limit-data BYTES[:reset]  --reset-after MS  --connect-delay MS"));
    updateWidgets();
}

void RelayPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace TcpInspector
