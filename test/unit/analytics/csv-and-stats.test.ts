import { describe, expect, it } from "vitest";

import { csvHeader, csvNumber, csvRecord, csvText } from "@/lib/analytics/csv";
import { groupParameter, scalarParameters } from "@/lib/analytics/parameters";
import { median, pearson } from "@/lib/analytics/stats";

describe("csv cells", () => {
  it("quotes per RFC 4180", () => {
    expect(csvText("plain")).toBe("plain");
    expect(csvText("a,b")).toBe('"a,b"');
    expect(csvText('say "hi"')).toBe('"say ""hi"""');
    expect(csvText("two\nlines")).toBe('"two\nlines"');
    expect(csvText(" padded")).toBe('" padded"');
  });

  it("neutralizes formula prefixes", () => {
    expect(csvText("=HYPERLINK(\"x\")")).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvText("+1")).toBe("'+1");
    expect(csvText("-2")).toBe("'-2");
    expect(csvText("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvText("\tx")).toBe("'\tx");
  });

  it("leaves numbers unprefixed", () => {
    expect(csvNumber(-0.5)).toBe("-0.5");
    expect(csvNumber(null)).toBe("");
    expect(csvNumber(Number.NaN)).toBe("");
    expect(csvNumber(1 / 3, 1)).toBe("0.3");
  });

  it("ends records with CRLF", () => {
    expect(csvRecord(["a", "b"])).toBe("a,b\r\n");
    expect(csvHeader(["Email", 'Q "1"'])).toBe('"Email","Q ""1"""\r\n');
  });
});

describe("statistics", () => {
  it("computes medians", () => {
    expect(median([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it("computes Pearson r by hand", () => {
    // x = [1, 2, 3], y = [2, 4, 5]: x̄ = 2, ȳ = 11/3; Sxy = (−1)(−5/3) + 0 + (1)(4/3) = 3,
    // Sxx = 2, Syy = 25/9 + 1/9 + 16/9 = 42/9; r = 3 / sqrt(2 · 42/9) = 0.981981.
    expect(pearson([1, 2, 3], [2, 4, 5])).toBeCloseTo(0.981981, 6);
  });

  it("returns null where r is undefined", () => {
    expect(pearson([1, 2], [1, 2])).toBeNull();
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNull();
    expect(pearson([1, 2, 3], [0.5, 0.5, 0.5])).toBeNull();
    expect(() => pearson([1, 2, 3], [1, 2])).toThrow(/3 x values and 2 y values/);
  });
});

describe("parameter groups", () => {
  it("reads scalar parameters one object deep", () => {
    const found = scalarParameters({ p: 3, K: 2.5, task: { kind: "softmax", classes: 4 }, sequence: [1, 2], flag: true });
    expect([...found.entries()]).toEqual([
      ["p", 3],
      ["K", 2.5],
      ["task.kind", "softmax"],
      ["task.classes", 4],
      ["flag", "true"],
    ]);
  });

  it("groups few values by value", () => {
    // K = 2: scores .2 and .4 → .3; K = 3: score 1.
    const breakdown = groupParameter("K", [
      { value: 2, score: 0.2 },
      { value: 3, score: 1 },
      { value: 2, score: 0.4 },
    ]);
    expect(breakdown?.groups).toEqual([
      { label: "K = 2", variants: 2, meanBestScore: expect.closeTo(0.3, 12) },
      { label: "K = 3", variants: 1, meanBestScore: 1 },
    ]);
    expect(breakdown?.spread).toBeCloseTo(0.7, 12);
  });

  it("bins many values at quartiles", () => {
    // Values 1..8, nearest-rank quartile edges at ranks 2, 4, 6, 8 → bins [1,2] [3,4] [5,6] [7,8].
    const samples = [1, 2, 3, 4, 5, 6, 7, 8].map((value) => ({ value, score: value / 8 }));
    const breakdown = groupParameter("n", samples);
    expect(breakdown?.groups.map((group) => [group.label, group.variants])).toEqual([
      ["n in [1, 2]", 2],
      ["n in [3, 4]", 2],
      ["n in [5, 6]", 2],
      ["n in [7, 8]", 2],
    ]);
    // Bin means: 1.5/8, 3.5/8, 5.5/8, 7.5/8; spread = 6/8.
    expect(breakdown?.spread).toBeCloseTo(0.75, 12);
  });

  it("skips constant parameters", () => {
    expect(groupParameter("c", [{ value: 1, score: 0 }, { value: 1, score: 1 }])).toBeNull();
  });
});
