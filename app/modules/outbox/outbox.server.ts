// The outbox: every message to a person (a one-time code, a link, a note to a mentor) is written to
// the outbox table, then sent through the gateway configured for its channel (smtp.server.ts for
// email, phone-gateway.server.ts for texts). Without a gateway (the demo, the tests) the message
// stays in the outbox with its body, and the demo shows it on /kotak-keluar. Once a gateway has taken
// a message its body (which holds a code) is not kept.
import { desc, eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { outbox } from "../../../db/schema";
import type { OutboxChannel } from "../../../machines/vocabulary";
import { phoneGatewayFromEnv } from "./phone-gateway.server";
import type { MessageSender, OutgoingMessage } from "./sender";
import { smtpSenderFromEnv } from "./smtp.server";

let senders: Partial<Record<OutboxChannel, MessageSender | null>> | undefined;

function senderFor(channel: OutboxChannel): MessageSender | null {
  senders ??= { email: smtpSenderFromEnv(), phone: phoneGatewayFromEnv() };
  return senders[channel] ?? null;
}

/** The demo shows kept messages (and a sign-up shows its code): only with PAS_DEMO=1. */
export function outboxVisible(): boolean {
  return process.env.PAS_DEMO === "1";
}

/**
 * Writes the message to the outbox and sends it when a gateway is configured. Never throws for a
 * gateway's failure: it is recorded on the row (and logged without the body), and the person can ask
 * for a new code.
 */
export async function sendMessage(db: Db, message: OutgoingMessage, now = Date.now()): Promise<void> {
  const sender = senderFor(message.channel);
  const row = db
    .insert(outbox)
    .values({ channel: message.channel, recipient: message.to, subject: message.subject, body: message.body, createdAt: now })
    .returning({ id: outbox.id })
    .get();
  if (!sender) return;
  try {
    await sender.send(message);
    db.update(outbox).set({ body: null, sentAt: Date.now() }).where(eq(outbox.id, row.id)).run();
  } catch (error) {
    const reason = error instanceof Error ? error.message.slice(0, 200) : "unknown";
    db.update(outbox).set({ body: null, error: reason }).where(eq(outbox.id, row.id)).run();
    console.error(`outbox: message ${row.id} (${message.channel}) was not sent: ${reason}`);
  }
}

export type OutboxEntry = { id: number; channel: OutboxChannel; recipient: string; subject: string; body: string | null; createdAt: number };

/** The latest messages, newest first (the demo's outbox page). */
export function latestMessages(db: Db, limit = 50): OutboxEntry[] {
  return db
    .select({ id: outbox.id, channel: outbox.channel, recipient: outbox.recipient, subject: outbox.subject, body: outbox.body, createdAt: outbox.createdAt })
    .from(outbox)
    .orderBy(desc(outbox.id))
    .limit(limit)
    .all();
}

/** The latest message kept for one recipient (the demo's code step shows it). */
export function latestMessageTo(db: Db, recipient: string): OutboxEntry | null {
  return (
    db
      .select({ id: outbox.id, channel: outbox.channel, recipient: outbox.recipient, subject: outbox.subject, body: outbox.body, createdAt: outbox.createdAt })
      .from(outbox)
      .where(eq(outbox.recipient, recipient))
      .orderBy(desc(outbox.id))
      .get() ?? null
  );
}
