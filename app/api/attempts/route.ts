import { PRACTICE_ROLES } from "@/lib/auth/roles";
import { defineRoute } from "@/lib/http/route-handler";
import { listAttempts } from "@/lib/practice";
import { attemptsQuerySchema } from "@/lib/practice/schemas";

// GET /api/attempts?questionId=&limit=&cursor=: the caller's submissions, newest first.
export const GET = defineRoute({ roles: PRACTICE_ROLES }, async ({ user, request }) => {
  const query = attemptsQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const page = await listAttempts({
    user,
    limit: query.limit,
    ...(query.questionId === undefined ? {} : { questionId: query.questionId }),
    ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
  });
  return Response.json(page);
});
