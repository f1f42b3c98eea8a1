// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/connectionoptionfields.h"

#include "views/flowlayout.h"
#include "widgets/advancedsection.h"

#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>

#include <utility>

namespace TcpInspector {

namespace {
constexpr int maxMs = 3600 * 1000;
constexpr int maxBytes = 64 * 1024 * 1024;
constexpr qint64 readOnceDefault = qint64(64) * 1024; ///< "Read once" without a read slice

QSpinBox *namedSpin(int maximum, int step, QWidget *parent, const char *name)
{
    QSpinBox *spin = AdvancedSection::spinBox(maximum, step, parent);
    spin->setObjectName(QLatin1String(name));
    return spin;
}
} // namespace

ConnectionOptionFields::ConnectionOptionFields(QString settingsPrefix, QWidget *form)
    : QObject(form),
      m_prefix(std::move(settingsPrefix)),
      m_idleTimeoutLabel(new QLabel(form)),
      m_idleTimeout(namedSpin(maxMs, 500, form, "idleTimeoutSpin")),
      m_writeStallLabel(new QLabel(form)),
      m_writeStall(namedSpin(maxMs, 500, form, "writeStallSpin")),
      m_readSliceLabel(new QLabel(form)),
      m_readSlice(namedSpin(maxBytes, 1, form, "readSliceSpin")),
      m_readOnce(new QPushButton(form)),
      m_receiveBufferLabel(new QLabel(form)),
      m_receiveBuffer(namedSpin(maxBytes, 1024, form, "receiveBufferSpin")),
      m_sendBufferLabel(new QLabel(form)),
      m_sendBuffer(namedSpin(maxBytes, 1024, form, "sendBufferSpin"))
{
    m_readOnce->setObjectName(QStringLiteral("readOnceButton"));
    m_readOnce->setEnabled(false);
    for (QSpinBox *spin : {m_idleTimeout, m_writeStall, m_readSlice, m_receiveBuffer, m_sendBuffer})
        connect(spin, &QSpinBox::valueChanged, this, &ConnectionOptionFields::changed);
    connect(m_readOnce, &QPushButton::clicked, this, [this] {
        emit readOnceRequested(m_readSlice->value() > 0 ? m_readSlice->value() : readOnceDefault);
    });
}

QString ConnectionOptionFields::key(const char *name) const
{
    return m_prefix + QLatin1String(name);
}

void ConnectionOptionFields::addDeadlines(FlowLayout *flow)
{
    flow->addPair(m_idleTimeoutLabel, m_idleTimeout);
    flow->addPair(m_writeStallLabel, m_writeStall);
    flow->addPair(m_readSliceLabel, m_readSlice);
}

void ConnectionOptionFields::addBuffers(FlowLayout *flow)
{
    flow->addPair(m_receiveBufferLabel, m_receiveBuffer);
    flow->addPair(m_sendBufferLabel, m_sendBuffer);
}

void ConnectionOptionFields::retranslate()
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

void ConnectionOptionFields::apply(ConnectionOptions *options) const
{
    options->idleTimeoutMs = m_idleTimeout->value();
    options->writeStallMs = m_writeStall->value();
    options->readSlice = m_readSlice->value();
    options->receiveBuffer = m_receiveBuffer->value();
    options->sendBuffer = m_sendBuffer->value();
}

void ConnectionOptionFields::set(const ConnectionOptions &options)
{
    m_idleTimeout->setValue(options.idleTimeoutMs);
    m_writeStall->setValue(options.writeStallMs);
    m_readSlice->setValue(int(qMin<qint64>(options.readSlice, maxBytes)));
    m_receiveBuffer->setValue(options.receiveBuffer);
    m_sendBuffer->setValue(options.sendBuffer);
}

void ConnectionOptionFields::saveSettings(QSettings &settings) const
{
    settings.setValue(key("idleTimeoutMs"), m_idleTimeout->value());
    settings.setValue(key("writeStallMs"), m_writeStall->value());
    settings.setValue(key("readSlice"), m_readSlice->value());
    settings.setValue(key("receiveBuffer"), m_receiveBuffer->value());
    settings.setValue(key("sendBuffer"), m_sendBuffer->value());
}

void ConnectionOptionFields::readSettings(const QSettings &settings,
                                          ConnectionOptions *options) const
{
    options->idleTimeoutMs = settings.value(key("idleTimeoutMs"), 0).toInt();
    options->writeStallMs = settings.value(key("writeStallMs"), 0).toInt();
    options->readSlice = settings.value(key("readSlice"), 0).toInt();
    options->receiveBuffer = settings.value(key("receiveBuffer"), 0).toInt();
    options->sendBuffer = settings.value(key("sendBuffer"), 0).toInt();
}

void ConnectionOptionFields::setEditable(bool editable)
{
    for (QSpinBox *spin : {m_idleTimeout, m_writeStall, m_readSlice, m_receiveBuffer, m_sendBuffer})
        spin->setEnabled(editable);
}

void ConnectionOptionFields::setReadOnceEnabled(bool enabled)
{
    m_readOnce->setEnabled(enabled);
}

} // namespace TcpInspector
