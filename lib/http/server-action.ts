import { randomUUID } from "node:crypto";

import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";

import { requireUser, type SessionUser } from "@/lib/auth/session";
import type { Role } from "@/lib/auth/roles";

import type { ActionState } from "./action-state";
import { appErrorFromZod, mapError } from "./error-response";

export type { ActionState } from "./action-state";

interface ActionContext<I> {
  input: I;
  requestId: string;
}

/**
 * Wraps a server action used by a form: validates the FormData fields with `schema` (errors come
 * back as state, not as exceptions), checks the session and role when `access` is not "public",
 * and maps thrown errors to state. `redirect()` and `notFound()` inside the handler pass through.
 */
export function defineAction<S extends z.ZodType>(
  options: { name: string; schema: S; access: "public" },
  handler: (context: ActionContext<z.output<S>>) => Promise<ActionState>,
): (previous: ActionState, formData: FormData) => Promise<ActionState>;
export function defineAction<S extends z.ZodType>(
  options: { name: string; schema: S; access: { roles?: readonly Role[] } },
  handler: (context: ActionContext<z.output<S>> & { user: SessionUser }) => Promise<ActionState>,
): (previous: ActionState, formData: FormData) => Promise<ActionState>;
export function defineAction<S extends z.ZodType>(
  options: { name: string; schema: S; access: "public" | { roles?: readonly Role[] } },
  handler: (context: ActionContext<z.output<S>> & { user: SessionUser }) => Promise<ActionState>,
): (previous: ActionState, formData: FormData) => Promise<ActionState> {
  return async (_previous, formData) => {
    const requestId = randomUUID();
    let userId: string | undefined;
    const fields = Object.fromEntries(
      [...formData.entries()].filter((entry): entry is [string, string] => !entry[0].startsWith("$ACTION") && typeof entry[1] === "string"),
    );
    const values = Object.fromEntries(Object.entries(fields).filter(([key]) => !/password/i.test(key)));
    try {
      // Authorization first: a server action is a public POST endpoint whatever page shows it.
      let user: SessionUser | undefined;
      if (options.access !== "public") {
        user = await requireUser(options.access.roles === undefined ? {} : { roles: options.access.roles });
        userId = user.id;
      }

      const parsed = options.schema.safeParse(fields);
      if (!parsed.success) {
        const error = appErrorFromZod(parsed.error);
        return { status: "error", message: "Check the highlighted fields.", values, ...(error.fields ? { fields: error.fields } : {}) };
      }

      return await handler({ input: parsed.data, requestId, user: user as SessionUser });
    } catch (error) {
      unstable_rethrow(error);
      const mapped = mapError(error, { requestId, route: `action ${options.name}`, ...(userId === undefined ? {} : { userId }) });
      return {
        status: "error",
        message: mapped.body.error.message,
        values,
        ...(mapped.body.error.fields ? { fields: mapped.body.error.fields } : {}),
      };
    }
  };
}
