"use server";

import { redirect } from "next/navigation";
import { z } from "zod";

import { PRACTICE_ROLES } from "@/lib/auth/roles";
import { defineAction } from "@/lib/http/server-action";
import { parseTopicFilter, startAdaptivePractice } from "@/lib/practice";

const practiceSchema = z.object({ topics: z.string().max(1_000, { message: "The topics list is at most 1,000 characters." }).optional() });

/** Picks the next question from the student's mastery, starts a variant of it and opens it. */
export const startPracticeAction = defineAction(
  { name: "adaptive-practice", schema: practiceSchema, access: { roles: PRACTICE_ROLES } },
  async ({ input, user }) => {
    const topics = parseTopicFilter(input.topics);
    const started = await startAdaptivePractice({ user, ...(topics === undefined ? {} : { topics }) });
    const query = new URLSearchParams({ reason: started.pick.reason, topic: started.pick.topic });
    redirect(`/variants/${started.variantId}?${query.toString()}`);
  },
);
