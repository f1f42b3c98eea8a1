# SPDX-License-Identifier: GPL-3.0-or-later
# The test handouts_failure: a lesson whose observation does not hold gets no
# picture (an old one is removed), its name on stderr, and a non-zero exit.
# PROGRAM is tcpinspector-screenshots, LESSONS the source tree's lessons/,
# OUT a scratch folder.
cmake_minimum_required(VERSION 3.16)
file(REMOVE_RECURSE "${OUT}")
file(MAKE_DIRECTORY "${OUT}/lessons" "${OUT}/handouts")
file(COPY "${LESSONS}/partial-reads.lesson" DESTINATION "${OUT}/lessons")
file(READ "${LESSONS}/partial-reads.scn" scenario)
string(REPLACE "expect conn chunks 3 " "expect conn chunks 5 " broken "${scenario}")
if(broken STREQUAL scenario)
    message(FATAL_ERROR "partial-reads.scn has no 'expect conn chunks 3' to break any more")
endif()
file(WRITE "${OUT}/lessons/partial-reads.scn" "${broken}")
file(WRITE "${OUT}/handouts/partial-reads.png" "an old picture")
execute_process(COMMAND "${PROGRAM}" --handouts "${OUT}/handouts" --dir "${OUT}/lessons"
    RESULT_VARIABLE result OUTPUT_QUIET ERROR_VARIABLE errors)
if(result EQUAL 0)
    message(FATAL_ERROR "exit 0 although an observation did not hold:\n${errors}")
endif()
if(NOT errors MATCHES "lesson partial-reads \\(en\\)")
    message(FATAL_ERROR "stderr does not name the lesson:\n${errors}")
endif()
if(EXISTS "${OUT}/handouts/partial-reads.png")
    message(FATAL_ERROR "the old picture of the failed lesson is still there")
endif()
if(NOT EXISTS "${OUT}/handouts/partial-reads.md")
    message(FATAL_ERROR "the pages were not written")
endif()
