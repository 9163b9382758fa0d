import { describe, expect, it } from "vitest";
import { z } from "zod";

import { DbError } from "@/lib/db/errors";
import { AppError } from "@/lib/http/app-error";
import { mapError } from "@/lib/http/error-response";
import { DEFAULT_MAX_BODY_BYTES, parseJsonBody, readBodyText } from "@/lib/http/request-body";

const context = { requestId: "req-1", route: "POST /api/test" };

function jsonRequest(body: string, headers: Record<string, string> = {}): Request {
  return new Request("http://127.0.0.1/api/test", { method: "POST", body, headers: { "content-type": "application/json", ...headers } });
}

describe("mapError", () => {
  it.each([
    ["unauthenticated", 401],
    ["forbidden", 403],
    ["not_found", 404],
    ["invalid_input", 422],
    ["conflict", 409],
    ["payload_too_large", 413],
    ["variant_closed", 409],
  ] as const)("maps AppError %s to %i", (code, status) => {
    const mapped = mapError(new AppError(code, `message for ${code}`), context);
    expect(mapped.status).toBe(status);
    expect(mapped.body.error).toEqual({ code, message: `message for ${code}` });
  });

  it("keeps a status override and fields", () => {
    const mapped = mapError(new AppError("invalid_input", "not JSON", { status: 400, fields: { body: ["bad"] } }), context);
    expect(mapped.status).toBe(400);
    expect(mapped.body.error.fields).toEqual({ body: ["bad"] });
  });

  it("maps a ZodError to 422 naming the field", () => {
    const result = z.object({ answers: z.object({ a: z.string() }) }).safeParse({ answers: { a: 3 } });
    expect(result.success).toBe(false);
    const mapped = mapError(result.error, context);
    expect(mapped.status).toBe(422);
    expect(mapped.body.error.code).toBe("invalid_input");
    expect(mapped.body.error.message).toContain('"answers.a"');
    expect(Object.keys(mapped.body.error.fields ?? {})).toEqual(["answers.a"]);
  });

  it("hides unknown errors behind a 500 with the request id", () => {
    const mapped = mapError(new Error("secret database path /var/x"), context);
    expect(mapped.status).toBe(500);
    expect(mapped.body.error.code).toBe("internal");
    expect(mapped.body.error.requestId).toBe("req-1");
    expect(mapped.body.error.message).toContain("req-1");
    expect(mapped.body.error.message).not.toContain("secret");
  });

  it("treats AppError internal like an unknown error", () => {
    const mapped = mapError(new AppError("internal", "generator failed three times"), context);
    expect(mapped.status).toBe(500);
    expect(mapped.body.error.message).not.toContain("generator");
  });

  it("maps a busy database to 503", () => {
    expect(mapError(new DbError("busy", "locked"), context).status).toBe(503);
  });
});

describe("readBodyText", () => {
  it("reads a body under the limit", async () => {
    await expect(readBodyText(jsonRequest('{"a":1}'), 100)).resolves.toBe('{"a":1}');
  });

  it("rejects a body over the limit without a content-length header", async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let index = 0; index < 20; index += 1) controller.enqueue(new Uint8Array(10_000));
        controller.close();
      },
    });
    const request = new Request("http://127.0.0.1/api/test", { method: "POST", body: stream, duplex: "half" } as RequestInit);
    await expect(readBodyText(request, DEFAULT_MAX_BODY_BYTES)).rejects.toMatchObject({ code: "payload_too_large" });
  });

  it("rejects a declared content-length over the limit", async () => {
    await expect(readBodyText(jsonRequest("{}", { "content-length": "999999" }), 1_000)).rejects.toMatchObject({
      code: "payload_too_large",
    });
  });
});

describe("parseJsonBody", () => {
  it("parses JSON", () => {
    expect(parseJsonBody('{"questionId":"x"}')).toEqual({ questionId: "x" });
  });

  it.each([[""], ["   "], ['{"questionId":'], ["not json"]])("rejects %j with status 400", (text) => {
    try {
      parseJsonBody(text);
      expect.unreachable("parseJsonBody accepted invalid JSON");
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).status).toBe(400);
      expect((error as AppError).code).toBe("invalid_input");
    }
  });
});
