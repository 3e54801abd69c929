#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the Flatpak manifest without flatpak-builder, whose runtime
cannot be downloaded on the build machines: it must be valid JSON, name
the app id and command, build this directory, and ask for what the app
needs."""

import json
import sys

path, app_id, command = sys.argv[1:4]
failures = []

try:
    with open(path, encoding="utf-8") as f:
        manifest = json.load(f)
except (OSError, ValueError) as e:
    print(f"{path}: not valid JSON: {e}")
    sys.exit(1)


def expect(cond, what):
    if not cond:
        failures.append(what)


expect(manifest.get("id", manifest.get("app-id")) == app_id, f"id is not {app_id}")
expect(manifest.get("command") == command, f"command is not {command}")
expect(manifest.get("runtime") == "org.gnome.Platform", "runtime is not org.gnome.Platform")
expect(manifest.get("sdk") == "org.gnome.Sdk", "sdk is not org.gnome.Sdk")
try:
    # GNOME 43 ships GTK 4.8 and libadwaita 1.2, the oldest we support.
    expect(int(manifest.get("runtime-version", "0")) >= 43, "runtime-version is older than GNOME 43")
except ValueError:
    failures.append("runtime-version is not a GNOME release number")

args = manifest.get("finish-args", [])
for arg in ("--socket=wayland", "--socket=fallback-x11", "--share=ipc", "--device=dri"):
    expect(arg in args, f"finish-args lacks {arg}")
expect("--share=network" not in args, "finish-args shares the network; customer data stays private")

modules = manifest.get("modules", [])
names = [m.get("name") for m in modules if isinstance(m, dict)]
expect("libnotify" in names, "no libnotify module (the GNOME runtime lacks it)")
expect(names and names[-1] == "regulars", "the last module is not regulars")
if names and names[-1] == "regulars":
    app = modules[-1]
    expect(app.get("buildsystem") == "meson", "regulars is not built with meson")
    expect(app.get("run-tests") is True, "regulars does not run its tests")
    expect({"type": "dir", "path": ".."} in app.get("sources", []),
           "regulars is not built from the local directory")

for failure in failures:
    print(f"{path}: {failure}")
sys.exit(1 if failures else 0)
