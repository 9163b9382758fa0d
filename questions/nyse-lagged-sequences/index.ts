import type { Misconception } from "@/lib/grading";
import { defineQuestion } from "@/lib/questions/definition";
import { checkKeysNotShown, checkMisconceptionsSeparated, checkRoundingEdges } from "@/lib/questions/draw-checks";
import { RejectDraw } from "@/lib/questions/errors";
import { laggedSequences, loadNyse, type Rng } from "@/lib/numerics";

interface Params {
  /** 0-based row of the NYSE data where the window starts (day t = 1 of the window). */
  start: number;
  /** T: trading days in the window. */
  days: number;
  /** L: lag, the number of past days in each input sequence. */
  lag: number;
  /** Day number t₀ (1-based within the window) of the target whose sequence the input-day part is about. */
  targetDay: number;
  /** l: the step of that sequence asked about, 1 ≤ l ≤ L. */
  step: number;
}

/** One trading day of the window: day number (1-based) and the three series. */
interface DayRow {
  day: number;
  date: string;
  /** v: detrended log trading volume. */
  logVolume: number;
  /** r: Dow Jones return. */
  djReturn: number;
  /** z: log volatility. */
  logVolatility: number;
}

/**
 * Relative tolerance of the (v, r, z) entries. Three significant figures copied from the CSV miss by at
 * most 0.5 % (for a leading digit 1), so 0.6 % accepts them with room to spare.
 */
const VALUE_TOLERANCE = 0.006;

function generate(rng: Rng): Params {
  const days = rng.integer(20, 60);
  const lag = rng.integer(2, 10);
  const start = rng.integer(0, loadNyse().date.length - days);
  const targetDay = rng.integer(lag + 1, days);
  const step = rng.integer(1, lag);
  return { start, days, lag, targetDay, step };
}

function windowRows({ start, days }: Params): DayRow[] {
  const nyse = loadNyse();
  return Array.from({ length: days }, (_, i) => ({
    day: i + 1,
    date: nyse.date[start + i]!,
    logVolume: nyse.logVolume[start + i]!,
    djReturn: nyse.djReturn[start + i]!,
    logVolatility: nyse.logVolatility[start + i]!,
  }));
}

function valuesOf(row: DayRow): number[] {
  return [row.logVolume, row.djReturn, row.logVolatility];
}

export default defineQuestion<Params>({
  meta: {
    id: "nyse-lagged-sequences",
    version: "1",
    title: "Lagged input sequences of the NYSE example",
    topics: ["nyse-forecasting", "rnn-forward-pass"],
    difficulty: 1,
    expectedMinutes: 6,
  },
  generate,
  build(params) {
    const { days: T, lag: L, targetDay, step } = params;
    const rows = windowRows(params);

    // The sequences come from the library's lagged design, with the three series as columns (v, r, z)
    // and v as the target, exactly as in the book's NYSE example.
    const lagged = laggedSequences(rows.map(valuesOf), L, 0);
    const sequenceCount = lagged.sequences.length;
    const sequenceIndex = lagged.targetTimes.indexOf(targetDay - 1);
    const xStep = lagged.sequences[sequenceIndex]![step - 1]!;
    const keyDay = targetDay - L + step - 1;

    // Typical index errors: X_1 taken as the most recent day, or the window shifted onto the target.
    const reversedDay = targetDay - step;
    const shiftedDay = targetDay - L + step;
    const dayValues = [keyDay, reversedDay, shiftedDay];
    if (new Set(dayValues).size !== dayValues.length) throw new RejectDraw("two index errors give the same day");

    const countWrong: Misconception[] = [
      {
        tag: "nyse-seq-plus-one",
        value: T - L + 1,
        message:
          `The first target with a full history of L = ${L} past days is day L + 1, so the targets are days ` +
          "L + 1, …, T: that is T − L sequences, not T − L + 1.",
      },
      {
        tag: "nyse-seq-every-day",
        value: T,
        message:
          "Not every day can be a target: the first L days have fewer than L earlier days in the window, so they " +
          "only serve as inputs. The count is T − L.",
      },
      {
        tag: "nyse-seq-non-overlapping",
        value: Math.floor(T / (L + 1)),
        message:
          "The sequences overlap: consecutive targets share L − 1 input days (a sliding window). Every day from " +
          "L + 1 to T is a target, which gives T − L sequences, not ⌊T/(L + 1)⌋ separate blocks.",
      },
    ];
    const countValues = [sequenceCount, ...countWrong.map((item) => item.value as number)];
    if (new Set(countValues).size !== countValues.length) throw new RejectDraw("two counts coincide");

    const dayWrong: Misconception[] = [
      {
        tag: "nyse-x-reversed",
        value: reversedDay,
        message:
          "You counted X_l backwards from the target. In the book's construction X_1 is the oldest day of the " +
          "window (day t − L) and X_L the day just before the target (day t − 1), so X_l is day t − L + l − 1.",
      },
      {
        tag: "nyse-x-window-on-target",
        value: shiftedDay,
        message:
          "Your window ends on the target day itself. The inputs are the L days before the target, days " +
          "t − L, …, t − 1, so X_l is day t − L + l − 1; the target's own volume is Y and never an input.",
      },
    ];

    const keyValues = valuesOf(rows[keyDay - 1]!);
    const vectorWrong: Misconception[] = [
      {
        tag: "nyse-x-values-reversed",
        value: valuesOf(rows[reversedDay - 1]!),
        message:
          "These are the values of day t − l: you counted X_l backwards from the target. X_1 is the oldest day of " +
          "the window, so X_l is day t − L + l − 1.",
      },
      {
        tag: "nyse-x-values-window-on-target",
        value: valuesOf(rows[shiftedDay - 1]!),
        message:
          "These are the values one day too late: the input window is the L days before the target, days " +
          "t − L, …, t − 1.",
      },
      {
        tag: "nyse-x-values-target-day",
        value: valuesOf(rows[targetDay - 1]!),
        message: "These are the target day's own values. X_l comes from a day before the target: day t − L + l − 1.",
      },
    ];
    checkRoundingEdges("input-values", keyValues, {
      tolerance: { rel: VALUE_TOLERANCE },
      roundings: { significantFigures: [2, 3] },
      edgeShare: 0.02,
    });
    // The part's tolerance, with a margin, must not accept the (v, r, z) vector of one candidate day
    // for another's. The relative tolerance is taken of the larger magnitude of each pair.
    checkMisconceptionsSeparated("input-values", keyValues, vectorWrong, {
      tolerance: { rel: VALUE_TOLERANCE },
      factor: 2,
      relativeTo: "larger",
    });

    const first = rows[0]!;
    const last = rows[T - 1]!;
    const target = rows[targetDay - 1]!;
    const prompt = [
      `The CSV download holds $T = ${T}$ consecutive trading days of the NYSE data, from ${first.date} to ` +
        `${last.date}, numbered $t = 1, \\dots, T$ in the column \`t\`. For each day it gives the log trading ` +
        "volume $v_t$, the Dow Jones return $r_t$ and the log volatility $z_t$.",
      "",
      `As in the book's RNN for this data, we forecast $v_t$ from the previous $L = ${L}$ days. The input sequence ` +
        "for target day $t$ is $X_1, \\dots, X_L$ with each $X_l = (v, r, z)$ of one day: the $L$ days before $t$ " +
        "in time order, oldest first. The response is $Y = v_t$. Only days inside this window may be used.",
      "",
      `Take the sequence whose target is day $t = ${targetDay}$ (${target.date}).`,
    ].join("\n");

    const labels = {
      count: "How many (input sequence, response) pairs can be built from the window?",
      day: `Which day number $t$ supplies $X_{${step}}$ of that sequence?`,
      values: `The vector $X_{${step}} = (v, r, z)$ of that sequence, from the CSV`,
    };

    const shownText = [prompt, ...Object.values(labels)].join("\n");
    checkKeysNotShown("sequence-count", [sequenceCount], shownText);
    checkKeysNotShown("input-day", [keyDay], shownText);
    checkKeysNotShown("input-values", xStep, shownText);

    const formatValues = (values: readonly number[]) => values.map((value) => String(value)).join(",\\ ");
    const solution = [
      `**Count.** A target day needs $L = ${L}$ earlier days in the window, so the targets are days ` +
        `$L + 1 = ${L + 1}$ to $T = ${T}$: $T - L = ${T} - ${L} = ${sequenceCount}$ sequences. ` +
        "Neighbouring sequences overlap in $L - 1$ days.",
      "",
      `**Index.** For target day $t = ${targetDay}$ the inputs are days $t - L = ${targetDay - L}$ to ` +
        `$t - 1 = ${targetDay - 1}$, oldest first, so $X_l$ is day $t - L + l - 1$ and ` +
        `$X_{${step}}$ is day $${targetDay} - ${L} + ${step} - 1 = ${keyDay}$ (${rows[keyDay - 1]!.date}).`,
      "",
      `**Values.** Row $t = ${keyDay}$ of the CSV gives $X_{${step}} = (${formatValues(xStep)})$.`,
    ].join("\n");

    const csv =
      [
        "t,date,log_volume,DJ_return,log_volatility",
        ...rows.map((row) => `${row.day},${row.date},${row.logVolume},${row.djReturn},${row.logVolatility}`),
      ].join("\n") + "\n";

    return {
      prompt,
      parts: [
        { id: "sequence-count", label: labels.count, spec: { type: "integer" }, key: sequenceCount, misconceptions: countWrong },
        { id: "input-day", label: labels.day, spec: { type: "integer" }, key: keyDay, misconceptions: dayWrong },
        {
          id: "input-values",
          label: labels.values,
          spec: { type: "vector", length: 3, tolerance: { rel: VALUE_TOLERANCE } },
          key: xStep,
          misconceptions: vectorWrong,
        },
      ],
      solution,
      csv: { filename: `nyse-${first.date}-to-${last.date}.csv`, text: csv },
    };
  },
});
