// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/advancedclientoptions.h"

#include "widgets/advancedsection.h"

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
// What the Keepalive check box always meant: find a dead peer in about 25 s.
constexpr int defaultKeepIdle = 10;
constexpr int defaultKeepInterval = 5;
constexpr int defaultKeepCount = 3;

QString key(const char *name)
{
    return QStringLiteral("client/advanced/") + QLatin1String(name);
}

void addPair(QGridLayout *grid, int row, int column, QLabel *label, QWidget *field)
{
    label->setBuddy(field);
    grid->addWidget(label, row, column * 2);
    grid->addWidget(field, row, column * 2 + 1);
}

QSpinBox *named(QSpinBox *spin, const char *name)
{
    spin->setObjectName(QLatin1String(name));
    return spin;
}
} // namespace

AdvancedClientOptions::AdvancedClientOptions(QWidget *parent)
    : QWidget(parent),
      m_idleTimeoutLabel(new QLabel(this)),
      m_idleTimeout(named(AdvancedSection::spinBox(maxMs, 500, this), "idleTimeoutSpin")),
      m_writeStallLabel(new QLabel(this)),
      m_writeStall(named(AdvancedSection::spinBox(maxMs, 500, this), "writeStallSpin")),
      m_readSliceLabel(new QLabel(this)),
      m_readSlice(named(AdvancedSection::spinBox(maxBytes, 1, this), "readSliceSpin")),
      m_readOnce(new QPushButton(this)),
      m_keepIdleLabel(new QLabel(this)),
      m_keepIdle(named(AdvancedSection::spinBox(86400, 1, this), "keepIdleSpin")),
      m_keepIntervalLabel(new QLabel(this)),
      m_keepInterval(named(AdvancedSection::spinBox(86400, 1, this), "keepIntervalSpin")),
      m_keepCountLabel(new QLabel(this)),
      m_keepCount(named(AdvancedSection::spinBox(127, 1, this), "keepCountSpin")),
      m_userTimeoutLabel(new QLabel(this)),
      m_userTimeout(named(AdvancedSection::spinBox(maxMs, 1000, this), "userTimeoutSpin")),
      m_synRetriesLabel(new QLabel(this)),
      m_synRetries(named(AdvancedSection::spinBox(127, 1, this), "synRetriesSpin")),
      m_maxSegmentLabel(new QLabel(this)),
      m_maxSegment(named(AdvancedSection::spinBox(65535, 100, this), "maxSegmentSpin")),
      m_receiveBufferLabel(new QLabel(this)),
      m_receiveBuffer(named(AdvancedSection::spinBox(maxBytes, 1024, this), "receiveBufferSpin")),
      m_sendBufferLabel(new QLabel(this)),
      m_sendBuffer(named(AdvancedSection::spinBox(maxBytes, 1024, this), "sendBufferSpin"))
{
    setObjectName(QStringLiteral("advancedClientOptions"));
    m_readOnce->setObjectName(QStringLiteral("readOnceButton"));
    m_readOnce->setEnabled(false);
    m_keepIdle->setValue(defaultKeepIdle);
    m_keepInterval->setValue(defaultKeepInterval);
    m_keepCount->setValue(defaultKeepCount);

    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    addPair(grid, 0, 0, m_idleTimeoutLabel, m_idleTimeout);
    addPair(grid, 0, 1, m_writeStallLabel, m_writeStall);
    addPair(grid, 1, 0, m_readSliceLabel, m_readSlice);
    grid->addWidget(m_readOnce, 1, 3);
    addPair(grid, 2, 0, m_keepIdleLabel, m_keepIdle);
    addPair(grid, 2, 1, m_keepIntervalLabel, m_keepInterval);
    addPair(grid, 3, 0, m_keepCountLabel, m_keepCount);
    addPair(grid, 3, 1, m_userTimeoutLabel, m_userTimeout);
    addPair(grid, 4, 0, m_synRetriesLabel, m_synRetries);
    addPair(grid, 4, 1, m_maxSegmentLabel, m_maxSegment);
    addPair(grid, 5, 0, m_receiveBufferLabel, m_receiveBuffer);
    addPair(grid, 5, 1, m_sendBufferLabel, m_sendBuffer);
    // Fields as wide as their text, the room left over at the end.
    grid->setColumnStretch(4, 1);
    retranslate();

    for (QSpinBox *spin :
         {m_idleTimeout, m_writeStall, m_readSlice, m_keepIdle, m_keepInterval, m_keepCount,
          m_userTimeout, m_synRetries, m_maxSegment, m_receiveBuffer, m_sendBuffer})
        connect(spin, &QSpinBox::valueChanged, this, &AdvancedClientOptions::changed);
    connect(m_readOnce, &QPushButton::clicked, this, [this] {
        emit readOnceRequested(m_readSlice->value() > 0 ? m_readSlice->value() : readOnceDefault);
    });
}

void AdvancedClientOptions::retranslate()
{
    m_idleTimeoutLabel->setText(tr("Idle timeout"));
    m_idleTimeout->setToolTip(tr("S6: close the connection after this long without a read, as "
                                 "a read deadline does; without one a silent peer blocks a "
                                 "read forever"));
    m_writeStallLabel->setText(tr("Write stall"));
    m_writeStall->setToolTip(tr("S6: warn when bytes wait this long to be sent, as against a "
                                "peer that does not read"));
    for (QSpinBox *spin : {m_idleTimeout, m_writeStall}) {
        spin->setSuffix(tr(" ms"));
        spin->setSpecialValueText(tr("off"));
    }
    m_readSliceLabel->setText(tr("Read slice"));
    m_readSlice->setSuffix(tr(" bytes"));
    m_readSlice->setSpecialValueText(tr("all there is"));
    m_readSlice->setToolTip(tr("S8, S10: read at most this many bytes at a time, as a small "
                               "buffer does: one message then arrives as several reads"));
    m_readOnce->setText(tr("Read once"));
    m_readOnce->setToolTip(tr("One read of at most the read slice (64 KiB without one) on the "
                              "selected connection; pause its reading first"));
    m_keepIdleLabel->setText(tr("Keepalive idle"));
    m_keepIdle->setToolTip(tr("S5: TCP_KEEPIDLE, how long the connection is idle before the "
                              "first probe (when Keepalive is on)"));
    m_keepIntervalLabel->setText(tr("Interval"));
    m_keepInterval->setToolTip(tr("S5: TCP_KEEPINTVL, the time between probes"));
    for (QSpinBox *spin : {m_keepIdle, m_keepInterval}) {
        spin->setSuffix(tr(" s"));
        spin->setSpecialValueText(tr("system default"));
    }
    m_keepCountLabel->setText(tr("Probes"));
    m_keepCount->setSpecialValueText(tr("system default"));
    m_keepCount->setToolTip(tr("S5: TCP_KEEPCNT, unanswered probes before the connection is "
                               "dropped"));
    m_userTimeoutLabel->setText(tr("User timeout"));
    m_userTimeout->setSuffix(tr(" ms"));
    m_userTimeout->setSpecialValueText(tr("system default"));
    m_userTimeout->setToolTip(tr("S5: TCP_USER_TIMEOUT, give up when sent data stays "
                                 "unacknowledged this long (lesson 9)"));
    m_synRetriesLabel->setText(tr("SYN retries"));
    m_synRetries->setSpecialValueText(tr("system default"));
    m_synRetries->setToolTip(tr("S5: TCP_SYNCNT, how often a SYN is sent again; the system's 6 "
                                "take about 127 s before connect gives up"));
    m_maxSegmentLabel->setText(tr("MSS"));
    m_maxSegment->setSuffix(tr(" bytes"));
    m_maxSegment->setSpecialValueText(tr("system default"));
    m_maxSegment->setToolTip(tr("TCP_MAXSEG, set before the handshake: small segments make a "
                                "message arrive as several reads (S8)"));
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

void AdvancedClientOptions::apply(ClientOptions *options) const
{
    options->keepalive.idleSeconds = m_keepIdle->value();
    options->keepalive.intervalSeconds = m_keepInterval->value();
    options->keepalive.count = m_keepCount->value();
    options->userTimeoutMs = m_userTimeout->value();
    ConnectionOptions &connection = options->connection;
    connection.idleTimeoutMs = m_idleTimeout->value();
    connection.writeStallMs = m_writeStall->value();
    connection.readSlice = m_readSlice->value();
    connection.synRetries = m_synRetries->value();
    connection.maxSegment = m_maxSegment->value();
    connection.receiveBuffer = m_receiveBuffer->value();
    connection.sendBuffer = m_sendBuffer->value();
}

void AdvancedClientOptions::set(const ClientOptions &options)
{
    m_keepIdle->setValue(options.keepalive.idleSeconds);
    m_keepInterval->setValue(options.keepalive.intervalSeconds);
    m_keepCount->setValue(options.keepalive.count);
    m_userTimeout->setValue(options.userTimeoutMs);
    m_idleTimeout->setValue(options.connection.idleTimeoutMs);
    m_writeStall->setValue(options.connection.writeStallMs);
    m_readSlice->setValue(int(qMin<qint64>(options.connection.readSlice, maxBytes)));
    m_synRetries->setValue(options.connection.synRetries);
    m_maxSegment->setValue(options.connection.maxSegment);
    m_receiveBuffer->setValue(options.connection.receiveBuffer);
    m_sendBuffer->setValue(options.connection.sendBuffer);
}

void AdvancedClientOptions::saveSettings(QSettings &settings) const
{
    settings.setValue(key("idleTimeoutMs"), m_idleTimeout->value());
    settings.setValue(key("writeStallMs"), m_writeStall->value());
    settings.setValue(key("readSlice"), m_readSlice->value());
    settings.setValue(key("keepaliveIdle"), m_keepIdle->value());
    settings.setValue(key("keepaliveInterval"), m_keepInterval->value());
    settings.setValue(key("keepaliveCount"), m_keepCount->value());
    settings.setValue(key("userTimeoutMs"), m_userTimeout->value());
    settings.setValue(key("synRetries"), m_synRetries->value());
    settings.setValue(key("maxSegment"), m_maxSegment->value());
    settings.setValue(key("receiveBuffer"), m_receiveBuffer->value());
    settings.setValue(key("sendBuffer"), m_sendBuffer->value());
}

void AdvancedClientOptions::restoreSettings(const QSettings &settings)
{
    ClientOptions options; // the defaults for what was never saved
    options.keepalive.idleSeconds = settings.value(key("keepaliveIdle"), defaultKeepIdle).toInt();
    options.keepalive.intervalSeconds
        = settings.value(key("keepaliveInterval"), defaultKeepInterval).toInt();
    options.keepalive.count = settings.value(key("keepaliveCount"), defaultKeepCount).toInt();
    options.userTimeoutMs = settings.value(key("userTimeoutMs"), 0).toInt();
    options.connection.idleTimeoutMs = settings.value(key("idleTimeoutMs"), 0).toInt();
    options.connection.writeStallMs = settings.value(key("writeStallMs"), 0).toInt();
    options.connection.readSlice = settings.value(key("readSlice"), 0).toInt();
    options.connection.synRetries = settings.value(key("synRetries"), 0).toInt();
    options.connection.maxSegment = settings.value(key("maxSegment"), 0).toInt();
    options.connection.receiveBuffer = settings.value(key("receiveBuffer"), 0).toInt();
    options.connection.sendBuffer = settings.value(key("sendBuffer"), 0).toInt();
    set(options);
}

void AdvancedClientOptions::setReadOnceEnabled(bool enabled)
{
    m_readOnce->setEnabled(enabled);
}

void AdvancedClientOptions::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace TcpInspector
