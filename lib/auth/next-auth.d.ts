import type { DefaultSession } from "next-auth";

import type { Role } from "./roles";

// Adds the user id and role that the jwt and session callbacks in ./options.ts copy into the session.
declare module "next-auth" {
  interface Session {
    user: { id: string; role: Role } & DefaultSession["user"];
  }

  interface User {
    role: Role;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    userId?: string;
    role?: Role;
  }
}
