// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "composer/composerdraft.h"
#include "composer/scenariowriter.h"

#include <QWidget>

#include <functional>

class QLabel;
class QLineEdit;
class QMenu;
class QSortFilterProxyModel;
class QStackedWidget;
class QToolButton;
class QTreeView;

namespace TcpInspector {

class RequestLibrary;
class RequestListModel;

/// The request library beside the composer: saved requests and the history
/// of sends in two lists with a filter; Save, Load (double-click or Enter),
/// Rename, Delete, Save to library and Save as scenario.
class RequestLibraryPanel : public QWidget
{
    Q_OBJECT

public:
    enum class Page { Saved, History };

    explicit RequestLibraryPanel(RequestLibrary *library, QWidget *parent = nullptr);
    ~RequestLibraryPanel() override;

    /// Where Save takes what to save from: the composer's content.
    void setDraftSource(std::function<ComposerDraft()> source)
    {
        m_draftSource = std::move(source);
    }

    Page page() const;
    void showPage(Page page);
    QTreeView *view(Page page) const;
    RequestLibrary *library() const { return m_library; }

    /// Saves the composer's content under name (replacing one of that name)
    /// and selects it; the row.
    int saveDraft(const QString &name);
    /// The selected rows of the page shown, in the order they were sent or saved.
    QList<ScenarioRequest> selectedAsScenario(QString *target) const;
    /// Writes the selected rows as a scenario file; false with *error.
    bool writeScenario(const QString &path, QString *error);

Q_SIGNALS:
    /// Double-click or Enter on a row: put this into the composer.
    void loadRequested(const TcpInspector::ComposerDraft &draft);

protected:
    // QWidget API
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void handleSave();
    /// Asks for a name to save under (proposed first) and, when one is
    /// taken, whether to replace it; empty when the user gave up.
    QString askNameToSave(const QString &title, const QString &proposed);
    void handleActivated(const QModelIndex &index);
    void handleRename();
    void handleDelete();
    void handleSaveToLibrary();
    void handleSaveAsScenario();
    void handleContextMenu(const QPoint &position);
    void handleError(const QString &error);

    void createActions();
    void nameWidgets();
    QTreeView *createView(RequestListModel *model, QSortFilterProxyModel **proxy);
    void retranslate();
    void updateActions();
    void updateEmptyHints();
    /// Source rows of the selection on the page shown, ascending.
    QList<int> selectedRows() const;
    void showMessage(const QString &text, bool isError);
    void updateMessageText();

    RequestLibrary *m_library;
    std::function<ComposerDraft()> m_draftSource;
    RequestListModel *m_savedModel = nullptr;
    RequestListModel *m_historyModel = nullptr;
    QSortFilterProxyModel *m_savedProxy = nullptr;
    QSortFilterProxyModel *m_historyProxy = nullptr;
    QToolButton *m_savedButton = nullptr;
    QToolButton *m_historyButton = nullptr;
    QLineEdit *m_filter = nullptr;
    QToolButton *m_saveButton = nullptr;
    QToolButton *m_moreButton = nullptr;
    QMenu *m_menu = nullptr;
    QStackedWidget *m_pages = nullptr;
    QTreeView *m_savedView = nullptr;
    QTreeView *m_historyView = nullptr;
    QLabel *m_savedHint = nullptr;
    QLabel *m_historyHint = nullptr;
    QLabel *m_message = nullptr;
    QString m_messageText; ///< m_message shows it elided
    QToolButton *m_dismissButton = nullptr;
    QAction *m_loadAction = nullptr;
    QAction *m_renameAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_saveToLibraryAction = nullptr;
    QAction *m_scenarioAction = nullptr;
    QAction *m_clearHistoryAction = nullptr;
};

} // namespace TcpInspector
