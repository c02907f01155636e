"""Run a script in a fresh interpreter under a chosen ``PYTHONHASHSEED``.

The cross-process tests (``tests/fuzz/test_determinism.py``,
``tests/reporting/test_map_hash_seed.py``) compare what two interpreters with different hash
seeds print: a result that follows the iteration order of a ``set`` or ``dict`` of strings
changes with the seed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys


def run_with_hash_seed(script: str, hash_seed: str, *, timeout: float) -> dict:
    """Run ``script`` with ``python -c`` under ``PYTHONHASHSEED=hash_seed`` and return the JSON
    object it prints on its last line of output; the test fails, with the end of the
    interpreter's stderr, when the script fails."""
    env = dict(os.environ, PYTHONHASHSEED=hash_seed)
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=timeout
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])
