import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/**
 * Runs axe (WCAG 2.1 A and AA rules) on the page as it is now and fails with each violation's rule, impact and
 * the elements it found, so a report names what to fix.
 */
export async function expectAxeClean(page: Page, label: string) {
  await page.waitForLoadState("networkidle");
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const violations = results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} → ${v.nodes
        .map((n) => n.target.join(" "))
        .slice(0, 5)
        .join(" | ")}`,
  );
  expect.soft(violations, `axe on ${label}`).toEqual([]);
}

/**
 * The page never scrolls sideways, and every table either fits the box it sits in or scrolls inside its own
 * container (so a column is never clipped at the page's edge).
 */
export async function expectLayoutFits(page: Page, label: string) {
  const problems = await page.evaluate(() => {
    const found: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth + 1) {
      // Name the outermost elements that stick out (not inside a box that scrolls), so the report says what to fix.
      const scrollsX = (el: Element | null): boolean => {
        for (let box = el?.parentElement; box && box !== document.body; box = box.parentElement) {
          const overflowX = getComputedStyle(box).overflowX;
          if (overflowX === "auto" || overflowX === "scroll" || overflowX === "hidden") return true;
        }
        return false;
      };
      const all = Array.from(document.body.querySelectorAll("*")).filter(
        (el) => el.getBoundingClientRect().right > doc.clientWidth + 1,
      );
      const unscrolled = all.filter((el) => !scrollsX(el));
      const wide = unscrolled.length ? unscrolled : all;
      const outermost = wide.filter((el) => !wide.includes(el.parentElement!)).slice(0, 3);
      const names = outermost.map(
        (el) =>
          `<${el.tagName.toLowerCase()} class="${String(el.getAttribute("class") ?? "").slice(0, 60)}"> "${(el.textContent ?? "").trim().slice(0, 40)}"`,
      );
      found.push(`page is ${doc.scrollWidth}px wide in a ${doc.clientWidth}px window: ${names.join("; ")}`);
    }
    for (const table of Array.from(document.querySelectorAll("table"))) {
      let box: HTMLElement | null = table.parentElement;
      let scrolls = false;
      while (box && box !== document.body) {
        const overflowX = getComputedStyle(box).overflowX;
        if (overflowX === "auto" || overflowX === "scroll") {
          scrolls = true;
          break;
        }
        box = box.parentElement;
      }
      const parent = table.parentElement!;
      const head = (table.querySelector("th")?.textContent ?? "").trim();
      if (!scrolls && table.getBoundingClientRect().right > parent.getBoundingClientRect().right + 1)
        found.push(`table "${head}" overflows its box without scrolling`);
    }
    return found;
  });
  expect.soft(problems, `layout of ${label} at ${page.viewportSize()?.width}px`).toEqual([]);
}
