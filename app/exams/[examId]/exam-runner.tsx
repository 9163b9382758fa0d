"use client";

import Link from "next/link";
import { useCallback, useEffect, useRef, useState } from "react";

import type { ExamItemView } from "@/lib/exams/sittings";
import type { StudentPartView } from "@/lib/questions/student-view";

import styles from "../exams.module.css";

/** Milliseconds without typing before the changed answers are saved. */
const SAVE_DEBOUNCE_MS = 600;
/** Retry delays after a failed save or submit, in milliseconds; the last one repeats. */
const RETRY_DELAYS_MS = [1_000, 2_000, 4_000, 8_000];

type SaveStatus =
  | { kind: "idle" }
  | { kind: "saving" }
  | { kind: "saved"; at: Date }
  | { kind: "retrying" }
  | { kind: "rejected"; message: string };

type Phase = { kind: "running" } | { kind: "ending"; reason: "submitted" | "time-up" } | { kind: "ended"; reason: "submitted" | "time-up" };

type ApiError = { error: { code: string; message: string } };

/** hh:mm:ss in the browser's time zone, for "Saved at". */
function clockTime(date: Date): string {
  return date.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false });
}

function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const mm = String(minutes).padStart(2, "0");
  const ss = String(seconds).padStart(2, "0");
  return hours > 0 ? `${hours}:${mm}:${ss}` : `${mm}:${ss}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function readError(response: Response): Promise<string> {
  const body = (await response.json().catch(() => null)) as ApiError | null;
  return body?.error.message ?? `The server answered with status ${response.status}.`;
}

function isChoice(part: StudentPartView): boolean {
  return part.answerType === "single-choice" || part.answerType === "multiple-choice";
}

export function ExamRunner({
  examId,
  title,
  deadline,
  serverNow,
  items,
}: {
  examId: string;
  title: string;
  deadline: string;
  serverNow: string;
  items: ExamItemView[];
}) {
  const [answers, setAnswers] = useState<Record<string, Record<string, string>>>(() =>
    Object.fromEntries(items.map((item) => [item.itemId, { ...item.savedAnswers }])),
  );
  // The newest answers, updated synchronously, so two edits between renders both reach the snapshot.
  const latestAnswers = useRef(answers);
  const latestSavedAt = items.map((item) => item.savedAt).filter((value): value is string => value !== null).sort().at(-1);
  const [saveStatus, setSaveStatus] = useState<SaveStatus>(latestSavedAt ? { kind: "saved", at: new Date(latestSavedAt) } : { kind: "idle" });
  const [phase, setPhase] = useState<Phase>({ kind: "running" });
  const [confirming, setConfirming] = useState(false);
  const [lateMessage, setLateMessage] = useState<string | null>(null);
  const [submitError, setSubmitError] = useState<string | null>(null);

  // Server clock minus browser clock, measured once; the countdown shows the server's deadline.
  // The server enforces the deadline itself, so a wrong browser clock only misplaces the display.
  const clockOffsetMs = useRef<number | null>(null);
  const [remainingMs, setRemainingMs] = useState<number>(() => new Date(deadline).getTime() - new Date(serverNow).getTime());

  // Unsaved answers per item: the newest snapshot waiting to be sent. One request is in flight at
  // a time, so saves reach the server in the order they were made.
  const pending = useRef(new Map<string, Record<string, string>>());
  const inFlight = useRef(false);
  const debounce = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const retryTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const failures = useRef(0);
  const stopped = useRef(false);
  const endedHeading = useRef<HTMLHeadingElement>(null);

  /** Sends one pending snapshot; returns "sent", "late" (409), "failed" (retry later) or "idle". */
  const sendOne = useCallback(async (): Promise<"sent" | "late" | "failed" | "idle"> => {
    const next = pending.current.entries().next();
    if (next.done) return "idle";
    const [itemId, snapshot] = next.value;
    inFlight.current = true;
    setSaveStatus({ kind: "saving" });
    try {
      const response = await fetch(`/api/exams/${encodeURIComponent(examId)}/answers`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ itemId, answers: snapshot }),
      });
      if (response.ok) {
        const { savedAt } = (await response.json()) as { savedAt: string };
        if (pending.current.get(itemId) === snapshot) pending.current.delete(itemId);
        failures.current = 0;
        setSaveStatus({ kind: "saved", at: new Date(savedAt) });
        return "sent";
      }
      if (response.status === 409) {
        const message = await readError(response);
        pending.current.clear();
        setLateMessage(message);
        setSaveStatus({ kind: "rejected", message });
        return "late";
      }
      if (response.status === 422 || response.status === 404) {
        // Retrying the same request cannot succeed, so the text stays in the input and the status shows why.
        const message = await readError(response);
        pending.current.delete(itemId);
        setSaveStatus({ kind: "rejected", message });
        return "sent";
      }
      setSaveStatus({ kind: "retrying" });
      return "failed";
    } catch {
      setSaveStatus({ kind: "retrying" });
      return "failed";
    } finally {
      inFlight.current = false;
    }
  }, [examId]);

  const flush = useCallback(async (): Promise<void> => {
    if (inFlight.current || stopped.current) return;
    clearTimeout(retryTimer.current);
    for (;;) {
      const outcome = await sendOne();
      if (outcome === "idle" || outcome === "late") return;
      if (outcome === "failed") {
        const delay = RETRY_DELAYS_MS[Math.min(failures.current, RETRY_DELAYS_MS.length - 1)]!;
        failures.current += 1;
        retryTimer.current = setTimeout(() => void flush(), delay);
        return;
      }
    }
  }, [sendOne]);

  const finish = useCallback(
    async (reason: "submitted" | "time-up") => {
      if (stopped.current) return;
      stopped.current = true;
      clearTimeout(debounce.current);
      clearTimeout(retryTimer.current);
      setConfirming(false);
      setPhase({ kind: "ending", reason });

      // Last attempt at the unsaved answers: the server stores them only if the exam is still open.
      while (pending.current.size > 0) {
        while (inFlight.current) await sleep(100);
        const outcome = await sendOne();
        if (outcome === "late" || outcome === "idle") break;
        if (outcome === "failed") await sleep(RETRY_DELAYS_MS[Math.min(failures.current++, RETRY_DELAYS_MS.length - 1)]!);
      }

      for (let attempt = 0; ; attempt += 1) {
        try {
          const response = await fetch(`/api/exams/${encodeURIComponent(examId)}/submit`, { method: "POST" });
          if (response.ok) break;
          setSubmitError(await readError(response));
          if (response.status < 500) break;
        } catch {
          setSubmitError("The exam could not be submitted because the connection failed. Retrying…");
        }
        await sleep(RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)]!);
      }
      setSubmitError(null);
      setPhase({ kind: "ended", reason });
    },
    [examId, sendOne],
  );

  // Countdown from the server's deadline, corrected by the clock offset measured at load.
  useEffect(() => {
    clockOffsetMs.current ??= new Date(serverNow).getTime() - Date.now();
    const deadlineMs = new Date(deadline).getTime();
    const tick = () => {
      const left = deadlineMs - (Date.now() + (clockOffsetMs.current ?? 0));
      setRemainingMs(left);
      if (left <= 0) void finish("time-up");
    };
    tick();
    const timer = setInterval(tick, 250);
    return () => clearInterval(timer);
  }, [deadline, serverNow, finish]);

  // Warn before leaving the page with answers that have not reached the server.
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (pending.current.size > 0 && !stopped.current) event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, []);

  useEffect(() => {
    if (phase.kind === "ended") endedHeading.current?.focus();
  }, [phase]);

  function updateAnswer(itemId: string, partId: string, value: string) {
    if (stopped.current) return;
    const nextItem = { ...(latestAnswers.current[itemId] ?? {}), [partId]: value };
    latestAnswers.current = { ...latestAnswers.current, [itemId]: nextItem };
    setAnswers(latestAnswers.current);
    pending.current.set(itemId, nextItem);
    clearTimeout(debounce.current);
    debounce.current = setTimeout(() => void flush(), SAVE_DEBOUNCE_MS);
  }

  const running = phase.kind === "running";
  const low = remainingMs <= 60_000;

  return (
    <>
      <h1>{title}</h1>
      <div className={styles.statusBar} role="group" aria-label="Exam status">
        <p className={`${styles.timer} ${low ? styles.timerLow : ""}`} style={{ margin: 0 }}>
          {phase.kind === "ended" ? (
            // A countdown that keeps running after the end would suggest the exam is still open.
            <span data-testid="exam-ended">Ended</span>
          ) : (
            <>
              <span className="visually-hidden">Time left: </span>
              <span data-testid="exam-timer" aria-hidden="false">
                {formatRemaining(remainingMs)}
              </span>
            </>
          )}
        </p>
        <p role="status" aria-live="polite" style={{ margin: 0 }} data-testid="save-status">
          {saveStatus.kind === "saving" ? "Saving…" : null}
          {saveStatus.kind === "saved" ? `Saved at ${clockTime(saveStatus.at)}` : null}
          {saveStatus.kind === "retrying" ? <span className={styles.saveError}>Not saved — retrying</span> : null}
          {saveStatus.kind === "rejected" ? <span className={styles.saveError}>Not saved: {saveStatus.message}</span> : null}
          {saveStatus.kind === "idle" ? <span className="muted">No answers saved yet</span> : null}
        </p>
      </div>

      {phase.kind !== "running" ? (
        <section className="notice warning" aria-labelledby="exam-ended-heading">
          <h2 id="exam-ended-heading" tabIndex={-1} ref={endedHeading}>
            {phase.reason === "time-up" ? "Time is up" : "Exam submitted"}
          </h2>
          {lateMessage ? (
            <p role="alert" className="field-error">
              {lateMessage}
            </p>
          ) : null}
          {submitError ? <p role="alert">{submitError}</p> : null}
          {phase.kind === "ending" ? (
            <p>Submitting your saved answers…</p>
          ) : (
            <p>
              Your saved answers were graded. <Link href={`/exams/${examId}/report`}>See your report</Link>
            </p>
          )}
        </section>
      ) : null}

      <p className="hint">
        Answers are saved as you type and graded only when the exam ends. There is no feedback until then. Read{" "}
        <Link href="/help/answers" target="_blank">
          how to type answers
        </Link>{" "}
        (opens in a new tab).
      </p>

      {items.map((item, index) => (
        <section key={item.itemId} className="card" aria-labelledby={`question-${item.position}-heading`}>
          <h2 id={`question-${item.position}-heading`}>
            Question {index + 1}: {item.view.title}
          </h2>
          <p className="muted">About {item.view.expectedMinutes} minutes</p>
          <div className="prompt" dangerouslySetInnerHTML={{ __html: item.view.promptHtml }} />
          {item.view.figures.map((figure, figureIndex) => (
            <figure className="figure" key={figureIndex}>
              <div role="img" aria-label={figure.alt} dangerouslySetInnerHTML={{ __html: figure.svg }} />
              {figure.caption ? <figcaption>{figure.caption}</figcaption> : null}
            </figure>
          ))}
          {item.view.hasCsv ? (
            <p>
              <a href={`/api/exams/${encodeURIComponent(examId)}/items/${encodeURIComponent(item.itemId)}/csv`} download>
                Download the data of question {index + 1} (CSV)
              </a>
            </p>
          ) : null}
          {item.view.parts.map((part, partIndex) => (
            <PartInput
              key={part.id}
              inputId={`exam-${item.position}-${part.id}`}
              label={`Question ${index + 1}, part ${partIndex + 1}`}
              part={part}
              value={answers[item.itemId]?.[part.id] ?? ""}
              disabled={!running}
              onChange={(value) => updateAnswer(item.itemId, part.id, value)}
            />
          ))}
        </section>
      ))}

      {running ? (
        <section className="card" aria-labelledby="submit-heading">
          <h2 id="submit-heading">Finish</h2>
          {confirming ? (
            <div role="alertdialog" aria-labelledby="confirm-text">
              <p id="confirm-text">Submit the exam now? Your saved answers are graded and you cannot change them afterwards.</p>
              <div className="actions">
                <button type="button" onClick={() => void finish("submitted")} autoFocus>
                  Yes, submit the exam
                </button>
                <button type="button" className="secondary" onClick={() => setConfirming(false)}>
                  Keep working
                </button>
              </div>
            </div>
          ) : (
            <button type="button" onClick={() => setConfirming(true)}>
              Submit exam
            </button>
          )}
        </section>
      ) : null}
    </>
  );
}

function PartInput({
  inputId,
  label,
  part,
  value,
  disabled,
  onChange,
}: {
  inputId: string;
  label: string;
  part: StudentPartView;
  value: string;
  disabled: boolean;
  onChange: (value: string) => void;
}) {
  const hintId = `${inputId}-hint`;
  if (isChoice(part)) {
    const multiple = part.answerType === "multiple-choice";
    const selected = new Set(value.split(",").filter(Boolean));
    return (
      <fieldset aria-describedby={hintId}>
        <legend>
          {label}: <span dangerouslySetInnerHTML={{ __html: part.labelHtml }} />
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
                disabled={disabled}
                checked={selected.has(option.id)}
                onChange={(event) => {
                  const next = new Set(multiple ? selected : []);
                  if (event.target.checked) next.add(option.id);
                  else next.delete(option.id);
                  // Multiple-choice answers are stored as comma-separated option ids, as in practice.
                  onChange([...next].join(","));
                }}
              />
              <label htmlFor={optionId} dangerouslySetInnerHTML={{ __html: option.html }} />
            </div>
          );
        })}
      </fieldset>
    );
  }
  return (
    <div className="field">
      <label htmlFor={inputId}>
        {label}: <span dangerouslySetInnerHTML={{ __html: part.labelHtml }} />
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
        value={value}
        disabled={disabled}
        aria-describedby={hintId}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}
