// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/advancedserveroptions.h"

#include "widgets/advancedsection.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>

namespace TcpInspector {

namespace {
constexpr int maxMs = 3600 * 1000;
constexpr int maxBytes = 64 * 1024 * 1024;
constexpr qint64 readOnceDefault = qint64(64) * 1024; ///< "Read once" without a read slice

QString key(const char *name)
{
    return QStringLiteral("server/advanced/") + QLatin1String(name);
}

void addPair(QGridLayout *grid, int row, int column, QLabel *label, QWidget *field)
{
    label->setBuddy(field);
    grid->addWidget(label, row, column * 2);
    grid->addWidget(field, row, column * 2 + 1);
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
      m_idleTimeoutLabel(new QLabel(this)),
      m_idleTimeout(AdvancedSection::spinBox(maxMs, 500, this)),
      m_writeStallLabel(new QLabel(this)),
      m_writeStall(AdvancedSection::spinBox(maxMs, 500, this)),
      m_readSliceLabel(new QLabel(this)),
      m_readSlice(AdvancedSection::spinBox(maxBytes, 1, this)),
      m_readOnce(new QPushButton(this)),
      m_noDelay(new QCheckBox(this)),
      m_receiveBufferLabel(new QLabel(this)),
      m_receiveBuffer(AdvancedSection::spinBox(maxBytes, 1024, this)),
      m_sendBufferLabel(new QLabel(this)),
      m_sendBuffer(AdvancedSection::spinBox(maxBytes, 1024, this))
{
    setObjectName(QStringLiteral("advancedServerOptions"));
    m_acceptMode->setObjectName(QStringLiteral("acceptModeCombo"));
    m_reuseAddress->setObjectName(QStringLiteral("reuseAddressCheck"));
    m_stayOpen->setObjectName(QStringLiteral("stayOpenCheck"));
    m_closeAfterReply->setObjectName(QStringLiteral("closeAfterReplyCheck"));
    m_replyDelay->setObjectName(QStringLiteral("replyDelaySpin"));
    m_idleTimeout->setObjectName(QStringLiteral("idleTimeoutSpin"));
    m_writeStall->setObjectName(QStringLiteral("writeStallSpin"));
    m_readSlice->setObjectName(QStringLiteral("readSliceSpin"));
    m_readOnce->setObjectName(QStringLiteral("readOnceButton"));
    m_noDelay->setObjectName(QStringLiteral("noDelayCheck"));
    m_receiveBuffer->setObjectName(QStringLiteral("receiveBufferSpin"));
    m_sendBuffer->setObjectName(QStringLiteral("sendBufferSpin"));
    m_reuseAddress->setChecked(true);
    m_readOnce->setEnabled(false);
    m_listeningNote->setObjectName(QStringLiteral("listeningNote"));
    m_listeningNote->setWordWrap(true);
    m_listeningNote->hide();

    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(m_listeningNote, 0, 0, 1, 5);
    addPair(grid, 1, 0, m_acceptLabel, m_acceptMode);
    grid->addWidget(m_reuseAddress, 1, 2, 1, 2);
    grid->addWidget(m_stayOpen, 2, 0, 1, 2);
    grid->addWidget(m_closeAfterReply, 2, 2, 1, 2);
    addPair(grid, 3, 0, m_replyDelayLabel, m_replyDelay);
    addPair(grid, 3, 1, m_idleTimeoutLabel, m_idleTimeout);
    addPair(grid, 4, 0, m_writeStallLabel, m_writeStall);
    addPair(grid, 4, 1, m_readSliceLabel, m_readSlice);
    addPair(grid, 5, 0, m_receiveBufferLabel, m_receiveBuffer);
    addPair(grid, 5, 1, m_sendBufferLabel, m_sendBuffer);
    grid->addWidget(m_noDelay, 6, 0, 1, 2);
    grid->addWidget(m_readOnce, 6, 3);
    // Fields as wide as their text, the room left over at the end.
    grid->setColumnStretch(4, 1);
    retranslate();

    connect(m_acceptMode, &QComboBox::currentIndexChanged, this, &AdvancedServerOptions::changed);
    for (QCheckBox *check : {m_reuseAddress, m_stayOpen, m_closeAfterReply, m_noDelay})
        connect(check, &QCheckBox::toggled, this, &AdvancedServerOptions::changed);
    for (QSpinBox *spin :
         {m_replyDelay, m_idleTimeout, m_writeStall, m_readSlice, m_receiveBuffer, m_sendBuffer})
        connect(spin, &QSpinBox::valueChanged, this, &AdvancedServerOptions::changed);
    connect(m_readOnce, &QPushButton::clicked, this, [this] {
        emit readOnceRequested(m_readSlice->value() > 0 ? m_readSlice->value() : readOnceDefault);
    });
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
    m_idleTimeoutLabel->setText(tr("Idle timeout"));
    m_idleTimeout->setSuffix(tr(" ms"));
    m_idleTimeout->setSpecialValueText(tr("off"));
    m_idleTimeout->setToolTip(tr("S6: close a connection after this long without a read, as "
                                 "a read deadline does"));
    m_writeStallLabel->setText(tr("Write stall"));
    m_writeStall->setSuffix(tr(" ms"));
    m_writeStall->setSpecialValueText(tr("off"));
    m_writeStall->setToolTip(tr("S6: warn when bytes wait this long to be sent, as against a "
                                "peer that does not read"));
    m_readSliceLabel->setText(tr("Read slice"));
    m_readSlice->setSuffix(tr(" bytes"));
    m_readSlice->setSpecialValueText(tr("all there is"));
    m_readSlice->setToolTip(tr("S8, S10: read at most this many bytes at a time, as a small "
                               "buffer does: one message then arrives as several reads"));
    m_readOnce->setText(tr("Read once"));
    m_readOnce->setToolTip(tr("One read of at most the read slice (64 KiB without one) on the "
                              "selected connection; pause its reading first"));
    m_noDelay->setText(tr("No delay (TCP_NODELAY)"));
    m_noDelay->setToolTip(tr("Nagle off on every accepted connection: write-write-read no "
                             "longer waits for the delayed ACK (lesson 18)"));
    m_receiveBufferLabel->setText(tr("SO_RCVBUF"));
    m_sendBufferLabel->setText(tr("SO_SNDBUF"));
    for (QSpinBox *spin : {m_receiveBuffer, m_sendBuffer}) {
        spin->setSuffix(tr(" bytes"));
        spin->setSpecialValueText(tr("system default"));
    }
    m_receiveBuffer->setToolTip(tr("Receive buffer (the kernel doubles it): a small one fills "
                                   "the window of a slow reader soon (lesson 20)"));
    m_sendBuffer->setToolTip(tr("Send buffer (the kernel doubles it): a small one makes a "
                                "write stall soon against a peer that does not read (S6)"));
}

void AdvancedServerOptions::apply(ServerOptions *options) const
{
    options->acceptMode
        = acceptModeFromKey(m_acceptMode->currentData().toString()).value_or(AcceptMode::Many);
    options->reuseAddress = m_reuseAddress->isChecked();
    options->closeAtPeerEof = !m_stayOpen->isChecked();
    applyReply(&options->reply);
    ConnectionOptions &connection = options->connection;
    connection.idleTimeoutMs = m_idleTimeout->value();
    connection.writeStallMs = m_writeStall->value();
    connection.readSlice = m_readSlice->value();
    connection.noDelay = m_noDelay->isChecked();
    connection.receiveBuffer = m_receiveBuffer->value();
    connection.sendBuffer = m_sendBuffer->value();
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
    m_idleTimeout->setValue(options.connection.idleTimeoutMs);
    m_writeStall->setValue(options.connection.writeStallMs);
    m_readSlice->setValue(int(qMin<qint64>(options.connection.readSlice, maxBytes)));
    m_noDelay->setChecked(options.connection.noDelay);
    m_receiveBuffer->setValue(options.connection.receiveBuffer);
    m_sendBuffer->setValue(options.connection.sendBuffer);
}

void AdvancedServerOptions::saveSettings(QSettings &settings) const
{
    settings.setValue(key("acceptMode"), m_acceptMode->currentData());
    settings.setValue(key("reuseAddress"), m_reuseAddress->isChecked());
    settings.setValue(key("stayOpen"), m_stayOpen->isChecked());
    settings.setValue(key("closeAfterReply"), m_closeAfterReply->isChecked());
    settings.setValue(key("replyDelayMs"), m_replyDelay->value());
    settings.setValue(key("idleTimeoutMs"), m_idleTimeout->value());
    settings.setValue(key("writeStallMs"), m_writeStall->value());
    settings.setValue(key("readSlice"), m_readSlice->value());
    settings.setValue(key("noDelay"), m_noDelay->isChecked());
    settings.setValue(key("receiveBuffer"), m_receiveBuffer->value());
    settings.setValue(key("sendBuffer"), m_sendBuffer->value());
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
    options.connection.idleTimeoutMs = settings.value(key("idleTimeoutMs"), 0).toInt();
    options.connection.writeStallMs = settings.value(key("writeStallMs"), 0).toInt();
    options.connection.readSlice = settings.value(key("readSlice"), 0).toInt();
    options.connection.noDelay = settings.value(key("noDelay"), false).toBool();
    options.connection.receiveBuffer = settings.value(key("receiveBuffer"), 0).toInt();
    options.connection.sendBuffer = settings.value(key("sendBuffer"), 0).toInt();
    set(options);
}

void AdvancedServerOptions::setListening(bool listening)
{
    // The reply's delay and close-after-reply act on the next message; the
    // rest is set when the listener opens or a connection is accepted.
    for (QWidget *field : std::initializer_list<QWidget *> {
             m_acceptMode, m_reuseAddress, m_stayOpen, m_idleTimeout, m_writeStall, m_readSlice,
             m_noDelay, m_receiveBuffer, m_sendBuffer})
        field->setEnabled(!listening);
    m_listeningNote->setVisible(listening);
}

void AdvancedServerOptions::setReadOnceEnabled(bool enabled)
{
    m_readOnce->setEnabled(enabled);
}

void AdvancedServerOptions::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace TcpInspector
