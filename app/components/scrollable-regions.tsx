"use client";

import { useEffect } from "react";

/**
 * Boxes that may scroll sideways on a narrow screen: wide tables, display math and long inline
 * formulas. Keyboard users can scroll a box only when it can take focus, so every such box that
 * actually overflows gets tabindex 0 (WCAG 2.1.1). Boxes that fit stay out of the tab order.
 */
const SCROLL_BOX_SELECTOR = ".table-scroll, .prompt table, .katex-display, .katex";

function markOverflowingBoxes(root: ParentNode): void {
  for (const box of root.querySelectorAll<HTMLElement>(SCROLL_BOX_SELECTOR)) {
    const overflows = box.scrollWidth > box.clientWidth + 1;
    if (overflows && !box.hasAttribute("tabindex")) {
      box.setAttribute("tabindex", "0");
      box.dataset.scrollFocus = "added";
    } else if (!overflows && box.dataset.scrollFocus === "added") {
      box.removeAttribute("tabindex");
      delete box.dataset.scrollFocus;
    }
  }
}

/** Keeps overflowing boxes focusable as the page renders, changes, loads its fonts and resizes. */
export function ScrollableRegions() {
  useEffect(() => {
    let scheduled = 0;
    const schedule = () => {
      if (scheduled !== 0) return;
      scheduled = window.requestAnimationFrame(() => {
        scheduled = 0;
        markOverflowingBoxes(document);
      });
    };
    markOverflowingBoxes(document);
    const observer = new MutationObserver(schedule);
    observer.observe(document.body, { childList: true, subtree: true });
    window.addEventListener("resize", schedule);
    // KaTeX's web fonts arrive after the first layout and widen formulas without any DOM change.
    document.fonts.addEventListener("loadingdone", schedule);
    void document.fonts.ready.then(schedule);
    return () => {
      observer.disconnect();
      window.removeEventListener("resize", schedule);
      document.fonts.removeEventListener("loadingdone", schedule);
      if (scheduled !== 0) window.cancelAnimationFrame(scheduled);
    };
  }, []);
  return null;
}
