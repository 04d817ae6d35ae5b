"""WeasyPrint is imported without the subprocesses of ctypes' library search, and still the usual way when
the quick way fails."""

from __future__ import annotations

import subprocess
import sys
import textwrap

QUICK = """
import subprocess
started = []
real_popen = subprocess.Popen.__init__
def popen(self, *args, **kwargs):
    started.append(args[0])
    real_popen(self, *args, **kwargs)
subprocess.Popen.__init__ = popen
from bti_docs.render.weasy import HTML
assert started == [], started
assert HTML(string="<p>Tekst</p>").write_pdf().startswith(b"%PDF")
print("ok")
"""

FALLBACK = """
import ctypes.util
import cffi.api
real_find, real_dlopen = ctypes.util.find_library, cffi.api.FFI.dlopen
tried = []
def dlopen(self, name, flags=0):
    if ctypes.util.find_library is not real_find:  # the quick import: no library opens
        tried.append(name)
        raise OSError("simulated")
    return real_dlopen(self, name, flags)
cffi.api.FFI.dlopen = dlopen
from bti_docs.render.weasy import HTML
assert tried and ctypes.util.find_library is real_find
assert HTML(string="<p>Tekst</p>").write_pdf().startswith(b"%PDF")
print("ok")
"""


def run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                          timeout=120, check=False)


def test_weasyprint_is_imported_without_subprocesses() -> None:
    done = run(QUICK)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("ok")


def test_when_the_quick_import_fails_the_usual_import_is_used() -> None:
    done = run(FALLBACK)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("ok")
