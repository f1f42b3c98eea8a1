// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/descriptorusage.h"

#include <QLabel>

class QTimer;

namespace TcpInspector {

/// The status bar's "fds 123 / 1024": descriptors open against the limit,
/// read twice a second on its own timer, in the warning colour past 80 %.
class DescriptorLabel : public QLabel
{
    Q_OBJECT

public:
    explicit DescriptorLabel(QWidget *parent = nullptr);

    /// Reads the count and the limit now (the timer does every intervalMs).
    void sample();
    DescriptorUsage usage() const { return m_usage; }
    bool isWarning() const { return m_warning; }
    static constexpr int intervalMs = 500;

protected:
    void changeEvent(QEvent *event) override;

private:
    void display(const DescriptorUsage &usage);

    QTimer *m_timer;
    DescriptorUsage m_usage {-1, -1};
    bool m_warning = false;
};

} // namespace TcpInspector
