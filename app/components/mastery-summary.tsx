import type { TopicMasteryView } from "@/lib/practice";

import { formatTime } from "./submission-history";
import "./practice.css";

/** Formats an estimate in [0, 1] as a whole percentage, the precision the pages show. */
export function formatPercent(value: number): string {
  return `${Math.round(value * 100)}%`;
}

/**
 * Shows one topic's mastery: the estimate as a number and a bar, whether it is mastered, the number of
 * graded attempts and when its review is due.
 */
export function MasterySummary({ mastery, headingId }: { mastery: TopicMasteryView; headingId?: string }) {
  const percent = Math.round(mastery.estimate * 100);
  return (
    <div className="mastery">
      <p className="mastery-line">
        <span>
          Mastery <strong data-testid={`mastery-${mastery.id}`}>{formatPercent(mastery.estimate)}</strong>
        </span>
        <progress
          className="progress-bar"
          max={100}
          value={percent}
          aria-label={`Mastery of ${mastery.title}`}
          {...(headingId === undefined ? {} : { "aria-describedby": headingId })}
        >
          {percent}%
        </progress>
        {mastery.mastered ? <span className="badge mastered">Mastered</span> : <span className="badge">Not mastered yet</span>}
        {mastery.reviewDue ? <span className="badge due">Review due</span> : null}
      </p>
      <p className="muted">
        {mastery.attempts === 0
          ? "No graded attempts yet."
          : `${mastery.attempts} graded ${mastery.attempts === 1 ? "attempt" : "attempts"}, the latest on ${formatTime(mastery.lastAttemptAt as string)}.`}
        {mastery.reviewDueAt !== null && !mastery.reviewDue ? ` Next review ${formatTime(mastery.reviewDueAt)}.` : null}
      </p>
    </div>
  );
}
