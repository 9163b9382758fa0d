"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

type GiveUpState = { state: "idle" } | { state: "confirming" } | { state: "sending" } | { state: "failed"; message: string };

async function readError(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error: { message: string } };
    return body.error.message;
  } catch {
    return `The server answered with status ${response.status}.`;
  }
}

/**
 * "Show solution": asks the student to confirm, then closes the variant through the give-up route
 * and re-renders the page, which then shows the worked solution.
 */
export function GiveUpButton({ variantId }: { variantId: string }) {
  const router = useRouter();
  const [giveUp, setGiveUp] = useState<GiveUpState>({ state: "idle" });

  async function confirm() {
    setGiveUp({ state: "sending" });
    try {
      const response = await fetch(`/api/variants/${encodeURIComponent(variantId)}/give-up`, { method: "POST" });
      if (!response.ok) {
        setGiveUp({ state: "failed", message: await readError(response) });
        return;
      }
      setGiveUp({ state: "idle" });
      router.refresh();
    } catch {
      setGiveUp({ state: "failed", message: "The request could not be sent. Check your connection and try again." });
    }
  }

  if (giveUp.state === "confirming" || giveUp.state === "sending") {
    return (
      <div className="notice warning" role="group" aria-labelledby="give-up-question">
        <p id="give-up-question">
          Showing the solution closes this variant: you cannot submit answers to it afterwards. Show the solution?
        </p>
        <div className="actions">
          <button type="button" onClick={() => void confirm()} disabled={giveUp.state === "sending"} autoFocus>
            {giveUp.state === "sending" ? "Closing the variant…" : "Yes, show the solution"}
          </button>
          <button type="button" className="secondary" onClick={() => setGiveUp({ state: "idle" })} disabled={giveUp.state === "sending"}>
            Cancel
          </button>
        </div>
      </div>
    );
  }

  return (
    <div className="actions">
      <button type="button" className="secondary" onClick={() => setGiveUp({ state: "confirming" })}>
        Show solution
      </button>
      <span aria-live="polite" className="field-error">
        {giveUp.state === "failed" ? giveUp.message : ""}
      </span>
    </div>
  );
}
