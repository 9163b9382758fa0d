import { AppError } from "./app-error";

/** Largest request body the JSON API accepts, in bytes (64 KiB); answers are short strings. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

/**
 * Reads the body as UTF-8 text, rejecting it with payload_too_large once more than `maxBytes`
 * bytes have arrived, so an oversized body is never buffered whole or parsed.
 */
export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  if (request.body === null) return "";

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks));
}

/** Parses JSON text; a syntax error becomes a 400 that says the body is not valid JSON. */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === "") {
    throw new AppError("invalid_input", "Request body is empty; send a JSON object.", { status: 400 });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const detail = error instanceof SyntaxError ? error.message : "parse error";
    throw new AppError("invalid_input", `Request body is not valid JSON (${detail}).`, { status: 400 });
  }
}

function tooLarge(maxBytes: number): AppError {
  return new AppError("payload_too_large", `Request body is larger than the limit of ${maxBytes} bytes.`);
}
