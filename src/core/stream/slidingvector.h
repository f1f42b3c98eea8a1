// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <utility>
#include <vector>

namespace TcpInspector {

/// A vector that can also let go of its front, for the block lists of a
/// store and its indexes: ring mode drops the oldest while the newest grow.
/// Unlike std::deque it allocates nothing while empty (libstdc++'s deque
/// takes some 600 bytes at construction, and a connection holds ten of these
/// lists), and it keeps iterators random-access for binary searches. Dropped
/// items are moved out once they are half of the storage: O(1) amortized.
template<typename T>
class SlidingVector
{
public:
    using iterator = typename std::vector<T>::iterator;
    using const_iterator = typename std::vector<T>::const_iterator;

    std::size_t size() const { return m_items.size() - m_head; }
    bool empty() const { return size() == 0; }
    T &operator[](std::size_t i) { return m_items[m_head + i]; }
    const T &operator[](std::size_t i) const { return m_items[m_head + i]; }
    T &front() { return m_items[m_head]; }
    const T &front() const { return m_items[m_head]; }
    T &back() { return m_items.back(); }
    const T &back() const { return m_items.back(); }
    iterator begin() { return m_items.begin() + std::ptrdiff_t(m_head); }
    iterator end() { return m_items.end(); }
    const_iterator begin() const { return m_items.begin() + std::ptrdiff_t(m_head); }
    const_iterator end() const { return m_items.end(); }

    void push_back(T item) { m_items.push_back(std::move(item)); }
    template<typename... Args>
    T &emplace_back(Args &&...args)
    {
        return m_items.emplace_back(std::forward<Args>(args)...);
    }
    /// Lets go of the first count items.
    void pop_front(std::size_t count = 1)
    {
        m_head += count;
        if (m_head * 2 >= m_items.size()) {
            m_items.erase(m_items.begin(), m_items.begin() + std::ptrdiff_t(m_head));
            m_head = 0;
        }
    }
    /// Bytes of storage held, dropped items not yet moved out included.
    std::size_t capacityBytes() const { return m_items.capacity() * sizeof(T); }

private:
    std::vector<T> m_items;
    std::size_t m_head = 0;
};

} // namespace TcpInspector
