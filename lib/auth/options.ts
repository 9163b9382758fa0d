import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";

import { getServerEnv } from "@/lib/config/env";
import { selectUserByEmail, touchUserLastActive } from "@/lib/db";
import { verifyPassword } from "@/lib/auth/password";
import { logger } from "@/lib/log";

import { isRole } from "./roles";
import { signInSchema } from "./schemas";
import { SIGN_IN_THROTTLED_CODE, SignInThrottle } from "./sign-in-throttle";

// One throttle per server process; see the NOTE in sign-in-throttle.ts.
const signInThrottle = new SignInThrottle();

/** Session lifetime in seconds: one working day, so a shared lab computer does not stay signed in. */
const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

/**
 * Builds the next-auth options. Built on first use, not at import, so that `next build` does
 * not read the environment or open the database.
 */
let cachedOptions: NextAuthOptions | undefined;

export function getAuthOptions(): NextAuthOptions {
  cachedOptions ??= {
    secret: getServerEnv().NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/signin" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
        },
        async authorize(credentials) {
          const parsed = signInSchema.safeParse(credentials ?? {});
          if (!parsed.success) return null;

          const verdict = signInThrottle.check(parsed.data.email);
          if (!verdict.allowed) {
            logger.warn(
              { event: "sign_in_throttled", retryAfterMs: verdict.retryAfterMs },
              "sign-in refused: too many failed attempts for one email",
            );
            // next-auth hands the message of an error thrown here to the client as `error`.
            throw new Error(SIGN_IN_THROTTLED_CODE);
          }

          const user = await selectUserByEmail({ email: parsed.data.email });
          // Same outcome for an unknown email and a wrong password, so sign-in does not reveal accounts.
          if (user === null || !(await verifyPassword(parsed.data.password, user.passwordHash))) {
            signInThrottle.recordFailure(parsed.data.email);
            logger.info({ event: "sign_in_rejected" }, "sign-in rejected: unknown email or wrong password");
            return null;
          }
          signInThrottle.recordSuccess(parsed.data.email);
          if (!isRole(user.role)) {
            logger.error({ userId: user.id, role: user.role }, "sign-in rejected: user has an unknown role");
            return null;
          }

          await touchUserLastActive({ userId: user.id });
          logger.info({ userId: user.id, role: user.role }, "user signed in");
          return { id: user.id, email: user.email, name: user.name, role: user.role };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        // `user` is set only on the sign-in request; later requests keep what the token holds.
        if (user !== undefined) {
          token.userId = user.id;
          token.role = user.role;
        }
        return token;
      },
      session({ session, token }) {
        if (token.userId !== undefined && token.role !== undefined) {
          session.user = { ...session.user, id: token.userId, role: token.role };
        }
        return session;
      },
    },
    logger: {
      error(code, metadata) {
        logger.error({ code, err: metadata }, "next-auth error");
      },
      warn(code) {
        logger.warn({ code }, "next-auth warning");
      },
      debug() {
        // next-auth debug output can include tokens, so it is not logged.
      },
    },
  };
  return cachedOptions;
}
