import { AppError } from "@/lib/errors/app-error";
import { PostscriptError } from "@/lib/postscript/postscript-error";

/** Turns a failed Postscript call into an AppError whose message tells the merchant what happened and what to do. */
export function postscriptFailure(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (!(error instanceof PostscriptError)) throw error;
  if (error.kind === "invalid_key" || error.kind === "forbidden") {
    return new AppError(
      "CONFLICT",
      "Postscript no longer accepts your API key. Paste a new Private API Key in step 2.",
    );
  }
  if (error.kind === "rate_limited") {
    return new AppError("RATE_LIMITED", "Postscript rate limit exceeded. Wait a few seconds and try again.");
  }
  return new AppError("UPSTREAM", `Could not reach Postscript: ${error.message}`);
}
