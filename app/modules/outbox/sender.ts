// How a message leaves the server: the interface each gateway implements (mail over SMTP, a text to a
// phone through an SMS or WhatsApp gateway). The outbox (outbox.server.ts) picks them by environment.
import type { OutboxChannel } from "../../../machines/vocabulary";

export type OutgoingMessage = {
  channel: OutboxChannel;
  /** An email address, or a phone number in international form (62…). */
  to: string;
  subject: string;
  body: string;
};

export interface MessageSender {
  /** Hands the message to the gateway; throws when the gateway refuses it. */
  send(message: OutgoingMessage): Promise<void>;
}
