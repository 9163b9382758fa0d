import { readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import question from "@/questions/nyse-lagged-sequences";

type Params = Parameters<typeof question.build>[0];

/** The NYSE rows read straight from the shipped CSV, without the numerics library. */
const nyseRows = readFileSync(path.resolve(__dirname, "../../../lib/numerics/datasets/nyse.csv"), "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((line) => {
    const [date, , djReturn, logVolume, logVolatility] = line.split(",");
    return { date: date!.replaceAll('"', ""), values: [Number(logVolume), Number(djReturn), Number(logVolatility)] };
  });

function partsOf(params: Params) {
  return new Map(question.build(params).parts.map((part) => [part.id, part]));
}

describe("nyse-lagged-sequences keys", () => {
  // Hand case: T = 30 days, L = 5. Targets are days 6 … 30 (25 sequences); for target day 12 the
  // inputs are days 7 … 11, so X_2 is day 8.
  const hand: Params = { start: 1000, days: 30, lag: 5, targetDay: 12, step: 2 };

  it("counts T − L sequences", () => {
    expect(partsOf(hand).get("sequence-count")!.key).toBe(25);
  });

  it("finds the day of X_l", () => {
    expect(partsOf(hand).get("input-day")!.key).toBe(8);
  });

  it("reads X_l from the CSV row", () => {
    // Day 8 of a window starting at row 1000 (0-based) is row 1007 of the data.
    expect(partsOf(hand).get("input-values")!.key).toEqual(nyseRows[1007]!.values);
  });

  it("names the index mistakes", () => {
    const parts = partsOf(hand);
    const count = new Map(parts.get("sequence-count")!.misconceptions.map((entry) => [entry.tag, entry.value]));
    expect(count.get("nyse-seq-plus-one")).toBe(26);
    expect(count.get("nyse-seq-every-day")).toBe(30);
    expect(count.get("nyse-seq-non-overlapping")).toBe(5);
    const day = new Map(parts.get("input-day")!.misconceptions.map((entry) => [entry.tag, entry.value]));
    expect(day.get("nyse-x-reversed")).toBe(10);
    expect(day.get("nyse-x-window-on-target")).toBe(9);
    const values = new Map(parts.get("input-values")!.misconceptions.map((entry) => [entry.tag, entry.value]));
    expect(values.get("nyse-x-values-target-day")).toEqual(nyseRows[1011]!.values);
  });

  it("writes the window to the CSV", () => {
    const csv = question.build(hand).csv!;
    const lines = csv.text.trim().split("\n");
    expect(lines).toHaveLength(31);
    const [day, date, v, r, z] = lines[8]!.split(",");
    expect(Number(day)).toBe(8);
    expect(date).toBe(nyseRows[1007]!.date);
    expect([Number(v), Number(r), Number(z)]).toEqual(nyseRows[1007]!.values);
  });
});
