import { HITTERS_PREDICTORS, loadHitters } from "@/lib/numerics";

/** The Hitters players divided into a variant's training and test rows. */
export interface HittersSplit {
  xTrain: number[][];
  yTrain: number[];
  xTest: number[][];
  yTest: number[];
  /** Every player's 19 coded predictors, in file order. */
  xAll: number[][];
  /** Every player's Salary in thousands of dollars, in file order. */
  yAll: number[];
  /** Whether each player, in file order, is a test row. */
  isTest: boolean[];
  names: string[];
}

/** Splits the 263 Hitters players with a Salary by the indices of the test rows. */
export function hittersSplit(testIndices: readonly number[]): HittersSplit {
  const hitters = loadHitters();
  const isTest = hitters.salary.map(() => false);
  for (const index of testIndices) isTest[index] = true;
  const keep = <T>(values: readonly T[], wanted: boolean) => values.filter((_, i) => isTest[i] === wanted);
  return {
    xTrain: keep(hitters.X, false),
    yTrain: keep(hitters.salary, false),
    xTest: keep(hitters.X, true),
    yTest: keep(hitters.salary, true),
    xAll: hitters.X,
    yAll: hitters.salary,
    isTest,
    names: hitters.names,
  };
}

/** Writes a split as CSV: every player with the 19 coded predictors, Salary and "train" or "test". */
export function hittersSplitCsv(split: HittersSplit): string {
  const header = ["player", ...HITTERS_PREDICTORS, "Salary", "split"].join(",");
  const rows = split.xAll.map((row, i) => {
    const name = JSON.stringify(split.names[i]!.replace(/^-/, ""));
    return [name, ...row.map(String), String(split.yAll[i]), split.isTest[i] ? "test" : "train"].join(",");
  });
  return [header, ...rows].join("\n") + "\n";
}
