import twilio from "twilio";
import RequestClient from "twilio/lib/base/RequestClient";

const TWILIO_ORIGIN = /^https:\/\/[a-z0-9.-]*twilio\.com(:\d+)?/i;

/**
 * The kept library's HTTP client, with every https://*.twilio.com URL sent to `baseUrl` instead (the sandbox's
 * stand-in in dev and tests); with Twilio's own URL it changes nothing.
 */
class BaseUrlRequestClient extends RequestClient {
  constructor(
    private readonly baseUrl: string,
    options: RequestClient.RequestClientOptions,
  ) {
    super(options);
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    return super.request({ ...opts, uri: opts.uri.replace(TWILIO_ORIGIN, this.baseUrl.replace(/\/+$/, "")) });
  }
}

export type TwilioClientOptions = { accountSid: string; authToken: string; apiBaseUrl: string; timeoutMs?: number };

/**
 * A Twilio REST client for one account. The library's own 429 retries stay off: the delivery engine paces,
 * retries with backoff and counts them, so a retry is never hidden from the ledger.
 */
export function createTwilioClient({ accountSid, authToken, apiBaseUrl, timeoutMs = 10_000 }: TwilioClientOptions) {
  const httpClient = new BaseUrlRequestClient(apiBaseUrl, { timeout: timeoutMs, keepAlive: true, autoRetry: false });
  return twilio(accountSid, authToken, { httpClient, autoRetry: false, timeout: timeoutMs });
}

export type TwilioClient = ReturnType<typeof createTwilioClient>;
