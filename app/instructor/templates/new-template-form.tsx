"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";

import type { TeachingCourse } from "@/lib/authoring";

type ApiError = { error: { code: string; message: string; fields?: Record<string, string[]> } };

// Creates a template from the starter source, or imports one from a JSON file (validated on the server).
export function NewTemplateForm({ courses }: { courses: TeachingCourse[] }) {
  const router = useRouter();
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    setBusy(true);
    setErrors([]);
    try {
      const source = file instanceof File && file.size > 0 ? await file.text() : undefined;
      const response = await fetch("/api/templates", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ courseId: form.get("courseId"), questionId: form.get("questionId"), ...(source === undefined ? {} : { source }) }),
      });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as ApiError | null;
        const fieldErrors = body?.error.fields ? Object.entries(body.error.fields).flatMap(([field, messages]) => messages.map((message) => (field === "source" ? message : `${field}: ${message}`))) : [];
        setErrors([body?.error.message ?? `The server answered with status ${response.status}.`, ...fieldErrors]);
        return;
      }
      const { template } = (await response.json()) as { template: { id: string } };
      router.push(`/instructor/templates/${template.id}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={onSubmit} aria-label="New template">
      <div className="field">
        <label htmlFor="courseId">Course</label>
        <select id="courseId" name="courseId" required>
          {courses.map((course) => (
            <option key={course.id} value={course.id}>
              {course.title}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="questionId">Question id</label>
        <input id="questionId" name="questionId" type="text" required pattern="tpl-[a-z0-9]+(-[a-z0-9]+)*" aria-describedby="questionId-hint" />
        <span id="questionId-hint" className="hint">
          Starts with tpl- and continues in lower-case words joined by hyphens, such as tpl-dense-count. It never changes.
        </span>
      </div>
      <div className="field">
        <label htmlFor="file">Import from a JSON file (optional)</label>
        <input id="file" name="file" type="file" accept="application/json,.json" aria-describedby="file-hint" />
        <span id="file-hint" className="hint">
          Without a file the template starts from a small working example.
        </span>
      </div>
      {errors.length > 0 ? (
        <div className="notice error" role="alert">
          <p>{errors[0]}</p>
          {errors.length > 1 ? (
            <ul>
              {errors.slice(1).map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <button type="submit" disabled={busy}>
        {busy ? "Creating…" : "Create template"}
      </button>
    </form>
  );
}
