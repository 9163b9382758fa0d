import { PRACTICE_ROLES } from "@/lib/auth/roles";
import { defineRoute } from "@/lib/http/route-handler";
import { listQuestionsForUser } from "@/lib/practice";

// GET /api/questions: id, version, title, topics, difficulty and expected minutes of every bank
// question and of the published templates in the caller's courses.
export const GET = defineRoute({ roles: PRACTICE_ROLES }, async ({ user }) =>
  Response.json({ questions: await listQuestionsForUser({ userId: user.id }) }),
);
