#!/usr/bin/env python3
"""mps_constant.py MPS OBJECTIVE - cbc's objective on an MPS file that GLPK
wrote, corrected for the objective constant.

Why: GLPK writes the objective constant c0 as the objective row's RHS; cbc
reads the standard -RHS, so its value is off by -2 x RHS.  Undoing that lets
both solvers' objectives be compared.  crosscheck.py imports correction();
family2.sh and scripts/bench.sh run this file.  Prints OBJECTIVE plus the
correction (%.17g).
"""
import sys


def correction(mps):
    """The amount to add to cbc's objective on the MPS file at path mps."""
    obj_row, rhs, section = None, 0.0, None
    for line in open(mps):
        if not line.startswith(" "):
            section = line.split()[0] if line.strip() else section
            continue
        f = line.split()
        if section == "ROWS" and f[0] == "N" and obj_row is None:
            obj_row = f[1]
        elif section == "RHS":
            for k in range(1, len(f) - 1, 2):
                if f[k] == obj_row:
                    rhs = float(f[k + 1])
    return 2 * rhs


if __name__ == "__main__":
    print("%.17g" % (float(sys.argv[2]) + correction(sys.argv[1])))
