import { describe, expect, it } from "vitest";

import { readPlot, xmlErrors } from "./figure-helpers";

describe("xmlErrors", () => {
  it("accepts a well-formed document", () => {
    expect(xmlErrors('<svg a="1"><title>a &amp; b</title><line x="2"/></svg>')).toEqual([]);
  });

  it.each([
    ["mismatched end tag", "<svg><g></svg></g>"],
    ["unclosed element", "<svg><g></svg>"],
    ["bare ampersand", "<svg>a & b</svg>"],
    ["unquoted attribute", "<svg a=1></svg>"],
    ["repeated attribute", '<svg a="1" a="2"></svg>'],
    ["two roots", "<svg></svg><svg></svg>"],
    ["text outside the root", "<svg></svg>tail"],
  ])("rejects a %s", (_name, xml) => {
    expect(xmlErrors(xml).length).toBeGreaterThan(0);
  });
});

describe("readPlot", () => {
  it("maps pixels back through the tick labels", () => {
    // Hand-written plot: x ticks 0 at 100 px and 10 at 300 px, y ticks 0 at 200 px and 5 at 100 px.
    const svg =
      '<svg><title>t</title><desc>d</desc>' +
      '<text x="100" y="220" text-anchor="middle">0</text><text x="300" y="220" text-anchor="middle">10</text>' +
      '<text x="90" y="204" text-anchor="end">0</text><text x="90" y="104" text-anchor="end">5</text>' +
      '<g clip-path="url(#plot-area)"><circle cx="150" cy="160" r="3"/>' +
      '<line x1="250" y1="0" x2="250" y2="200" stroke-dasharray="4 4"/></g></svg>';
    const plot = readPlot(svg);
    expect(plot.points).toEqual([{ x: 2.5, y: 2 }]);
    expect(plot.markers).toEqual([7.5]);
    expect(plot.xAxis.unitsPerPixel).toBeCloseTo(0.05, 12);
  });
});
