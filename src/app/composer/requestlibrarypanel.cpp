// SPDX-License-Identifier: GPL-3.0-or-later
#include "composer/requestlibrarypanel.h"

#include "composer/requestlibrary.h"
#include "composer/requestlistmodel.h"

#include <QAction>
#include <QButtonGroup>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QSaveFile>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace TcpInspector {

namespace {
QColor errorColor(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128 ? QColor(0xff, 0x6b, 0x6b)
                                                           : QColor(0xc6, 0x28, 0x28);
}

/// A hint in the middle of an empty list; the list's own viewport holds it.
QLabel *emptyHint(QTreeView *view)
{
    auto *label = new QLabel;
    // In a layout of the viewport's own, it stays centred as the list resizes.
    auto *layout = new QVBoxLayout(view->viewport());
    layout->addWidget(label);
    label->setAlignment(Qt::AlignCenter);
    label->setWordWrap(true);
    label->setAttribute(Qt::WA_TransparentForMouseEvents);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, palette.color(QPalette::Disabled, QPalette::WindowText));
    label->setPalette(palette);
    return label;
}
} // namespace

RequestLibraryPanel::RequestLibraryPanel(RequestLibrary *library, QWidget *parent)
    : QWidget(parent), m_library(library)
{
    m_savedModel = new RequestListModel(library, RequestListModel::Kind::Saved, this);
    m_historyModel = new RequestListModel(library, RequestListModel::Kind::History, this);

    m_savedButton = new QToolButton;
    m_historyButton = new QToolButton;
    auto *group = new QButtonGroup(this);
    for (QToolButton *button : {m_savedButton, m_historyButton}) {
        button->setCheckable(true);
        group->addButton(button);
    }
    m_savedButton->setChecked(true);
    m_filter = new QLineEdit;
    m_filter->setClearButtonEnabled(true);
    m_saveButton = new QToolButton;
    m_moreButton = new QToolButton;
    m_moreButton->setPopupMode(QToolButton::InstantPopup);
    m_menu = new QMenu(this);
    m_moreButton->setMenu(m_menu);

    auto *top = new QHBoxLayout;
    top->setSpacing(0);
    top->addWidget(m_savedButton);
    top->addWidget(m_historyButton);
    top->addSpacing(4);
    top->addWidget(m_filter, 1);
    top->addSpacing(4);
    top->addWidget(m_saveButton);
    top->addWidget(m_moreButton);

    // One line, elided, the whole text in its tooltip: a message must not make
    // the composer taller than the window gives it.
    m_message = new QLabel;
    m_message->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    m_dismissButton = new QToolButton;
    m_dismissButton->setAutoRaise(true);
    m_dismissButton->setText(QStringLiteral("×"));
    auto *messageRow = new QHBoxLayout;
    messageRow->addWidget(m_message, 1);
    messageRow->addWidget(m_dismissButton);

    m_savedView = createView(m_savedModel, &m_savedProxy);
    m_historyView = createView(m_historyModel, &m_historyProxy);
    m_savedHint = emptyHint(m_savedView);
    m_historyHint = emptyHint(m_historyView);
    m_pages = new QStackedWidget;
    m_pages->addWidget(m_savedView);
    m_pages->addWidget(m_historyView);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(top);
    layout->addLayout(messageRow);
    layout->addWidget(m_pages, 1);

    createActions();

    connect(group, &QButtonGroup::buttonClicked, this, [this](QAbstractButton *button) {
        showPage(button == m_historyButton ? Page::History : Page::Saved);
    });
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_savedProxy->setFilterFixedString(text);
        m_historyProxy->setFilterFixedString(text);
        updateEmptyHints();
    });
    connect(m_saveButton, &QToolButton::clicked, this, &RequestLibraryPanel::handleSave);
    connect(m_dismissButton, &QToolButton::clicked, this, [this] { showMessage({}, false); });
    connect(library, &RequestLibrary::errorOccurred, this, &RequestLibraryPanel::handleError);
    connect(library, &RequestLibrary::savedChanged, this, &RequestLibraryPanel::updateActions);
    connect(library, &RequestLibrary::historyChanged, this, &RequestLibraryPanel::updateActions);

    nameWidgets();
    retranslate();
    handleError(library->error());
    updateActions();
}

RequestLibraryPanel::~RequestLibraryPanel() = default;

void RequestLibraryPanel::nameWidgets()
{
    // For tests and accessibility tools.
    m_savedButton->setObjectName(QStringLiteral("savedButton"));
    m_historyButton->setObjectName(QStringLiteral("historyButton"));
    m_filter->setObjectName(QStringLiteral("libraryFilter"));
    m_saveButton->setObjectName(QStringLiteral("librarySaveButton"));
    m_moreButton->setObjectName(QStringLiteral("libraryMoreButton"));
    m_dismissButton->setObjectName(QStringLiteral("libraryDismissButton"));
    m_message->setObjectName(QStringLiteral("libraryMessage"));
    m_savedView->setObjectName(QStringLiteral("savedView"));
    m_historyView->setObjectName(QStringLiteral("historyView"));
}

void RequestLibraryPanel::createActions()
{
    m_loadAction = m_menu->addAction(QString(), this, [this] {
        const QModelIndex current = view(page())->currentIndex();
        if (current.isValid())
            handleActivated(current);
    });
    m_renameAction = m_menu->addAction(QString(), this, &RequestLibraryPanel::handleRename);
    m_deleteAction = m_menu->addAction(QString(), this, &RequestLibraryPanel::handleDelete);
    m_saveToLibraryAction
        = m_menu->addAction(QString(), this, &RequestLibraryPanel::handleSaveToLibrary);
    m_menu->addSeparator();
    m_scenarioAction
        = m_menu->addAction(QString(), this, &RequestLibraryPanel::handleSaveAsScenario);
    m_menu->addSeparator();
    m_clearHistoryAction
        = m_menu->addAction(QString(), this, [this] { m_library->clearHistory(); });
    m_renameAction->setShortcut(QKeySequence(Qt::Key_F2));
    m_deleteAction->setShortcut(QKeySequence::Delete);
    for (QAction *action : {m_renameAction, m_deleteAction}) {
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(action);
    }
}

QTreeView *RequestLibraryPanel::createView(RequestListModel *model, QSortFilterProxyModel **proxy)
{
    *proxy = new QSortFilterProxyModel(this);
    (*proxy)->setSourceModel(model);
    (*proxy)->setFilterKeyColumn(-1);
    (*proxy)->setFilterCaseSensitivity(Qt::CaseInsensitive);
    auto *view = new QTreeView;
    view->setModel(*proxy);
    // Two rows at least; the editors beside it decide the composer's height.
    view->setMinimumHeight(2 * view->fontMetrics().height() + 2 * view->frameWidth() + 4);
    view->setRootIsDecorated(false);
    view->setUniformRowHeights(true);
    view->setAllColumnsShowFocus(true);
    view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setContextMenuPolicy(Qt::CustomContextMenu);
    // Every line counts beside a small composer; the tooltips name the columns.
    view->setHeaderHidden(true);
    view->header()->setStretchLastSection(true);
    view->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view->header()->setSectionResizeMode(model->columnCount() - 1, QHeaderView::Stretch);
    // A double-click or Enter (or a single click, where the style says so).
    connect(view, &QTreeView::activated, this, &RequestLibraryPanel::handleActivated);
    connect(view, &QTreeView::customContextMenuRequested, this,
            &RequestLibraryPanel::handleContextMenu);
    connect(view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &RequestLibraryPanel::updateActions);
    connect(*proxy, &QAbstractItemModel::modelReset, this, &RequestLibraryPanel::updateEmptyHints);
    return view;
}

void RequestLibraryPanel::retranslate()
{
    m_savedButton->setText(tr("Saved"));
    m_savedButton->setToolTip(tr("Requests saved under a name"));
    m_historyButton->setText(tr("History"));
    m_historyButton->setToolTip(
        tr("The last %1 sends, newest first").arg(RequestLibrary::historyLimit));
    m_filter->setPlaceholderText(tr("Filter"));
    m_filter->setAccessibleName(tr("Filter requests"));
    m_saveButton->setText(tr("Save…"));
    m_saveButton->setToolTip(tr("Save what the composer holds under a name"));
    m_moreButton->setText(tr("More"));
    m_moreButton->setToolTip(tr("Load, rename, delete, save as scenario"));
    m_dismissButton->setToolTip(tr("Hide this message"));
    m_dismissButton->setAccessibleName(tr("Hide this message"));
    m_savedButton->setAccessibleName(tr("Saved requests"));
    m_historyButton->setAccessibleName(tr("Send history"));
    m_saveButton->setAccessibleName(tr("Save request"));
    m_moreButton->setAccessibleName(tr("More library actions"));
    m_message->setAccessibleName(tr("Library message"));
    m_loadAction->setText(tr("Load into Composer"));
    m_renameAction->setText(tr("Rename…"));
    m_deleteAction->setText(tr("Delete"));
    m_saveToLibraryAction->setText(tr("Save to Library…"));
    m_scenarioAction->setText(tr("Save as Scenario…"));
    m_clearHistoryAction->setText(tr("Clear History"));
    m_savedView->setAccessibleName(tr("Saved requests"));
    m_historyView->setAccessibleName(tr("Send history"));
    updateEmptyHints();
}

void RequestLibraryPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange && m_savedButton)
        retranslate();
}

RequestLibraryPanel::Page RequestLibraryPanel::page() const
{
    return m_pages->currentIndex() == 1 ? Page::History : Page::Saved;
}

void RequestLibraryPanel::showPage(Page page)
{
    m_pages->setCurrentIndex(page == Page::History ? 1 : 0);
    (page == Page::History ? m_historyButton : m_savedButton)->setChecked(true);
    updateActions();
}

QTreeView *RequestLibraryPanel::view(Page page) const
{
    return page == Page::History ? m_historyView : m_savedView;
}

QList<int> RequestLibraryPanel::selectedRows() const
{
    const QTreeView *shown = view(page());
    const auto *proxy = static_cast<const QSortFilterProxyModel *>(shown->model());
    QList<int> rows;
    for (const QModelIndex &index : shown->selectionModel()->selectedRows())
        rows.append(proxy->mapToSource(index).row());
    std::sort(rows.begin(), rows.end());
    return rows;
}

void RequestLibraryPanel::updateActions()
{
    const int selected = int(selectedRows().size());
    const bool saved = page() == Page::Saved;
    m_loadAction->setEnabled(selected >= 1);
    m_renameAction->setEnabled(saved && selected == 1);
    m_deleteAction->setEnabled(saved && selected >= 1);
    m_saveToLibraryAction->setEnabled(!saved && selected == 1);
    m_scenarioAction->setEnabled(selected >= 1);
    m_clearHistoryAction->setEnabled(!m_library->history().isEmpty());
}

void RequestLibraryPanel::updateEmptyHints()
{
    const bool filtered = !m_filter->text().isEmpty();
    m_savedHint->setText(filtered ? tr("No saved request matches the filter")
                                  : tr("Save the composer's content here with Save…"));
    m_historyHint->setText(filtered ? tr("No send matches the filter")
                                    : tr("Each send appears here"));
    m_savedHint->setVisible(m_savedView->model()->rowCount() == 0);
    m_historyHint->setVisible(m_historyView->model()->rowCount() == 0);
}

void RequestLibraryPanel::showMessage(const QString &text, bool isError)
{
    QPalette palette = m_message->palette();
    palette.setColor(QPalette::WindowText,
                     isError ? errorColor(palette) : this->palette().color(QPalette::WindowText));
    m_message->setPalette(palette);
    m_messageText = text;
    m_message->setToolTip(text);
    updateMessageText();
    m_message->setVisible(!text.isEmpty());
    m_dismissButton->setVisible(!text.isEmpty());
}

void RequestLibraryPanel::updateMessageText()
{
    m_message->setText(
        m_message->fontMetrics().elidedText(m_messageText, Qt::ElideRight, m_message->width()));
}

void RequestLibraryPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // The label has its new width only once the layout ran.
    QTimer::singleShot(0, this, &RequestLibraryPanel::updateMessageText);
}

void RequestLibraryPanel::handleError(const QString &error)
{
    showMessage(error, true);
    const QString folder = QFileInfo(m_library->path()).absolutePath();
    if (!m_library->path().isEmpty())
        m_message->setToolTip(error + QLatin1Char('\n') + QDir::toNativeSeparators(folder));
}

int RequestLibraryPanel::saveDraft(const QString &name)
{
    const ComposerDraft draft = m_draftSource ? m_draftSource() : ComposerDraft();
    const int row = m_library->save(name, draft);
    showPage(Page::Saved);
    const QModelIndex index = m_savedProxy->mapFromSource(m_savedModel->index(row, 0));
    if (index.isValid()) {
        m_savedView->setCurrentIndex(index);
        m_savedView->scrollTo(index);
    }
    return row;
}

void RequestLibraryPanel::handleSave()
{
    const ComposerDraft draft = m_draftSource ? m_draftSource() : ComposerDraft();
    const QString name = askNameToSave(tr("Save Request"), draft.proposedName());
    if (!name.isEmpty())
        saveDraft(name);
}

QString RequestLibraryPanel::askNameToSave(const QString &title, const QString &proposed)
{
    bool ok = false;
    QString name = QInputDialog::getText(this, title, tr("Name:"), QLineEdit::Normal, proposed, &ok)
                       .trimmed();
    if (!ok || name.isEmpty())
        return QString();
    if (m_library->indexOfName(name) >= 0
        && QMessageBox::question(this, tr("Replace Request"),
                                 tr("A request named “%1” is saved already. Replace it?").arg(name))
               != QMessageBox::Yes)
        return QString();
    return name;
}

void RequestLibraryPanel::handleActivated(const QModelIndex &index)
{
    const auto *proxy = static_cast<const QSortFilterProxyModel *>(index.model());
    const int row = proxy->mapToSource(index).row();
    if (proxy == m_savedProxy && row >= 0 && row < m_library->saved().size())
        emit loadRequested(m_library->saved().at(row).draft);
    else if (proxy == m_historyProxy && row >= 0 && row < m_library->history().size())
        emit loadRequested(m_library->history().at(row).draft);
}

void RequestLibraryPanel::handleRename()
{
    const QList<int> rows = selectedRows();
    if (page() != Page::Saved || rows.size() != 1)
        return;
    const QString old = m_library->saved().at(rows.first()).name;
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Rename Request"), tr("Name:"),
                                               QLineEdit::Normal, old, &ok)
                             .trimmed();
    if (!ok || name.isEmpty() || name == old)
        return;
    if (!m_library->rename(rows.first(), name))
        QMessageBox::warning(this, tr("Rename Request"),
                             tr("Another request is named “%1”. Choose another name.").arg(name));
}

void RequestLibraryPanel::handleDelete()
{
    const QList<int> rows = selectedRows();
    if (page() != Page::Saved || rows.isEmpty())
        return;
    const QString question
        = rows.size() == 1
              ? tr("Delete the request “%1”?").arg(m_library->saved().at(rows.first()).name)
              : tr("Delete %1 requests?").arg(rows.size());
    if (QMessageBox::question(this, tr("Delete Request"), question) != QMessageBox::Yes)
        return;
    for (auto row = rows.crbegin(); row != rows.crend(); ++row)
        m_library->removeSaved(*row);
}

void RequestLibraryPanel::handleSaveToLibrary()
{
    const QList<int> rows = selectedRows();
    if (page() != Page::History || rows.size() != 1)
        return;
    const ComposerDraft draft = m_library->history().at(rows.first()).draft;
    const QString name = askNameToSave(tr("Save to Library"), draft.proposedName());
    if (name.isEmpty())
        return;
    m_library->save(name, draft);
    showMessage(tr("Saved as “%1”.").arg(name), false);
}

QList<ScenarioRequest> RequestLibraryPanel::selectedAsScenario(QString *target) const
{
    QList<ScenarioRequest> requests;
    QList<int> rows = selectedRows();
    target->clear();
    if (page() == Page::Saved) {
        for (int row : rows) {
            ScenarioRequest request;
            request.comment = m_library->saved().at(row).name;
            request.draft = m_library->saved().at(row).draft;
            requests.append(request);
        }
    } else {
        // The history is newest first; a scenario plays them as they went.
        std::reverse(rows.begin(), rows.end());
        for (int row : rows) {
            const HistoryEntry &entry = m_library->history().at(row);
            ScenarioRequest request;
            request.comment
                = entry.time.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) + ", " + entry.target;
            request.draft = entry.draft;
            request.halfClose = entry.halfClose;
            request.framing = entry.framing;
            request.reply = entry.reply;
            request.replyTruncated = entry.replyTruncated;
            if (!entry.connectionIds.isEmpty())
                request.replyFrom = QStringLiteral("#%1").arg(entry.connectionIds.first());
            if (target->isEmpty() && entry.clientSide)
                *target = entry.peer;
            requests.append(request);
        }
    }
    // Saved requests went nowhere yet: the last server the client panel talked to.
    for (const HistoryEntry &entry : m_library->history()) {
        if (!target->isEmpty())
            break;
        if (entry.clientSide)
            *target = entry.peer;
    }
    return requests;
}

bool RequestLibraryPanel::writeScenario(const QString &path, QString *error)
{
    ScenarioWriter writer;
    const QList<ScenarioRequest> requests = selectedAsScenario(&writer.target);
    writer.directory = QFileInfo(path).absolutePath();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(writer.write(requests).toUtf8()) < 0
        || !file.commit()) {
        *error = file.errorString();
        return false;
    }
    return true;
}

void RequestLibraryPanel::handleSaveAsScenario()
{
    if (selectedRows().isEmpty())
        return;
    QString path = QFileDialog::getSaveFileName(
        this, tr("Save as Scenario"), QDir::home().filePath(QStringLiteral("requests.scn")),
        tr("Scenarios (*.scn)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".scn");
    QString error;
    if (!writeScenario(path, &error)) {
        showMessage(tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), error), true);
        return;
    }
    showMessage(
        tr("Wrote %1; run it with: tcpinspector-cli run %1").arg(QFileInfo(path).fileName()),
        false);
    m_message->setToolTip(QDir::toNativeSeparators(path));
}

void RequestLibraryPanel::handleContextMenu(const QPoint &position)
{
    const QTreeView *shown = view(page());
    m_menu->popup(shown->viewport()->mapToGlobal(position));
}

} // namespace TcpInspector
