// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "scenario/scenariorunner.h"
#include "scenario/stepstatusstyle.h"

#include <QAbstractTableModel>

#include <optional>
#include <vector>

namespace TcpInspector {

/// The steps of a scenario file, one row each, in file order, with what
/// became of each in the run: its state, time and message, and for a failed
/// expectation what was expected against what was received (the tooltip).
class ScenarioStepModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { LineColumn, StepColumn, StatusColumn, TimeColumn, MessageColumn, ColumnCount };
    enum Role { StateRole = Qt::UserRole };

    explicit ScenarioStepModel(QObject *parent = nullptr);

    /// Every step of @p file, pending.
    void setFile(const ScenarioFile &file);
    /// Every step pending again, for a new run of the same file.
    void clearResults();
    void setState(int scenario, int step, StepState state);
    void setResult(const StepResult &result);

    int rowOf(int scenario, int step) const;
    StepState state(int row) const;
    /// What became of the step; nullopt while it has not ended.
    std::optional<StepResult> result(int row) const;
    int lineOf(int row) const;
    QString scenarioName(int row) const;
    int count(StepState state) const;
    /// "Expected ...\nReceived ..." of a failed expectation, else its message.
    QString detail(int row) const;

    // QAbstractItemModel API
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        int scenario = 0;
        int step = 0;
        int line = 0;
        QString source;
        QString scenarioName;
        StepState state = StepState::Pending;
        std::optional<StepResult> result;
    };

    QVariant display(const Row &row, int column) const;
    void rowChanged(int row);

    std::vector<Row> m_rows;
};

} // namespace TcpInspector
