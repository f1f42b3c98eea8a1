// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/findbar.h"

#include "models/messagefiltermodel.h"
#include "models/modeltext.h"
#include "models/streamsearch.h"
#include "stream/streamstore.h"
#include "text/bytetext.h"

#include "ui_findbar.h"

#include <QSettings>

namespace TcpInspector {

FindBar::FindBar(QWidget *parent) : QWidget(parent), m_ui(std::make_unique<Ui::FindBar>())
{
    m_ui->setupUi(this);
    // The mode combo keeps the width it had in the connection view's form,
    // where its splitter settled the minimum size (room for seven 'x') while
    // the combo was still empty, wider than "Text" and "Hex" need.
    m_ui->findModeCombo->minimumSizeHint();
    fillCombos();
    // The clear button's icon comes from the icon theme, whose first lookup
    // parses the theme's index (ms of start-up, docs/PERFORMANCE.md): it is
    // only shown over text, so it is asked for with the first text.
    QLineEdit *edit = m_ui->findEdit;
    connect(
        edit, &QLineEdit::textChanged, edit, [edit] { edit->setClearButtonEnabled(true); },
        Qt::SingleShotConnection);
    connect(m_ui->findEdit, &QLineEdit::returnPressed, this, [this] { findNext(); });
    connect(m_ui->findNextButton, &QToolButton::clicked, this, [this] { findNext(); });
    connect(m_ui->findPreviousButton, &QToolButton::clicked, this, [this] { findNext(true); });
    connect(m_ui->filterButton, &QToolButton::toggled, this, &FindBar::handleFilterToggled);
    // Filtering reads the messages' bytes: wait until typing pauses.
    m_filterDelay.setSingleShot(true);
    m_filterDelay.setInterval(250);
    connect(&m_filterDelay, &QTimer::timeout, this, &FindBar::handleFilterDelayed);
    connect(m_ui->findEdit, &QLineEdit::textChanged, this, [this] {
        m_lastMatch = -1;
        if (m_filtering)
            m_filterDelay.start();
    });
    connect(m_ui->findModeCombo, &QComboBox::currentIndexChanged, this, [this] {
        if (m_filtering)
            setFilterEnabled(true);
    });
}

FindBar::~FindBar() = default;

void FindBar::fillCombos()
{
    const int findMode = m_ui->findModeCombo->currentIndex();
    m_ui->findModeCombo->clear();
    m_ui->findModeCombo->addItem(tr("Text"));
    m_ui->findModeCombo->addItem(tr("Hex"));
    m_ui->findModeCombo->setCurrentIndex(qMax(0, findMode));
}

void FindBar::setStore(const StreamStore *store)
{
    m_store = store;
    m_search.reset();
    m_lastMatch = -1;
}

void FindBar::setFilter(MessageFilterModel *filter)
{
    m_filter = filter;
}

void FindBar::setAnchor(AnchorFunction anchor)
{
    m_anchor = std::move(anchor);
}

void FindBar::setSearchEnabled(bool enabled)
{
    m_ui->findStatus->clear();
    m_ui->findEdit->setEnabled(enabled);
}

void FindBar::focusFind()
{
    m_ui->findEdit->setFocus();
    m_ui->findEdit->selectAll();
}

void FindBar::findNext(bool backward)
{
    QString error;
    const QByteArray needle = findPattern(&error);
    m_ui->findStatus->setText(error);
    if (!m_store || needle.isEmpty())
        return;
    // Go on from the last match; else start after the selected message (or
    // before it, backwards); else at an end of the stream.
    qint64 from = backward ? m_store->size() : 0;
    const std::optional<ByteRange> anchor = m_anchor ? m_anchor() : std::nullopt;
    if (m_lastMatch >= 0)
        from = backward ? m_lastMatch : m_lastMatch + 1;
    else if (anchor)
        from = backward ? anchor->offset : anchor->offset + qMax<qint64>(1, anchor->length);
    m_searchNeedleSize = needle.size();
    m_searchFrom = from;
    m_searchBackward = backward;
    m_searchWrapped = false;
    m_search = searchFrom(from);
    continueSearch();
}

std::unique_ptr<StreamSearch> FindBar::searchFrom(qint64 from) const
{
    return std::make_unique<StreamSearch>(*m_store, findPattern(nullptr), from,
                                          m_searchBackward ? StreamSearch::Direction::Backward
                                                           : StreamSearch::Direction::Forward);
}

void FindBar::continueSearch()
{
    if (!m_search)
        return;
    // A slice per event-loop turn: the window stays live through gigabytes.
    if (!m_search->step()) {
        m_ui->findStatus->setText(
            tr("Searching… %1").arg(ModelText::byteCount(m_search->position())));
        QTimer::singleShot(0, this, &FindBar::continueSearch);
        return;
    }
    const qint64 offset = m_search->offset();
    const bool fromAnEnd = m_searchBackward ? m_searchFrom >= m_store->size() : m_searchFrom <= 0;
    if (offset < 0 && !m_searchWrapped && !fromAnEnd) {
        // Past the last match: once more from the other end, as editors do.
        m_searchWrapped = true;
        m_search = searchFrom(m_searchBackward ? m_store->size() : 0);
        QTimer::singleShot(0, this, &FindBar::continueSearch);
        return;
    }
    m_search.reset();
    finishSearch(offset);
}

void FindBar::finishSearch(qint64 offset)
{
    if (offset < 0) {
        m_ui->findStatus->setText(tr("Not found"));
        return;
    }
    m_lastMatch = offset;
    m_ui->findStatus->setText(m_searchWrapped
                                  ? tr("Found at offset %1 (wrapped around)").arg(offset)
                                  : tr("Found at offset %1").arg(offset));
    emit found(offset, m_searchNeedleSize);
}

QByteArray FindBar::findPattern(QString *error) const
{
    const QString text = m_ui->findEdit->text();
    if (m_ui->findModeCombo->currentIndex() != 1)
        return text.toUtf8();
    const ByteText::ParseResult parsed = ByteText::parseHex(text);
    if (!parsed.isValid()) {
        if (error)
            *error = parsed.error;
        return {};
    }
    return parsed.bytes;
}

void FindBar::handleFilterToggled(bool on)
{
    if (!setFilterEnabled(on)) {
        const QSignalBlocker blocker(m_ui->filterButton);
        m_ui->filterButton->setChecked(false);
    }
}

void FindBar::handleFilterDelayed()
{
    if (m_filtering && !setFilterEnabled(true)) {
        const QSignalBlocker blocker(m_ui->filterButton);
        m_ui->filterButton->setChecked(false);
    }
}

bool FindBar::setFilterEnabled(bool enabled)
{
    QString error;
    const QByteArray pattern = enabled ? findPattern(&error) : QByteArray();
    if (!error.isEmpty()) {
        m_ui->findStatus->setText(error);
        enabled = false;
    }
    if (m_filter)
        m_filter->setPattern(pattern);
    if (enabled != m_filtering) {
        m_filtering = enabled;
        emit filteringChanged(enabled);
    }
    if (m_ui->filterButton->isChecked() != enabled) {
        const QSignalBlocker blocker(m_ui->filterButton);
        m_ui->filterButton->setChecked(enabled);
    }
    if (enabled && m_filter && m_filter->sourceModel()) {
        m_ui->findStatus->setText(tr("%1 of %2 rows shown")
                                      .arg(m_filter->rowCount())
                                      .arg(m_filter->sourceModel()->rowCount()));
    }
    return error.isEmpty();
}

void FindBar::saveSettings(QSettings &settings) const
{
    settings.setValue(QStringLiteral("view/findMode"), m_ui->findModeCombo->currentIndex());
}

void FindBar::restoreSettings(const QSettings &settings)
{
    m_ui->findModeCombo->setCurrentIndex(settings.value(QStringLiteral("view/findMode")).toInt());
}

void FindBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        fillCombos();
    }
    QWidget::changeEvent(event);
}

} // namespace TcpInspector
