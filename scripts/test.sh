#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds TCP Inspector and runs the whole test suite, checks src/ with
# clang-tidy (scripts/tidy.sh), then runs the suite again under
# AddressSanitizer + UndefinedBehaviorSanitizer. Installs what it needs.
#   scripts/test.sh           everything
#   scripts/test.sh --quick   the normal build and its tests only (no clang-tidy, no sanitizers)
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$TCPI_ROOT"

quick=0
[ "${1:-}" = "--quick" ] && quick=1

tcpi_ensure_packages "${TCPI_BUILD_PACKAGES[@]}" "${TCPI_TEST_PACKAGES[@]}"

tcpi_log "format check"
scripts/format.sh --check

tcpi_build dev
tcpi_log "tests (dev)"
ctest --preset dev

if [ "$quick" -eq 0 ]; then
    # After the tests, so a failing test is reported first; before the ASan
    # build, which it would only compete with for the same cores. All of src/
    # (97 files) costs about 9 CPU-minutes, some 5 minutes on two free cores;
    # --quick skips it.
    tcpi_log "clang-tidy (src/)"
    scripts/tidy.sh build/dev
    tcpi_build asan
    tcpi_log "tests (asan+ubsan)"
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        ctest --preset asan
fi
tcpi_log "all tests passed"
