import { describe, expect, it } from "vitest";

import { escapeXml, formatTick, linearTicks, logTicks, renderSvgPlot, SvgPlotError } from "@/lib/questions/svg-plot";

const basic = {
  title: "Test error against degrees of freedom",
  desc: "One falling line.",
  xLabel: "d",
  yLabel: "error",
  series: [{ label: "test", x: [1, 2, 3, 4], y: [4, 3, 2, 1] }],
};

describe("linearTicks", () => {
  it("covers the range with round steps", () => {
    expect(linearTicks(0, 9.3, 5)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(linearTicks(-0.27, 0.41, 5)).toEqual([-0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3, 0.4, 0.5]);
  });

  it("prints decimal steps without floating-point noise", () => {
    const ticks = linearTicks(0.1, 0.7, 6);
    expect(ticks).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]);
  });

  it("widens a zero-width range", () => {
    const ticks = linearTicks(5, 5);
    expect(ticks[0]).toBeLessThan(5);
    expect(ticks[ticks.length - 1]).toBeGreaterThan(5);
  });

  it("rejects an inverted range", () => {
    expect(() => linearTicks(2, 1)).toThrow(SvgPlotError);
  });
});

describe("logTicks", () => {
  it("returns the powers of ten around the range", () => {
    expect(logTicks(0.03, 250)).toEqual([0.01, 0.1, 1, 10, 100, 1000]);
  });

  it("rejects a non-positive minimum", () => {
    expect(() => logTicks(0, 10)).toThrow(SvgPlotError);
  });
});

describe("formatTick", () => {
  it("limits significant figures", () => {
    expect(formatTick(0.30000000000000004)).toBe("0.3");
    expect(formatTick(123456)).toBe("123500");
    expect(formatTick(0)).toBe("0");
  });
});

describe("renderSvgPlot", () => {
  it("is deterministic", () => {
    expect(renderSvgPlot(basic)).toBe(renderSvgPlot(basic));
  });

  it("writes title, desc and img role", () => {
    const svg = renderSvgPlot(basic);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('role="img"');
    expect(svg).toContain("<title>Test error against degrees of freedom</title>");
    expect(svg).toContain("<desc>One falling line.</desc>");
    expect(svg.endsWith("</svg>")).toBe(true);
  });

  it("contains no scripts or external references", () => {
    const svg = renderSvgPlot({ ...basic, verticalMarkers: [{ x: 2.5, label: "n" }] });
    expect(svg).not.toMatch(/<script/i);
    expect(svg).not.toMatch(/href=/i);
    expect(svg).not.toMatch(/@import|url\(http/i);
  });

  it("maps data corners to the frame corners", () => {
    // x ticks 1..4 and y ticks 1..4 span the frame exactly: left 64, right 544, top 16, bottom 312.
    const svg = renderSvgPlot(basic);
    expect(svg).toContain('<polyline points="64,16 224,114.7 384,213.3 544,312"');
  });

  it("prints coordinates with at most one decimal", () => {
    const svg = renderSvgPlot({ ...basic, series: [{ label: "s", x: [0, 1 / 3, 1], y: [0, Math.PI, 7] }] });
    const numbers = [...svg.matchAll(/(?:x|y|cx|cy|x1|x2|y1|y2)="(-?[\d.]+)"/g)].map((match) => match[1]!);
    for (const text of numbers) expect(text).toMatch(/^-?\d+(\.\d)?$/);
  });

  it("escapes labels", () => {
    const svg = renderSvgPlot({ ...basic, xLabel: "a < b & c" });
    expect(svg).toContain("a &lt; b &amp; c");
    expect(escapeXml(`"'`)).toBe("&quot;&#39;");
  });

  it("draws markers, points and a legend for several series", () => {
    const svg = renderSvgPlot({
      ...basic,
      series: [
        { label: "train", x: [1, 2, 3], y: [3, 1, 0.5], style: "line-and-points" },
        { label: "test", x: [1, 2, 3], y: [3, 4, 2], style: "scatter" },
      ],
      verticalMarkers: [{ x: 2, label: "n = 2" }],
    });
    expect(svg.match(/<circle /g)?.length).toBe(3 + 3 + 1);
    expect(svg).toContain(">n = 2</text>");
    expect(svg).toContain(">train</text>");
    expect(svg).toContain('stroke-dasharray="4 4"');
  });

  it("breaks a line at a non-finite value", () => {
    const svg = renderSvgPlot({ ...basic, series: [{ label: "s", x: [1, 2, 3, 4, 5], y: [1, 2, Number.NaN, 2, 1] }] });
    expect(svg.match(/<polyline /g)?.length).toBe(2);
  });

  it("places a log axis at powers of ten", () => {
    const svg = renderSvgPlot({ ...basic, yScale: "log", series: [{ label: "s", x: [1, 4], y: [0.1, 100] }] });
    for (const label of [">0.1<", ">1<", ">10<", ">100<"]) expect(svg).toContain(label);
    expect(() => renderSvgPlot({ ...basic, yScale: "log", series: [{ label: "s", x: [1, 2], y: [0, 1] }] })).toThrow(
      SvgPlotError,
    );
  });

  it("rejects series of unequal lengths", () => {
    expect(() => renderSvgPlot({ ...basic, series: [{ label: "s", x: [1, 2], y: [1] }] })).toThrow(/must match/);
  });
});
