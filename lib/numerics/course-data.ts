import { DatasetError } from "./errors";
import { HITTERS_CSV } from "./datasets/hitters-csv";
import { NYSE_CSV } from "./datasets/nyse-csv";

/**
 * Parses CSV text with a header line: comma-separated, fields optionally double-quoted with ""
 * as an escaped quote, LF or CRLF line ends. Returns the header and the rows as raw strings
 * (quotes removed). Internal: used only on the shipped data, whose format is fixed.
 */
export function parseCsv(text: string): { header: string[]; rows: string[][] } {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ",") {
      record.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i += 1;
      record.push(field);
      records.push(record);
      record = [];
      field = "";
    } else {
      field += c;
    }
  }
  if (field !== "" || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  const [header = [], ...rows] = records;
  return { header, rows };
}

/** The 19 Hitters predictors in R's model.matrix(Salary ~ ., Hitters) order, without the intercept. */
export const HITTERS_PREDICTORS = [
  "AtBat",
  "Hits",
  "HmRun",
  "Runs",
  "RBI",
  "Walks",
  "Years",
  "CAtBat",
  "CHits",
  "CHmRun",
  "CRuns",
  "CRBI",
  "CWalks",
  "LeagueN",
  "DivisionW",
  "PutOuts",
  "Assists",
  "Errors",
  "NewLeagueN",
] as const;

/** The Hitters data after dropping players without a salary. */
export interface HittersData {
  /** Player names as in the CSV (each begins with "-", the R row name). 263 entries. */
  names: string[];
  /** {@link HITTERS_PREDICTORS}. */
  predictorNames: string[];
  /**
   * 263 × 19 design: the 16 numeric columns as counts, and the dummies LeagueN, DivisionW,
   * NewLeagueN (1 for N, W, N; drop-first coding like R's model.matrix with treatment contrasts).
   */
  X: number[][];
  /** 1987 salary, thousands of US dollars. 263 values. */
  salary: number[];
  /** Row of each player in the CSV's 322 data rows (0-based), for tracing back to the file. */
  sourceRows: number[];
}

const dummyLevels: Record<string, string> = { LeagueN: "N", DivisionW: "W", NewLeagueN: "N" };
const dummySources: Record<string, string> = { LeagueN: "League", DivisionW: "Division", NewLeagueN: "NewLeague" };

function parseNumber(text: string, column: string, row: number): number {
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value)) {
    throw new DatasetError(`Invalid shipped data: column ${column}, data row ${row} contains ${JSON.stringify(text)}, not a number. Regenerate the CSV modules with generate-csv-modules.ts`);
  }
  return value;
}

let hittersCache: HittersData | undefined;

/**
 * Returns the Hitters data (263 players with a Salary, 19 predictors). Parsed once and cached;
 * callers get copies, so mutating the result does not affect later calls.
 */
export function loadHitters(): HittersData {
  if (hittersCache === undefined) {
    const { header, rows } = parseCsv(HITTERS_CSV);
    const column = (name: string): number => {
      const index = header.indexOf(name);
      if (index < 0) throw new DatasetError(`Invalid shipped data: column ${name} is missing from hitters.csv. Regenerate the CSV modules with generate-csv-modules.ts`);
      return index;
    };
    const salaryColumn = column("Salary");
    const nameColumn = column("Names");
    const data: HittersData = { names: [], predictorNames: [...HITTERS_PREDICTORS], X: [], salary: [], sourceRows: [] };
    rows.forEach((row, r) => {
      if (row[salaryColumn] === "NA") return;
      data.names.push(row[nameColumn] as string);
      data.salary.push(parseNumber(row[salaryColumn] as string, "Salary", r));
      data.sourceRows.push(r);
      data.X.push(
        HITTERS_PREDICTORS.map((name) => {
          const source = dummySources[name];
          if (source !== undefined) return row[column(source)] === dummyLevels[name] ? 1 : 0;
          return parseNumber(row[column(name)] as string, name, r);
        }),
      );
    });
    hittersCache = data;
  }
  return {
    names: hittersCache.names.slice(),
    predictorNames: hittersCache.predictorNames.slice(),
    X: hittersCache.X.map((row) => row.slice()),
    salary: hittersCache.salary.slice(),
    sourceRows: hittersCache.sourceRows.slice(),
  };
}

/** The NYSE data, one entry per trading day in date order (6,051 days). */
export interface NyseData {
  /** ISO dates "YYYY-MM-DD". */
  date: string[];
  /** "mon" | "tues" | "wed" | "thur" | "fri". */
  dayOfWeek: string[];
  /** r_t: daily Dow Jones return (a fraction). */
  djReturn: number[];
  /** v_t: detrended log trading volume. */
  logVolume: number[];
  /** z_t: log volatility. */
  logVolatility: number[];
  /** true for the first 4,281 days (to 1979-12-31), the book's training period. */
  train: boolean[];
}

let nyseCache: NyseData | undefined;

/** Returns the NYSE data. Parsed once and cached; callers get copies. */
export function loadNyse(): NyseData {
  if (nyseCache === undefined) {
    const { header, rows } = parseCsv(NYSE_CSV);
    const index = (name: string): number => {
      const i = header.indexOf(name);
      if (i < 0) throw new DatasetError(`Invalid shipped data: column ${name} is missing from nyse.csv. Regenerate the CSV modules with generate-csv-modules.ts`);
      return i;
    };
    const [dateColumn, dayColumn, returnColumn, volumeColumn, volatilityColumn, trainColumn] = [
      "date",
      "day_of_week",
      "DJ_return",
      "log_volume",
      "log_volatility",
      "train",
    ].map(index) as [number, number, number, number, number, number];
    nyseCache = {
      date: rows.map((row) => row[dateColumn] as string),
      dayOfWeek: rows.map((row) => row[dayColumn] as string),
      djReturn: rows.map((row, r) => parseNumber(row[returnColumn] as string, "DJ_return", r)),
      logVolume: rows.map((row, r) => parseNumber(row[volumeColumn] as string, "log_volume", r)),
      logVolatility: rows.map((row, r) => parseNumber(row[volatilityColumn] as string, "log_volatility", r)),
      train: rows.map((row) => row[trainColumn] === "TRUE"),
    };
  }
  return {
    date: nyseCache.date.slice(),
    dayOfWeek: nyseCache.dayOfWeek.slice(),
    djReturn: nyseCache.djReturn.slice(),
    logVolume: nyseCache.logVolume.slice(),
    logVolatility: nyseCache.logVolatility.slice(),
    train: nyseCache.train.slice(),
  };
}
