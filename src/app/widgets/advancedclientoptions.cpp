// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/advancedclientoptions.h"

#include "views/flowlayout.h"
#include "widgets/advancedsection.h"
#include "widgets/connectionoptionfields.h"
#include "widgets/tlsoptionfields.h"

#include <QEvent>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>

namespace TcpInspector {

namespace {
constexpr int maxMs = 3600 * 1000;
// What the Keepalive check box always meant: find a dead peer in about 25 s.
constexpr int defaultKeepIdle = 10;
constexpr int defaultKeepInterval = 5;
constexpr int defaultKeepCount = 3;
const QString prefix = QStringLiteral("client/advanced/");

QString key(const char *name)
{
    return prefix + QLatin1String(name);
}

QSpinBox *named(QSpinBox *spin, const char *name)
{
    spin->setObjectName(QLatin1String(name));
    return spin;
}
} // namespace

AdvancedClientOptions::AdvancedClientOptions(QWidget *parent)
    : QWidget(parent),
      m_fields(new ConnectionOptionFields(prefix, this)),
      m_tls(
          new TlsOptionFields(TlsOptionFields::Role::Client, QStringLiteral("client/tls/"), this)),
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
      m_maxSegment(named(AdvancedSection::spinBox(65535, 100, this), "maxSegmentSpin"))
{
    setObjectName(QStringLiteral("advancedClientOptions"));
    m_keepIdle->setValue(defaultKeepIdle);
    m_keepInterval->setValue(defaultKeepInterval);
    m_keepCount->setValue(defaultKeepCount);

    // Label-field pairs in columns that wrap: a narrow panel, a large zoom
    // or a long language adds rows rather than a sideways scroll bar.
    auto *flow = new FlowLayout(this);
    flow->setUniformColumns(true);
    flow->setContentsMargins(0, 0, 0, 0);
    m_fields->addDeadlines(flow);
    flow->addWidget(m_fields->readOnceButton());
    flow->addPair(m_keepIdleLabel, m_keepIdle);
    flow->addPair(m_keepIntervalLabel, m_keepInterval);
    flow->addPair(m_keepCountLabel, m_keepCount);
    flow->addPair(m_userTimeoutLabel, m_userTimeout);
    flow->addPair(m_synRetriesLabel, m_synRetries);
    flow->addPair(m_maxSegmentLabel, m_maxSegment);
    m_fields->addBuffers(flow);
    m_tls->addFields(flow);
    retranslate();

    connect(m_fields, &ConnectionOptionFields::changed, this, &AdvancedClientOptions::changed);
    connect(m_tls, &TlsOptionFields::changed, this, &AdvancedClientOptions::changed);
    connect(m_fields, &ConnectionOptionFields::readOnceRequested, this,
            &AdvancedClientOptions::readOnceRequested);
    for (QSpinBox *spin :
         {m_keepIdle, m_keepInterval, m_keepCount, m_userTimeout, m_synRetries, m_maxSegment})
        connect(spin, &QSpinBox::valueChanged, this, &AdvancedClientOptions::changed);
}

void AdvancedClientOptions::retranslate()
{
    m_fields->retranslate();
    m_tls->retranslate();
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
}

void AdvancedClientOptions::apply(ClientOptions *options) const
{
    options->keepalive.idleSeconds = m_keepIdle->value();
    options->keepalive.intervalSeconds = m_keepInterval->value();
    options->keepalive.count = m_keepCount->value();
    options->userTimeoutMs = m_userTimeout->value();
    m_fields->apply(&options->connection);
    options->connection.synRetries = m_synRetries->value();
    options->connection.maxSegment = m_maxSegment->value();
    m_tls->apply(&options->connection.tls);
}

void AdvancedClientOptions::set(const ClientOptions &options)
{
    m_keepIdle->setValue(options.keepalive.idleSeconds);
    m_keepInterval->setValue(options.keepalive.intervalSeconds);
    m_keepCount->setValue(options.keepalive.count);
    m_userTimeout->setValue(options.userTimeoutMs);
    m_fields->set(options.connection);
    m_synRetries->setValue(options.connection.synRetries);
    m_maxSegment->setValue(options.connection.maxSegment);
    m_tls->set(options.connection.tls);
}

void AdvancedClientOptions::saveSettings(QSettings &settings) const
{
    m_fields->saveSettings(settings);
    settings.setValue(key("keepaliveIdle"), m_keepIdle->value());
    settings.setValue(key("keepaliveInterval"), m_keepInterval->value());
    settings.setValue(key("keepaliveCount"), m_keepCount->value());
    settings.setValue(key("userTimeoutMs"), m_userTimeout->value());
    settings.setValue(key("synRetries"), m_synRetries->value());
    settings.setValue(key("maxSegment"), m_maxSegment->value());
    m_tls->saveSettings(settings);
}

void AdvancedClientOptions::restoreSettings(const QSettings &settings)
{
    ClientOptions options; // the defaults for what was never saved
    options.keepalive.idleSeconds = settings.value(key("keepaliveIdle"), defaultKeepIdle).toInt();
    options.keepalive.intervalSeconds
        = settings.value(key("keepaliveInterval"), defaultKeepInterval).toInt();
    options.keepalive.count = settings.value(key("keepaliveCount"), defaultKeepCount).toInt();
    options.userTimeoutMs = settings.value(key("userTimeoutMs"), 0).toInt();
    m_fields->readSettings(settings, &options.connection);
    options.connection.synRetries = settings.value(key("synRetries"), 0).toInt();
    options.connection.maxSegment = settings.value(key("maxSegment"), 0).toInt();
    m_tls->readSettings(settings, &options.connection.tls);
    set(options);
}

void AdvancedClientOptions::setReadOnceEnabled(bool enabled)
{
    m_fields->setReadOnceEnabled(enabled);
}

void AdvancedClientOptions::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace TcpInspector
