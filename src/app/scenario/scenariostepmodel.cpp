// SPDX-License-Identifier: GPL-3.0-or-later
#include "scenario/scenariostepmodel.h"

#include <algorithm>

namespace TcpInspector {

namespace {
StepState stateOf(StepResult::Status status)
{
    switch (status) {
    case StepResult::Status::Passed:
        return StepState::Passed;
    case StepResult::Status::Failed:
        return StepState::Failed;
    case StepResult::Status::Skipped:
        return StepState::Skipped;
    }
    return StepState::Pending;
}
} // namespace

ScenarioStepModel::ScenarioStepModel(QObject *parent) : QAbstractTableModel(parent) { }

void ScenarioStepModel::setFile(const ScenarioFile &file)
{
    beginResetModel();
    m_rows.clear();
    for (int s = 0; s < file.scenarios.size(); ++s) {
        const Scenario &scenario = file.scenarios.at(s);
        for (int i = 0; i < scenario.steps.size(); ++i) {
            const ScenarioStep &step = scenario.steps.at(i);
            m_rows.push_back({s, i, step.line, step.source, scenario.name, StepState::Pending, {}});
        }
    }
    endResetModel();
}

void ScenarioStepModel::clearResults()
{
    for (Row &row : m_rows) {
        row.state = StepState::Pending;
        row.result.reset();
    }
    if (!m_rows.empty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void ScenarioStepModel::setState(int scenario, int step, StepState state)
{
    const int row = rowOf(scenario, step);
    if (row < 0)
        return;
    m_rows[size_t(row)].state = state;
    rowChanged(row);
}

void ScenarioStepModel::setResult(const StepResult &result)
{
    const int row = rowOf(result.scenario, result.step);
    if (row < 0)
        return;
    m_rows[size_t(row)].state = stateOf(result.status);
    m_rows[size_t(row)].result = result;
    rowChanged(row);
}

void ScenarioStepModel::rowChanged(int row)
{
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

int ScenarioStepModel::rowOf(int scenario, int step) const
{
    for (size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].scenario == scenario && m_rows[i].step == step)
            return int(i);
    }
    return -1;
}

StepState ScenarioStepModel::state(int row) const
{
    return row >= 0 && row < rowCount() ? m_rows[size_t(row)].state : StepState::Pending;
}

std::optional<StepResult> ScenarioStepModel::result(int row) const
{
    return row >= 0 && row < rowCount() ? m_rows[size_t(row)].result : std::nullopt;
}

int ScenarioStepModel::lineOf(int row) const
{
    return row >= 0 && row < rowCount() ? m_rows[size_t(row)].line : 0;
}

QString ScenarioStepModel::scenarioName(int row) const
{
    return row >= 0 && row < rowCount() ? m_rows[size_t(row)].scenarioName : QString();
}

int ScenarioStepModel::count(StepState state) const
{
    return int(std::count_if(m_rows.begin(), m_rows.end(),
                             [state](const Row &row) { return row.state == state; }));
}

QString ScenarioStepModel::detail(int row) const
{
    const std::optional<StepResult> r = result(row);
    if (!r)
        return {};
    if (r->expected.isEmpty())
        return r->message;
    return tr("%1\nExpected: %2\nReceived: %3")
        .arg(r->message, r->expected, r->received.isEmpty() ? tr("nothing") : r->received);
}

int ScenarioStepModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ScenarioStepModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ScenarioStepModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Row &row = m_rows[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return display(row, index.column());
    case Qt::DecorationRole:
        return index.column() == StatusColumn ? StepStatusStyle::icon(row.state) : QVariant();
    case Qt::BackgroundRole: {
        const QColor color = StepStatusStyle::background(row.state);
        return color.isValid() ? QVariant(color) : QVariant();
    }
    case Qt::ForegroundRole:
        // Dark text on a tinted row, whatever the theme's text colour.
        if (index.column() == StatusColumn || StepStatusStyle::background(row.state).isValid())
            return StepStatusStyle::foreground(row.state);
        return {};
    case Qt::ToolTipRole: {
        const QString detail = this->detail(index.row());
        return detail.isEmpty() ? row.source : row.source + QLatin1Char('\n') + detail;
    }
    case Qt::TextAlignmentRole:
        if (index.column() == LineColumn || index.column() == TimeColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case StateRole:
        return int(row.state);
    default:
        return {};
    }
}

QVariant ScenarioStepModel::display(const Row &row, int column) const
{
    switch (column) {
    case LineColumn:
        return row.line;
    case StepColumn:
        return row.source;
    case StatusColumn:
        return StepStatusStyle::name(row.state);
    case TimeColumn:
        return row.result ? tr("%1 ms").arg(row.result->ms) : QString();
    case MessageColumn:
        if (!row.result)
            return QString();
        // One line in the table: the rest is in the tooltip and the detail label.
        if (!row.result->expected.isEmpty())
            return tr("%1 Expected %2, received %3.")
                .arg(row.result->message, row.result->expected,
                     row.result->received.isEmpty() ? tr("nothing") : row.result->received);
        return row.result->message;
    default:
        return {};
    }
}

QVariant ScenarioStepModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case LineColumn:
        return tr("Line");
    case StepColumn:
        return tr("Step", "the column of the step as written");
    case StatusColumn:
        return tr("Status");
    case TimeColumn:
        return tr("Time");
    case MessageColumn:
        return tr("Message");
    default:
        return {};
    }
}

} // namespace TcpInspector
