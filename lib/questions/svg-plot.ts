/**
 * Server-side SVG line and scatter plots for question figures. The output is a pure function of
 * the options: coordinates are printed with one decimal, tick labels with a bounded number of
 * significant figures, and the markup uses no scripts, external fonts or external references.
 * Tick labels are round numbers chosen from the axis range, not from the data points. A question
 * that must not give its key away still checks its own labels, markers and alt text.
 */

/** Thrown when the plot's options cannot be drawn (no finite data, a non-positive value on a log axis). */
export class SvgPlotError extends Error {
  override readonly name = "SvgPlotError";
}

export type SeriesStyle = "line" | "scatter" | "line-and-points";

export interface PlotSeries {
  /** Legend text; plain text, escaped on output. */
  label: string;
  x: readonly number[];
  y: readonly number[];
  /** Default "line". */
  style?: SeriesStyle;
}

export interface VerticalMarker {
  x: number;
  /** Text written next to the marker; plain text, escaped on output. Omit it to draw the line only. */
  label?: string;
}

export type AxisScale = "linear" | "log";

export interface PlotOptions {
  /** Content of the SVG `<title>` element (the accessible name). */
  title: string;
  /** Content of the SVG `<desc>` element (a longer description for assistive technology). */
  desc: string;
  xLabel: string;
  yLabel: string;
  series: readonly PlotSeries[];
  verticalMarkers?: readonly VerticalMarker[];
  /** Width and height of the viewBox in SVG user units; defaults 560 × 360. */
  width?: number;
  height?: number;
  /** Default "linear". A log axis needs every plotted value to be positive. */
  yScale?: AxisScale;
  /** Axis ranges; by default the data's range, widened to the outer ticks. */
  xDomain?: readonly [number, number];
  yDomain?: readonly [number, number];
  /** Approximate number of ticks per linear axis; default 5. */
  tickCount?: number;
}

const MARGIN = { left: 64, right: 16, top: 16, bottom: 48 } as const;
const LEGEND_LINE_HEIGHT = 16;
/** Colour-blind-safe palette (Okabe–Ito), with a dash pattern per series so colour is not the only cue. */
const SERIES_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"] as const;
const SERIES_DASHES = ["", "6 3", "2 3", "8 3 2 3", "4 2", "1 2"] as const;

/** Escapes text for use in SVG element content and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Prints an SVG coordinate with one decimal and no trailing ".0", so output is stable across platforms. */
function coordinate(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return (Object.is(rounded, -0) ? 0 : rounded).toString();
}

/** Formats a tick value with at most `digits` significant figures and no floating-point noise. */
export function formatTick(value: number, digits = 4): string {
  if (value === 0) return "0";
  const text = Number(value.toPrecision(digits)).toString();
  return text;
}

/** Returns a round step (1, 2 or 5 times a power of ten) close to `span / count`. */
function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  if (fraction < 1.5) return power;
  if (fraction < 3) return 2 * power;
  if (fraction < 7) return 5 * power;
  return 10 * power;
}

/**
 * Returns nice tick values covering [min, max], the first at or below min and the last at or
 * above max. A zero-width range is widened by one unit (or 10 % of its magnitude) on each side.
 */
export function linearTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max) || min > max) {
    throw new SvgPlotError(`Invalid axis range [${min}, ${max}]: expected finite numbers with min ≤ max.`);
  }
  if (min === max) {
    const pad = min === 0 ? 1 : Math.abs(min) * 0.1;
    min -= pad;
    max += pad;
  }
  const step = niceStep(max - min, count);
  const first = Math.floor(min / step + 1e-9);
  const last = Math.ceil(max / step - 1e-9);
  const ticks: number[] = [];
  // Multiplying integer indices by the step avoids the drift of repeated addition.
  for (let index = first; index <= last; index += 1) ticks.push(Number((index * step).toPrecision(12)));
  return ticks;
}

/** Powers of ten covering [min, max] (both positive), thinned so at most about 8 remain. */
export function logTicks(min: number, max: number): number[] {
  if (!(min > 0) || !(max >= min) || !Number.isFinite(max)) {
    throw new SvgPlotError(`Invalid log-axis range [${min}, ${max}]: expected 0 < min ≤ max.`);
  }
  const first = Math.floor(Math.log10(min) + 1e-9);
  let last = Math.ceil(Math.log10(max) - 1e-9);
  if (last === first) last += 1;
  const stride = Math.max(1, Math.ceil((last - first) / 8));
  const ticks: number[] = [];
  for (let exponent = first; exponent <= last; exponent += stride) ticks.push(Number((10 ** exponent).toPrecision(12)));
  if (Math.log10(ticks[ticks.length - 1]!) < last) ticks.push(Number((10 ** last).toPrecision(12)));
  return ticks;
}

interface Axis {
  ticks: number[];
  toPixel(value: number): number;
}

function buildAxis(
  values: readonly number[],
  scale: AxisScale,
  domain: readonly [number, number] | undefined,
  pixelRange: readonly [number, number],
  tickCount: number,
): Axis {
  const finite = values.filter((value) => Number.isFinite(value));
  if (finite.length === 0 && domain === undefined) throw new SvgPlotError("The plot has no finite values on an axis.");
  const dataMin = domain ? domain[0] : Math.min(...finite);
  const dataMax = domain ? domain[1] : Math.max(...finite);

  if (scale === "log") {
    if (finite.some((value) => value <= 0)) throw new SvgPlotError("A log axis cannot show zero or negative values.");
    const ticks = domain ? logTicks(dataMin, dataMax).filter((t) => t >= dataMin && t <= dataMax) : logTicks(dataMin, dataMax);
    const low = Math.log10(domain ? dataMin : ticks[0]!);
    const high = Math.log10(domain ? dataMax : ticks[ticks.length - 1]!);
    const span = high - low || 1;
    return {
      ticks,
      toPixel: (value) => pixelRange[0] + ((Math.log10(value) - low) / span) * (pixelRange[1] - pixelRange[0]),
    };
  }

  const allTicks = linearTicks(dataMin, dataMax, tickCount);
  const ticks = domain ? allTicks.filter((t) => t >= dataMin - 1e-12 && t <= dataMax + 1e-12) : allTicks;
  const low = domain ? dataMin : allTicks[0]!;
  const high = domain ? dataMax : allTicks[allTicks.length - 1]!;
  const span = high - low || 1;
  return {
    ticks,
    toPixel: (value) => pixelRange[0] + ((value - low) / span) * (pixelRange[1] - pixelRange[0]),
  };
}

/**
 * Renders a plot as a standalone `<svg>` string with `role="img"`, a `<title>` and a `<desc>`.
 * Points with a non-finite coordinate are skipped, and a line is broken there. Points outside an
 * explicit domain are clipped to the plotting area.
 */
export function renderSvgPlot(options: PlotOptions): string {
  const width = options.width ?? 560;
  const height = options.height ?? 360;
  const tickCount = options.tickCount ?? 5;
  const yScale = options.yScale ?? "linear";
  if (options.series.length === 0) throw new SvgPlotError("The plot has no series.");
  for (const series of options.series) {
    if (series.x.length !== series.y.length) {
      throw new SvgPlotError(
        `Series "${series.label}" has ${series.x.length} x values but ${series.y.length} y values; they must match.`,
      );
    }
  }

  const legendHeight = options.series.length > 1 ? options.series.length * LEGEND_LINE_HEIGHT + 8 : 0;
  const left = MARGIN.left;
  const right = width - MARGIN.right;
  const top = MARGIN.top + legendHeight;
  const bottom = height - MARGIN.bottom;
  if (right - left < 40 || bottom - top < 40) throw new SvgPlotError(`The plot area of ${width} × ${height} is too small.`);

  const xs = [...options.series.flatMap((series) => series.x), ...(options.verticalMarkers ?? []).map((marker) => marker.x)];
  const ys = options.series.flatMap((series) => series.y);
  const xAxis = buildAxis(xs, "linear", options.xDomain, [left, right], tickCount);
  const yAxis = buildAxis(ys, yScale, options.yDomain, [bottom, top], tickCount);

  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" ` +
      `role="img" font-family="sans-serif" font-size="12">`,
  );
  parts.push(`<title>${escapeXml(options.title)}</title>`);
  parts.push(`<desc>${escapeXml(options.desc)}</desc>`);
  parts.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`);

  parts.push(...renderAxes(xAxis, yAxis, { left, right, top, bottom }));
  parts.push(...renderAxisLabels(options, { left, right, top, bottom, height }));

  // A clip path keeps data drawn with an explicit domain inside the frame. Its id is fixed, which
  // is safe because the SVG is embedded as an image or inline once per figure.
  parts.push(
    `<defs><clipPath id="plot-area"><rect x="${coordinate(left)}" y="${coordinate(top)}" ` +
      `width="${coordinate(right - left)}" height="${coordinate(bottom - top)}"/></clipPath></defs>`,
  );
  parts.push(`<g clip-path="url(#plot-area)">`);
  for (const marker of options.verticalMarkers ?? []) {
    const px = coordinate(xAxis.toPixel(marker.x));
    parts.push(`<line x1="${px}" y1="${coordinate(top)}" x2="${px}" y2="${coordinate(bottom)}" stroke="#555555" stroke-dasharray="4 4"/>`);
  }
  options.series.forEach((series, index) => parts.push(...renderSeries(series, index, xAxis, yAxis, yScale)));
  parts.push(`</g>`);

  for (const marker of options.verticalMarkers ?? []) {
    if (marker.label === undefined) continue;
    const px = xAxis.toPixel(marker.x);
    parts.push(`<text x="${coordinate(px + 4)}" y="${coordinate(top + 12)}" fill="#333333">${escapeXml(marker.label)}</text>`);
  }
  if (options.series.length > 1) parts.push(...renderLegend(options.series, left, MARGIN.top));

  parts.push(`</svg>`);
  return parts.join("");
}

interface Frame {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

function renderAxes(xAxis: Axis, yAxis: Axis, frame: Frame): string[] {
  const { left, right, top, bottom } = frame;
  const out: string[] = [];
  out.push(
    `<rect x="${coordinate(left)}" y="${coordinate(top)}" width="${coordinate(right - left)}" ` +
      `height="${coordinate(bottom - top)}" fill="none" stroke="#333333"/>`,
  );
  for (const tick of xAxis.ticks) {
    const px = coordinate(xAxis.toPixel(tick));
    out.push(`<line x1="${px}" y1="${coordinate(bottom)}" x2="${px}" y2="${coordinate(bottom + 5)}" stroke="#333333"/>`);
    out.push(`<text x="${px}" y="${coordinate(bottom + 18)}" text-anchor="middle">${formatTick(tick)}</text>`);
  }
  for (const tick of yAxis.ticks) {
    const py = coordinate(yAxis.toPixel(tick));
    out.push(`<line x1="${coordinate(left - 5)}" y1="${py}" x2="${coordinate(left)}" y2="${py}" stroke="#333333"/>`);
    out.push(`<line x1="${coordinate(left)}" y1="${py}" x2="${coordinate(right)}" y2="${py}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${coordinate(left - 8)}" y="${coordinate(yAxis.toPixel(tick) + 4)}" text-anchor="end">${formatTick(tick)}</text>`);
  }
  return out;
}

function renderAxisLabels(options: PlotOptions, frame: Frame & { height: number }): string[] {
  const { left, right, top, bottom, height } = frame;
  const midY = (top + bottom) / 2;
  return [
    `<text x="${coordinate((left + right) / 2)}" y="${coordinate(height - 10)}" text-anchor="middle">${escapeXml(options.xLabel)}</text>`,
    `<text x="14" y="${coordinate(midY)}" text-anchor="middle" transform="rotate(-90 14 ${coordinate(midY)})">` +
      `${escapeXml(options.yLabel)}</text>`,
  ];
}

function renderSeries(series: PlotSeries, index: number, xAxis: Axis, yAxis: Axis, yScale: AxisScale): string[] {
  const colour = SERIES_COLOURS[index % SERIES_COLOURS.length]!;
  const dash = SERIES_DASHES[index % SERIES_DASHES.length]!;
  const style = series.style ?? "line";
  const drawable = (i: number) =>
    Number.isFinite(series.x[i]!) && Number.isFinite(series.y[i]!) && (yScale === "linear" || series.y[i]! > 0);
  const out: string[] = [];

  if (style !== "scatter") {
    // Each run of drawable points becomes one polyline, so a gap in the data stays a gap.
    let run: string[] = [];
    const flush = () => {
      if (run.length >= 2) {
        out.push(
          `<polyline points="${run.join(" ")}" fill="none" stroke="${colour}" stroke-width="2"` +
            `${dash ? ` stroke-dasharray="${dash}"` : ""}/>`,
        );
      }
      run = [];
    };
    for (let i = 0; i < series.x.length; i += 1) {
      if (!drawable(i)) {
        flush();
        continue;
      }
      run.push(`${coordinate(xAxis.toPixel(series.x[i]!))},${coordinate(yAxis.toPixel(series.y[i]!))}`);
    }
    flush();
  }
  if (style !== "line") {
    for (let i = 0; i < series.x.length; i += 1) {
      if (!drawable(i)) continue;
      out.push(
        `<circle cx="${coordinate(xAxis.toPixel(series.x[i]!))}" cy="${coordinate(yAxis.toPixel(series.y[i]!))}" ` +
          `r="3" fill="${colour}"/>`,
      );
    }
  }
  return out;
}

function renderLegend(series: readonly PlotSeries[], left: number, top: number): string[] {
  return series.flatMap((item, index) => {
    const colour = SERIES_COLOURS[index % SERIES_COLOURS.length]!;
    const dash = SERIES_DASHES[index % SERIES_DASHES.length]!;
    const y = top + index * LEGEND_LINE_HEIGHT + 8;
    const style = item.style ?? "line";
    const sample =
      style === "scatter"
        ? `<circle cx="${coordinate(left + 14)}" cy="${coordinate(y)}" r="3" fill="${colour}"/>`
        : `<line x1="${coordinate(left)}" y1="${coordinate(y)}" x2="${coordinate(left + 28)}" y2="${coordinate(y)}" ` +
          `stroke="${colour}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ""}/>`;
    return [sample, `<text x="${coordinate(left + 36)}" y="${coordinate(y + 4)}">${escapeXml(item.label)}</text>`];
  });
}
