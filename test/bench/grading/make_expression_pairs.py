"""Generate the expression-equivalence benchmark pairs (expression-pairs.json).

Each pair is (a, b) over the variables x, y on [0.5, 3]. Equivalent pairs are two forms of the
same SymPy expression (expanded, factored, combined over a common denominator, rewritten by a
logarithm, exponential or trigonometric identity), so their label is true by construction.
Non-equivalent pairs perturb the second form (a coefficient changed by one, a sign flipped, a
term dropped, an exponent raised), which changes the function on the domain.

Run from the repository root:  /usr/bin/python3 test/bench/grading/make_expression_pairs.py
"""

import json
import random
from pathlib import Path

import sympy

x, y = sympy.symbols("x y", positive=True)
HERE = Path(__file__).resolve().parent
PAIRS = 1000


def text(expr) -> str:
    """Infix text in the student syntax: ^ for powers, natural log, no E or Abs."""
    printed = sympy.sstr(expr, order="none").replace("**", "^")
    if "E" in printed.replace("exp", "") or "Abs" in printed or "I" in printed:
        raise ValueError(f"unprintable: {printed}")
    return printed


def small(rng: random.Random) -> int:
    return rng.choice([-3, -2, -1, 1, 2, 3, 4, 5])


def polynomial(rng: random.Random):
    terms = []
    for _ in range(rng.randint(2, 4)):
        terms.append(small(rng) * x ** rng.randint(0, 3) * y ** rng.randint(0, 2))
    return sympy.Add(*terms)


def binomial(rng: random.Random):
    return small(rng) * x + small(rng) * y + rng.randint(-3, 3)


def equivalent_pair(rng: random.Random):
    kind = rng.choice(["expand", "factor", "together", "apart", "log", "exp", "trig", "power"])
    if kind == "expand":
        expr = binomial(rng) ** rng.randint(2, 4)
        return kind, expr, sympy.expand(expr)
    if kind == "factor":
        expr = sympy.Mul(*[binomial(rng) for _ in range(rng.randint(2, 3))])
        return kind, expr, sympy.expand(expr)
    if kind == "together":
        expr = polynomial(rng) / binomial(rng) + small(rng) / (x + rng.randint(1, 4))
        return kind, expr, sympy.together(expr)
    if kind == "apart":
        a, b = rng.randint(1, 4), rng.randint(5, 8)
        expr = (small(rng) * x + small(rng)) / ((x + a) * (x + b))
        return kind, expr, sympy.apart(expr, x)
    if kind == "log":
        p, q = rng.randint(1, 4), rng.randint(1, 4)
        return kind, sympy.log(x ** p * y ** q, evaluate=False), p * sympy.log(x) + q * sympy.log(y)
    if kind == "exp":
        p, q = small(rng), small(rng)
        return kind, sympy.exp(p * x) * sympy.exp(q * y), sympy.exp(p * x + q * y)
    if kind == "trig":
        k = rng.randint(1, 3)
        choice = rng.randint(0, 2)
        if choice == 0:
            return kind, sympy.sin(2 * k * x), 2 * sympy.sin(k * x) * sympy.cos(k * x)
        if choice == 1:
            return kind, sympy.cos(k * x) ** 2 + sympy.sin(k * x) ** 2 + y, 1 + y
        return kind, sympy.cos(2 * k * x), 1 - 2 * sympy.sin(k * x) ** 2
    n = rng.randint(2, 5)
    return kind, (x * y) ** n, x ** n * y ** n


def perturb(expr, rng: random.Random):
    """A different function: add a term, flip a sign, scale a part, or raise a power."""
    choice = rng.randint(0, 3)
    if choice == 0:
        return expr + rng.choice([1, -1, x, y])
    if choice == 1 and isinstance(expr, sympy.Add) and len(expr.args) > 1:
        first, *rest = expr.args
        return -first + sympy.Add(*rest)
    if choice == 2:
        return expr * rng.choice([2, -1, x])
    return expr ** 2 if expr.has(x) else expr + x


def main() -> None:
    rng = random.Random(20260101)
    pairs = []
    while len(pairs) < PAIRS:
        kind, a, b = equivalent_pair(rng)
        equivalent = rng.random() < 0.5
        if not equivalent:
            b = perturb(b, rng)
            if sympy.simplify(a - b) == 0:
                continue
        try:
            pairs.append({"a": text(a), "b": text(b), "kind": kind, "equivalent": equivalent})
        except ValueError:
            continue
    document = {
        "generator": f"make_expression_pairs.py (SymPy {sympy.__version__}, random.Random(20260101))",
        "variables": [{"name": "x", "min": 0.5, "max": 3}, {"name": "y", "min": 0.5, "max": 3}],
        "pairs": pairs,
    }
    (HERE / "expression-pairs.json").write_text(json.dumps(document, indent=1) + "\n")


if __name__ == "__main__":
    main()
