# SPDX-License-Identifier: GPL-3.0-or-later
# The test handouts_uptodate: makes the lesson handouts' Markdown again from
# the built-in lessons (PROGRAM --handouts-text-only OUT) and compares it with
# the committed pages in COMMITTED (docs/lessons). A lesson changed, added or
# removed without running scripts/screenshots.sh fails it.
cmake_minimum_required(VERSION 3.16)
file(REMOVE_RECURSE "${OUT}")
execute_process(COMMAND "${PROGRAM}" --handouts-text-only "${OUT}"
    RESULT_VARIABLE result OUTPUT_QUIET ERROR_VARIABLE errors)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "${PROGRAM} --handouts-text-only failed (${result}):\n${errors}")
endif()

file(GLOB made RELATIVE "${OUT}" "${OUT}/*.md")
file(GLOB committed RELATIVE "${COMMITTED}" "${COMMITTED}/*.md")
if(NOT made)
    message(FATAL_ERROR "${PROGRAM} --handouts-text-only wrote no page into ${OUT}")
endif()
find_program(DIFF diff)
set(problems "")
set(details "")
foreach(name IN LISTS made)
    if(NOT EXISTS "${COMMITTED}/${name}")
        string(APPEND problems "\n  missing:   docs/lessons/${name}")
        continue()
    endif()
    file(READ "${OUT}/${name}" wanted)
    file(READ "${COMMITTED}/${name}" have)
    if(NOT wanted STREQUAL have)
        string(APPEND problems "\n  outdated:  docs/lessons/${name}")
        if(DIFF AND NOT details)
            execute_process(COMMAND "${DIFF}" -u "${COMMITTED}/${name}" "${OUT}/${name}"
                OUTPUT_VARIABLE details)
        endif()
    endif()
endforeach()
foreach(name IN LISTS committed)
    if(NOT name IN_LIST made)
        string(APPEND problems "\n  left over: docs/lessons/${name} (no such lesson)")
    endif()
endforeach()
if(problems)
    if(details)
        message("${details}") # as diff wrote it, unwrapped
    endif()
    message(FATAL_ERROR "The lesson handouts in docs/lessons do not match lessons/:${problems}\n"
        "Run scripts/screenshots.sh (it writes the pages and renders their pictures) and "
        "commit docs/lessons.")
endif()
list(LENGTH made count)
message(STATUS "docs/lessons: ${count} pages up to date")
