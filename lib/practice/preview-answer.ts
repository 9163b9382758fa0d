import { AppError } from "@/lib/http/app-error";
import { previewPartInput, type PreviewResult } from "@/lib/questions";
import type { SessionUser } from "@/lib/auth/session";

import { closedVariantMessage, loadOwnedVariant, rebuildVariant } from "./stored-variant";

/**
 * Shows how the server reads one part's input ("how we read your answer") without grading it or
 * using an attempt. The result says nothing about whether the answer is correct.
 */
export async function previewAnswer({
  user,
  unsafeVariantId,
  partId,
  input,
}: {
  user: SessionUser;
  unsafeVariantId: string;
  partId: string;
  input: string;
}): Promise<PreviewResult> {
  const row = await loadOwnedVariant({ user, unsafeVariantId });
  const rebuilt = await rebuildVariant(row);
  if (!rebuilt.usable) throw new AppError("variant_closed", closedVariantMessage(rebuilt.status, rebuilt.reason));

  const partIds = rebuilt.variant.content.parts.map((part) => part.id);
  if (!partIds.includes(partId)) {
    throw new AppError("invalid_input", `This question has no part "${partId}". Its parts are: ${partIds.join(", ")}.`, {
      fields: { partId: ["No such part."] },
    });
  }
  return previewPartInput({ variant: rebuilt.variant, partId, input });
}
