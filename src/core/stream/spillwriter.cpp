// SPDX-License-Identifier: GPL-3.0-or-later
#include "spillwriter.h"

#include <utility>

namespace TcpInspector {

SpillWriter &SpillWriter::shared()
{
    static SpillWriter writer;
    return writer;
}

SpillWriter::~SpillWriter()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    if (m_thread.joinable())
        m_thread.join();
}

void SpillWriter::post(std::function<void()> task)
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_tasks.push_back(std::move(task));
        if (!m_thread.joinable())
            m_thread = std::thread(&SpillWriter::run, this);
    }
    m_wake.notify_one();
}

void SpillWriter::run()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_stopping || !m_tasks.empty(); });
        // Tasks left at exit still run: a store waits for its own, and a
        // task's bytes are what a reader of the spill file expects to find.
        if (m_tasks.empty())
            return;
        std::function<void()> task = std::move(m_tasks.front());
        m_tasks.pop_front();
        lock.unlock();
        task();
        lock.lock();
    }
}

} // namespace TcpInspector
