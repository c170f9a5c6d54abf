// Texts to a phone through an SMS or WhatsApp gateway, configured by environment. Gateways differ;
// this adapter posts JSON ({ to, text }) with a bearer token, the shape most Indonesian SMS/WhatsApp
// providers accept or can be fronted with:
//   PAS_PHONE_GATEWAY_URL    https://gateway.example.id/send
//   PAS_PHONE_GATEWAY_TOKEN  the provider's API key
import type { MessageSender, OutgoingMessage } from "./sender";

export function phoneGatewayFromEnv(env: Record<string, string | undefined> = process.env): MessageSender | null {
  const url = env.PAS_PHONE_GATEWAY_URL;
  if (!url) return null;
  const token = env.PAS_PHONE_GATEWAY_TOKEN;
  if (!token) throw new Error("PAS_PHONE_GATEWAY_TOKEN must be set with PAS_PHONE_GATEWAY_URL");
  return {
    async send(message: OutgoingMessage) {
      const response = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
        body: JSON.stringify({ to: message.to, text: message.body }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) throw new Error(`phone gateway answered ${response.status}`);
    },
  };
}
