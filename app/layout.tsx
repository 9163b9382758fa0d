import type { Metadata, Viewport } from "next";
import Link from "next/link";
import type { ReactNode } from "react";

import "katex/dist/katex.min.css";
import "./globals.css";

import { getSessionUser } from "@/lib/auth/session";

import { ScrollableRegions } from "./components/scrollable-regions";
import { SignOutButton } from "./components/sign-out-button";

export const metadata: Metadata = {
  title: { default: "Neural networks practice", template: "%s · Neural networks practice" },
  description: "Randomized practice questions with automatic grading for the neural networks module.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await getSessionUser();

  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to main content
        </a>
        <header className="site-header">
          <Link href="/" className="site-title">
            Neural networks practice
          </Link>
          <nav className="site-nav" aria-label="Main">
            <ul>
              {user ? (
                <>
                  <li>
                    <Link href="/">Dashboard</Link>
                  </li>
                  <li>
                    <Link href="/topics">Topics</Link>
                  </li>
                  <li>
                    <Link href="/practice">Practise</Link>
                  </li>
                  <li>
                    <Link href="/exams">Exams</Link>
                  </li>
                  <li>
                    <Link href="/attempts">Review</Link>
                  </li>
                  <li>
                    <Link href="/progress">Progress</Link>
                  </li>
                  {user.role === "instructor" || user.role === "admin" ? (
                    <li>
                      <Link href="/instructor">Teaching</Link>
                    </li>
                  ) : null}
                  {user.role === "admin" ? (
                    <li>
                      <Link href="/admin">Admin</Link>
                    </li>
                  ) : null}
                  <li>
                    <Link href="/help/answers">Answer help</Link>
                  </li>
                  <li>
                    <SignOutButton email={user.email} />
                  </li>
                </>
              ) : (
                <>
                  <li>
                    <Link href="/help/answers">Answer help</Link>
                  </li>
                  <li>
                    <Link href="/signin">Sign in</Link>
                  </li>
                  <li>
                    <Link href="/signup">Sign up</Link>
                  </li>
                </>
              )}
            </ul>
          </nav>
        </header>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <ScrollableRegions />
      </body>
    </html>
  );
}
