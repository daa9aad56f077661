import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { PersonTimelineView } from "./person-timeline-view";

describe("PersonTimelineView", () => {
  it("keeps the masked email's case in the upper-case 'Where it stopped' heading", () => {
    const html = renderToString(
      createElement(PersonTimelineView, {
        timeline: {
          who: "j•••@example.com",
          kind: "email",
          entries: [],
          stop: { tone: "problem", title: "Not texted", detail: "The alert was skipped.", fix: "Nothing." },
          summary: "",
        } as never,
      }),
    );
    // The heading is upper-cased by CSS; the address sits in a span that opts out of it.
    expect(html).toMatch(
      /<p class="[^"]*\buppercase\b[^"]*">\s*Where it stopped for(<!-- -->)? (<!-- -->)?<span class="normal-case" data-testid="timeline-who">j•••@example.com<\/span>/,
    );
  });
});
