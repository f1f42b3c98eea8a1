// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/timelinepane.h"

#include "net/connection.h"
#include "session/workbench.h"
#include "views/timelineview.h"

#include "ui_timelinepane.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>

namespace TcpInspector {

TimelinePane::TimelinePane(Workbench *workbench, QWidget *parent)
    : QWidget(parent), m_ui(std::make_unique<Ui::TimelinePane>())
{
    m_ui->setupUi(this);
    TimelineView *view = m_ui->timelineView;
    for (Connection *connection : workbench->connections())
        view->addConnection(connection);
    connect(workbench, &Workbench::connectionAdded, view, &TimelineView::addConnection);
    connect(workbench, &Workbench::connectionsAboutToBeRemoved, view,
            &TimelineView::removeConnections);
    connect(m_ui->fitButton, &QToolButton::clicked, view, &TimelineView::zoomToFit);
    connect(m_ui->zoomInButton, &QToolButton::clicked, view, [view] { view->zoomBy(2.0); });
    connect(m_ui->zoomOutButton, &QToolButton::clicked, view, [view] { view->zoomBy(0.5); });
    connect(m_ui->followButton, &QToolButton::toggled, view, &TimelineView::setFollowLive);
    connect(view, &TimelineView::followLiveChanged, m_ui->followButton, &QToolButton::setChecked);
    m_ui->followButton->setChecked(view->followLive());
    buildExportMenu();
}

TimelinePane::~TimelinePane() = default;

TimelineView *TimelinePane::view() const
{
    return m_ui->timelineView;
}

void TimelinePane::buildExportMenu()
{
    auto *menu = new QMenu(this);
    menu->addAction(tr("As PNG image…"), this, [this] { handleExport(false); });
    menu->addAction(tr("As SVG drawing…"), this, [this] { handleExport(true); });
    m_ui->exportButton->setMenu(menu);
}

void TimelinePane::handleExport(bool svg)
{
    const QString filter = svg ? tr("SVG drawing (*.svg)") : tr("PNG image (*.png)");
    const QString suggested = QDir::home().filePath(svg ? QStringLiteral("tcp-timeline.svg")
                                                        : QStringLiteral("tcp-timeline.png"));
    const QString path
        = QFileDialog::getSaveFileName(this, tr("Export the timeline"), suggested, filter);
    if (!path.isEmpty())
        exportTo(path);
}

bool TimelinePane::exportTo(const QString &path)
{
    const bool svg = path.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive);
    const bool ok = svg ? m_ui->timelineView->exportSvg(path) : m_ui->timelineView->exportPng(path);
    emit statusMessage(ok ? tr("Saved the timeline to %1.").arg(QDir::toNativeSeparators(path))
                          : tr("Could not write %1: check that the folder exists and is "
                               "writable.")
                                .arg(QDir::toNativeSeparators(path)));
    return ok;
}

void TimelinePane::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        buildExportMenu();
    }
    QWidget::changeEvent(event);
}

} // namespace TcpInspector
