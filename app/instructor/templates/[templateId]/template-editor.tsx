"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, type ChangeEvent } from "react";

import type { TestReceipt } from "@/lib/authoring";
import type { SeedBatchReport, TemplateIssue, TemplatePreview } from "@/lib/templates";

import styles from "../templates.module.css";

type ApiError = { error: { code: string; message: string; fields?: Record<string, string[]> } };

/** Seeds asked for per test request; the server may return fewer when its time budget runs out. */
const SEEDS_PER_REQUEST = 50;

interface TestState {
  source: string;
  target: number;
  done: number;
  passed: number;
  failed: number;
  degenerate: number[];
  failures: SeedBatchReport["failures"];
  collisions: SeedBatchReport["collisions"];
  receipts: TestReceipt[];
  running: boolean;
  issues: TemplateIssue[];
}

async function postJson<T>(url: string, body: unknown, method = "POST"): Promise<{ ok: true; data: T } | { ok: false; message: string; fields: string[] }> {
  const response = await fetch(url, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (response.ok) return { ok: true, data: (await response.json()) as T };
  const error = (await response.json().catch(() => null)) as ApiError | null;
  return {
    ok: false,
    message: error?.error.message ?? `The server answered with status ${response.status}.`,
    fields: error?.error.fields ? Object.values(error.error.fields).flat() : [],
  };
}

function IssueList({ issues, onGoToLine }: { issues: TemplateIssue[]; onGoToLine: (line: number) => void }) {
  return (
    <ul className={styles.issues}>
      {issues.map((issue, index) => (
        <li key={`${issue.line}-${issue.field}-${index}`}>
          <button type="button" className="link-button" onClick={() => onGoToLine(issue.line)}>
            Line {issue.line}
          </button>
          {issue.field ? (
            <>
              , <code>{issue.field}</code>
            </>
          ) : null}
          : {issue.message}
        </li>
      ))}
    </ul>
  );
}

// The template editor: JSON source, save, import and export, preview of one seed, seed test with progress, publish.
export function TemplateEditor(props: {
  templateId: string;
  initialSource: string;
  initialIssues: TemplateIssue[];
  initialStatus: string;
  maxSeeds: number;
  minPublishSeeds: number;
}) {
  const { templateId } = props;
  const router = useRouter();
  const base = `/api/templates/${encodeURIComponent(templateId)}`;
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [source, setSource] = useState(props.initialSource);
  const [issues, setIssues] = useState<TemplateIssue[]>(props.initialIssues);
  const [status, setStatus] = useState(props.initialStatus);
  const [message, setMessage] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const [seed, setSeed] = useState(1);
  const [preview, setPreview] = useState<TemplatePreview | null>(null);
  const [seedCount, setSeedCount] = useState(Math.max(props.minPublishSeeds, 100));
  const [test, setTest] = useState<TestState | null>(null);
  const [busy, setBusy] = useState(false);

  const lineCount = source.split("\n").length;
  const testPassed = test !== null && !test.running && test.issues.length === 0 && test.done === test.target && test.failed === 0 && test.degenerate.length === 0;
  const canPublish = testPassed && test!.source === source && test!.done >= props.minPublishSeeds && !busy;

  function goToLine(line: number) {
    const element = textarea.current;
    if (element === null) return;
    const lines = element.value.split("\n");
    const start = lines.slice(0, line - 1).reduce((sum, text) => sum + text.length + 1, 0);
    const end = start + (lines[line - 1]?.length ?? 0);
    element.focus();
    element.setSelectionRange(start, end);
    const lineHeight = element.scrollHeight / Math.max(1, lines.length);
    element.scrollTop = Math.max(0, (line - 3) * lineHeight);
  }

  async function save(text = source): Promise<boolean> {
    setBusy(true);
    try {
      const result = await postJson<{ template: { issues: TemplateIssue[]; status: string } }>(base, { source: text }, "PUT");
      if (!result.ok) {
        setMessage({ kind: "error", text: result.message });
        return false;
      }
      setIssues(result.data.template.issues);
      setStatus(result.data.template.status);
      const count = result.data.template.issues.length;
      // A saved draft can carry a new title, which the server-rendered heading shows.
      router.refresh();
      setMessage(count === 0 ? { kind: "success", text: "Draft saved. It compiles." } : { kind: "error", text: `Draft saved with ${count} problem${count === 1 ? "" : "s"}; see the list below the source.` });
      return true;
    } finally {
      setBusy(false);
    }
  }

  async function onImport(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    const text = await file.text();
    setSource(text);
    await save(text);
    event.target.value = "";
  }

  async function onExport() {
    if (await save()) window.location.assign(`${base}/export`);
  }

  async function onPreview() {
    setBusy(true);
    try {
      const result = await postJson<{ preview: TemplatePreview }>(`${base}/preview`, { source, seed });
      if (!result.ok) {
        setMessage({ kind: "error", text: [result.message, ...result.fields].join(" ") });
        return;
      }
      setPreview(result.data.preview);
      if (!result.data.preview.ok) setIssues(result.data.preview.issues);
    } finally {
      setBusy(false);
    }
  }

  async function onTest() {
    const tested = source;
    let state: TestState = { source: tested, target: seedCount, done: 0, passed: 0, failed: 0, degenerate: [], failures: [], collisions: [], receipts: [], running: true, issues: [] };
    setTest(state);
    setBusy(true);
    try {
      while (state.done < state.target) {
        const result = await postJson<{ result: { ok: true; report: SeedBatchReport; receipt: TestReceipt } | { ok: false; issues: TemplateIssue[] } }>(`${base}/test`, {
          source: tested,
          firstSeed: state.done + 1,
          seeds: Math.min(SEEDS_PER_REQUEST, state.target - state.done),
        });
        if (!result.ok) {
          setMessage({ kind: "error", text: [result.message, ...result.fields].join(" ") });
          state = { ...state, running: false };
          break;
        }
        if (!result.data.result.ok) {
          state = { ...state, running: false, issues: result.data.result.issues };
          setIssues(result.data.result.issues);
          break;
        }
        const { report, receipt } = result.data.result;
        state = {
          ...state,
          done: state.done + report.seeds,
          passed: state.passed + report.passed,
          failed: state.failed + report.failed,
          degenerate: [...state.degenerate, ...report.degenerateSeeds],
          failures: [...state.failures, ...report.failures].slice(0, 50),
          collisions: [...state.collisions, ...report.collisions].slice(0, 50),
          receipts: [...state.receipts, receipt],
        };
        setTest(state);
      }
    } finally {
      state = { ...state, running: false };
      setTest(state);
      setBusy(false);
    }
  }

  async function onPublish() {
    if (!canPublish || test === null) return;
    setBusy(true);
    try {
      const result = await postJson<{ version: number; template: { status: string } }>(`${base}/publish`, { source, receipts: test.receipts });
      if (!result.ok) {
        setMessage({ kind: "error", text: [result.message, ...result.fields].join(" ") });
        return;
      }
      setStatus(result.data.template.status);
      setMessage({ kind: "success", text: `Published version ${result.data.version}. Students of the course can practise it now.` });
      // The heading and status above the editor are rendered on the server; fetch them again.
      router.refresh();
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <p aria-live="polite" className="muted">
        Current status: {status}
      </p>
      <div role="status" aria-live="polite">
        {message ? <p className={`notice ${message.kind}`}>{message.text}</p> : null}
      </div>
      <div className={styles.editorGrid}>
        <section aria-labelledby="source-heading">
          <h2 id="source-heading">Source</h2>
          <div className="field">
            <label htmlFor="template-source">Template source (JSON, {lineCount} lines)</label>
            <textarea
              id="template-source"
              ref={textarea}
              className={styles.source}
              value={source}
              spellCheck={false}
              onChange={(event) => setSource(event.target.value)}
              aria-describedby="source-problems"
            />
          </div>
          <div id="source-problems">
            {issues.length === 0 ? (
              <p className="muted">No problems found in the saved draft.</p>
            ) : (
              <div className="notice error">
                <h3>Problems</h3>
                <IssueList issues={issues} onGoToLine={goToLine} />
              </div>
            )}
          </div>
          <div className="actions">
            <button type="button" onClick={() => void save()} disabled={busy}>
              Save draft
            </button>
            <button type="button" className="secondary" onClick={() => void onExport()} disabled={busy}>
              Export JSON
            </button>
            <label className="button secondary">
              Import JSON file
              <input type="file" accept="application/json,.json" className="visually-hidden" onChange={(event) => void onImport(event)} />
            </label>
          </div>
        </section>

        <section aria-labelledby="preview-heading">
          <h2 id="preview-heading">Preview</h2>
          <div className="actions">
            <label htmlFor="preview-seed">Seed</label>
            <input id="preview-seed" className={styles.seedInput} type="number" min={0} max={4294967295} value={seed} onChange={(event) => setSeed(Number(event.target.value))} />
            <button type="button" onClick={() => void onPreview()} disabled={busy}>
              Preview seed {seed}
            </button>
          </div>
          {preview === null ? <p className="muted">Preview a seed to see the variant as a student sees it, with its keys.</p> : null}
          {preview !== null && !preview.ok ? (
            <div className="notice error">
              <h3>Seed {preview.seed} failed</h3>
              <IssueList issues={preview.issues} onGoToLine={goToLine} />
            </div>
          ) : null}
          {preview !== null && preview.ok ? (
            <div className="card" aria-label={`Preview of seed ${preview.seed}`}>
              <h3>Seed {preview.seed}</h3>
              {preview.rejectedDraws > 0 ? <p className="muted">{preview.rejectedDraws} draws were rejected by the conditions before this one.</p> : null}
              <div className="prompt" dangerouslySetInnerHTML={{ __html: preview.promptHtml }} />
              {preview.parts.map((part) => (
                <div key={part.id} className={styles.keys}>
                  <h4 dangerouslySetInnerHTML={{ __html: part.labelHtml }} />
                  <p>
                    Key (<code>{part.id}</code>): <code>{part.keyInput}</code>
                  </p>
                  {part.misconceptions.length > 0 ? (
                    <ul>
                      {part.misconceptions.map((misconception) => (
                        <li key={misconception.tag}>
                          <code>{misconception.tag}</code>: <code>{misconception.valueInput}</code>
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </div>
              ))}
              <h4>Variables</h4>
              <ul>
                {preview.variables.map((variable) => (
                  <li key={variable.name}>
                    <code>{variable.name}</code> = {variable.value}
                  </li>
                ))}
              </ul>
              <h4>Worked solution</h4>
              <div className="prompt" dangerouslySetInnerHTML={{ __html: preview.solutionHtml }} />
            </div>
          ) : null}
        </section>
      </div>

      <section className="card" aria-labelledby="test-heading">
        <h2 id="test-heading">Test and publish</h2>
        <p>
          The test builds every seed from 1 to N twice and checks that the key scores 1, each misconception gets its own feedback, near misses get
          the intended verdict and no key appears in the prompt. Publishing needs a passing test over at least {props.minPublishSeeds} seeds of the
          current source.
        </p>
        <div className="actions">
          <label htmlFor="seed-count">Seeds to test</label>
          <input
            id="seed-count"
            className={styles.seedInput}
            type="number"
            min={1}
            max={props.maxSeeds}
            value={seedCount}
            onChange={(event) => setSeedCount(Math.min(props.maxSeeds, Math.max(1, Math.floor(Number(event.target.value)) || 1)))}
          />
          <button type="button" onClick={() => void onTest()} disabled={busy}>
            Test over {seedCount} seeds
          </button>
          <button type="button" onClick={() => void onPublish()} disabled={!canPublish} aria-describedby="publish-hint">
            Publish
          </button>
        </div>
        <p id="publish-hint" className="hint">
          {canPublish ? "The current source passed its test and can be published." : "Publish is enabled after a passing test of the current source."}
        </p>
        {test !== null ? (
          <div aria-live="polite">
            <label>
              {test.running ? `Testing: ${test.done} of ${test.target} seeds` : `Test finished: ${test.done} of ${test.target} seeds`}
              <progress className={styles.progress} max={test.target} value={test.done}>
                {test.done} of {test.target}
              </progress>
            </label>
            {!test.running ? (
              <p className={`notice ${testPassed ? "success" : "error"}`}>
                {test.issues.length > 0
                  ? "The template does not compile; see the problems above."
                  : `${test.passed} passed, ${test.failed} failed, ${test.degenerate.length} degenerate draws, ${test.collisions.length} misconception collisions.`}
              </p>
            ) : null}
            {test.failures.length > 0 ? (
              <>
                <h3>Failures</h3>
                <ul>
                  {test.failures.map((failure, index) => (
                    <li key={`${failure.seed}-${failure.check}-${index}`}>
                      Seed {failure.seed}
                      {failure.partId ? `, part ${failure.partId}` : ""}, {failure.check}: {failure.message}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {test.collisions.length > 0 ? (
              <>
                <h3>Misconception collisions</h3>
                <p className="hint">On these seeds a misconception gives the key itself, so its feedback can never be shown there.</p>
                <ul>
                  {test.collisions.map((collision, index) => (
                    <li key={`${collision.seed}-${collision.tag}-${index}`}>
                      Seed {collision.seed}, part {collision.partId}: <code>{collision.tag}</code>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </div>
        ) : null}
      </section>
    </>
  );
}
