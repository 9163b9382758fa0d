import { randomUUID } from "node:crypto";

import { expect, test, type APIRequestContext, type PlaywrightWorkerArgs } from "@playwright/test";

import { RNN_QUESTION_ID, rnnParameterCount, signInApi, STUDENT1, STUDENT2 } from "./support/accounts";
import { stored, type StoredProgress } from "./support/db";

interface VariantBody {
  variant: { id: string; parts: { id: string }[] };
}

interface SubmitBody {
  created: boolean;
  submission: { id: string; gradable: boolean; totalScore: number; parts: { partId: string; formatError: { code: string } | null }[] };
  solution: unknown;
}

async function startRnnVariant(request: APIRequestContext): Promise<VariantBody["variant"]> {
  const response = await request.post("/api/variants", { data: { questionId: RNN_QUESTION_ID } });
  expect(response.status()).toBe(201);
  return ((await response.json()) as VariantBody).variant;
}

async function signedInContext(
  playwright: PlaywrightWorkerArgs["playwright"],
  baseURL: string,
  account: { email: string; password: string },
): Promise<APIRequestContext> {
  const request = await playwright.request.newContext({ baseURL });
  await signInApi(request, account);
  return request;
}

/**
 * Matches an integer key as it could appear in a response: plain (4481), with a comma (4,481), or
 * as LaTeX with thin-space groups (4\,481), whose backslash is escaped once in JSON and twice in
 * the page's embedded data. Digits next to other word characters or a decimal point do not count.
 */
function keyRegExp(key: number): RegExp {
  const groups = key.toString().replace(/\B(?=(\d{3})+(?!\d))/g, " ").split(" ");
  return new RegExp(`(?<![\\w.])${groups.join("(?:,|\\\\{1,4},)?")}(?!\\w)`);
}

function progressSnapshot(rows: StoredProgress[]): string {
  return JSON.stringify([...rows].sort((a, b) => a.topic.localeCompare(b.topic)));
}

test("requests without a session get 401 JSON errors", async ({ request }) => {
  const calls = [
    request.get("/api/questions"),
    request.post("/api/variants", { data: { questionId: RNN_QUESTION_ID } }),
    request.get("/api/attempts"),
    request.post("/api/variants/some-id/submissions", { data: { idempotencyKey: randomUUID(), answers: {} } }),
  ];
  for (const response of await Promise.all(calls)) {
    expect(response.status()).toBe(401);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("unauthenticated");
    expect(body.error.message).toMatch(/sign in/i);
  }
});

test("documented credentials flow gives a working session", async ({ request }) => {
  await signInApi(request, STUDENT1);
  const response = await request.get("/api/questions");
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { questions: { id: string }[] };
  expect(body.questions.map((question) => question.id)).toContain(RNN_QUESTION_ID);
});

test("another student's variant and submission are 404 and stay unchanged", async ({ playwright, baseURL }) => {
  const owner = await signedInContext(playwright, baseURL!, STUDENT1);
  const other = await signedInContext(playwright, baseURL!, STUDENT2);

  const variant = await startRnnVariant(owner);
  const submitted = await owner.post(`/api/variants/${variant.id}/submissions`, {
    data: { idempotencyKey: randomUUID(), answers: { total: "1" } },
  });
  expect(submitted.status()).toBe(201);
  const submissionId = ((await submitted.json()) as SubmitBody).submission.id;

  const attempts = [
    other.get(`/api/variants/${variant.id}`),
    other.post(`/api/variants/${variant.id}/preview`, { data: { partId: "total", input: "12" } }),
    other.post(`/api/variants/${variant.id}/submissions`, { data: { idempotencyKey: randomUUID(), answers: { total: "12" } } }),
    other.get(`/api/submissions/${submissionId}`),
  ];
  for (const response of await Promise.all(attempts)) {
    expect(response.status()).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("not_found");
  }

  expect(stored.submissions(STUDENT1.email, variant.id).map((row) => row.id)).toEqual([submissionId]);
  expect(stored.submissions(STUDENT2.email, variant.id)).toEqual([]);
  expect(stored.variant(STUDENT1.email, variant.id)?.status).toBe("open");

  const ownView = await owner.get(`/api/submissions/${submissionId}`);
  expect(ownView.status()).toBe(200);
  await owner.dispose();
  await other.dispose();
});

test("one idempotency key posted twice at once stores one submission", async ({ request }) => {
  await signInApi(request, STUDENT1);
  const variant = await startRnnVariant(request);
  const idempotencyKey = randomUUID();
  const post = () =>
    request.post(`/api/variants/${variant.id}/submissions`, { data: { idempotencyKey, answers: { total: "100" }, timeTakenMs: 5000 } });

  const responses = await Promise.all([post(), post()]);
  expect(responses.map((response) => response.status()).sort()).toEqual([200, 201]);
  const bodies = (await Promise.all(responses.map((response) => response.json()))) as SubmitBody[];
  expect(bodies[0]!.submission.id).toBe(bodies[1]!.submission.id);

  const rows = stored.submissions(STUDENT1.email, variant.id);
  expect(rows.filter((row) => row.idempotencyKey === idempotencyKey)).toHaveLength(1);
  expect(rows).toHaveLength(1);
});

test("unreadable answers are format errors that change no progress", async ({ request }) => {
  await signInApi(request, STUDENT2);
  const variant = await startRnnVariant(request);
  const before = progressSnapshot(stored.progress(STUDENT2.email));

  for (const [input, expectedCode] of [
    ["", "empty"],
    ["twelve", null],
  ] as const) {
    const response = await request.post(`/api/variants/${variant.id}/submissions`, {
      data: { idempotencyKey: randomUUID(), answers: { total: input } },
    });
    expect(response.status()).toBe(201);
    const body = (await response.json()) as SubmitBody;
    expect(body.submission.gradable).toBe(false);
    expect(body.submission.totalScore).toBe(0);
    const formatError = body.submission.parts[0]!.formatError;
    expect(formatError, `input "${input}" gets a format error`).not.toBeNull();
    if (expectedCode !== null) expect(formatError!.code).toBe(expectedCode);
    expect(body.solution, "an ungraded submission does not unlock the solution").toBeNull();
  }

  const rows = stored.submissions(STUDENT2.email, variant.id);
  expect(rows).toHaveLength(2);
  expect(rows.every((row) => !row.gradable && row.formatErrors.length === 1)).toBe(true);
  expect(progressSnapshot(stored.progress(STUDENT2.email))).toBe(before);
});

test("malformed JSON and oversized bodies get clear 4xx errors", async ({ request }) => {
  await signInApi(request, STUDENT1);

  const malformed = await request.post("/api/variants", {
    headers: { "content-type": "application/json" },
    // A Buffer is sent as it is; a string body would be JSON-encoded by Playwright.
    data: Buffer.from('{"questionId": "rnn-parameter-count"'),
  });
  expect(malformed.status()).toBe(400);
  const malformedBody = (await malformed.json()) as { error: { code: string; message: string } };
  expect(malformedBody.error.code).toBe("invalid_input");
  expect(malformedBody.error.message).toMatch(/not valid JSON/);

  const huge = await request.post("/api/variants", {
    headers: { "content-type": "application/json" },
    data: Buffer.from(JSON.stringify({ questionId: RNN_QUESTION_ID, padding: "x".repeat(1024 * 1024) })),
  });
  expect(huge.status()).toBe(413);
  expect(((await huge.json()) as { error: { code: string } }).error.code).toBe("payload_too_large");

  const invalid = await request.post("/api/variants", { data: { questionId: 42 } });
  expect(invalid.status()).toBe(422);
  const invalidBody = (await invalid.json()) as { error: { message: string; fields: Record<string, string[]> } };
  expect(invalidBody.error.message).toContain("questionId");
  expect(Object.keys(invalidBody.error.fields)).toEqual(["questionId"]);
});

test("unknown question id is a 404 that names it", async ({ request }) => {
  await signInApi(request, STUDENT1);
  const response = await request.post("/api/variants", { data: { questionId: "no-such-question" } });
  expect(response.status()).toBe(404);
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe("not_found");
  expect(body.error.message).toContain('"no-such-question"');
});

test("nothing sent before submission contains the answer", async ({ request }) => {
  await signInApi(request, STUDENT2);

  // A key equal to one of the variant's own parameters would also match the prompt, so such a
  // (rare) variant is replaced by a fresh draw.
  let variant: VariantBody["variant"] | undefined;
  let counts: ReturnType<typeof rnnParameterCount> | undefined;
  for (let draw = 0; draw < 5 && variant === undefined; draw += 1) {
    const candidate = await startRnnVariant(request);
    const candidateCounts = rnnParameterCount(stored.variant(STUDENT2.email, candidate.id)!.params);
    const { total, p, K, L, M } = candidateCounts;
    if (![p, K, L, M].includes(total)) {
      variant = candidate;
      counts = candidateCounts;
    }
  }
  expect(variant, "a variant whose key differs from its parameters").toBeDefined();

  const keyPattern = keyRegExp(counts!.total);
  const sent = [
    await request.get(`/api/variants/${variant!.id}`),
    await request.post(`/api/variants/${variant!.id}/preview`, { data: { partId: "total", input: "12" } }),
    await request.get(`/variants/${variant!.id}`),
  ];
  for (const response of sent) {
    expect(response.status()).toBe(200);
    const text = await response.text();
    expect(text.length).toBeGreaterThan(0);
    expect(keyPattern.test(text), `${response.url()} leaks the key ${counts!.total}`).toBe(false);
  }

  // A wrong graded try leaves the variant open, so the key stays hidden.
  const graded = await request.post(`/api/variants/${variant!.id}/submissions`, {
    data: { idempotencyKey: randomUUID(), answers: { total: "1" } },
  });
  expect(graded.status()).toBe(201);
  const gradedBody = await graded.text();
  expect(keyPattern.test(gradedBody), "a wrong try's response leaks the key").toBe(false);
  expect((JSON.parse(gradedBody) as SubmitBody).solution).toBeNull();
  for (const url of [`/api/variants/${variant!.id}`, `/variants/${variant!.id}`]) {
    const response = await request.get(url);
    expect(keyPattern.test(await response.text()), `${url} leaks the key after a wrong try`).toBe(false);
  }

  // The check above can fail: once the student gives up, the same responses carry the key.
  const gaveUp = await request.post(`/api/variants/${variant!.id}/give-up`);
  expect(gaveUp.status()).toBe(200);
  expect(keyPattern.test(await gaveUp.text())).toBe(true);
  const after = await request.get(`/api/variants/${variant!.id}`);
  expect(keyPattern.test(await after.text())).toBe(true);
});

test("three wrong tries close the variant and keys keep their answers", async ({ request }) => {
  await signInApi(request, STUDENT2);
  const variant = await startRnnVariant(request);
  const counts = rnnParameterCount(stored.variant(STUDENT2.email, variant.id)!.params);
  const submit = (idempotencyKey: string, total: string) =>
    request.post(`/api/variants/${variant.id}/submissions`, { data: { idempotencyKey, answers: { total } } });

  const firstKey = randomUUID();
  const first = await submit(firstKey, String(counts.total + 1));
  expect(first.status()).toBe(201);
  const firstBody = (await first.json()) as SubmitBody & { tries: { used: number; remaining: number }; variantStatus: string };
  expect(firstBody.tries).toMatchObject({ used: 1, remaining: 2 });
  expect(firstBody.variantStatus).toBe("open");

  // The same key with another answer is rejected and stores nothing.
  const changed = await submit(firstKey, String(counts.total));
  expect(changed.status()).toBe(409);
  const changedBody = (await changed.json()) as { error: { code: string; message: string } };
  expect(changedBody.error.code).toBe("conflict");
  expect(changedBody.error.message).toContain(firstKey);

  expect((await submit(randomUUID(), String(counts.total + 2))).status()).toBe(201);
  const lastKey = randomUUID();
  const last = await submit(lastKey, String(counts.total + 3));
  expect(last.status()).toBe(201);
  const lastBody = (await last.json()) as SubmitBody & { variantStatus: string };
  expect(lastBody.variantStatus).toBe("closed");
  expect(lastBody.solution).not.toBeNull();

  const rejected = await submit(randomUUID(), String(counts.total));
  expect(rejected.status()).toBe(409);
  const rejectedBody = (await rejected.json()) as { error: { code: string; message: string } };
  expect(rejectedBody.error.code).toBe("variant_closed");
  expect(rejectedBody.error.message).toContain("Start a new variant");

  // A retry of the closing request still gets its stored result.
  const replay = await submit(lastKey, String(counts.total + 3));
  expect(replay.status()).toBe(200);
  const replayBody = (await replay.json()) as SubmitBody;
  expect(replayBody.created).toBe(false);
  expect(replayBody.submission.id).toBe(lastBody.submission.id);

  const rows = stored.submissions(STUDENT2.email, variant.id);
  expect(rows).toHaveLength(3);
  expect(rows.every((row) => row.gradable && row.totalScore === 0)).toBe(true);
  expect(stored.variant(STUDENT2.email, variant.id)?.status).toBe("closed");
});
