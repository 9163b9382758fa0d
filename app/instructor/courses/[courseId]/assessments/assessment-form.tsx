"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";

type SpecEntry = { questionId: string } | { topic: string; count: number };

export interface AssessmentFormValues {
  title: string;
  questionSpec: SpecEntry[];
  timeLimitMinutes: number;
  opensAt: string | null;
  closesAt: string | null;
  maxAttempts: number;
  published: boolean;
}

type ApiError = { error: { message: string; fields?: Record<string, string[]> } };

/** ISO time → the value of a datetime-local input, in the browser's time zone. */
function toLocalInput(iso: string | null): string {
  if (iso === null) return "";
  const date = new Date(iso);
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** datetime-local value (browser time zone) → ISO in UTC; empty → null. */
function fromLocalInput(value: string): string | null {
  if (value.trim() === "") return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? "invalid" : date.toISOString();
}

export function AssessmentForm({
  courseId,
  assessmentId,
  initial,
  questions,
  topics,
}: {
  courseId: string;
  /** Null for a new assessment. */
  assessmentId: string | null;
  initial: AssessmentFormValues | null;
  questions: { id: string; title: string; topics: string[] }[];
  topics: { id: string; title: string; questionCount: number }[];
}) {
  const router = useRouter();
  const [title, setTitle] = useState(initial?.title ?? "");
  const [limit, setLimit] = useState(String(initial?.timeLimitMinutes ?? 30));
  const [opensAt, setOpensAt] = useState(toLocalInput(initial?.opensAt ?? null));
  const [closesAt, setClosesAt] = useState(toLocalInput(initial?.closesAt ?? null));
  const [maxAttempts, setMaxAttempts] = useState(String(initial?.maxAttempts ?? 1));
  const [published, setPublished] = useState(initial?.published ?? false);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(
    new Set((initial?.questionSpec ?? []).flatMap((entry) => ("questionId" in entry ? [entry.questionId] : []))),
  );
  const [pools, setPools] = useState<Record<string, string>>(
    Object.fromEntries((initial?.questionSpec ?? []).flatMap((entry) => ("topic" in entry ? [[entry.topic, String(entry.count)]] : []))),
  );
  const [state, setState] = useState<{ busy: boolean; error: string | null; message: string | null }>({ busy: false, error: null, message: null });

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const questionSpec: SpecEntry[] = [
      ...questions.filter((question) => chosen.has(question.id)).map((question) => ({ questionId: question.id })),
      ...Object.entries(pools)
        .filter(([, count]) => count.trim() !== "" && Number(count) > 0)
        .map(([topic, count]) => ({ topic, count: Number(count) })),
    ];
    const body = {
      title,
      questionSpec,
      timeLimitMinutes: Number(limit),
      opensAt: fromLocalInput(opensAt),
      closesAt: fromLocalInput(closesAt),
      maxAttempts: Number(maxAttempts),
      published,
    };
    setState({ busy: true, error: null, message: null });
    const url = assessmentId === null
      ? `/api/courses/${encodeURIComponent(courseId)}/assessments`
      : `/api/courses/${encodeURIComponent(courseId)}/assessments/${encodeURIComponent(assessmentId)}`;
    try {
      const response = await fetch(url, {
        method: assessmentId === null ? "POST" : "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      if (!response.ok) {
        const parsed = (await response.json().catch(() => null)) as ApiError | null;
        setState({ busy: false, error: parsed?.error.message ?? `The server answered with status ${response.status}.`, message: null });
        return;
      }
      const { assessment } = (await response.json()) as { assessment: { id: string } };
      setState({ busy: false, error: null, message: "Saved." });
      if (assessmentId === null) router.push(`/instructor/courses/${encodeURIComponent(courseId)}/assessments/${assessment.id}`);
      else router.refresh();
    } catch {
      setState({ busy: false, error: "The assessment could not be saved. Check your connection and try again.", message: null });
    }
  }

  return (
    <form onSubmit={handleSubmit} aria-label={assessmentId === null ? "New assessment" : "Edit assessment"}>
      <div className="field">
        <label htmlFor="assessment-title">Title</label>
        <input id="assessment-title" type="text" value={title} onChange={(event) => setTitle(event.target.value)} required maxLength={200} />
      </div>
      <div className="field">
        <label htmlFor="assessment-limit">Time limit in minutes</label>
        <input id="assessment-limit" type="number" min={1} step={1} value={limit} onChange={(event) => setLimit(event.target.value)} required />
      </div>
      <div className="field">
        <label htmlFor="assessment-opens">Opens at (optional, your local time)</label>
        <input id="assessment-opens" type="datetime-local" value={opensAt} onChange={(event) => setOpensAt(event.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="assessment-closes">Closes at (optional, your local time)</label>
        <span id="assessment-closes-hint" className="hint">
          No sitting runs past this time, whatever its time limit.
        </span>
        <input
          id="assessment-closes"
          type="datetime-local"
          value={closesAt}
          aria-describedby="assessment-closes-hint"
          onChange={(event) => setClosesAt(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="assessment-attempts">Sittings allowed per student</label>
        <input id="assessment-attempts" type="number" min={1} max={100} step={1} value={maxAttempts} onChange={(event) => setMaxAttempts(event.target.value)} required />
      </div>

      <fieldset>
        <legend>Fixed questions</legend>
        {questions.map((question) => (
          <div className="choice" key={question.id}>
            <input
              id={`assessment-question-${question.id}`}
              type="checkbox"
              checked={chosen.has(question.id)}
              onChange={(event) => {
                const next = new Set(chosen);
                if (event.target.checked) next.add(question.id);
                else next.delete(question.id);
                setChosen(next);
              }}
            />
            <label htmlFor={`assessment-question-${question.id}`}>
              {question.title} <span className="muted">({question.id})</span>
            </label>
          </div>
        ))}
      </fieldset>

      <fieldset>
        <legend>Topic pools: questions drawn at random per student</legend>
        {topics.map((topic) => (
          <div className="field" key={topic.id}>
            <label htmlFor={`assessment-pool-${topic.id}`}>
              {topic.title} (up to {topic.questionCount})
            </label>
            <input
              id={`assessment-pool-${topic.id}`}
              type="number"
              min={0}
              max={topic.questionCount}
              step={1}
              value={pools[topic.id] ?? ""}
              style={{ maxWidth: "6rem" }}
              onChange={(event) => setPools((current) => ({ ...current, [topic.id]: event.target.value }))}
            />
          </div>
        ))}
      </fieldset>

      <div className="choice">
        <input id="assessment-published" type="checkbox" checked={published} onChange={(event) => setPublished(event.target.checked)} />
        <label htmlFor="assessment-published">Published: students of the course can see and start it</label>
      </div>

      <div className="actions">
        <button type="submit" disabled={state.busy}>
          {state.busy ? "Saving…" : assessmentId === null ? "Create assessment" : "Save changes"}
        </button>
      </div>
      <div aria-live="polite">
        {state.error ? (
          <p className="notice error" role="alert">
            {state.error}
          </p>
        ) : null}
        {state.message ? <p className="notice success">{state.message}</p> : null}
      </div>
    </form>
  );
}

export function ExtensionForm({ courseId, assessmentId }: { courseId: string; assessmentId: string }) {
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [minutes, setMinutes] = useState("10");
  const [state, setState] = useState<{ busy: boolean; error: string | null; message: string | null }>({ busy: false, error: null, message: null });

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setState({ busy: true, error: null, message: null });
    try {
      const response = await fetch(
        `/api/courses/${encodeURIComponent(courseId)}/assessments/${encodeURIComponent(assessmentId)}/extensions`,
        { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, extraMinutes: Number(minutes) }) },
      );
      if (!response.ok) {
        const parsed = (await response.json().catch(() => null)) as ApiError | null;
        setState({ busy: false, error: parsed?.error.message ?? `The server answered with status ${response.status}.`, message: null });
        return;
      }
      setState({ busy: false, error: null, message: Number(minutes) === 0 ? `Extension removed for ${email}.` : `${email} gets ${minutes} extra minutes.` });
      router.refresh();
    } catch {
      setState({ busy: false, error: "The extension could not be saved. Check your connection and try again.", message: null });
    }
  }

  return (
    <form onSubmit={handleSubmit} aria-label="Extra time for a student">
      <div className="field">
        <label htmlFor="extension-email">Student e-mail</label>
        <input id="extension-email" type="email" value={email} onChange={(event) => setEmail(event.target.value)} required />
      </div>
      <div className="field">
        <label htmlFor="extension-minutes">Extra minutes (0 removes the extension)</label>
        <input id="extension-minutes" type="number" min={0} step={1} value={minutes} onChange={(event) => setMinutes(event.target.value)} style={{ maxWidth: "6rem" }} required />
      </div>
      <div className="actions">
        <button type="submit" disabled={state.busy}>
          {state.busy ? "Saving…" : "Set extra time"}
        </button>
      </div>
      <div aria-live="polite">
        {state.error ? (
          <p className="notice error" role="alert">
            {state.error}
          </p>
        ) : null}
        {state.message ? <p className="notice success">{state.message}</p> : null}
      </div>
    </form>
  );
}
