// Clients that keep posting moves to the real server, as browsers posting the participant page's
// forms would: each client owns one participant and alternates HOLD and RESUME, which the machine
// always allows, tracking the version it was shown. What the server acknowledged (303) is recorded.
import { postForm } from "../helpers/server";

export type Acknowledged = { participantId: number; version: number; event: "HOLD" | "RESUME" };

export type MoveClients = {
  acknowledged: Acknowledged[];
  /** Requests that ended without an answer (the server went away mid-request). */
  unanswered: number;
  /** Answers other than the 303 of an applied move: there must be none. */
  unexpected: string[];
  /** Asks every client to stop after its current request, and waits for them. */
  stop(): Promise<void>;
  /** Resolves once at least n moves have been acknowledged. */
  acknowledgedAtLeast(n: number): Promise<void>;
};

export function startMoveClients(
  url: string,
  cookie: string,
  participants: readonly { id: number; version: number; status: string }[],
): MoveClients {
  const acknowledged: Acknowledged[] = [];
  let unanswered = 0;
  const unexpected: string[] = [];
  let stopping = false;
  const waiters: { n: number; resolve: () => void }[] = [];

  const client = async (start: { id: number; version: number; status: string }) => {
    let { version, status } = start;
    while (!stopping) {
      const event = status === "active" ? "HOLD" : "RESUME";
      let response: Response;
      try {
        response = await postForm(
          url,
          `/peserta/${start.id}`,
          { intent: "move", formId: `move-${event}`, version: String(version), event, reason: "Uji ketahanan" },
          { cookie },
        );
        await response.arrayBuffer();
      } catch {
        unanswered++;
        return; // the server is gone: this client stops, as a browser would show an error
      }
      if (response.status !== 303) {
        unexpected.push(`move ${event} on ${start.id} at version ${version} answered ${response.status}`);
        return;
      }
      version++;
      status = event === "HOLD" ? "on_hold" : "active";
      acknowledged.push({ participantId: start.id, version, event });
      for (const waiter of waiters.filter((w) => acknowledged.length >= w.n)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  };

  const running = Promise.all(participants.map((p) => client(p)));
  const allEnded = running.then(() => {
    throw new Error("every client stopped before enough moves were acknowledged");
  });
  allEnded.catch(() => {});
  return {
    acknowledged,
    unexpected,
    get unanswered() {
      return unanswered;
    },
    async stop() {
      stopping = true;
      await running;
    },
    acknowledgedAtLeast(n) {
      if (acknowledged.length >= n) return Promise.resolve();
      return Promise.race([new Promise<void>((resolve) => waiters.push({ n, resolve })), allEnded]);
    },
  };
}
