import { AUTHORING_ROLES, testBodySchema, testDraftBatch } from "@/lib/authoring";
import { defineRoute } from "@/lib/http/route-handler";

// POST /api/templates/:templateId/test { source, firstSeed, seeds }: self-tests a batch of seeds
// (fewer when the batch's time runs out) and returns the report with a signed receipt.
export const POST = defineRoute<{ templateId: string }, typeof testBodySchema>(
  { roles: AUTHORING_ROLES, body: testBodySchema, maxBodyBytes: 200_000 },
  async ({ user, params, body }) => Response.json({ result: await testDraftBatch(user, params.templateId, body) }),
);
