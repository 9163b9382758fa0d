import type { PrismaClient } from "./client";
import { toTopicProgressRecord, type TopicProgressRecord } from "./records";

/** Lists the user's progress counters, one record per topic, sorted by topic. */
export async function selectTopicProgressForUser(
  client: PrismaClient,
  args: { userId: string },
): Promise<TopicProgressRecord[]> {
  const rows = await client.topicProgress.findMany({ where: { userId: args.userId }, orderBy: { topic: "asc" } });
  return rows.map(toTopicProgressRecord);
}
