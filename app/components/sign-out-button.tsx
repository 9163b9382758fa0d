"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";

export function SignOutButton({ email }: { email: string }) {
  const [pending, setPending] = useState(false);

  return (
    <button
      type="button"
      className="link-button"
      disabled={pending}
      onClick={() => {
        setPending(true);
        void signOut({ callbackUrl: "/signin" });
      }}
    >
      Sign out<span className="muted"> ({email})</span>
    </button>
  );
}
