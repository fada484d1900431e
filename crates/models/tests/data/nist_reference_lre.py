#!/usr/bin/env python3
"""Reference accuracy figures for the NIST StRD linear regression sets in nist/.

Prints, per set, the log relative error (LRE, correct significant digits, capped at 15)
of the coefficients, their standard errors, the residual sd and R² against the
certified values, for:

  exact   the exact least-squares solution (rational arithmetic, `fractions`) of
          - the decimal data as printed (reproduces the certified values),
          - the data read into f64, polynomial powers of that f64 x taken exactly
            (what no f64 solver can be expected to beat: `NIST_EXACT_DIGITS`),
          - the design as `polynomial_design` builds it (powers rounded to f64 by
            repeated multiplication: `NIST_EXACT_DIGITS_FILIP_F64_DESIGN`),
          - the powers correctly rounded to f64;
  numpy   numpy's least squares on the f64 data: `np.linalg.lstsq` (SVD, LAPACK
          gelsd, default rcond), `np.linalg.qr` + back-substitution, `np.polyfit`.

Usage: python3 nist_reference_lre.py exact|numpy      (numpy: `pip install numpy`)
Used for crates/models/tests/common/mod.rs and BENCHMARKS.md (numpy 2.4.6, OpenBLAS
0.3.31, Python 3.11).
"""
import math
import os
import sys
from fractions import Fraction as F

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "nist")
NAMES = ["Norris", "Pontius", "NoInt1", "NoInt2", "Filip", "Longley",
         "Wampler1", "Wampler2", "Wampler3", "Wampler4", "Wampler5"]


def load(name):
    problem = dict(name=name, B=[], S=[], rows=[])
    in_data = False
    for line in open(os.path.join(DATA, name + ".txt")):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        tokens = line.split()
        if in_data:
            problem["rows"].append(tokens)
        elif tokens[0] == "model":
            problem["model"] = tokens[1]
            problem["degree"] = int(tokens[2]) if len(tokens) > 2 else 0
        elif tokens[0] == "residual_sd":
            problem["rsd"] = float(tokens[1])
        elif tokens[0] == "r_squared":
            problem["r2"] = float(tokens[1])
        elif tokens[0] == "data":
            in_data = True
        else:
            problem["B"].append(float(tokens[1]))
            problem["S"].append(float(tokens[2]))
    return problem


def lre(computed, certified):
    error = abs(computed) if certified == 0 else abs(computed - certified) / abs(certified)
    return 15.0 if error == 0 else min(15.0, -math.log10(error))


def design(problem, read, powers):
    """read: decimal string -> number; powers: 'exact', 'f64' (repeated f64
    multiplication, as polynomial_design) or 'rounded' (exact power, rounded once)."""
    y = [read(row[0]) for row in problem["rows"]]
    x = []
    for row in problem["rows"]:
        if problem["model"] == "polynomial":
            t = read(row[1])
            if powers == "rounded":
                x.append([1.0] + [float(F(t) ** j) for j in range(1, problem["degree"] + 1)])
                continue
            line, power = [1], t
            for j in range(problem["degree"]):
                if j > 0:
                    power = power * t
                line.append(power)
            x.append(line)
        else:
            intercept = [1] if problem["model"] == "linear" else []
            x.append(intercept + [read(v) for v in row[1:]])
    return x, y


def exact_fit(x, y, intercept):
    """Normal equations in rational arithmetic (exact): β, standard errors, s, R²."""
    x = [[F(v) for v in row] for row in x]
    y = [F(v) for v in y]
    n, k = len(x), len(x[0])
    gram = [[sum(x[i][a] * x[i][b] for i in range(n)) for b in range(k)] for a in range(k)]
    rhs = [sum(x[i][a] * y[i] for i in range(n)) for a in range(k)]
    m = [gram[i][:] + [rhs[i]] + [F(int(i == j)) for j in range(k)] for i in range(k)]
    for c in range(k):  # Gauss–Jordan: solution and inverse at once
        pivot = next(r for r in range(c, k) if m[r][c] != 0)
        m[c], m[pivot] = m[pivot], m[c]
        m[c] = [v / m[c][c] for v in m[c]]
        for r in range(k):
            if r != c and m[r][c] != 0:
                f = m[r][c]
                m[r] = [a - f * b for a, b in zip(m[r], m[c])]
    beta = [m[i][k] for i in range(k)]
    inverse_diagonal = [m[i][k + 1 + i] for i in range(k)]
    residuals = [y[i] - sum(x[i][j] * beta[j] for j in range(k)) for i in range(n)]
    sse = sum(r * r for r in residuals)
    if intercept:
        mean = sum(y) / n
        sst = sum((v - mean) ** 2 for v in y)
    else:
        sst = sum(v * v for v in y)
    s2 = sse / (n - k)
    return ([float(b) for b in beta], [math.sqrt(s2 * d) for d in inverse_diagonal],
            math.sqrt(float(s2)), float(1 - sse / sst))


def digits(problem, beta, se, rsd, r2):
    worst = lambda got, want: min(lre(g, w) for g, w in zip(got, want))
    return (worst(beta, problem["B"]), worst(se, problem["S"]) if se is not None else float("nan"),
            lre(rsd, problem["rsd"]), lre(r2, problem["r2"]))


def numpy_statistics(x, y, beta, intercept):
    import numpy as np
    x, y = np.array(x, dtype=float), np.array(y, dtype=float)
    n, k = x.shape
    residuals = y - x @ beta
    sse = residuals @ residuals
    sst = ((y - y.mean()) ** 2).sum() if intercept else (y * y).sum()
    s2 = sse / (n - k)
    return math.sqrt(s2), 1 - sse / sst, s2


def back_substitution(r, b):
    k = len(b)
    x = [0.0] * k
    for i in reversed(range(k)):
        x[i] = (b[i] - sum(r[i][j] * x[j] for j in range(i + 1, k))) / r[i][i]
    return x


def main(mode):
    print(f"| set | method | coefficients | standard errors | residual sd | R² |")
    print(f"|---|---|---|---|---|---|")
    row = lambda name, label, d: print(f"| {name} | {label} | " + " | ".join(f"{v:.2f}" for v in d) + " |")
    for name in NAMES:
        problem = load(name)
        intercept = problem["model"] != "no_intercept"
        if mode == "exact":
            variants = [("exact, decimal data", F, "exact"),
                        ("exact, f64 data, exact powers", lambda s: F(float(s)), "exact"),
                        ("exact, f64 design as built", float, "f64")]
            if problem["model"] == "polynomial":
                variants.append(("exact, powers rounded once", float, "rounded"))
            for label, read, powers in variants:
                x, y = design(problem, read, powers)
                row(name, label, digits(problem, *exact_fit(x, y, intercept)))
        else:
            import numpy as np
            x, y = design(problem, float, "f64")
            xn, yn = np.array(x, dtype=float), np.array(y, dtype=float)
            beta = np.linalg.lstsq(xn, yn, rcond=None)[0]
            rsd, r2, s2 = numpy_statistics(x, y, beta, intercept)
            pinv = np.linalg.pinv(xn)
            se = np.sqrt(s2 * np.diag(pinv @ pinv.T))
            row(name, "numpy lstsq (SVD)", digits(problem, beta, se, rsd, r2))
            q, r = np.linalg.qr(xn)
            beta = np.array(back_substitution(r.tolist(), (q.T @ yn).tolist()))
            rsd, r2, s2 = numpy_statistics(x, y, beta, intercept)
            r_inverse = np.linalg.inv(r)
            se = np.sqrt(s2 * (r_inverse * r_inverse).sum(axis=1))
            row(name, "numpy qr + back-substitution", digits(problem, beta, se, rsd, r2))
            if problem["model"] == "polynomial":
                t = np.array([float(v[1]) for v in problem["rows"]])
                beta = np.polyfit(t, yn, problem["degree"])[::-1]
                rsd, r2, _ = numpy_statistics(x, y, beta, intercept)
                row(name, "numpy polyfit", digits(problem, beta, None, rsd, r2))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "exact")
