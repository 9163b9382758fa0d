import { updateVariantStatus } from "@/lib/db";
import { AppError } from "@/lib/http/app-error";
import { logger } from "@/lib/log";
import type { SessionUser } from "@/lib/auth/session";

import { withVariantLock } from "./attempt-policy";
import { getVariantForUser, type VariantDetails } from "./get-variant";
import { closedVariantMessage, loadOwnedVariant } from "./stored-variant";

/**
 * Closes one of the user's variants at the student's request ("Show solution") and returns it with
 * its worked solution. The variant takes no more answers afterwards. Giving up on a variant that
 * is already closed changes nothing. A broken variant has no solution and raises variant_closed.
 */
export async function giveUpVariant({ user, unsafeVariantId }: { user: SessionUser; unsafeVariantId: string }): Promise<VariantDetails> {
  const owned = await loadOwnedVariant({ user, unsafeVariantId });
  await withVariantLock(owned.id, async () => {
    const row = await loadOwnedVariant({ user, unsafeVariantId });
    if (row.status === "broken") throw new AppError("variant_closed", closedVariantMessage("broken", row.brokenReason ?? null));
    if (row.status === "open") {
      await updateVariantStatus({ variantId: row.id, status: "closed" });
      logger.info({ userId: user.id, variantId: row.id }, "variant closed: student asked for the solution");
    }
  });
  return getVariantForUser({ user, unsafeVariantId });
}
