"use client";

import katex from "katex";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent, type RefObject } from "react";

import type { StudentPartView } from "@/lib/questions/student-view";
import type { TryCount } from "@/lib/practice/attempt-policy";
import type { PartResult, SubmissionResult } from "@/lib/practice/submission-result";
import { MathText } from "@/app/components/math-text";

/** Milliseconds without typing before a part's input is sent for preview. */
const PREVIEW_DEBOUNCE_MS = 400;

type Preview =
  | { state: "empty" }
  | { state: "loading" }
  | { state: "ok"; text: string; html: string }
  | { state: "error"; message: string; hint?: string };

type ApiError = { error: { code: string; message: string; fields?: Record<string, string[]> } };

type SubmitState =
  | { state: "idle" }
  | { state: "submitting" }
  | { state: "done"; submission: SubmissionResult; created: boolean }
  | { state: "failed"; message: string };

function renderLatex(latex: string): string {
  // throwOnError=false renders an invalid formula as red source text instead of throwing.
  return katex.renderToString(latex, { throwOnError: false, output: "htmlAndMathml" });
}

function isChoice(part: StudentPartView): boolean {
  return part.answerType === "single-choice" || part.answerType === "multiple-choice";
}

async function readError(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as ApiError;
    return body.error.message;
  } catch {
    return `The server answered with status ${response.status}.`;
  }
}

function scoreLabel(part: PartResult): string {
  if (part.score === null) return "Not graded";
  const percent = Math.round(part.score * 100);
  if (part.score >= 1) return `Correct (${percent}%)`;
  return part.score > 0 ? `Partly correct (${percent}%)` : `Incorrect (${percent}%)`;
}

function pluralTries(count: number): string {
  return `${count} ${count === 1 ? "try" : "tries"}`;
}

export function AnswerForm({
  variantId,
  parts,
  open,
  tries,
}: {
  variantId: string;
  parts: StudentPartView[];
  open: boolean;
  tries: TryCount;
}) {
  const router = useRouter();
  const [answers, setAnswers] = useState<Record<string, string>>(() => Object.fromEntries(parts.map((part) => [part.id, ""])));
  const [previews, setPreviews] = useState<Record<string, Preview>>({});
  const [submit, setSubmit] = useState<SubmitState>({ state: "idle" });
  // Parts edited since the last result: their format error from that result no longer applies.
  const [editedSinceResult, setEditedSinceResult] = useState<ReadonlySet<string>>(new Set());
  const shownAt = useRef<number>(Date.now());
  const timers = useRef<Map<string, ReturnType<typeof setTimeout>>>(new Map());
  const controllers = useRef<Map<string, AbortController>>(new Map());
  const resultHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    const pendingTimers = timers.current;
    const pendingRequests = controllers.current;
    return () => {
      pendingTimers.forEach((timer) => clearTimeout(timer));
      pendingRequests.forEach((controller) => controller.abort());
    };
  }, []);

  useEffect(() => {
    if (submit.state === "done") resultHeading.current?.focus();
  }, [submit]);

  function schedulePreview(partId: string, input: string) {
    clearTimeout(timers.current.get(partId));
    controllers.current.get(partId)?.abort();
    if (input.trim() === "") {
      setPreviews((current) => ({ ...current, [partId]: { state: "empty" } }));
      return;
    }
    timers.current.set(
      partId,
      setTimeout(() => void requestPreview(partId, input), PREVIEW_DEBOUNCE_MS),
    );
  }

  async function requestPreview(partId: string, input: string) {
    const controller = new AbortController();
    controllers.current.set(partId, controller);
    setPreviews((current) => ({ ...current, [partId]: { state: "loading" } }));
    try {
      const response = await fetch(`/api/variants/${encodeURIComponent(variantId)}/preview`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ partId, input }),
        signal: controller.signal,
      });
      if (!response.ok) {
        const message = await readError(response);
        setPreviews((current) => ({ ...current, [partId]: { state: "error", message } }));
        return;
      }
      const { preview } = (await response.json()) as {
        preview: { ok: true; display: { text: string; latex: string } } | { ok: false; formatError: { message: string; hint?: string } };
      };
      const next: Preview = preview.ok
        ? { state: "ok", text: preview.display.text, html: renderLatex(preview.display.latex) }
        : { state: "error", message: preview.formatError.message, ...(preview.formatError.hint ? { hint: preview.formatError.hint } : {}) };
      setPreviews((current) => ({ ...current, [partId]: next }));
    } catch (error) {
      if (error instanceof DOMException && error.name === "AbortError") return;
      setPreviews((current) => ({ ...current, [partId]: { state: "error", message: "The preview could not be loaded." } }));
    }
  }

  function updateAnswer(partId: string, value: string, preview: boolean) {
    setAnswers((current) => ({ ...current, [partId]: value }));
    setEditedSinceResult((current) => (current.has(partId) ? current : new Set([...current, partId])));
    if (preview) schedulePreview(partId, value);
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmit({ state: "submitting" });
    // One key per click: a network retry of this request is stored once, a new click is a new attempt.
    const idempotencyKey = crypto.randomUUID();
    try {
      const response = await fetch(`/api/variants/${encodeURIComponent(variantId)}/submissions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ idempotencyKey, answers, timeTakenMs: Math.max(0, Math.round(Date.now() - shownAt.current)) }),
      });
      if (!response.ok) {
        setSubmit({ state: "failed", message: await readError(response) });
        return;
      }
      const outcome = (await response.json()) as { created: boolean; submission: SubmissionResult };
      setSubmit({ state: "done", submission: outcome.submission, created: outcome.created });
      setEditedSinceResult(new Set());
      // Re-render the server parts of the page: history, solution and progress.
      router.refresh();
    } catch {
      setSubmit({ state: "failed", message: "The answers could not be sent. Check your connection and submit again." });
    }
  }

  const resultByPart = new Map(submit.state === "done" ? submit.submission.parts.map((part) => [part.partId, part]) : []);

  return (
    <form onSubmit={handleSubmit} aria-labelledby="answers-heading" className="card">
      <h2 id="answers-heading">Your answers</h2>
      {parts.map((part, index) => {
        const inputId = `answer-${part.id}`;
        const hintId = `${inputId}-hint`;
        const previewId = `${inputId}-preview`;
        const preview = previews[part.id] ?? { state: "empty" };
        const resultError = editedSinceResult.has(part.id) ? null : (resultByPart.get(part.id)?.formatError ?? null);
        // One message per part: the live preview's error while typing, else the submitted answer's.
        // A hint that the message already quotes (the corrected number) is not repeated.
        const fieldError =
          preview.state === "error"
            ? { message: preview.message, hint: preview.hint }
            : resultError === null
              ? null
              : { message: resultError.message, hint: resultError.hint };
        const labelText = `Part ${index + 1}`;

        if (isChoice(part)) {
          const multiple = part.answerType === "multiple-choice";
          const selected = new Set((answers[part.id] ?? "").split(",").filter(Boolean));
          return (
            <fieldset key={part.id} aria-describedby={hintId}>
              <legend>
                {labelText}: <span dangerouslySetInnerHTML={{ __html: part.labelHtml }} />
              </legend>
              <p id={hintId} className="hint">
                {part.inputHint}
              </p>
              {(part.options ?? []).map((option) => {
                const optionId = `${inputId}-${option.id}`;
                return (
                  <div className="choice" key={option.id}>
                    <input
                      id={optionId}
                      type={multiple ? "checkbox" : "radio"}
                      name={inputId}
                      value={option.id}
                      disabled={!open}
                      checked={selected.has(option.id)}
                      onChange={(event) => {
                        const next = new Set(multiple ? selected : []);
                        if (event.target.checked) next.add(option.id);
                        else next.delete(option.id);
                        // NOTE: multiple-choice answers are sent as comma-separated option ids.
                        updateAnswer(part.id, [...next].join(","), false);
                      }}
                    />
                    <label htmlFor={optionId} dangerouslySetInnerHTML={{ __html: option.html }} />
                  </div>
                );
              })}
              {fieldError ? <p className="field-error">{fieldError.message}</p> : null}
            </fieldset>
          );
        }

        return (
          <div className="field" key={part.id}>
            <label htmlFor={inputId}>
              {labelText}: <span dangerouslySetInnerHTML={{ __html: part.labelHtml }} />
            </label>
            <span id={hintId} className="hint">
              {part.inputHint}
            </span>
            <input
              id={inputId}
              type="text"
              inputMode={part.answerType === "integer" || part.answerType === "number" ? "decimal" : "text"}
              autoComplete="off"
              spellCheck={false}
              placeholder={part.placeholder}
              value={answers[part.id] ?? ""}
              disabled={!open}
              aria-describedby={`${hintId} ${previewId}`}
              aria-invalid={fieldError ? true : undefined}
              onChange={(event) => updateAnswer(part.id, event.target.value, true)}
            />
            <div id={previewId} className="preview" aria-live="polite">
              {preview.state === "loading" ? <span className="muted">Reading your answer…</span> : null}
              {preview.state === "ok" ? (
                <span>
                  We read your answer as: <span dangerouslySetInnerHTML={{ __html: preview.html }} />
                </span>
              ) : null}
              {fieldError ? (
                <span className="field-error">
                  {fieldError.message}
                  {fieldError.hint && !fieldError.message.includes(fieldError.hint) ? ` ${fieldError.hint}` : ""}
                </span>
              ) : null}
            </div>
          </div>
        );
      })}

      {open ? (
        <p className="tries" id="tries-status">
          <strong>
            Try {tries.used + 1} of {tries.max}
          </strong>
          : {pluralTries(tries.remaining)} left, including this one. An answer that cannot be read uses no try.
        </p>
      ) : (
        <p className="tries muted" id="tries-status">
          Used {pluralTries(tries.used)} of {tries.max}. This variant takes no more answers.
        </p>
      )}

      <div className="actions">
        <button type="submit" aria-describedby="tries-status" disabled={!open || submit.state === "submitting"}>
          {submit.state === "submitting" ? "Submitting…" : "Submit answers"}
        </button>
      </div>

      <div aria-live="polite">
        {submit.state === "failed" ? (
          <p className="notice error" role="alert">
            {submit.message}
          </p>
        ) : null}
        {submit.state === "done" ? <SubmissionFeedback submission={submit.submission} headingRef={resultHeading} parts={parts} /> : null}
      </div>
    </form>
  );
}

function SubmissionFeedback({
  submission,
  parts,
  headingRef,
}: {
  submission: SubmissionResult;
  parts: StudentPartView[];
  headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  const partNumber = new Map(parts.map((part, index) => [part.id, index + 1]));
  const tone = !submission.gradable ? "notice warning" : submission.parts.every((part) => (part.score ?? 0) >= 1) ? "notice success" : "notice";
  // An ungraded submission gets only the summary here: each part's format error is shown at its field.
  const gradedParts = submission.gradable ? submission.parts : [];
  return (
    <section className={tone} aria-labelledby="result-heading">
      <h3 id="result-heading" tabIndex={-1} ref={headingRef}>
        {submission.gradable ? `Score: ${Math.round(submission.totalScore * 100)}%` : "Not graded"}
      </h3>
      <p><MathText text={submission.feedback} /></p>
      {gradedParts.map((part) => (
        <div
          key={part.partId}
          className={`part-result ${part.score === null ? "" : part.score >= 1 ? "correct" : "incorrect"}`}
        >
          <p>
            <strong>Part {partNumber.get(part.partId) ?? part.partId}:</strong> {scoreLabel(part)}
          </p>
          {/* The feedback already contains a matched misconception's message; its tag is for analytics only. */}
          {part.feedback ? <p><MathText text={part.feedback} /></p> : null}
        </div>
      ))}
    </section>
  );
}
