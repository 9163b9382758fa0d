import { describe, expect, it } from "vitest";

import { nearMissProbes } from "@/lib/questions/near-miss";

describe("near-miss probes", () => {
  it("judges rounded keys by the tolerance", () => {
    const probes = nearMissProbes({ type: "number", tolerance: { rel: 0.01 } }, 0.123456);
    const byName = new Map(probes.map((probe) => [probe.name, probe]));
    // 0.1 is 19 % off and 0.12 is 2.8 % off: both outside 1 %; 0.123 is 0.37 % off: inside.
    expect(byName.get("rounded to 1 significant figures")?.intendedCorrect).toBe(false);
    expect(byName.get("rounded to 2 significant figures")?.intendedCorrect).toBe(false);
    expect(byName.get("rounded to 3 significant figures")?.intendedCorrect).toBe(true);
    expect(byName.get("sign flipped")?.intendedCorrect).toBe(false);
  });

  it("measures the margin to the boundary", () => {
    const [probe] = nearMissProbes({ type: "number", tolerance: { abs: 0.1 } }, 1.04);
    // 1.04 rounded to 1 figure is 1: an error of 0.04 against an allowed 0.1, so 60 % inside.
    expect(probe?.name).toBe("rounded to 1 significant figures");
    expect(probe?.margin).toBeCloseTo(0.6, 12);
  });

  it("probes integers off by one", () => {
    const probes = nearMissProbes({ type: "integer" }, 205);
    expect(probes.map((probe) => probe.input).sort()).toEqual(["-205", "204", "206"]);
    expect(probes.every((probe) => !probe.intendedCorrect)).toBe(true);
  });

  it("respects an order invariance", () => {
    const spec = { type: "vector" as const, length: 3, tolerance: { abs: 1e-6 }, invariance: ["order" as const] };
    const reversed = nearMissProbes(spec, [1, 2, 3]).find((probe) => probe.name === "reversed order");
    expect(reversed?.intendedCorrect).toBe(true);
    const strict = nearMissProbes({ ...spec, invariance: [] }, [1, 2, 3]).find((probe) => probe.name === "reversed order");
    expect(strict?.intendedCorrect).toBe(false);
  });
});
