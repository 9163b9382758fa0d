import type { SubmissionResult } from "@/lib/practice";
import { MathText } from "@/app/components/math-text";

/** Formats an ISO time for display; rendered on the server in UTC so the markup does not depend on the client's zone. */
export function formatTime(iso: string): string {
  return new Date(iso).toLocaleString("en-GB", { timeZone: "UTC", dateStyle: "medium", timeStyle: "short" }) + " UTC";
}

function partScore(score: number | null): string {
  return score === null ? "not graded" : `${Math.round(score * 100)}%`;
}

/** One submission's per-part answers and feedback, as a description list. */
export function SubmissionParts({ submission, partOrder }: { submission: SubmissionResult; partOrder: string[] }) {
  const number = (partId: string) => {
    const index = partOrder.indexOf(partId);
    return index === -1 ? partId : String(index + 1);
  };
  return (
    <dl className="pairs">
      {submission.parts.map((part) => (
        <div key={part.partId} style={{ display: "contents" }}>
          <dt>Part {number(part.partId)}</dt>
          <dd>
            <code>{part.rawInput === "" ? "(empty)" : part.rawInput}</code> — {partScore(part.score)}
            {part.feedback ? <>. <MathText text={part.feedback} /></> : null}
            {part.formatError ? <span className="field-error"> {part.formatError.message}</span> : null}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function SubmissionHistory({ submissions, partOrder }: { submissions: SubmissionResult[]; partOrder: string[] }) {
  return (
    <ol className="attempt-list">
      {submissions.map((submission) => (
        <li key={submission.id} className="card">
          <p>
            <strong>{formatTime(submission.createdAt)}</strong>:{" "}
            {submission.gradable ? `score ${Math.round(submission.totalScore * 100)}%` : "not graded (format error)"}
          </p>
          <SubmissionParts submission={submission} partOrder={partOrder} />
        </li>
      ))}
    </ol>
  );
}
