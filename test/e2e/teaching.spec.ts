import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

import { JOIN_CODE, RNN_QUESTION_ID, rnnParameterCount, signInApi, signInWithForm, STUDENT1 } from "./support/accounts";
import { stored } from "./support/db";

const INSTRUCTOR = { email: "instructor@example.edu", password: "instructor-demo" } as const;
const ROOT_DIR = path.resolve(__dirname, "..", "..");

function query<T>(operation: string, args: Record<string, string>): T {
  const output = execFileSync(
    process.execPath,
    [path.join(ROOT_DIR, "node_modules", "tsx", "dist", "cli.mjs"), path.join(__dirname, "support", "teaching-query.ts"), operation, JSON.stringify(args)],
    { cwd: ROOT_DIR, env: { ...process.env, LOG_LEVEL: "silent" }, encoding: "utf8", timeout: 60_000 },
  );
  return JSON.parse(output.trim().split("\n").at(-1) ?? "null") as T;
}

/** Minimal RFC 4180 reader for the test: quoted fields, doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i] as string;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      record.push(field);
      field = "";
    } else if (char === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i += 1;
    } else field += char;
  }
  if (field !== "" || record.length > 0) records.push([...record, field]);
  return records;
}

const course = () => {
  const found = query<{ id: string; title: string } | null>("course", { joinCode: JOIN_CODE });
  if (found === null) throw new Error(`the demo course ${JOIN_CODE} is missing`);
  return found;
};


test.describe("teaching pages", () => {
  test("instructor sees roster, analytics and a CSV that matches the database", async ({ page, baseURL, browser }) => {
    // A quiet student with two attempts: one wrong, one right.
    const email = `teaching-${Date.now()}@example.edu`;
    const studentContext = await browser.newContext({ baseURL: baseURL as string });
    const studentPage = await studentContext.newPage();
    await studentPage.goto("/signup");
    await studentPage.getByLabel("Name").fill("Teaching Test Student");
    await studentPage.getByLabel("Email").fill(email);
    await studentPage.getByLabel("Password").fill("a-long-password-1");
    await studentPage.getByLabel("Course join code").fill(JOIN_CODE);
    await studentPage.getByRole("button", { name: "Create account" }).click();
    await expect(studentPage.getByText("Your account was created")).toBeVisible();
    const api = studentContext.request;
    await signInApi(api, { email, password: "a-long-password-1" });
    const started = await api.post("/api/variants", { data: { questionId: RNN_QUESTION_ID } });
    expect(started.status()).toBe(201);
    const variantId = ((await started.json()) as { variant: { id: string } }).variant.id;
    const key = rnnParameterCount(stored.variant(email, variantId)?.params).total;
    for (const answer of [String(key + 1), String(key)]) {
      const submitted = await api.post(`/api/variants/${variantId}/submissions`, { data: { idempotencyKey: randomUUID(), answers: { total: answer } } });
      expect(submitted.status()).toBe(201);
    }
    await studentContext.close();

    const { id: courseId, title } = course();
    await signInWithForm(page, INSTRUCTOR);
    await page.getByRole("link", { name: "Teaching" }).click();
    await page.getByRole("link", { name: title }).click();
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    // The roster shows one page of students, so find the new one with the search box, by keyboard.
    const rosterSearch = page.getByRole("search", { name: "Search the roster" });
    await rosterSearch.getByLabel("Name or email").fill(email.toUpperCase());
    await rosterSearch.getByLabel("Name or email").press("Enter");
    await expect(page).toHaveURL(/[?&]student=/);
    const roster = page.getByRole("table", { name: /Students 1 to 1 of 1 matching/ });
    await expect(roster.getByRole("row")).toHaveCount(2);
    const row = roster.getByRole("row").filter({ hasText: email });
    // Two gradable attempts, mean (0 + 1) / 2 = 50%.
    await expect(row.getByRole("cell").nth(4)).toHaveText("2");
    await expect(row.getByRole("cell").nth(5)).toHaveText("50.0%");

    // Invalid and out-of-range page numbers show a notice instead of failing.
    const invalid = await page.goto(`/instructor/courses/${courseId}?page=abc`);
    expect(invalid?.status()).toBe(200);
    await expect(page.getByText('"abc" is not a page number, so page 1 is shown.')).toBeVisible();
    await page.goto(`/instructor/courses/${courseId}?page=100000`);
    await expect(page.getByText(/Page 100000 does not exist, so page \d+, the last one, is shown\./)).toBeVisible();

    await page.getByRole("link", { name: "Class analytics" }).click();
    await expect(page.getByRole("heading", { level: 1, name: `Class analytics: ${title}` })).toBeVisible();
    const heatmapSearch = page.getByRole("search", { name: "Search the heatmap" });
    await heatmapSearch.getByLabel("Name or email").fill(email);
    await heatmapSearch.getByRole("button", { name: "Search" }).click();
    const heatmap = page.getByRole("table", { name: /Mastery estimate per topic/ });
    await expect(heatmap).toHaveAccessibleName(/Students 1 to 1 of 1 matching/);
    await expect(heatmap.getByRole("rowheader", { name: "Teaching Test Student" })).toBeVisible();
    await expect(page.getByRole("table", { name: /Per-question figures/ }).getByRole("rowheader", { name: "Parameters of a simple RNN" })).toBeVisible();
    await expect(page.getByRole("figure", { name: /Facility and first-try success rate/ })).toBeVisible();
    await page.getByRole("link", { name: "Parameters of Parameters of a simple RNN" }).click();
    await expect(page.getByRole("heading", { name: "Scores by variant parameter: Parameters of a simple RNN" })).toBeVisible();

    await page.goto(`/instructor/courses/${courseId}`);
    const downloadPromise = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download scores (CSV)" }).click();
    const download = await downloadPromise;
    const file = await download.path();
    const records = parseCsv(fs.readFileSync(file, "utf8"));
    const [header, ...rows] = records;
    expect(header?.slice(0, 3)).toEqual(["Email", "Name", "Total"]);
    const questionIds = (header ?? []).slice(3).map((name) => /\(([a-z0-9-]+)\)$/.exec(name)?.[1] ?? name);

    // The reference: best scores read with plain SQL. Total = mean over the exported questions, unattempted = 0.
    const expected = query<{ email: string; name: string; best: Record<string, number> }[]>("bestScores", { courseId });
    const attempted = new Set(expected.flatMap((student) => Object.keys(student.best)));
    expect(new Set(questionIds)).toEqual(attempted);
    expect(rows.map((cells) => cells[0]).sort()).toEqual(expected.map((student) => student.email).sort());
    for (const student of expected) {
      const cells = rows.find((candidate) => candidate[0] === student.email) as string[];
      expect(cells[1]).toBe(student.name);
      const total = questionIds.reduce((sum, id) => sum + (student.best[id] ?? 0), 0) / questionIds.length;
      expect(`${student.email} total ${cells[2]}`).toBe(`${student.email} total ${(total * 100).toFixed(1)}`);
      questionIds.forEach((id, index) => {
        const value = student.best[id];
        expect(`${student.email} ${id} ${cells[index + 3]}`).toBe(`${student.email} ${id} ${value === undefined ? "" : (value * 100).toFixed(1)}`);
      });
    }
    const mine = rows.find((cells) => cells[0] === email) as string[];
    expect(mine[3 + questionIds.indexOf(RNN_QUESTION_ID)]).toBe("100.0");

    // The submissions export has one row per answer part in scope, as counted with plain SQL.
    const exported = await page.request.get(`/api/courses/${courseId}/export/submissions`);
    expect(exported.status()).toBe(200);
    const exportRows = parseCsv(await exported.text());
    expect(exportRows.length - 1).toBe(query<number>("submissionPartCount", { courseId }));
  });

  test("student gets 403 on every teaching page and route", async ({ page, request }) => {
    const { id: courseId } = course();
    const student = stored.user(STUDENT1.email);
    if (student === null) throw new Error("student1 is missing");

    await signInWithForm(page, STUDENT1);
    const pages = [
      "/instructor",
      `/instructor/courses/${courseId}`,
      `/instructor/courses/${courseId}/analytics`,
      `/instructor/courses/${courseId}/analytics?question=${RNN_QUESTION_ID}`,
      `/instructor/courses/${courseId}/students/${student.id}`,
      "/admin",
    ];
    for (const url of pages) {
      const response = await page.goto(url);
      expect(`${url} ${response?.status()}`).toBe(`${url} 403`);
    }

    await signInApi(request, STUDENT1);
    const routes: [string, string][] = [
      ["GET", "/api/courses"],
      ["POST", "/api/courses"],
      ["GET", `/api/courses/${courseId}`],
      ["POST", `/api/courses/${courseId}/join-code`],
      ["DELETE", `/api/courses/${courseId}/students/${student.id}`],
      ["GET", `/api/courses/${courseId}/students/${student.id}/attempts`],
      ["GET", `/api/courses/${courseId}/analytics`],
      ["GET", `/api/courses/${courseId}/analytics/parameters/${RNN_QUESTION_ID}`],
      ["GET", `/api/courses/${courseId}/export/scores`],
      ["GET", `/api/courses/${courseId}/export/submissions`],
    ];
    for (const [method, url] of routes) {
      const response = await request.fetch(url, { method, ...(method === "POST" ? { data: { title: "Not allowed" } } : {}) });
      expect(`${method} ${url} ${response.status()}`).toBe(`${method} ${url} 403`);
    }
    // The student is still enrolled: the refused DELETE changed nothing.
    expect(query<{ email: string }[]>("bestScores", { courseId }).map((entry) => entry.email)).toContain(STUDENT1.email);
  });

  test("teaching pages pass axe and fit 360 px", async ({ page }) => {
    const { id: courseId } = course();
    await page.setViewportSize({ width: 360, height: 740 });
    await signInWithForm(page, INSTRUCTOR);
    for (const url of [
      `/instructor`,
      `/instructor/courses/${courseId}`,
      `/instructor/courses/${courseId}?page=abc&student=a`,
      `/instructor/courses/${courseId}/analytics`,
      `/instructor/courses/${courseId}/analytics?page=2&student=nobody-matches-this`,
    ]) {
      await page.goto(url);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations.map((violation) => `${url}: ${violation.id}`)).toEqual([]);
      // Wide tables scroll inside their own box; the page itself must not scroll sideways.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(`${url} overflow ${overflow}`).toBe(`${url} overflow 0`);
    }
  });
});
