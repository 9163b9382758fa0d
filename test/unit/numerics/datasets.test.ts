import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { HITTERS_PREDICTORS, loadHitters, loadNyse } from "@/lib/numerics";
import { HITTERS_CSV } from "@/lib/numerics/datasets/hitters-csv";
import { NYSE_CSV } from "@/lib/numerics/datasets/nyse-csv";

// SHA-256 values recorded in lib/numerics/datasets/README.md when the files were taken.
const files = [
  { name: "hitters.csv", text: HITTERS_CSV, sha256: "5d9823a477c27f1518df31984cca64b1c602f3b8e41a022117170fc7ffbd927f" },
  { name: "nyse.csv", text: NYSE_CSV, sha256: "4bb3e2e9872b2f7e6e8701afb8873cd9f4b7e66ee0b1ba62c116ff2b3a2eec60" },
];

describe("generated CSV modules", () => {
  it.each(files.map((file) => [file.name, file] as const))("%s module equals the CSV byte for byte", (name, file) => {
    const bytes = Uint8Array.from(readFileSync(new URL(`../../../lib/numerics/datasets/${name}`, import.meta.url)));
    const moduleBytes = new TextEncoder().encode(file.text);
    expect(moduleBytes.length).toBe(bytes.length);
    expect(moduleBytes.every((byte, i) => byte === bytes[i])).toBe(true);
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(file.sha256);
  });
});

describe("loadHitters", () => {
  const data = loadHitters();

  it("keeps the 263 players with a salary and 19 predictors", () => {
    expect(data.X).toHaveLength(263);
    expect(data.salary).toHaveLength(263);
    expect(data.names).toHaveLength(263);
    expect(data.predictorNames).toEqual([...HITTERS_PREDICTORS]);
    expect(data.X.every((row) => row.length === 19)).toBe(true);
    expect(data.names[0]).toBe("-Alan Ashby");
    expect(data.sourceRows[0]).toBe(1);
  });

  it("matches the documented salary summary", () => {
    // Salary in thousands of dollars: min 67.5, max 2460, mean 535.93, sd (n − 1) 451.12.
    const mean = data.salary.reduce((s, v) => s + v, 0) / data.salary.length;
    const sd = Math.sqrt(data.salary.reduce((s, v) => s + (v - mean) ** 2, 0) / (data.salary.length - 1));
    expect(Math.min(...data.salary)).toBe(67.5);
    expect(Math.max(...data.salary)).toBe(2460);
    expect(mean).toBeCloseTo(535.93, 2);
    expect(sd).toBeCloseTo(451.12, 2);
  });

  it("codes the dummies as 0 or 1", () => {
    for (const name of ["LeagueN", "DivisionW", "NewLeagueN"]) {
      const column = HITTERS_PREDICTORS.indexOf(name as (typeof HITTERS_PREDICTORS)[number]);
      expect(new Set(data.X.map((row) => row[column]))).toEqual(new Set([0, 1]));
    }
    // "-Alan Ashby" is in league N, division W, new league N.
    expect(data.X[0]?.slice(13, 15)).toEqual([1, 1]);
    expect(data.X[0]?.[18]).toBe(1);
  });

  it("returns copies that callers cannot corrupt", () => {
    const first = loadHitters();
    (first.X[0] as number[])[0] = -1;
    first.salary[0] = -1;
    expect(loadHitters().X[0]?.[0]).toBe(315);
    expect(loadHitters().salary[0]).toBe(475);
  });
});

describe("loadNyse", () => {
  const data = loadNyse();

  it("has 6051 days with 4281 in the training period", () => {
    expect(data.date).toHaveLength(6051);
    expect(data.train.filter(Boolean)).toHaveLength(4281);
    expect(data.date[0]).toBe("1962-12-03");
    expect(data.date[6050]).toBe("1986-12-31");
    expect(data.date[4280]).toBe("1979-12-31");
    expect(data.train[4280]).toBe(true);
    expect(data.train[4281]).toBe(false);
  });

  it("matches the documented day-of-week counts", () => {
    const counts: Record<string, number> = {};
    for (const day of data.dayOfWeek) counts[day] = (counts[day] ?? 0) + 1;
    expect(counts).toEqual({ mon: 1172, tues: 1234, wed: 1222, thur: 1215, fri: 1208 });
  });

  it("parses the first row's numbers", () => {
    expect(data.djReturn[0]).toBe(-0.004461);
    expect(data.logVolume[0]).toBe(0.032573);
    expect(data.logVolatility[0]).toBe(-13.1274025527484);
  });
});
