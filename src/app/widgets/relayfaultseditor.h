// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/relayfaults.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QSpinBox;

namespace TcpInspector {

/// The relay's faults as controls, one line per direction (client to
/// server, server to client) that wraps when narrow, and those of a whole
/// pair below: what
/// `tcpinspector-cli relay` takes as options, plus pausing a direction and
/// refusing new connections, which only make sense while one watches.
class RelayFaultsEditor : public QWidget
{
    Q_OBJECT

public:
    explicit RelayFaultsEditor(QWidget *parent = nullptr);

    RelayFaults faults() const;
    /// Shows faults; emits nothing.
    void setFaults(const RelayFaults &faults);
    /// The control of one direction's field, for tests: "latency",
    /// "jitter", "bandwidth", "slice", "sliceDelay", "coalesce", "limit".
    QSpinBox *spinBox(const QString &field, RelayFaults::Direction direction) const;
    QCheckBox *pauseBox(RelayFaults::Direction direction) const { return m_pause[direction]; }

Q_SIGNALS:
    /// The user changed a control.
    void faultsEdited();

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Column
    {
        QSpinBox *latency = nullptr;
        QSpinBox *jitter = nullptr;
        QSpinBox *bandwidth = nullptr;
        QSpinBox *slice = nullptr;
        QSpinBox *sliceDelay = nullptr;
        QSpinBox *coalesce = nullptr;
        QSpinBox *limit = nullptr;
        QCheckBox *limitReset = nullptr;
    };

    QSpinBox *addSpin(const QString &name, int minimum, int maximum);
    void retranslate();

    Column m_columns[2];
    QCheckBox *m_pause[2];
    QLabel *m_heads[2];
    /// Per direction: latency, jitter, bandwidth, slice, between slices,
    /// coalesce, limit.
    QList<QLabel *> m_labels[2];
    QSpinBox *m_resetAfter;
    QSpinBox *m_connectDelay;
    QLabel *m_resetAfterLabel;
    QLabel *m_connectDelayLabel;
    QCheckBox *m_refuseNew;
    bool m_setting = false;
};

} // namespace TcpInspector
