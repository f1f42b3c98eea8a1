# SPDX-License-Identifier: GPL-3.0-or-later
# One place for the warning flags, so every target of ours gets the same ones and
# third-party code (Qt's generated moc files included) is not held to them twice.
function(tcpi_set_warnings target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow)
    if(TCPI_WERROR)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
endfunction()
