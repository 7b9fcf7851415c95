"""Oracle cases for package torch: one module of cases per family.

Run as /usr/bin/python3 oracle_ops.py OUT.json; see oracle.py.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import oracle  # noqa: E402
import cases_tensor  # noqa: E402,F401
import cases_math  # noqa: E402,F401
import cases_nn  # noqa: E402,F401

if __name__ == "__main__":
    oracle.main()
