import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { requirePageUser } from "@/lib/auth/session";
import { AUTHORING_ROLES, getTemplate, MAX_TEST_SEEDS, MIN_PUBLISH_SEEDS } from "@/lib/authoring";
import { isAppError } from "@/lib/http/app-error";
import { TEMPLATE_FUNCTIONS } from "@/lib/templates";

import { TemplateEditor } from "./template-editor";

export const metadata: Metadata = { title: "Edit template" };

export default async function TemplateEditorPage({ params }: { params: Promise<{ templateId: string }> }) {
  const { templateId } = await params;
  const user = await requirePageUser({ roles: AUTHORING_ROLES, returnTo: `/instructor/templates/${encodeURIComponent(templateId)}` });
  let template;
  try {
    template = await getTemplate(user, templateId);
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
  const functions = Object.entries(TEMPLATE_FUNCTIONS).map(([name, fn]) => ({ name, signature: fn.signature, summary: fn.summary, random: fn.random === true }));

  return (
    <>
      <p>
        <Link href="/instructor/templates">All templates</Link>
      </p>
      <h1>{template.title}</h1>
      <ul className="question-meta">
        <li>
          Question id <code>{template.questionId}</code>
        </li>
        <li>{template.courseTitle}</li>
        <li>Status: {template.status}</li>
      </ul>
      <TemplateEditor
        templateId={template.id}
        initialSource={template.draft}
        initialIssues={template.issues}
        initialStatus={template.status}
        maxSeeds={MAX_TEST_SEEDS}
        minPublishSeeds={MIN_PUBLISH_SEEDS}
      />
      <details className="card">
        <summary>Functions a template may call</summary>
        <p>
          Random functions (marked *) may be used only in <code>variables</code>. Write texts in quotes, e.g. <code>pick([&apos;tanh&apos;, &apos;relu&apos;])</code>.
        </p>
        <ul>
          {functions.map((fn) => (
            <li key={fn.name}>
              <code>{fn.signature}</code>
              {fn.random ? " *" : ""}: {fn.summary}
            </li>
          ))}
        </ul>
      </details>
    </>
  );
}
