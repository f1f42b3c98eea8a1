// SPDX-License-Identifier: GPL-3.0-or-later
// One libFuzzer target; TCPI_FUZZ_TARGET names which entry of fuzzTargets it runs.
#include "fuzzharness.h"

#include <cstring>

using namespace TcpInspector::Fuzz;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const FuzzTarget *target = [] {
        for (size_t i = 0; i < fuzzTargetCount; ++i) {
            if (std::strcmp(fuzzTargets[i].name, TCPI_FUZZ_TARGET) == 0)
                return &fuzzTargets[i];
        }
        return static_cast<const FuzzTarget *>(nullptr);
    }();
    if (!target)
        __builtin_trap();
    runFuzzTarget(*target, data, size);
    return 0;
}
