// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace TcpInspector {

/// One thread that writes spilled blocks to disk for every StreamStore, so
/// the thread recording a connection goes on reading while the disk works.
///
/// One thread for all stores, not one each: ten thousand connections must
/// not cost ten thousand threads, and the stores share one disk anyway.
/// Tasks run in the order posted; a store waits for its own tasks to finish
/// before it goes away.
class SpillWriter
{
public:
    static SpillWriter &shared();

    void post(std::function<void()> task);

    SpillWriter(const SpillWriter &) = delete;
    SpillWriter &operator=(const SpillWriter &) = delete;

private:
    SpillWriter() = default;
    ~SpillWriter();
    void run();

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::function<void()>> m_tasks;
    bool m_stopping = false;
    std::thread m_thread; // started at the first post
};

} // namespace TcpInspector
