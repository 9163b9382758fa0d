import { expect, type Page } from "@playwright/test";

import { JOIN_CODE } from "./accounts";

const FRESH_PASSWORD = "a-long-password-1";

/**
 * Signs up a new student through /signup with the course join code and signs them in, so a spec
 * gets an account that no other spec touches. The e-mail carries `label`, the time and a random
 * suffix, so reruns against the same database never collide.
 */
export async function signUpFreshStudent(page: Page, label: string): Promise<{ email: string; password: string }> {
  const email = `${label}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.edu`;
  await page.goto("/signup");
  await page.getByLabel("Name").fill(`Fresh ${label}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(FRESH_PASSWORD);
  await page.getByLabel("Course join code").fill(JOIN_CODE);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Your account was created")).toBeVisible();

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(FRESH_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Practice by topic" })).toBeVisible();
  return { email, password: FRESH_PASSWORD };
}

/** Returns the variant id from a /variants/<id> address. */
export function variantIdFromUrl(page: Page): string {
  const id = new URL(page.url()).pathname.split("/").at(-1);
  if (id === undefined || id === "") throw new Error(`No variant id in ${page.url()}`);
  return id;
}
