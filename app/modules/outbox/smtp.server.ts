// Mail through an SMTP server (nodemailer), configured by environment:
//   PAS_SMTP_URL   smtp://user:password@mail.example.go.id:587 (or smtps://… for TLS from the start)
//   PAS_MAIL_FROM  the sender, e.g. "PAS Tracker <no-reply@jakpreneur.example.go.id>"
import nodemailer from "nodemailer";
import type { MessageSender, OutgoingMessage } from "./sender";

export function smtpSenderFromEnv(env: Record<string, string | undefined> = process.env): MessageSender | null {
  const url = env.PAS_SMTP_URL;
  if (!url) return null;
  const from = env.PAS_MAIL_FROM;
  if (!from) throw new Error("PAS_MAIL_FROM must be set with PAS_SMTP_URL (the sender of codes and links)");
  const transport = nodemailer.createTransport(url);
  return {
    async send(message: OutgoingMessage) {
      await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.body });
    },
  };
}
