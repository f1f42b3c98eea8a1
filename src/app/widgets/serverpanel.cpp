// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/serverpanel.h"

#include "net/connection.h"
#include "net/replypolicy.h"
#include "scenario/replyruleparser.h"
#include "scenario/replyrules.h"
#include "session/workbench.h"
#include "text/bytetext.h"
#include "views/flowlayout.h"
#include "widgets/advancedsection.h"
#include "widgets/advancedserveroptions.h"
#include "widgets/connectiontable.h"
#include "widgets/inlinemessage.h"
#include "widgets/replyrulesdialog.h"
#include "widgets/tlsoptionfields.h"

#include "ui_serverpanel.h"

#include <QBoxLayout>
#include <QCheckBox>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QToolButton>

namespace TcpInspector {

namespace {
QBoxLayout *boxHolding(QLayout *layout, QWidget *widget)
{
    if (!layout)
        return nullptr;
    if (layout->indexOf(widget) >= 0)
        return qobject_cast<QBoxLayout *>(layout);
    for (int i = 0; i < layout->count(); ++i) {
        if (QBoxLayout *found = boxHolding(layout->itemAt(i)->layout(), widget))
            return found;
    }
    return nullptr;
}
} // namespace

ServerPanel::ServerPanel(Workbench *workbench, QWidget *parent)
    : QWidget(parent),
      m_ui(std::make_unique<Ui::ServerPanel>()),
      m_workbench(workbench),
      m_advanced(new AdvancedServerOptions),
      m_advancedSection(new AdvancedSection(m_advanced, this))
{
    m_ui->setupUi(this);
    fillCombos();
    m_ui->addressEdit->setText(QStringLiteral("127.0.0.1:0"));
    m_ui->addressError->hide();
    m_ui->exposureNote->hide();
    // Amber on light and dark palettes: a warning, not an error.
    QPalette warning = m_ui->exposureNote->palette();
    warning.setColor(QPalette::WindowText, palette().color(QPalette::Base).lightness() > 128
                                               ? QColor(0x9a, 0x5b, 0x00)
                                               : QColor(0xff, 0xc1, 0x4d));
    m_ui->exposureNote->setPalette(warning);
    TlsOptionFields *tls = m_advanced->tlsFields();
    // Beside the address, which stretches: the options row has no room left at 1024 px.
    m_ui->addressRow->insertWidget(m_ui->addressRow->indexOf(m_ui->listenButton), tls->useCheck());
    m_ui->optionsRow->addWidget(m_advancedSection->toggle());
    m_ui->layout->insertWidget(m_ui->layout->indexOf(m_ui->connectionTable), tls->localNote());
    m_ui->layout->insertWidget(m_ui->layout->indexOf(m_ui->connectionTable), m_advancedSection);
    connect(tls, &TlsOptionFields::toggled, this, &ServerPanel::updateWidgets);
    connect(m_advanced, &AdvancedServerOptions::changed, this, &ServerPanel::handleReplyChanged);
    connect(m_advanced, &AdvancedServerOptions::readOnceRequested, this,
            &ServerPanel::handleReadOnce);
    m_table = new ConnectionTable(workbench, Connection::Side::Server, m_ui->connectionTable,
                                  m_ui->actions, this);
    connect(m_table, &ConnectionTable::currentConnectionChanged, this,
            &ServerPanel::currentConnectionChanged);
    connect(m_table, &ConnectionTable::sendToManyRequested, this,
            &ServerPanel::sendToManyRequested);
    connect(m_table, &ConnectionTable::showRequested, this, &ServerPanel::connectionShowRequested);
    connect(m_table, &ConnectionTable::statusMessage, this, &ServerPanel::statusMessage);

    connect(m_ui->addressEdit, &QLineEdit::textEdited, this, &ServerPanel::handleAddressEdited);
    connect(m_ui->addressEdit, &QLineEdit::returnPressed, this, &ServerPanel::handleListenClicked);
    connect(m_ui->listenButton, &QPushButton::clicked, this, &ServerPanel::handleListenClicked);
    connect(m_ui->pauseAcceptButton, &QPushButton::toggled, m_workbench,
            &Workbench::setAcceptingPaused);
    connect(m_ui->replyCombo, &QComboBox::currentIndexChanged, this,
            &ServerPanel::handleReplyChanged);
    connect(m_ui->replyArgumentEdit, &QLineEdit::textEdited, this,
            &ServerPanel::handleReplyChanged);
    // Beside the reply's argument, which rules do not have.
    m_rulesButton = new QPushButton(tr("Edit rules..."), this);
    m_rulesButton->setToolTip(tr("Which message gets which reply: the first rule that matches"));
    if (QBoxLayout *row = boxHolding(layout(), m_ui->replyArgumentEdit))
        row->insertWidget(row->indexOf(m_ui->replyArgumentEdit) + 1, m_rulesButton);
    connect(m_rulesButton, &QPushButton::clicked, this, &ServerPanel::editRules);
    connect(m_ui->maxConnectionsSpin, &QSpinBox::valueChanged, m_workbench,
            &Workbench::setMaxConnections);
    // Wraps rather than scrolls sideways at 1024 px and a large zoom.
    FlowLayout::replace(m_ui->optionsRow);
    m_ui->optionsRow = nullptr;
    connect(m_workbench, &Workbench::listeningChanged, this, &ServerPanel::updateWidgets);
    updateWidgets();
}

ServerPanel::~ServerPanel() = default;

void ServerPanel::fillCombos()
{
    m_ui->replyCombo->clear();
    m_ui->replyCombo->addItem(tr("None"), QStringLiteral("none"));
    m_ui->replyCombo->addItem(tr("Echo each read"), QStringLiteral("echo"));
    m_ui->replyCombo->addItem(tr("Echo each message"), QStringLiteral("echo-message"));
    m_ui->replyCombo->addItem(tr("Fixed text"), QStringLiteral("text"));
    m_ui->replyCombo->addItem(tr("Fixed hex"), QStringLiteral("hex"));
    m_ui->replyCombo->addItem(tr("By rules"), QStringLiteral("rules"));
    m_ui->replyCombo->setCurrentIndex(1);
    m_ui->engineCombo->clear();
    m_ui->engineCombo->addItem(tr("Qt (QTcpSocket)"), QStringLiteral("qt"));
    m_ui->engineCombo->addItem(tr("Native (descriptor)"), QStringLiteral("native"));
    m_ui->engineCombo->setToolTip(
        tr("Qt closes the socket when it reads EOF; the native engine can stay half-open "
           "and tells FIN, RST and broken pipe apart"));
}

std::optional<ServerOptions> ServerPanel::currentOptions(QString *error) const
{
    QString why;
    const auto address
        = HostPort::parse(m_ui->addressEdit->text().trimmed(), HostPort::Use::Listen, &why);
    const std::optional<ReplyPolicy> reply = address ? replyPolicy(&why) : std::nullopt;
    if (!reply) {
        if (error)
            *error = why;
        return std::nullopt;
    }
    ServerOptions options;
    options.address = *address;
    options.backlog = m_ui->backlogSpin->value();
    options.maxConnections = m_ui->maxConnectionsSpin->value();
    options.connection.engine = *engineFromKey(m_ui->engineCombo->currentData().toString());
    options.connection.rxFraming = m_rxFraming;
    options.connection.txFraming = m_txFraming;
    options.connection.kernelSampleMs = 100;
    m_advanced->apply(&options);
    if (options.connection.tls.enabled) // as the CLI: TLS runs on the native engine
        options.connection.engine = EngineKind::Native;
    options.reply = *reply; // with the Advanced section's delay and close-after-reply
    return options;
}

void ServerPanel::applyOptions(const ServerOptions &options)
{
    if (!m_workbench->isListening())
        m_ui->addressEdit->setText(options.address.toString());
    m_ui->backlogSpin->setValue(options.backlog);
    m_ui->maxConnectionsSpin->setValue(options.maxConnections);
    m_ui->engineCombo->setCurrentIndex(
        qMax(0, m_ui->engineCombo->findData(engineKey(options.connection.engine))));
    m_rxFraming = options.connection.rxFraming;
    m_txFraming = options.connection.txFraming;
    m_advanced->set(options);
    QString reply = QStringLiteral("none");
    switch (options.reply.kind) {
    case ReplyPolicy::Kind::None:
        break;
    case ReplyPolicy::Kind::Echo:
        reply = QStringLiteral("echo");
        break;
    case ReplyPolicy::Kind::EchoMessage:
        reply = QStringLiteral("echo-message");
        break;
    case ReplyPolicy::Kind::Fixed:
        reply = QStringLiteral("text");
        m_ui->replyArgumentEdit->setText(ByteText::escape(options.reply.fixed));
        break;
    case ReplyPolicy::Kind::Rules:
        reply = QStringLiteral("rules");
        break;
    }
    m_ui->replyCombo->setCurrentIndex(qMax(0, m_ui->replyCombo->findData(reply)));
    handleReplyChanged();
    handleAddressEdited();
}

void ServerPanel::setRulesText(const QString &rules)
{
    m_rulesText = rules;
    handleReplyChanged();
}

bool ServerPanel::listen()
{
    QString error;
    std::optional<ServerOptions> options = currentOptions(&error);
    if (!options || !m_advanced->tlsFields()->prepare(&options->connection.tls, &error)) {
        showAddressMessage(error, true);
        return false;
    }
    SocketErrorInfo failure;
    if (!m_workbench->listen(*options, &failure)) {
        showAddressMessage(tr("Cannot listen on %1: %2")
                               .arg(options->address.toString(), failure.explanation.isEmpty()
                                                                     ? failure.message
                                                                     : failure.explanation),
                           true);
        return false;
    }
    m_typedAddress = m_ui->addressEdit->text();
    m_ui->addressEdit->setText(m_workbench->boundAddress().toString());
    showAddressMessage(QString(), false);
    m_ui->pauseAcceptButton->setChecked(false);
    updateWidgets();
    emit listening(m_workbench->boundAddress());
    return true;
}

void ServerPanel::stop()
{
    m_workbench->stopListening();
    // Back to what was asked for: port 0 picks a fresh port next time.
    if (!m_typedAddress.isEmpty())
        m_ui->addressEdit->setText(m_typedAddress);
    updateWidgets();
}

void ServerPanel::handleListenClicked()
{
    if (m_workbench->isListening())
        stop();
    else
        listen();
}

void ServerPanel::handleAddressEdited()
{
    QString error;
    if (HostPort::parse(m_ui->addressEdit->text().trimmed(), HostPort::Use::Listen, &error))
        showAddressMessage(QString(), false);
    else
        showAddressMessage(error, true);
}

std::optional<ReplyPolicy> ServerPanel::replyPolicy(QString *error) const
{
    const QString key = m_ui->replyCombo->currentData().toString();
    if (key == QLatin1String("rules")) {
        const ReplyRuleFile file = ReplyRuleParser().parseText(m_rulesText, tr("rules"));
        if (file.hasErrors()) {
            *error = tr("The reply rules have an error: %1")
                         .arg(file.diagnostics.constFirst().toString());
            return std::nullopt;
        }
        ReplyPolicy policy;
        policy.kind = ReplyPolicy::Kind::Rules; // each rule says its own delay and close
        policy.rules = ReplyRules::fromFile(file, error);
        return policy.rules ? std::optional<ReplyPolicy>(policy) : std::nullopt;
    }
    QString text = key;
    if (key == QLatin1String("text") || key == QLatin1String("hex"))
        text = key + QLatin1Char(':') + m_ui->replyArgumentEdit->text();
    std::optional<ReplyPolicy> policy = ReplyPolicy::parse(text, error);
    if (policy)
        m_advanced->applyReply(&*policy);
    return policy;
}

void ServerPanel::handleReplyChanged()
{
    const QString key = m_ui->replyCombo->currentData().toString();
    const bool needsArgument = key == QLatin1String("text") || key == QLatin1String("hex");
    const bool rules = key == QLatin1String("rules");
    m_ui->replyArgumentEdit->setVisible(!rules);
    m_rulesButton->setVisible(rules);
    m_ui->replyArgumentEdit->setEnabled(needsArgument);
    m_ui->replyArgumentEdit->setPlaceholderText(key == QLatin1String("hex")
                                                    ? tr("hex bytes, e.g. 2b 4f 4b 0d 0a")
                                                    : tr("text, C escapes: OK\\r\\n"));
    QString error;
    const std::optional<ReplyPolicy> policy = replyPolicy(&error);
    setInlineMessage(rules ? static_cast<QWidget *>(m_rulesButton) : m_ui->replyArgumentEdit,
                     policy ? QString() : error);
    if (policy)
        m_workbench->setReplyPolicy(*policy);
}

void ServerPanel::editRules()
{
    ReplyRulesDialog dialog(m_rulesText, this);
    connect(&dialog, &ReplyRulesDialog::applied, this, [this](const QString &rules) {
        m_rulesText = rules;
        handleReplyChanged(); // live: the next message meets the new rules
        emit statusMessage(tr("Reply rules applied."));
    });
    dialog.exec();
}

void ServerPanel::showAddressMessage(const QString &text, bool isError)
{
    setInlineMessage(m_ui->addressEdit, isError ? text : QString());
    showInlineLabel(m_ui->addressError, text, isError);
}

void ServerPanel::updateWidgets()
{
    const bool listening = m_workbench->isListening();
    m_ui->listenButton->setText(listening ? tr("Stop") : tr("Listen"));
    m_ui->addressEdit->setReadOnly(listening);
    m_ui->pauseAcceptButton->setEnabled(listening);
    // The qt engine has no TLS: the combo shows what the connections will use.
    const bool tls = m_advanced->tlsFields()->isOn();
    if (tls)
        m_ui->engineCombo->setCurrentIndex(
            qMax(0, m_ui->engineCombo->findData(engineKey(EngineKind::Native))));
    m_ui->engineCombo->setEnabled(!listening && !tls);
    m_ui->backlogSpin->setEnabled(!listening);
    m_advanced->setListening(listening);
    m_ui->exposureNote->setVisible(listening && !m_workbench->boundAddress().isLoopback());
}

void ServerPanel::handleReadOnce(qint64 maxBytes)
{
    if (Connection *connection = currentConnection())
        m_workbench->readOnce(connection, maxBytes);
}

Connection *ServerPanel::currentConnection() const
{
    return m_table->currentConnection();
}

void ServerPanel::selectConnection(const Connection *connection)
{
    m_table->selectConnection(connection);
}

void ServerPanel::setDefaultFraming(const QString &rx, const QString &tx)
{
    m_rxFraming = rx;
    m_txFraming = tx;
}

void ServerPanel::refresh()
{
    m_table->refresh();
    const Connection *current = currentConnection();
    m_advanced->setReadOnceEnabled(current && !isFinalState(current->state()));
}

void ServerPanel::saveSettings(QSettings &settings) const
{
    settings.setValue(QStringLiteral("server/address"),
                      m_workbench->isListening() ? m_typedAddress : m_ui->addressEdit->text());
    settings.setValue(QStringLiteral("server/reply"), m_ui->replyCombo->currentData());
    settings.setValue(QStringLiteral("server/replyArgument"), m_ui->replyArgumentEdit->text());
    settings.setValue(QStringLiteral("server/replyRules"), m_rulesText);
    settings.setValue(QStringLiteral("server/engine"), m_ui->engineCombo->currentData());
    settings.setValue(QStringLiteral("server/backlog"), m_ui->backlogSpin->value());
    settings.setValue(QStringLiteral("server/maxConnections"), m_ui->maxConnectionsSpin->value());
    settings.setValue(QStringLiteral("server/rxFraming"), m_rxFraming);
    settings.setValue(QStringLiteral("server/txFraming"), m_txFraming);
    settings.setValue(QStringLiteral("server/advancedOpen"), m_advancedSection->isExpanded());
    m_advanced->saveSettings(settings);
}

void ServerPanel::restoreSettings(const QSettings &settings)
{
    const QString address = settings.value(QStringLiteral("server/address")).toString();
    if (!address.isEmpty())
        m_ui->addressEdit->setText(address);
    const int reply = m_ui->replyCombo->findData(settings.value(QStringLiteral("server/reply")));
    if (reply >= 0)
        m_ui->replyCombo->setCurrentIndex(reply);
    m_ui->replyArgumentEdit->setText(
        settings.value(QStringLiteral("server/replyArgument")).toString());
    m_rulesText = settings.value(QStringLiteral("server/replyRules")).toString();
    const int engine = m_ui->engineCombo->findData(settings.value(QStringLiteral("server/engine")));
    if (engine >= 0)
        m_ui->engineCombo->setCurrentIndex(engine);
    m_ui->backlogSpin->setValue(
        settings.value(QStringLiteral("server/backlog"), ServerOptions::maxBacklog).toInt());
    m_ui->maxConnectionsSpin->setValue(
        settings.value(QStringLiteral("server/maxConnections"), 0).toInt());
    m_rxFraming = settings.value(QStringLiteral("server/rxFraming"), m_rxFraming).toString();
    m_txFraming = settings.value(QStringLiteral("server/txFraming"), m_txFraming).toString();
    m_advanced->restoreSettings(settings);
    m_advancedSection->setExpanded(settings.value(QStringLiteral("server/advancedOpen")).toBool());
    handleReplyChanged();
}

void ServerPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        m_rulesButton->setText(tr("Edit rules..."));
        m_rulesButton->setToolTip(
            tr("Which message gets which reply: the first rule that matches"));
        const int reply = m_ui->replyCombo->currentIndex();
        const int engine = m_ui->engineCombo->currentIndex();
        fillCombos();
        m_ui->replyCombo->setCurrentIndex(reply);
        m_ui->engineCombo->setCurrentIndex(engine);
        updateWidgets();
    }
    QWidget::changeEvent(event);
}

} // namespace TcpInspector
