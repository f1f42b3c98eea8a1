// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// PLACEHOLDER: to be written.
