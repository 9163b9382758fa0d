import { exportFileName, streamSubmissionsCsv } from "@/lib/analytics/export";
import { TEACHING_ROLES } from "@/lib/courses/access";
import { defineRoute } from "@/lib/http/route-handler";

// GET /api/courses/<courseId>/export/submissions: every answer part as CSV, streamed page by page.
export const GET = defineRoute<{ courseId: string }>({ roles: TEACHING_ROLES }, async ({ user, params, requestId }) => {
  const { course, stream } = await streamSubmissionsCsv(user, params.courseId, { requestId });
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8; header=present",
      "content-disposition": `attachment; filename="${exportFileName(course, "submissions")}"`,
    },
  });
});
