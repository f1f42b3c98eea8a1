// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/relayfaultseditor.h"

#include "views/flowlayout.h"

#include <QCheckBox>
#include <QEvent>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

#include <limits>

namespace TcpInspector {

namespace {
constexpr int kMaxMs = 600000; // as the command line allows
} // namespace

RelayFaultsEditor::RelayFaultsEditor(QWidget *parent)
    : QWidget(parent),
      m_resetAfter(nullptr),
      m_connectDelay(nullptr),
      m_resetAfterLabel(new QLabel(this)),
      m_connectDelayLabel(new QLabel(this)),
      m_refuseNew(new QCheckBox(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    const int maxInt = std::numeric_limits<int>::max();
    const auto label = [this](int d) {
        auto *l = new QLabel(this);
        m_labels[d].append(l);
        return l;
    };
    for (int d : {RelayFaults::ClientToServer, RelayFaults::ServerToClient}) {
        const QString key
            = d == RelayFaults::ClientToServer ? QStringLiteral("c2s") : QStringLiteral("s2c");
        m_heads[d] = new QLabel(this);
        QFont bold = m_heads[d]->font();
        bold.setBold(true);
        m_heads[d]->setFont(bold);
        m_pause[d] = new QCheckBox(this);
        m_pause[d]->setObjectName(QStringLiteral("fault_pause_") + key);
        connect(m_pause[d], &QCheckBox::toggled, this, [this] {
            if (!m_setting)
                emit faultsEdited();
        });
        Column &c = m_columns[d];
        c.latency = addSpin(QStringLiteral("fault_latency_") + key, 0, kMaxMs);
        c.jitter = addSpin(QStringLiteral("fault_jitter_") + key, 0, kMaxMs);
        c.bandwidth = addSpin(QStringLiteral("fault_bandwidth_") + key, 0, maxInt);
        c.slice = addSpin(QStringLiteral("fault_slice_") + key, 0, 1 << 20);
        c.sliceDelay = addSpin(QStringLiteral("fault_sliceDelay_") + key, 0, kMaxMs);
        c.coalesce = addSpin(QStringLiteral("fault_coalesce_") + key, 0, kMaxMs);
        c.limit = addSpin(QStringLiteral("fault_limit_") + key, -1, maxInt);
        c.limitReset = new QCheckBox(this);
        c.limitReset->setObjectName(QStringLiteral("fault_limitReset_") + key);
        connect(c.limitReset, &QCheckBox::toggled, this, [this] {
            if (!m_setting)
                emit faultsEdited();
        });
        c.bandwidth->setSingleStep(1000);
        c.limit->setValue(-1);
        // One line per direction; it wraps between groups when narrow.
        auto *line = new FlowLayout;
        line->addGroup({m_heads[d], m_pause[d]});
        line->addGroup({label(d), c.latency, label(d), c.jitter});
        line->addGroup({label(d), c.bandwidth});
        line->addGroup({label(d), c.slice, label(d), c.sliceDelay});
        line->addGroup({label(d), c.coalesce});
        line->addGroup({label(d), c.limit, c.limitReset});
        const QList<QSpinBox *> buddies {c.latency,    c.jitter,   c.bandwidth, c.slice,
                                         c.sliceDelay, c.coalesce, c.limit};
        for (int i = 0; i < buddies.size(); ++i)
            m_labels[d][i]->setBuddy(buddies[i]);
        layout->addLayout(line);
    }
    m_resetAfter = addSpin(QStringLiteral("fault_resetAfter"), 0, kMaxMs);
    m_connectDelay = addSpin(QStringLiteral("fault_connectDelay"), 0, kMaxMs);
    m_refuseNew->setObjectName(QStringLiteral("fault_refuseNew"));
    connect(m_refuseNew, &QCheckBox::toggled, this, [this] {
        if (!m_setting)
            emit faultsEdited();
    });
    auto *pair = new FlowLayout;
    pair->addPair(m_resetAfterLabel, m_resetAfter);
    pair->addPair(m_connectDelayLabel, m_connectDelay);
    pair->addWidget(m_refuseNew);
    layout->addLayout(pair);
    retranslate();
}

QSpinBox *RelayFaultsEditor::addSpin(const QString &name, int minimum, int maximum)
{
    auto *spin = new QSpinBox(this);
    spin->setObjectName(name);
    spin->setRange(minimum, maximum);
    spin->setAccelerated(true);
    // A value typed is taken when it is whole, not at each digit's step.
    spin->setKeyboardTracking(false);
    connect(spin, &QSpinBox::valueChanged, this, [this] {
        if (!m_setting)
            emit faultsEdited();
    });
    return spin;
}

QSpinBox *RelayFaultsEditor::spinBox(const QString &field, RelayFaults::Direction direction) const
{
    const QString key
        = direction == RelayFaults::ClientToServer ? QStringLiteral("c2s") : QStringLiteral("s2c");
    return findChild<QSpinBox *>(QStringLiteral("fault_%1_%2").arg(field, key));
}

RelayFaults RelayFaultsEditor::faults() const
{
    RelayFaults faults;
    for (int d : {RelayFaults::ClientToServer, RelayFaults::ServerToClient}) {
        const Column &c = m_columns[d];
        RelayFault &f = faults.direction[d];
        f.paused = m_pause[d]->isChecked();
        f.latencyMs = c.latency->value();
        f.jitterMs = c.jitter->value();
        f.bandwidth = c.bandwidth->value();
        f.sliceBytes = c.slice->value();
        f.sliceDelayMs = f.sliceBytes > 0 ? c.sliceDelay->value() : 0;
        f.coalesceMs = c.coalesce->value();
        f.limitBytes = c.limit->value();
        f.limitReset = f.limitBytes >= 0 && c.limitReset->isChecked();
    }
    faults.resetAfterMs = m_resetAfter->value();
    faults.connectDelayMs = m_connectDelay->value();
    faults.refuseNew = m_refuseNew->isChecked();
    return faults;
}

void RelayFaultsEditor::setFaults(const RelayFaults &faults)
{
    m_setting = true;
    for (int d : {RelayFaults::ClientToServer, RelayFaults::ServerToClient}) {
        const Column &c = m_columns[d];
        const RelayFault &f = faults.direction[d];
        m_pause[d]->setChecked(f.paused);
        c.latency->setValue(f.latencyMs);
        c.jitter->setValue(f.jitterMs);
        c.bandwidth->setValue(int(std::min<qint64>(f.bandwidth, c.bandwidth->maximum())));
        c.slice->setValue(int(std::min<qint64>(f.sliceBytes, c.slice->maximum())));
        c.sliceDelay->setValue(f.sliceDelayMs);
        c.coalesce->setValue(f.coalesceMs);
        c.limit->setValue(int(std::min<qint64>(f.limitBytes, c.limit->maximum())));
        c.limitReset->setChecked(f.limitReset);
    }
    m_resetAfter->setValue(faults.resetAfterMs);
    m_connectDelay->setValue(faults.connectDelayMs);
    m_refuseNew->setChecked(faults.refuseNew);
    m_setting = false;
}

void RelayFaultsEditor::retranslate()
{
    //: Column heads of the relay's faults: the direction the bytes go
    m_heads[RelayFaults::ClientToServer]->setText(tr("Client → server"));
    m_heads[RelayFaults::ServerToClient]->setText(tr("Server → client"));
    //: Labels of one direction's faults: latency, ± jitter, bandwidth,
    //: slice, every (delay between slices), coalesce, limit
    const QStringList labels {tr("Latency"), tr("±"),        tr("Bandwidth"), tr("Slice"),
                              tr("every"),   tr("Coalesce"), tr("Limit")};
    for (int d : {RelayFaults::ClientToServer, RelayFaults::ServerToClient}) {
        const Column &c = m_columns[d];
        for (int i = 0; i < labels.size(); ++i)
            m_labels[d][i]->setText(labels[i]);
        m_pause[d]->setText(tr("Pause"));
        m_pause[d]->setToolTip(tr("Stop passing bytes this way: the relay stops reading, so the "
                                  "sender's writes fill the buffers and then block. Bytes and a "
                                  "FIN that come meanwhile wait, and pass in order on resume."));
        c.jitter->setToolTip(tr("Jitter: up to this much more, at random, for each read"));
        c.slice->setToolTip(tr("Write the stream again in pieces of this many bytes: the "
                               "quickest way to find a program that takes one read for one "
                               "message."));
        c.coalesce->setToolTip(tr("Hold bytes this long after the first, then write them "
                                  "together."));
        c.limit->setToolTip(tr("After this many bytes this way the relay ends the pair."));
        for (QSpinBox *ms : {c.latency, c.jitter, c.sliceDelay, c.coalesce})
            ms->setSuffix(tr(" ms"));
        c.latency->setSpecialValueText(tr("none"));
        c.jitter->setSpecialValueText(tr("none"));
        c.sliceDelay->setSpecialValueText(tr("none"));
        c.coalesce->setSpecialValueText(tr("off"));
        c.bandwidth->setSuffix(tr(" B/s"));
        c.bandwidth->setSpecialValueText(tr("unlimited"));
        c.slice->setSuffix(tr(" B"));
        c.slice->setSpecialValueText(tr("off"));
        c.limit->setSuffix(tr(" B"));
        c.limit->setSpecialValueText(tr("no limit"));
        c.limitReset->setText(tr("reset, not close"));
    }
    m_resetAfterLabel->setText(tr("Reset each pair after"));
    m_connectDelayLabel->setText(tr("Delay the upstream connect"));
    for (QSpinBox *ms : {m_resetAfter, m_connectDelay}) {
        ms->setSuffix(tr(" ms"));
        ms->setSpecialValueText(tr("never"));
    }
    m_connectDelay->setSpecialValueText(tr("none"));
    m_refuseNew->setText(tr("Refuse new connections (reset them at once)"));
    // Sized for the values one sets, not for the largest an int holds:
    // a direction's line then fits 1024 px more often.
    const QFontMetrics metrics(font());
    const int arrows = 2 * metrics.height();
    for (QSpinBox *spin : findChildren<QSpinBox *>()) {
        const QString widest = spin->maximum() > kMaxMs
                                   ? QStringLiteral("000000000") + spin->suffix()
                                   : QStringLiteral("000000") + spin->suffix();
        spin->setMaximumWidth(std::max(metrics.horizontalAdvance(widest),
                                       metrics.horizontalAdvance(spin->specialValueText()))
                              + arrows);
    }
}

void RelayFaultsEditor::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace TcpInspector
