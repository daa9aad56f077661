"use client";

// Last-resort page when even the root layout fails; it never shows error details, only the digest.
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", padding: "4rem", textAlign: "center" }}>
        <h1>Signalboard hit an unexpected error</h1>
        <p>Please try again. {error.digest ? `Reference: ${error.digest}` : null}</p>
        <button onClick={reset}>Try again</button>
      </body>
    </html>
  );
}
