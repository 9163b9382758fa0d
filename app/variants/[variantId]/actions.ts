"use server";

import { redirect } from "next/navigation";
import { z } from "zod";

import { PRACTICE_ROLES } from "@/lib/auth/roles";
import { defineAction } from "@/lib/http/server-action";
import { replaceVariant } from "@/lib/practice";

const newVariantSchema = z.object({ variantId: z.string().min(1).max(128) });

/** Closes the shown variant and opens a fresh variant of the same question. */
export const newVariantAction = defineAction(
  { name: "new-variant", schema: newVariantSchema, access: { roles: PRACTICE_ROLES } },
  async ({ input, user }) => {
    const started = await replaceVariant({ user, unsafeVariantId: input.variantId });
    redirect(`/variants/${started.variantId}`);
  },
);
