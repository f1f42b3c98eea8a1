#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Carries translations across tr() context moves.

lupdate keys a message by (context, source). When code moves a string to
another class, or a file changes how it translates, lupdate sees a new,
unfinished message and (with -no-obsolete) drops the old one, although the
translator's work still applies. This fills every unfinished message of NEW
from a finished one with the same source text (and the same disambiguation
comment) in any of the OLD catalogues, and says what it could not fill.

    carry_translations.py NEW.ts OLD.ts [OLD.ts...]
"""
import sys
import xml.etree.ElementTree as ET


def key(message):
    return (message.findtext("source") or "", message.findtext("comment") or "")


def finished(translation):
    return translation is not None and translation.get("type") not in ("unfinished", "vanished",
                                                                        "obsolete")


def memory(paths):
    known = {}
    for path in paths:
        for message in ET.parse(path).getroot().iter("message"):
            translation = message.find("translation")
            if finished(translation):
                known.setdefault(key(message), translation)
    return known


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    new_path, old_paths = argv[1], argv[2:]
    known = memory(old_paths)
    tree = ET.parse(new_path)
    filled = missing = 0
    for context in tree.getroot().iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            if finished(translation):
                continue
            old = known.get(key(message))
            if old is None:
                missing += 1
                print(f"untranslated: [{context.findtext('name')}] {key(message)[0]!r}",
                      file=sys.stderr)
                continue
            message.remove(translation)
            copy = ET.fromstring(ET.tostring(old))
            copy.tail = translation.tail
            message.append(copy)
            filled += 1
    with open(new_path, "wb") as out:
        out.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(out, encoding="utf-8", xml_declaration=False)
        out.write(b"\n")
    print(f"carried {filled} translations over, {missing} still unfinished", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
