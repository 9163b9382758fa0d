/**
 * Readers of the question figures for unit tests. They parse the SVG text on their own (a small
 * XML tokenizer and the printed tick labels), so a test compares the drawn data with values it
 * computes itself instead of with the plotting code's own arithmetic.
 */
import { expect } from "vitest";

const NAME = "[A-Za-z_][\\w.:-]*";
const ATTRIBUTE = new RegExp(`^\\s+(${NAME})="([^"<&]*(?:&(?:amp|lt|gt|quot|#\\d+);[^"<&]*)*)"`);
const ENTITY = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/y;

/**
 * Returns the well-formedness errors of an XML document (empty when it is well formed): one root
 * element, matched start and end tags, quoted attributes without repeats, and no bare `<` or `&`
 * in text. Comments, CDATA and processing instructions count as errors, because the plots never
 * write them.
 */
export function xmlErrors(xml: string): string[] {
  const errors: string[] = [];
  const open: string[] = [];
  let roots = 0;
  let index = 0;
  while (index < xml.length) {
    const next = xml.indexOf("<", index);
    const text = xml.slice(index, next === -1 ? xml.length : next);
    checkText(text, index, open.length === 0, errors);
    if (next === -1) break;

    const close = xml.indexOf(">", next);
    if (close === -1) {
      errors.push(`unterminated tag at ${next}`);
      break;
    }
    const tag = xml.slice(next + 1, close);
    index = close + 1;

    if (tag.startsWith("/")) {
      const name = tag.slice(1).trim();
      const expected = open.pop();
      if (name !== expected) errors.push(`end tag </${name}> at ${next} closes <${expected ?? "nothing"}>`);
      continue;
    }
    const selfClosing = tag.endsWith("/");
    const body = selfClosing ? tag.slice(0, -1) : tag;
    const nameMatch = new RegExp(`^${NAME}`).exec(body);
    if (nameMatch === null) {
      errors.push(`invalid tag <${tag}> at ${next}`);
      continue;
    }
    checkAttributes(body.slice(nameMatch[0].length), nameMatch[0], next, errors);
    if (open.length === 0) roots += 1;
    if (!selfClosing) open.push(nameMatch[0]);
  }
  if (open.length > 0) errors.push(`unclosed elements: ${open.join(", ")}`);
  if (roots !== 1) errors.push(`expected one root element, found ${roots}`);
  return errors;
}

function checkText(text: string, offset: number, outsideRoot: boolean, errors: string[]): void {
  if (outsideRoot && text.trim() !== "") errors.push(`text outside the root element at ${offset}`);
  for (let position = text.indexOf("&"); position !== -1; position = text.indexOf("&", position + 1)) {
    ENTITY.lastIndex = position;
    if (!ENTITY.test(text)) errors.push(`bare "&" in text at ${offset + position}`);
  }
}

function checkAttributes(rest: string, element: string, offset: number, errors: string[]): void {
  const seen = new Set<string>();
  let remaining = rest;
  while (remaining.trim() !== "") {
    const match = ATTRIBUTE.exec(remaining);
    if (match === null) {
      errors.push(`invalid attribute text "${remaining.trim().slice(0, 40)}" in <${element}> at ${offset}`);
      return;
    }
    if (seen.has(match[1]!)) errors.push(`repeated attribute ${match[1]} in <${element}> at ${offset}`);
    seen.add(match[1]!);
    remaining = remaining.slice(match[0].length);
  }
}

/** Decodes the five predefined XML entities and numeric character references. */
function decode(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_match, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}

function attribute(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
}

/** Linear map from pixels back to data, fitted through the first and last printed tick labels. */
interface AxisReading {
  ticks: { value: number; pixel: number }[];
  toData(pixel: number): number;
  /** Data units per pixel, for tolerances: the SVG prints coordinates to 0.1 px. */
  unitsPerPixel: number;
}

function axisFrom(ticks: { value: number; pixel: number }[]): AxisReading {
  expect(ticks.length, "tick labels on an axis").toBeGreaterThanOrEqual(2);
  const first = ticks[0]!;
  const last = ticks[ticks.length - 1]!;
  const slope = (last.value - first.value) / (last.pixel - first.pixel);
  return { ticks, toData: (pixel) => first.value + (pixel - first.pixel) * slope, unitsPerPixel: Math.abs(slope) };
}

export interface PlotReading {
  title: string;
  desc: string;
  xAxis: AxisReading;
  yAxis: AxisReading;
  /** Data points drawn as circles inside the plotting area (legend samples excluded), in data units. */
  points: { x: number; y: number }[];
  /** Each polyline of the plotting area as a list of points in data units. */
  lines: { x: number; y: number }[][];
  /** x of each vertical marker line (dashed "4 4"), in data units. */
  markers: number[];
  /** Text of every `<text>` element, decoded. */
  texts: string[];
}

/**
 * Reads a plot written by `renderSvgPlot` with linear axes. Tick labels below the x axis are
 * centred (`text-anchor="middle"`). Tick labels left of the y axis are right-aligned and printed
 * 4 px below their tick. The data sit in the one group clipped to the plotting area.
 */
export function readPlot(svg: string): PlotReading {
  const title = decode(/<title>([^<]*)<\/title>/.exec(svg)?.[1] ?? "");
  const desc = decode(/<desc>([^<]*)<\/desc>/.exec(svg)?.[1] ?? "");
  const textElements = [...svg.matchAll(/<text([^>]*)>([^<]*)<\/text>/g)].map((match) => ({
    tag: match[1]!,
    text: decode(match[2]!),
  }));
  const numeric = (text: string) => /^-?\d+(\.\d+)?(e-?\d+)?$/.test(text);
  const xTicks = textElements
    .filter((item) => attribute(item.tag, "text-anchor") === "middle" && !item.tag.includes("transform") && numeric(item.text))
    .map((item) => ({ value: Number(item.text), pixel: Number(attribute(item.tag, "x")) }));
  const yTicks = textElements
    .filter((item) => attribute(item.tag, "text-anchor") === "end" && numeric(item.text))
    .map((item) => ({ value: Number(item.text), pixel: Number(attribute(item.tag, "y")) - 4 }));
  const xAxis = axisFrom(xTicks);
  const yAxis = axisFrom(yTicks);

  const group = /<g clip-path="url\(#plot-area\)">(.*?)<\/g>/s.exec(svg)?.[1] ?? "";
  const points = [...group.matchAll(/<circle([^>]*)\/>/g)].map((match) => ({
    x: xAxis.toData(Number(attribute(match[1]!, "cx"))),
    y: yAxis.toData(Number(attribute(match[1]!, "cy"))),
  }));
  const lines = [...group.matchAll(/<polyline points="([^"]*)"/g)].map((match) =>
    match[1]!.split(" ").map((pair) => {
      const [px, py] = pair.split(",").map(Number);
      return { x: xAxis.toData(px!), y: yAxis.toData(py!) };
    }),
  );
  const markers = [...group.matchAll(/<line([^>]*)\/>/g)]
    .filter((match) => attribute(match[1]!, "stroke-dasharray") === "4 4")
    .map((match) => xAxis.toData(Number(attribute(match[1]!, "x1"))));
  return { title, desc, xAxis, yAxis, points, lines, markers, texts: textElements.map((item) => item.text) };
}

/**
 * Returns the texts under which a key could appear in an alt text: the key itself and its roundings
 * to 3–6 significant figures, with and without trailing zeros.
 */
export function keyTexts(key: number): string[] {
  const texts = new Set<string>([String(key)]);
  if (!Number.isInteger(key)) {
    for (const digits of [3, 4, 5, 6]) {
      texts.add(key.toPrecision(digits));
      texts.add(String(Number(key.toPrecision(digits))));
    }
  }
  return [...texts];
}

/** Numbers written in a text, as written and without a leading minus sign. */
export function numbersIn(text: string): Set<string> {
  const numbers = new Set<string>();
  for (const match of text.matchAll(/-?\d+(?:\.\d+)?/g)) {
    numbers.add(match[0]);
    numbers.add(match[0].replace(/^-/, ""));
  }
  return numbers;
}
