// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

#include <memory>

namespace Ui {
class TimelinePane;
}

namespace TcpInspector {

class TimelineView;
class Workbench;

/// The timeline of every connection with its tools: fit, zoom, follow live,
/// export for slides. It learns of connections from the workbench.
class TimelinePane : public QWidget
{
    Q_OBJECT

public:
    explicit TimelinePane(Workbench *workbench, QWidget *parent = nullptr);
    ~TimelinePane() override;

    TimelineView *view() const;
    /// Asks where to save, then writes the visible timeline; false when it could not.
    bool exportTo(const QString &path);

Q_SIGNALS:
    void statusMessage(const QString &text);

protected:
    void changeEvent(QEvent *event) override;

private:
    void buildExportMenu();
    void handleExport(bool svg);

    std::unique_ptr<Ui::TimelinePane> m_ui;
};

} // namespace TcpInspector
