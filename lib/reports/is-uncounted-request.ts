import { isbot } from "isbot";

// Link unfurlers isbot may not name: they fetch every link pasted into a conversation, before anyone taps it.
const LINK_PREVIEW_AGENTS =
  /(facebookexternalhit|whatsapp|telegrambot|slackbot|discordbot|skypeuripreview|linkpreview|iframely|embedly|preview)/i;

/**
 * True for requests that are not a person tapping the link: HEAD requests (link checkers, previews), no user
 * agent at all, known bots and crawlers (isbot's list) and messaging apps' link previews.
 */
export function isUncountedRequest(method: string, userAgent: string | null): boolean {
  if (method.toUpperCase() !== "GET") return true;
  if (!userAgent?.trim()) return true;
  return isbot(userAgent) || LINK_PREVIEW_AGENTS.test(userAgent);
}
