import { describe, expect, it } from "vitest";

import question from "@/questions/interpolation-threshold";

type Params = Parameters<typeof question.build>[0];

function paramsFor(n: number, basis: "polynomial" | "natural-spline"): Params {
  const x = Array.from({ length: n }, (_, i) => -1 + (2 * i) / (n - 1));
  return { n, basis, truth: "square-pulse", x, y: x.map(() => 0) } as Params;
}

describe("interpolation-threshold keys", () => {
  // ISLR 2nd ed. §10.8: with n = 20 points a natural spline interpolates at d = 20 degrees of
  // freedom; a polynomial has d + 1 coefficients, so it interpolates n points at degree n − 1.
  it("gives degree n − 1 for polynomials", () => {
    const part = question.build(paramsFor(20, "polynomial")).parts[0]!;
    expect(part.key).toBe(19);
    expect(part.misconceptions.find((item) => item.tag === "threshold-n-instead-of-n-minus-1")?.value).toBe(20);
  });

  it("gives n degrees of freedom for natural splines", () => {
    const part = question.build(paramsFor(20, "natural-spline")).parts[0]!;
    expect(part.key).toBe(20);
    expect(part.misconceptions.find((item) => item.tag === "threshold-spline-n-minus-1")?.value).toBe(19);
  });

  it("ships one CSV row per training point", () => {
    const content = question.build(paramsFor(37, "polynomial"));
    const lines = content.csv!.text.trim().split("\n");
    expect(lines[0]).toBe("x,y");
    expect(lines).toHaveLength(38);
  });
});
