// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/clientpanel.h"

#include "net/connection.h"
#include "session/workbench.h"
#include "views/flowlayout.h"
#include "widgets/advancedclientoptions.h"
#include "widgets/advancedsection.h"
#include "widgets/connectiontable.h"
#include "widgets/inlinemessage.h"
#include "widgets/settingskeys.h"
#include "widgets/tlsoptionfields.h"

#include "ui_clientpanel.h"

#include <QCheckBox>
#include <QPointer>
#include <QSettings>
#include <QToolButton>

namespace TcpInspector {

ClientPanel::ClientPanel(Workbench *workbench, QWidget *parent)
    : QWidget(parent),
      m_ui(std::make_unique<Ui::ClientPanel>()),
      m_workbench(workbench),
      m_table(nullptr),
      m_advanced(new AdvancedClientOptions),
      m_advancedSection(new AdvancedSection(m_advanced, this))
{
    m_ui->setupUi(this);
    fillCombos();
    m_ui->targetError->hide();
    TlsOptionFields *tls = m_advanced->tlsFields();
    // Beside the target, which stretches, as in the server panel.
    m_ui->targetRow->insertWidget(m_ui->targetRow->indexOf(m_ui->connectButton), tls->useCheck());
    m_ui->optionsRow->addWidget(m_advancedSection->toggle());
    connect(tls, &TlsOptionFields::toggled, this, &ClientPanel::handleTlsToggled);
    connect(workbench, &Workbench::connectionAdded, this, &ClientPanel::watchTls);
    connect(m_ui->targetEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        QString unused;
        const auto target = HostPort::parse(text.trimmed(), HostPort::Use::Connect, &unused);
        m_advanced->tlsFields()->setHostHint(target ? target->host : QString());
    });
    m_ui->layout->insertWidget(m_ui->layout->indexOf(m_ui->connectionTable), m_advancedSection);
    connect(m_advanced, &AdvancedClientOptions::readOnceRequested, this,
            &ClientPanel::handleReadOnce);
    m_table = new ConnectionTable(workbench, Connection::Side::Client, m_ui->connectionTable,
                                  m_ui->actions, this);
    connect(m_table, &ConnectionTable::currentConnectionChanged, this,
            &ClientPanel::currentConnectionChanged);
    connect(m_table, &ConnectionTable::sendToManyRequested, this,
            &ClientPanel::sendToManyRequested);
    connect(m_table, &ConnectionTable::showRequested, this, &ClientPanel::connectionShowRequested);
    connect(m_table, &ConnectionTable::statusMessage, this, &ClientPanel::statusMessage);
    connect(m_ui->targetEdit, &QLineEdit::textEdited, this, [this] {
        m_userTypedTarget = true;
        handleTargetEdited();
    });
    connect(m_ui->targetEdit, &QLineEdit::returnPressed, this, [this] { connectToTarget(); });
    connect(m_ui->localBindEdit, &QLineEdit::textEdited, this, &ClientPanel::handleTargetEdited);
    connect(m_ui->connectButton, &QPushButton::clicked, this, [this] { connectToTarget(); });
    connect(m_ui->openManyButton, &QPushButton::clicked, this,
            [this] { connectToTarget(m_ui->countSpin->value()); });
    connect(m_ui->reconnectButton, &QPushButton::clicked, this,
            [this] { m_workbench->reconnect(currentConnection()); });
    // Wraps rather than scrolls sideways at 1024 px and a large zoom.
    FlowLayout::replace(m_ui->optionsRow);
    m_ui->optionsRow = nullptr;
}

ClientPanel::~ClientPanel() = default;

void ClientPanel::fillCombos()
{
    m_ui->engineCombo->clear();
    m_ui->engineCombo->addItem(tr("Qt (QTcpSocket)"), QStringLiteral("qt"));
    m_ui->engineCombo->addItem(tr("Native (descriptor)"), QStringLiteral("native"));
}

std::optional<ClientOptions> ClientPanel::currentOptions(QString *error) const
{
    QString why;
    const auto target
        = HostPort::parse(m_ui->targetEdit->text().trimmed(), HostPort::Use::Connect, &why);
    if (!target) {
        if (error)
            *error = why;
        return std::nullopt;
    }
    ClientOptions options;
    options.target = *target;
    const QString bind = m_ui->localBindEdit->text().trimmed();
    if (!bind.isEmpty()) {
        // ":5000" binds any local address (empty host), as Go's LocalAddr does.
        const auto local = HostPort::parse(bind, HostPort::Use::Listen, &why);
        if (!local) {
            if (error)
                *error = tr("Local bind: %1").arg(why);
            return std::nullopt;
        }
        options.localHost = local->host;
        options.localPort = local->port;
    }
    options.connectTimeoutMs = m_ui->timeoutSpin->value();
    options.keepalive.enabled = m_ui->keepaliveCheck->isChecked();
    options.connection.engine = *engineFromKey(m_ui->engineCombo->currentData().toString());
    options.connection.noDelay = m_ui->noDelayCheck->isChecked();
    options.connection.rxFraming = m_rxFraming;
    options.connection.txFraming = m_txFraming;
    options.connection.kernelSampleMs = 100;
    m_advanced->apply(&options);
    if (options.connection.tls.enabled) // as the CLI: TLS runs on the native engine
        options.connection.engine = EngineKind::Native;
    return options;
}

void ClientPanel::applyOptions(const ClientOptions &options)
{
    m_ui->targetEdit->setText(options.target.port == 0 ? QString() : options.target.toString());
    m_userTypedTarget = !m_ui->targetEdit->text().isEmpty();
    const bool bound = !options.localHost.isEmpty() || options.localPort != 0;
    m_ui->localBindEdit->setText(
        bound ? HostPort {options.localHost, options.localPort, true}.toString() : QString());
    m_ui->timeoutSpin->setValue(options.connectTimeoutMs);
    m_ui->keepaliveCheck->setChecked(options.keepalive.enabled);
    m_ui->noDelayCheck->setChecked(options.connection.noDelay);
    m_ui->engineCombo->setCurrentIndex(
        qMax(0, m_ui->engineCombo->findData(engineKey(options.connection.engine))));
    m_rxFraming = options.connection.rxFraming;
    m_txFraming = options.connection.txFraming;
    m_advanced->set(options);
    handleTargetEdited();
}

bool ClientPanel::connectToTarget(int count)
{
    QString error;
    const std::optional<ClientOptions> options = currentOptions(&error);
    if (!options) {
        showTargetMessage(error);
        return false;
    }
    showTargetMessage(QString());
    m_table->showNextAdded();
    m_workbench->connectTo(*options, count);
    return true;
}

void ClientPanel::suggestTarget(const HostPort &address)
{
    if (m_userTypedTarget && !m_ui->targetEdit->text().isEmpty())
        return;
    // A listener on every interface is reached on loopback.
    HostPort target = address;
    if (target.host.isEmpty() || target.host == QLatin1String("0.0.0.0"))
        target.host = QStringLiteral("127.0.0.1");
    else if (target.host == QLatin1String("::"))
        target.host = QStringLiteral("::1");
    m_ui->targetEdit->setText(target.toString());
    showTargetMessage(QString());
}

void ClientPanel::handleTargetEdited()
{
    QString error;
    const QString target = m_ui->targetEdit->text().trimmed();
    if (!target.isEmpty() && !HostPort::parse(target, HostPort::Use::Connect, &error)) {
        showTargetMessage(error);
        return;
    }
    const QString bind = m_ui->localBindEdit->text().trimmed();
    if (!bind.isEmpty() && !HostPort::parse(bind, HostPort::Use::Listen, &error)) {
        showTargetMessage(tr("Local bind: %1").arg(error));
        return;
    }
    showTargetMessage(QString());
}

void ClientPanel::showTargetMessage(const QString &text)
{
    setInlineMessage(m_ui->targetEdit, text);
    m_ui->targetError->setToolTip(QString());
    showInlineLabel(m_ui->targetError, text, true);
}

Connection *ClientPanel::currentConnection() const
{
    return m_table->currentConnection();
}

void ClientPanel::selectConnection(const Connection *connection)
{
    m_table->selectConnection(connection);
}

void ClientPanel::setDefaultFraming(const QString &rx, const QString &tx)
{
    m_rxFraming = rx;
    m_txFraming = tx;
}

void ClientPanel::refresh()
{
    m_table->refresh();
    // Reconnect opens a new connection like an ended one; an open one has nothing to redo.
    const Connection *current = currentConnection();
    m_ui->reconnectButton->setEnabled(current && isFinalState(current->state()));
    m_advanced->setReadOnceEnabled(current && !isFinalState(current->state()));
}

void ClientPanel::handleReadOnce(qint64 maxBytes)
{
    if (Connection *connection = currentConnection())
        m_workbench->readOnce(connection, maxBytes);
}

void ClientPanel::handleTlsToggled(bool on)
{
    // The qt engine has no TLS: the combo shows what the connection will use.
    if (on)
        m_ui->engineCombo->setCurrentIndex(
            qMax(0, m_ui->engineCombo->findData(engineKey(EngineKind::Native))));
    m_ui->engineCombo->setEnabled(!on);
    m_ui->engineCombo->setToolTip(on ? tr("TLS runs on the native engine") : QString());
}

void ClientPanel::watchTls(Connection *connection)
{
    // Opened with the panel's TLS on, as far as the panel can tell.
    if (connection->side() != Connection::Side::Client || !m_advanced->tlsFields()->isOn())
        return;
    // The event may reach this thread after the connection is gone.
    QPointer<Connection> watched(connection);
    connect(connection, &Connection::eventRecorded, this, [this, watched](qint64 index) {
        if (!watched)
            return;
        const TimelineEvent event = watched->timeline().at(index);
        if (event.type != TimelineEvent::Error || !event.code.startsWith(QLatin1String("tls_")))
            return;
        // The engine's explanation names the fix in this panel's own words
        // (TlsOptionFields::fixNames()).
        showInlineLabel(m_ui->targetError,
                        tr("TLS failed (%1): %2").arg(event.code, event.explanation), true);
        m_ui->targetError->setToolTip(event.explanation);
    });
}

void ClientPanel::saveSettings(QSettings &settings) const
{
    if (m_userTypedTarget)
        settings.setValue(SettingsKey::clientTarget(), m_ui->targetEdit->text());
    settings.setValue(QStringLiteral("client/timeoutMs"), m_ui->timeoutSpin->value());
    settings.setValue(QStringLiteral("client/noDelay"), m_ui->noDelayCheck->isChecked());
    settings.setValue(QStringLiteral("client/keepalive"), m_ui->keepaliveCheck->isChecked());
    settings.setValue(QStringLiteral("client/localBind"), m_ui->localBindEdit->text());
    settings.setValue(QStringLiteral("client/engine"), m_ui->engineCombo->currentData());
    settings.setValue(QStringLiteral("client/count"), m_ui->countSpin->value());
    settings.setValue(QStringLiteral("client/rxFraming"), m_rxFraming);
    settings.setValue(QStringLiteral("client/txFraming"), m_txFraming);
    settings.setValue(QStringLiteral("client/advancedOpen"), m_advancedSection->isExpanded());
    m_advanced->saveSettings(settings);
}

void ClientPanel::restoreSettings(const QSettings &settings)
{
    const QString target = settings.value(SettingsKey::clientTarget()).toString();
    if (!target.isEmpty()) {
        m_ui->targetEdit->setText(target);
        m_userTypedTarget = true;
    }
    m_ui->timeoutSpin->setValue(settings.value(QStringLiteral("client/timeoutMs"), 5000).toInt());
    m_ui->noDelayCheck->setChecked(settings.value(QStringLiteral("client/noDelay")).toBool());
    m_ui->keepaliveCheck->setChecked(settings.value(QStringLiteral("client/keepalive")).toBool());
    m_ui->localBindEdit->setText(settings.value(QStringLiteral("client/localBind")).toString());
    const int engine = m_ui->engineCombo->findData(settings.value(QStringLiteral("client/engine")));
    if (engine >= 0)
        m_ui->engineCombo->setCurrentIndex(engine);
    m_ui->countSpin->setValue(settings.value(QStringLiteral("client/count"), 10).toInt());
    m_rxFraming = settings.value(QStringLiteral("client/rxFraming"), m_rxFraming).toString();
    m_txFraming = settings.value(QStringLiteral("client/txFraming"), m_txFraming).toString();
    m_advanced->restoreSettings(settings);
    m_advancedSection->setExpanded(settings.value(QStringLiteral("client/advancedOpen")).toBool());
}

void ClientPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        const int engine = m_ui->engineCombo->currentIndex();
        fillCombos();
        m_ui->engineCombo->setCurrentIndex(engine);
    }
    QWidget::changeEvent(event);
}

} // namespace TcpInspector
