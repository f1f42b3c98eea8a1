// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/messagetablemodel.h"

#include <QTimer>
#include <QWidget>

#include <functional>
#include <memory>
#include <optional>

class QSettings;

namespace Ui {
class FindBar;
}

namespace TcpInspector {

class MessageFilterModel;
class StreamSearch;
class StreamStore;

/// Find in one direction of a stream: text or hex typed in a field, the next
/// or previous match found a slice per event-loop turn and wrapping around at
/// the ends, and a toggle that filters the message table down to the
/// messages containing it.
class FindBar : public QWidget
{
    Q_OBJECT

public:
    using ByteRange = MessageTableModel::ByteRange;
    /// Where a search with no last match starts: after these bytes (before
    /// them, backwards), or at an end of the stream when there are none.
    using AnchorFunction = std::function<std::optional<ByteRange>()>;

    explicit FindBar(QWidget *parent = nullptr);
    ~FindBar() override;

    /// The bytes searched, or nullptr; a search under way stops.
    void setStore(const StreamStore *store);
    /// The filter the toggle drives; the owner shows it on filteringChanged().
    void setFilter(MessageFilterModel *filter);
    void setAnchor(AnchorFunction anchor);
    /// Whether there is anything to search; a new stream clears the status.
    void setSearchEnabled(bool enabled);

    /// Puts the cursor in the find field, its text selected.
    void focusFind();
    void findNext(bool backward = false);
    /// Where find last found something is stale (new messages, another stream).
    void forgetLastMatch() { m_lastMatch = -1; }
    /// Shows only messages containing the find field's text (or hex); false
    /// when what is typed is not valid.
    bool setFilterEnabled(bool enabled);
    bool isFiltering() const { return m_filtering; }

    void saveSettings(QSettings &settings) const;
    void restoreSettings(const QSettings &settings);

Q_SIGNALS:
    /// A match of length bytes at offset: select it.
    void found(qint64 offset, qint64 length);
    /// The filter was switched on or off: show its rows, or all of them.
    void filteringChanged(bool filtering);

protected:
    void changeEvent(QEvent *event) override;

private:
    void fillCombos();
    void handleFilterToggled(bool on);
    void handleFilterDelayed();
    void continueSearch();
    void finishSearch(qint64 offset);
    /// What the find field asks for, as bytes; empty with *error when invalid.
    QByteArray findPattern(QString *error) const;
    std::unique_ptr<StreamSearch> searchFrom(qint64 from) const;

    std::unique_ptr<Ui::FindBar> m_ui;
    const StreamStore *m_store = nullptr;
    MessageFilterModel *m_filter = nullptr;
    AnchorFunction m_anchor;
    bool m_filtering = false;
    std::unique_ptr<StreamSearch> m_search;
    qint64 m_searchNeedleSize = 0;
    qint64 m_lastMatch = -1; ///< where find last found something, to go on from there
    bool m_searchBackward = false;
    qint64 m_searchFrom = 0;
    bool m_searchWrapped = false;
    QTimer m_filterDelay; ///< filtering reads every message: it waits until typing pauses
};

} // namespace TcpInspector
