import { describe, expect, it } from "vitest";

import { renderTextWithMath } from "@/lib/questions/math-text";

describe("renderTextWithMath", () => {
  it("typesets inline formulas with MathML", () => {
    const html = renderTextWithMath("You left out $u A_{l-1}$ here.");
    expect(html.startsWith("You left out ")).toBe(true);
    expect(html).toContain('<span class="katex">');
    expect(html).toContain("<math");
    expect(html.endsWith(" here.")).toBe(true);
    expect(html).not.toContain("$");
  });

  it("escapes HTML outside formulas", () => {
    expect(renderTextWithMath(`You typed <img src=x onerror="alert(1)"> & more`)).toBe(
      "You typed &lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; more",
    );
  });

  it("shows an unreadable formula as escaped source", () => {
    expect(renderTextWithMath("Bad $\\frac{1}{$ and <b>")).toBe("Bad $\\frac{1}{$ and &lt;b&gt;");
  });

  it("leaves a lone dollar sign as text", () => {
    expect(renderTextWithMath("It costs $5 per item.")).toBe("It costs $5 per item.");
  });
});
