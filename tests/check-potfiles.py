#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""po/POTFILES.in must list every file with translatable strings, and
nothing else, or those strings silently never reach translators."""

import os
import re
import sys

top = sys.argv[1]
listed = set()
with open(os.path.join(top, "po", "POTFILES.in"), encoding="utf-8") as f:
    for line in f:
        line = line.strip()
        if line and not line.startswith("#"):
            listed.add(line)

c_marker = re.compile(r'\b(?:_|N_|C_|NC_|g_dgettext)\s*\(\s*"')
wanted = set()
for folder in ("src", "data"):
    for root, dirs, files in os.walk(os.path.join(top, folder)):
        for name in files:
            path = os.path.join(root, name)
            rel = os.path.relpath(path, top)
            if name.endswith((".c", ".h")):
                with open(path, encoding="utf-8") as f:
                    if c_marker.search(f.read()):
                        wanted.add(rel)
            elif name.endswith(".ui"):
                with open(path, encoding="utf-8") as f:
                    if 'translatable="yes"' in f.read():
                        wanted.add(rel)
            elif name.endswith((".desktop.in.in", ".desktop.in", ".metainfo.xml.in.in",
                                ".metainfo.xml.in", ".gschema.xml")):
                wanted.add(rel)

status = 0
for rel in sorted(wanted - listed):
    print(f"po/POTFILES.in: missing {rel}, which has translatable strings")
    status = 1
for rel in sorted(listed - wanted):
    if not os.path.exists(os.path.join(top, rel)):
        print(f"po/POTFILES.in: lists {rel}, which does not exist")
    else:
        print(f"po/POTFILES.in: lists {rel}, which has no translatable strings")
    status = 1
sys.exit(status)
