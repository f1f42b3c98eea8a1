// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "scenario/scenario.h"

#include <QTimer>
#include <QWidget>

class QListWidget;
class QListWidgetItem;
class QPlainTextEdit;

namespace TcpInspector {

class ScenarioHighlighter;

/// Edits a scenario file: highlighting, errors marked as you type (the
/// parser runs again once typing pauses: a wavy underline at each error,
/// its message in a tooltip and in the list below), New, Open, Save, Save As,
/// and a prompt before unsaved changes are lost.
class ScenarioEditor : public QWidget
{
    Q_OBJECT

public:
    explicit ScenarioEditor(QWidget *parent = nullptr);
    ~ScenarioEditor() override;

    static constexpr int reparseDelayMs = 300;

    QString text() const;
    /// Replaces the text, unmodified. @p path is where Save writes (empty,
    /// or a resource, for none); @p name names it in titles and messages.
    void setText(const QString &text, const QString &path, const QString &name);
    QString path() const { return m_path; }
    QString name() const { return m_name; }
    bool isModified() const;

    /// The text parsed now, with file "..." relative to the file's folder.
    ScenarioFile parse() const;
    /// The errors of the last parse (after the pause in typing).
    QList<ScenarioDiagnostic> diagnostics() const;

    /// Each asks about unsaved changes first; false when the user cancelled.
    bool newFile();
    bool open();
    bool openFile(const QString &path);
    bool save();
    bool saveAs();
    /// Unsaved changes: asks to save, discard or cancel; true when they may go.
    bool confirmDiscard();

    QPlainTextEdit *textEdit() const { return m_text; }
    QListWidget *problemList() const { return m_problems; }
    ScenarioHighlighter *highlighter() const { return m_highlighter; }

Q_SIGNALS:
    /// The text was parsed again (after a pause in typing, or a new file).
    void parsed(const TcpInspector::ScenarioFile &file);
    /// The name or the modified flag changed: titles follow.
    void titleChanged();
    void statusMessage(const QString &text);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void reparse();
    void handleProblemActivated(QListWidgetItem *item);
    bool writeTo(const QString &path);
    QString directory() const;
    QString problemText(const ScenarioDiagnostic &diagnostic) const;

    QPlainTextEdit *m_text;
    QListWidget *m_problems;
    ScenarioHighlighter *m_highlighter;
    QTimer m_reparse;
    QString m_path;
    QString m_name;
};

} // namespace TcpInspector
