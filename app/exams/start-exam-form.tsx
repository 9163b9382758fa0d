"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";

import styles from "./exams.module.css";

type ApiError = { error: { message: string } };

async function startExam(body: unknown): Promise<{ examId: string } | { error: string }> {
  try {
    const response = await fetch("/api/exams", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    if (!response.ok) {
      const parsed = (await response.json().catch(() => null)) as ApiError | null;
      return { error: parsed?.error.message ?? `The server answered with status ${response.status}.` };
    }
    return (await response.json()) as { examId: string };
  } catch {
    return { error: "The exam could not be started. Check your connection and try again." };
  }
}

export function StartExamForm({
  topics,
  minQuestions,
  maxQuestions,
  disabled,
}: {
  topics: { id: string; title: string; questionCount: number }[];
  minQuestions: number;
  maxQuestions: number;
  disabled: boolean;
}) {
  const router = useRouter();
  const [count, setCount] = useState(String(minQuestions + 2));
  const [limit, setLimit] = useState("");
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const questionCount = Number(count);
    if (!Number.isInteger(questionCount) || questionCount < minQuestions || questionCount > maxQuestions) {
      setState({ busy: false, error: `Choose between ${minQuestions} and ${maxQuestions} questions; "${count}" is not in that range.` });
      return;
    }
    const trimmedLimit = limit.trim();
    const timeLimitMinutes = trimmedLimit === "" ? undefined : Number(trimmedLimit);
    if (timeLimitMinutes !== undefined && (!Number.isInteger(timeLimitMinutes) || timeLimitMinutes < 1)) {
      setState({ busy: false, error: `The time limit must be a whole number of minutes, at least 1; "${limit}" is not. Leave it empty for the default.` });
      return;
    }
    setState({ busy: true, error: null });
    const result = await startExam({
      kind: "bank",
      questionCount,
      ...(timeLimitMinutes === undefined ? {} : { timeLimitMinutes }),
      ...(chosen.size > 0 ? { topics: [...chosen] } : {}),
    });
    if ("error" in result) {
      setState({ busy: false, error: result.error });
      return;
    }
    router.push(`/exams/${result.examId}`);
  }

  return (
    <form onSubmit={handleSubmit} aria-label="Start a practice exam">
      <div className="field">
        <label htmlFor="exam-question-count">Number of questions</label>
        <span id="exam-question-count-hint" className="hint">
          Between {minQuestions} and {maxQuestions}, drawn across topics without repeats.
        </span>
        <input
          id="exam-question-count"
          className={styles.numberInput}
          type="number"
          min={minQuestions}
          max={maxQuestions}
          step={1}
          value={count}
          aria-describedby="exam-question-count-hint"
          onChange={(event) => setCount(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="exam-time-limit">Time limit in minutes (optional)</label>
        <span id="exam-time-limit-hint" className="hint">
          Leave empty to use the questions&apos; expected minutes added up.
        </span>
        <input
          id="exam-time-limit"
          className={styles.numberInput}
          type="number"
          min={1}
          step={1}
          value={limit}
          aria-describedby="exam-time-limit-hint"
          onChange={(event) => setLimit(event.target.value)}
        />
      </div>
      <fieldset>
        <legend>Topics (optional; none chosen means all topics)</legend>
        <div className={styles.topicChoices}>
          {topics.map((topic) => (
            <div className="choice" key={topic.id}>
              <input
                id={`exam-topic-${topic.id}`}
                type="checkbox"
                checked={chosen.has(topic.id)}
                onChange={(event) => {
                  const next = new Set(chosen);
                  if (event.target.checked) next.add(topic.id);
                  else next.delete(topic.id);
                  setChosen(next);
                }}
              />
              <label htmlFor={`exam-topic-${topic.id}`}>
                {topic.title} <span className="muted">({topic.questionCount})</span>
              </label>
            </div>
          ))}
        </div>
      </fieldset>
      <div className="actions">
        <button type="submit" disabled={disabled || state.busy}>
          {state.busy ? "Starting…" : "Start exam"}
        </button>
        {disabled ? <span className="muted">Finish the exam in progress first.</span> : null}
      </div>
      <div aria-live="polite">
        {state.error ? (
          <p className="notice error" role="alert">
            {state.error}
          </p>
        ) : null}
      </div>
    </form>
  );
}

export function StartAssessmentButton({ assessmentId, title, disabled }: { assessmentId: string; title: string; disabled: boolean }) {
  const router = useRouter();
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });

  async function handleClick() {
    setState({ busy: true, error: null });
    const result = await startExam({ kind: "assessment", assessmentId });
    if ("error" in result) {
      setState({ busy: false, error: result.error });
      return;
    }
    router.push(`/exams/${result.examId}`);
  }

  return (
    <div>
      <button type="button" onClick={() => void handleClick()} disabled={disabled || state.busy} aria-label={`Start ${title}`}>
        {state.busy ? "Starting…" : "Start"}
      </button>
      <div aria-live="polite">
        {state.error ? (
          <p className="notice error" role="alert">
            {state.error}
          </p>
        ) : null}
      </div>
    </div>
  );
}
