import { describe, expect, it } from "vitest";
import {
  autocorrelation,
  laggedSequences,
  linearPredict,
  loadNyse,
  nyseLaggedData,
  olsFit,
  rSquared,
  simpleRnnForward,
  simpleRnnForwardBatch,
  softmax,
  timeOrderedSplit,
  type RnnActivation,
} from "@/lib/numerics";
import { expectAllClose, flatten, loadFixture } from "./load-fixture";

interface RnnCase {
  name: string;
  activation: RnnActivation;
  W: number[][];
  U: number[][];
  B: number[];
  sequences: number[][][];
  hiddenStates: number[][][];
  outputs: number[][];
}

const fixture = loadFixture<{
  tolerance: { rnnAbsolute: number; softmaxAbsolute: number; autocorrelationAbsolute: number; r2Absolute: number };
  rnn: RnnCase[];
  softmax: { logits: number[]; probabilities: number[] }[];
  autocorrelation: { logVolume: number[]; djReturn: number[]; logVolatility: number[]; short: { series: number[]; rho: number[] } };
  nyseAr5: { lag: number; testR2: number; testR2WithDay: number; sequences: number };
}>("rnn-time-series.json");
const tolerance = fixture.tolerance;

describe("simpleRnnForward against numpy", () => {
  it.each(fixture.rnn.map((c) => [c.name, c] as const))("%s", (_name, reference) => {
    const weights = { W: reference.W, U: reference.U, B: reference.B, activation: reference.activation };
    const results = simpleRnnForwardBatch(reference.sequences, weights);
    results.forEach((result, i) => {
      expectAllClose(flatten(result.hiddenStates), flatten(reference.hiddenStates[i] as number[][]), { absolute: tolerance.rnnAbsolute }, `hidden states ${i}`);
      expectAllClose(result.outputs, reference.outputs[i] as number[], { absolute: tolerance.rnnAbsolute }, `outputs ${i}`);
    });
    const single = simpleRnnForward(reference.sequences[0] as number[][], weights);
    expect(single).toEqual(results[0]);
  });

  it("rejects mismatched weight shapes", () => {
    const reference = fixture.rnn[0] as RnnCase;
    const sequence = reference.sequences[0] as number[][];
    expect(() => simpleRnnForward(sequence, { W: reference.W, U: reference.U, B: reference.B.slice(1) })).toThrow(/"B"/);
    expect(() => simpleRnnForward(sequence, { W: reference.W, U: reference.U.slice(1), B: reference.B })).toThrow(/"U"/);
    expect(() => simpleRnnForward(sequence.map((row) => row.slice(1)), { W: reference.W, U: reference.U, B: reference.B })).toThrow(/"sequence"/);
    expect(() =>
      simpleRnnForward(sequence, { W: reference.W, U: reference.U, B: reference.B, activation: "sigmoid" as RnnActivation }),
    ).toThrow(/"activation"/);
  });
});

describe("softmax against scipy", () => {
  it.each(fixture.softmax.map((c) => [c.logits.join(", "), c] as const))("logits %s", (_name, reference) => {
    const probabilities = softmax(reference.logits);
    expectAllClose(probabilities, reference.probabilities, { absolute: tolerance.softmaxAbsolute }, "probabilities");
    expect(probabilities.every((value) => Number.isFinite(value))).toBe(true);
  });

  it("rejects empty and non-finite logits", () => {
    expect(() => softmax([])).toThrow(/"logits"/);
    expect(() => softmax([1, Number.POSITIVE_INFINITY])).toThrow(/"logits\[1\]"/);
  });
});

describe("autocorrelation against numpy", () => {
  const nyse = loadNyse();

  it.each([
    ["log volume", nyse.logVolume, fixture.autocorrelation.logVolume],
    ["DJ return", nyse.djReturn, fixture.autocorrelation.djReturn],
    ["log volatility", nyse.logVolatility, fixture.autocorrelation.logVolatility],
  ] as const)("NYSE %s lags 0 to 10", (_name, series, expected) => {
    expectAllClose(autocorrelation(series, 10), expected, { absolute: tolerance.autocorrelationAbsolute }, "rho");
  });

  it("matches a hand-sized series", () => {
    const { series, rho } = fixture.autocorrelation.short;
    expectAllClose(autocorrelation(series, 4), rho, { absolute: tolerance.autocorrelationAbsolute }, "rho");
  });

  it("rejects a constant series and a lag beyond T - 1", () => {
    expect(() => autocorrelation([2, 2, 2], 1)).toThrow(/"series"/);
    expect(() => autocorrelation([1, 2, 3], 3)).toThrow(/"maxLag"/);
  });
});

describe("NYSE lagged design", () => {
  it("gives T - L sequences of L steps by 3 features", () => {
    const data = nyseLaggedData(5);
    expect(data.sequences).toHaveLength(fixture.nyseAr5.sequences);
    expect(data.sequences[0]).toHaveLength(5);
    expect(data.sequences[0]?.[0]).toHaveLength(3);
    expect(data.design[0]).toHaveLength(15);
    const nyse = loadNyse();
    // Sequence 0 predicts day 5 from days 0 to 4.
    expect(data.sequences[0]?.[4]).toEqual([nyse.logVolume[4], nyse.djReturn[4], nyse.logVolatility[4]]);
    expect(data.targets[0]).toBe(nyse.logVolume[5]);
    expect(data.dates[0]).toBe(nyse.date[5]);
  });

  it("reproduces the AR(5) test R² of the lab", () => {
    const data = nyseLaggedData(fixture.nyseAr5.lag);
    const pick = <T,>(values: T[], train: boolean) => values.filter((_, i) => data.train[i] === train);
    const withDay = data.design.map((row, i) => [...row, ...["mon", "tues", "wed", "thur"].map((day) => (data.dayOfWeek[i] === day ? 1 : 0))]);
    for (const [design, expected] of [
      [data.design, fixture.nyseAr5.testR2],
      [withDay, fixture.nyseAr5.testR2WithDay],
    ] as const) {
      const fit = olsFit(pick(design, true), pick(data.targets, true));
      const r2 = rSquared(pick(data.targets, false), linearPredict(fit, pick(design, false)));
      expect(Math.abs(r2 - expected)).toBeLessThan(tolerance.r2Absolute);
    }
    expect(fixture.nyseAr5.testR2).toBeCloseTo(0.4129, 4);
  });

  it("laggedSequences rejects a lag of T or more", () => {
    expect(() => laggedSequences([[1], [2]], 2, 0)).toThrow(/"lag"/);
    expect(() => laggedSequences([[1], [2], [3]], 1, 1)).toThrow(/"targetColumn"/);
  });
});

describe("timeOrderedSplit", () => {
  it("keeps every training index before every test index", () => {
    expect(timeOrderedSplit(10, 0.7)).toEqual({ train: [0, 1, 2, 3, 4, 5, 6], test: [7, 8, 9] });
    expect(timeOrderedSplit(6051, 4281).test[0]).toBe(4281);
  });

  it("rejects sizes leaving an empty side", () => {
    expect(() => timeOrderedSplit(10, 10)).toThrow(/"trainSize"/);
    expect(() => timeOrderedSplit(10, 0.05)).toThrow(/"trainSize"/);
  });
});
