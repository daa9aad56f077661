import { MERGE_TAG_PATTERN } from "./extract-merge-tags";

/** The template with each known tag replaced by its value; unknown tags stay as written. */
export function fillMergeTags(text: string, values: Record<string, string | number | boolean>): string {
  return text.replace(MERGE_TAG_PATTERN, (whole, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : whole,
  );
}
