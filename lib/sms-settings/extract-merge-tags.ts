/** `{{ name }}` with optional inner spaces; anything between the braces counts, so typos are reported by name. */
export const MERGE_TAG_PATTERN = /\{\{\s*([^{}]*?)\s*\}\}/g;

export type ExtractedMergeTags = {
  /** Tag names in order of first use, without braces or spaces. */
  tags: string[];
  /** `{{` or `}}` left over once well-formed tags are removed: a tag that would be sent literally. */
  strayBraces: boolean;
};

/** Finds the {{merge_tags}} in a template, and whether any braces are left unmatched. */
export function extractMergeTags(text: string): ExtractedMergeTags {
  const tags = [...new Set(Array.from(text.matchAll(MERGE_TAG_PATTERN), (m) => m[1]!))];
  const rest = text.replace(MERGE_TAG_PATTERN, "");
  return { tags, strayBraces: rest.includes("{{") || rest.includes("}}") };
}
