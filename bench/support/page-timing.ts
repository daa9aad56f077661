import { median } from "./bench-environment";
import { percentile } from "./next-server";

/**
 * Opens the app as Shopify's admin does (a session token for one staff member of a stand-in store) and returns
 * the session cookie the app sets.
 */
export async function signInMerchant(options: {
  standinUrl: string;
  serverUrl: string;
  apiKey: string;
  shopDomain: string;
  userId: string;
}): Promise<string> {
  const { standinUrl, serverUrl, apiKey, shopDomain, userId } = options;
  const tokenAnswer = await fetch(`${standinUrl}/standin/session-token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ shop: shopDomain, userId }),
  });
  const { token } = (await tokenAnswer.json()) as { token: string };
  // The stand-in's demo stores start uninstalled: approve the install as the merchant would in the admin.
  await fetch(`${standinUrl}/store/${shopDomain.replace(".myshopify.com", "")}/apps/${apiKey}/install`, {
    method: "POST",
    redirect: "manual",
  });
  const answer = await fetch(
    `${serverUrl}/auth/shopify/session?${new URLSearchParams({ shop: shopDomain, id_token: token })}`,
    { redirect: "manual" },
  );
  const session = answer.headers
    .getSetCookie()
    .map((c) => c.split(";")[0] ?? "")
    .find((c) => c.includes("session-token"));
  if (!session) throw new Error(`sign-in failed (${answer.status}): no session cookie`);
  return session;
}

/**
 * Signs a support agent in with email and password, as the sign-in form does (Auth.js's credentials callback with
 * its CSRF token), and returns the session cookie.
 */
export async function signInSupportAgent(
  serverUrl: string,
  account: { email: string; password: string },
): Promise<string> {
  const csrfAnswer = await fetch(`${serverUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrfAnswer.json()) as { csrfToken: string };
  const csrfCookie = csrfAnswer.headers.getSetCookie().map((c) => c.split(";")[0] ?? "");
  const answer = await fetch(`${serverUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie.join("; ") },
    body: new URLSearchParams({ ...account, csrfToken }),
  });
  const session = answer.headers
    .getSetCookie()
    .map((c) => c.split(";")[0] ?? "")
    .find((c) => c.includes("session-token"));
  if (!session) throw new Error(`support sign-in failed (${answer.status}): no session cookie`);
  return session;
}

export type TimedPage = {
  name: string;
  path: string;
  /** Text the answer must hold, so an error page or an empty state is never timed as the page. */
  expect?: string;
};

export type PageTimes = {
  name: string;
  path: string;
  /** Whole answer, first byte to last (the pages stream), in milliseconds. */
  times: number[];
  firstBytes: number[];
  /** The last answer's HTML (for sizes and the scripts it loads). */
  html: string;
  p50: number;
  p90: number;
  max: number;
  firstByteP50: number;
};

/**
 * Times pages of a running app, signed in with `cookie`: `warmUp` rounds first, then `requests` rounds, each round
 * requesting every page once in turn. Interleaving puts each page under the same machine load as the others, so
 * ratios between them hold even when absolute times swing with what else the machine runs.
 */
export async function timePages(
  serverUrl: string,
  cookie: string,
  pages: TimedPage[],
  { warmUp = 5, requests }: { warmUp?: number; requests: number },
): Promise<PageTimes[]> {
  const results = pages.map((page) => ({ ...page, times: [] as number[], firstBytes: [] as number[], html: "" }));
  for (let round = 0; round < warmUp + requests; round++) {
    for (const result of results) {
      const started = performance.now();
      const response = await fetch(`${serverUrl}${result.path}`, {
        headers: { cookie, "accept-encoding": "identity" },
      });
      const firstByte = performance.now() - started;
      const html = await response.text();
      const whole = performance.now() - started;
      if (response.status !== 200) throw new Error(`${result.path} answered ${response.status}`);
      if (result.expect && !html.includes(result.expect))
        throw new Error(`${result.path} answered without "${result.expect}"`);
      result.html = html;
      if (round < warmUp) continue;
      result.times.push(whole);
      result.firstBytes.push(firstByte);
    }
  }
  return results.map((r) => ({
    name: r.name,
    path: r.path,
    times: r.times,
    firstBytes: r.firstBytes,
    html: r.html,
    p50: median(r.times),
    p90: percentile(r.times, 90),
    max: Math.max(...r.times),
    firstByteP50: median(r.firstBytes),
  }));
}
