import { randomUUID } from "node:crypto";

import type { z } from "zod";

import { requireUser, type SessionUser } from "@/lib/auth/session";
import type { Role } from "@/lib/auth/roles";
import { logger } from "@/lib/log";

import { mapError } from "./error-response";
import { DEFAULT_MAX_BODY_BYTES, parseJsonBody, readBodyText } from "./request-body";

type Params = Record<string, string | string[] | undefined>;

/** Second argument that Next.js passes to a route handler in a dynamic segment. */
export interface RouteSegmentContext<P extends Params> {
  params: Promise<P>;
}

export interface RouteContext<P extends Params, B> {
  request: Request;
  user: SessionUser;
  params: P;
  /** The parsed body; `undefined` when the route declares no body schema. */
  body: B;
  requestId: string;
}

export interface RouteOptions<S extends z.ZodType | undefined> {
  /** Roles allowed to call the route; omitted means any signed-in user. */
  roles?: readonly Role[];
  /** Schema for a JSON body; omitted means the body is ignored. */
  body?: S;
  maxBodyBytes?: number;
}

type BodyOf<S> = S extends z.ZodType ? z.output<S> : undefined;

/**
 * Wraps a route handler. The wrapper assigns a request id and requires a session (401) and a role
 * (403). It reads the body under a size limit (413), parses JSON (400) and validates it with zod
 * (422). Any thrown error becomes the JSON error body, and every response carries `x-request-id`.
 */
export function defineRoute<P extends Params = Record<string, never>, S extends z.ZodType | undefined = undefined>(
  options: RouteOptions<S>,
  handler: (context: RouteContext<P, BodyOf<S>>) => Promise<Response>,
): (request: Request, segment: RouteSegmentContext<P>) => Promise<Response> {
  return async (request, segment) => {
    const requestId = randomUUID();
    const route = `${request.method} ${new URL(request.url).pathname}`;
    const startedAt = performance.now();
    let userId: string | undefined;

    let response: Response;
    try {
      const user = await requireUser(options.roles === undefined ? {} : { roles: options.roles });
      userId = user.id;
      const params = await segment.params;

      let body: unknown = undefined;
      if (options.body !== undefined) {
        const text = await readBodyText(request, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
        body = options.body.parse(parseJsonBody(text));
      }

      response = await handler({ request, user, params, body: body as BodyOf<S>, requestId });
    } catch (error) {
      const mapped = mapError(error, { requestId, route, ...(userId === undefined ? {} : { userId }) });
      response = Response.json(mapped.body, { status: mapped.status });
    }

    response.headers.set("x-request-id", requestId);
    response.headers.set("cache-control", "no-store");
    logger.debug(
      { requestId, route, userId, status: response.status, durationMs: Math.round(performance.now() - startedAt) },
      "api request handled",
    );
    return response;
  };
}
