"""SymPy side of the answer-checking benchmark; run by bench.ts, which passes a JSON file.

Input file: {"numeric": [{"input", "key", "abs"}], "pairs": [{"a", "b"}], "variables": [...]}.
Numeric checks use parse_expr and |value - key| <= abs; expression checks use
simplify(a - b) == 0 with the variables declared positive (the domains are [0.5, 3]).
Prints one JSON object: timings in seconds and the verdicts.
"""

import json
import sys
import time

import sympy
from sympy.parsing.sympy_parser import parse_expr


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as handle:
        job = json.load(handle)
    local = {"log": sympy.log, "pi": sympy.pi, "e": sympy.E}
    for variable in job["variables"]:
        local[variable["name"]] = sympy.Symbol(variable["name"], positive=True)

    start = time.perf_counter()
    numeric_verdicts = []
    for case in job["numeric"]:
        value = parse_expr(case["input"].replace("^", "**"), local_dict=dict(local))
        numeric_verdicts.append(bool(abs(float(value) - case["key"]) <= case["abs"]))
    numeric_seconds = time.perf_counter() - start

    start = time.perf_counter()
    pair_verdicts = []
    for pair in job["pairs"]:
        a = parse_expr(pair["a"].replace("^", "**"), local_dict=dict(local))
        b = parse_expr(pair["b"].replace("^", "**"), local_dict=dict(local))
        pair_verdicts.append(bool(sympy.simplify(a - b) == 0))
    pair_seconds = time.perf_counter() - start

    print(json.dumps({
        "sympy": sympy.__version__,
        "python": sys.version.split()[0],
        "numericSeconds": numeric_seconds,
        "numericVerdicts": numeric_verdicts,
        "pairSeconds": pair_seconds,
        "pairVerdicts": pair_verdicts,
    }))


if __name__ == "__main__":
    main()
