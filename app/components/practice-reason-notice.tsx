import Link from "next/link";

import { PRACTICE_REASON_TEXT } from "@/lib/practice";
import { listTopics } from "@/lib/questions";

/**
 * Shows why adaptive practice chose this question, from the `reason` and `topic` query parameters that
 * the practice action adds. Values that are not a known reason and topic show nothing, because
 * the parameters come from the address bar.
 */
export function PracticeReasonNotice({ reason, topic }: { reason: unknown; topic: unknown }) {
  if (typeof reason !== "string" || !Object.hasOwn(PRACTICE_REASON_TEXT, reason)) return null;
  const topicTitle = listTopics().find((candidate) => candidate.id === topic)?.title;
  if (topicTitle === undefined) return null;

  return (
    <div className="notice" role="status">
      <p>
        Chosen for you from <strong>{topicTitle}</strong>: {PRACTICE_REASON_TEXT[reason as keyof typeof PRACTICE_REASON_TEXT]}.{" "}
        <Link href="/practice">Back to practice</Link>
      </p>
    </div>
  );
}
