import { listQuestions } from "@/lib/questions";
import { PRACTICE_ROLES } from "@/lib/auth/roles";
import { defineRoute } from "@/lib/http/route-handler";

// GET /api/questions: every question's id, version, title, topics, difficulty and expected minutes.
export const GET = defineRoute({ roles: PRACTICE_ROLES }, async () => Response.json({ questions: listQuestions() }));
