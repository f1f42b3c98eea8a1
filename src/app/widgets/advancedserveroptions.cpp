// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/advancedserveroptions.h"

#include "views/flowlayout.h"
#include "widgets/advancedsection.h"
#include "widgets/connectionoptionfields.h"
#include "widgets/tlsoptionfields.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

namespace TcpInspector {

namespace {
constexpr int maxMs = 3600 * 1000;
const QString prefix = QStringLiteral("server/advanced/");

QString key(const char *name)
{
    return prefix + QLatin1String(name);
}
} // namespace

AdvancedServerOptions::AdvancedServerOptions(QWidget *parent)
    : QWidget(parent),
      m_listeningNote(new QLabel(this)),
      m_acceptLabel(new QLabel(this)),
      m_acceptMode(new QComboBox(this)),
      m_reuseAddress(new QCheckBox(this)),
      m_stayOpen(new QCheckBox(this)),
      m_closeAfterReply(new QCheckBox(this)),
      m_replyDelayLabel(new QLabel(this)),
      m_replyDelay(AdvancedSection::spinBox(maxMs, 100, this)),
      m_fields(new ConnectionOptionFields(prefix, this)),
      m_tls(
          new TlsOptionFields(TlsOptionFields::Role::Server, QStringLiteral("server/tls/"), this)),
      m_noDelay(new QCheckBox(this))
{
    setObjectName(QStringLiteral("advancedServerOptions"));
    m_acceptMode->setObjectName(QStringLiteral("acceptModeCombo"));
    m_reuseAddress->setObjectName(QStringLiteral("reuseAddressCheck"));
    m_stayOpen->setObjectName(QStringLiteral("stayOpenCheck"));
    m_closeAfterReply->setObjectName(QStringLiteral("closeAfterReplyCheck"));
    m_replyDelay->setObjectName(QStringLiteral("replyDelaySpin"));
    m_noDelay->setObjectName(QStringLiteral("noDelayCheck"));
    m_reuseAddress->setChecked(true);
    m_listeningNote->setObjectName(QStringLiteral("listeningNote"));
    m_listeningNote->setWordWrap(true);
    m_listeningNote->hide();

    // Label-field pairs in columns that wrap: a narrow panel, a large zoom
    // or a long language adds rows rather than a sideways scroll bar.
    auto *flow = new FlowLayout;
    flow->setUniformColumns(true);
    flow->addPair(m_acceptLabel, m_acceptMode);
    flow->addWidget(m_reuseAddress);
    flow->addWidget(m_stayOpen);
    flow->addWidget(m_closeAfterReply);
    flow->addPair(m_replyDelayLabel, m_replyDelay);
    m_fields->addDeadlines(flow);
    m_fields->addBuffers(flow);
    flow->addWidget(m_noDelay);
    flow->addWidget(m_fields->readOnceButton());
    m_tls->addFields(flow);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_listeningNote);
    layout->addLayout(flow);
    retranslate();

    connect(m_acceptMode, &QComboBox::currentIndexChanged, this, &AdvancedServerOptions::changed);
    for (QCheckBox *check : {m_reuseAddress, m_stayOpen, m_closeAfterReply, m_noDelay})
        connect(check, &QCheckBox::toggled, this, &AdvancedServerOptions::changed);
    connect(m_replyDelay, &QSpinBox::valueChanged, this, &AdvancedServerOptions::changed);
    connect(m_fields, &ConnectionOptionFields::changed, this, &AdvancedServerOptions::changed);
    connect(m_tls, &TlsOptionFields::changed, this, &AdvancedServerOptions::changed);
    connect(m_fields, &ConnectionOptionFields::readOnceRequested, this,
            &AdvancedServerOptions::readOnceRequested);
}

void AdvancedServerOptions::fillAcceptModes()
{
    const QVariant current = m_acceptMode->currentData();
    const QSignalBlocker blocker(m_acceptMode);
    m_acceptMode->clear();
    m_acceptMode->addItem(tr("every connection at once"), acceptModeKey(AcceptMode::Many));
    m_acceptMode->addItem(tr("one at a time"), acceptModeKey(AcceptMode::OneAtATime));
    m_acceptMode->addItem(tr("accept once"), acceptModeKey(AcceptMode::Once));
    m_acceptMode->setCurrentIndex(qMax(0, m_acceptMode->findData(current)));
}

void AdvancedServerOptions::retranslate()
{
    fillAcceptModes();
    m_listeningNote->setText(tr("Stop the server to change the greyed settings; the reply's "
                                "delay and close-after-reply apply at once."));
    m_acceptLabel->setText(tr("Serve"));
    m_acceptMode->setToolTip(
        tr("S3: every connection at once, as a loop with a goroutine per connection; one at a "
           "time, as a handler that is not a goroutine (the next client waits in the backlog "
           "until the current one closes); accept once, as a single Accept without a loop "
           "(later clients are never served)"));
    m_reuseAddress->setText(tr("SO_REUSEADDR"));
    m_reuseAddress->setToolTip(tr("S2: off, a restart meets the port held by TIME_WAIT "
                                  "(\"address already in use\")"));
    m_stayOpen->setText(tr("Stay open after the peer's EOF"));
    m_stayOpen->setToolTip(
        tr("S12, S13: keep a connection half-open after the peer's FIN instead of closing it; "
           "the native engine can still answer, and unclosed connections pile up in "
           "CLOSE_WAIT. The Qt engine closes anyway."));
    m_closeAfterReply->setText(tr("Close after reply"));
    m_closeAfterReply->setToolTip(tr("S12: close a connection after its first reply"));
    m_replyDelayLabel->setText(tr("Reply delay"));
    m_replyDelay->setSuffix(tr(" ms"));
    m_replyDelay->setSpecialValueText(tr("none"));
    m_replyDelay->setToolTip(tr("Wait this long before each reply: a client that closes "
                                "first meets an RST (lesson 17)"));
    m_fields->retranslate();
    m_tls->retranslate();
    m_noDelay->setText(tr("No delay (TCP_NODELAY)"));
    m_noDelay->setToolTip(tr("Nagle off on every accepted connection: write-write-read no "
                             "longer waits for the delayed ACK (lesson 18)"));
}

void AdvancedServerOptions::apply(ServerOptions *options) const
{
    options->acceptMode
        = acceptModeFromKey(m_acceptMode->currentData().toString()).value_or(AcceptMode::Many);
    options->reuseAddress = m_reuseAddress->isChecked();
    options->closeAtPeerEof = !m_stayOpen->isChecked();
    applyReply(&options->reply);
    m_fields->apply(&options->connection);
    options->connection.noDelay = m_noDelay->isChecked();
    m_tls->apply(&options->connection.tls);
}

void AdvancedServerOptions::applyReply(ReplyPolicy *policy) const
{
    policy->delayMs = m_replyDelay->value();
    policy->closeAfterReply = m_closeAfterReply->isChecked();
}

void AdvancedServerOptions::set(const ServerOptions &options)
{
    m_acceptMode->setCurrentIndex(
        qMax(0, m_acceptMode->findData(acceptModeKey(options.acceptMode))));
    m_reuseAddress->setChecked(options.reuseAddress);
    m_stayOpen->setChecked(!options.closeAtPeerEof);
    m_closeAfterReply->setChecked(options.reply.closeAfterReply);
    m_replyDelay->setValue(options.reply.delayMs);
    m_fields->set(options.connection);
    m_noDelay->setChecked(options.connection.noDelay);
    m_tls->set(options.connection.tls);
}

void AdvancedServerOptions::saveSettings(QSettings &settings) const
{
    settings.setValue(key("acceptMode"), m_acceptMode->currentData());
    settings.setValue(key("reuseAddress"), m_reuseAddress->isChecked());
    settings.setValue(key("stayOpen"), m_stayOpen->isChecked());
    settings.setValue(key("closeAfterReply"), m_closeAfterReply->isChecked());
    settings.setValue(key("replyDelayMs"), m_replyDelay->value());
    m_fields->saveSettings(settings);
    settings.setValue(key("noDelay"), m_noDelay->isChecked());
    m_tls->saveSettings(settings);
}

void AdvancedServerOptions::restoreSettings(const QSettings &settings)
{
    ServerOptions options; // the defaults for what was never saved
    options.acceptMode = acceptModeFromKey(settings.value(key("acceptMode")).toString())
                             .value_or(AcceptMode::Many);
    options.reuseAddress = settings.value(key("reuseAddress"), true).toBool();
    options.closeAtPeerEof = !settings.value(key("stayOpen"), false).toBool();
    options.reply.closeAfterReply = settings.value(key("closeAfterReply"), false).toBool();
    options.reply.delayMs = settings.value(key("replyDelayMs"), 0).toInt();
    m_fields->readSettings(settings, &options.connection);
    options.connection.noDelay = settings.value(key("noDelay"), false).toBool();
    m_tls->readSettings(settings, &options.connection.tls);
    set(options);
}

void AdvancedServerOptions::setListening(bool listening)
{
    // The reply's delay and close-after-reply act on the next message; the
    // rest is set when the listener opens or a connection is accepted.
    for (QWidget *field :
         std::initializer_list<QWidget *> {m_acceptMode, m_reuseAddress, m_stayOpen, m_noDelay})
        field->setEnabled(!listening);
    m_fields->setEditable(!listening);
    m_tls->setEditable(!listening);
    m_listeningNote->setVisible(listening);
}

void AdvancedServerOptions::setReadOnceEnabled(bool enabled)
{
    m_fields->setReadOnceEnabled(enabled);
}

void AdvancedServerOptions::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace TcpInspector
