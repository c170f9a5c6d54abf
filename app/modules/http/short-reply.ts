// A refused form keeps what was typed, but not without bound: a field longer than any real answer
// (a pasted megabyte) comes back cut, so a refusal's page never grows with what was sent (a 10 MB
// post to /masuk was answered with 21 MB: the value twice, in the form and in its hydration data).

/** Longer than any field of ours holds (addresses, reasons, notes). */
export const ECHO_MAX_CHARS = 2_000;

type Reply = { initialValue?: Record<string, unknown> | null };

function cut(value: unknown): unknown {
  if (typeof value === "string") return value.length > ECHO_MAX_CHARS ? value.slice(0, ECHO_MAX_CHARS) : value;
  if (Array.isArray(value)) return value.slice(0, 100).map(cut);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).slice(0, 200).map(([k, v]) => [k, cut(v)]));
  return value;
}

/** The reply of a refused submission with every echoed value cut to ECHO_MAX_CHARS. */
export function shortReply<T extends Reply>(reply: T): T {
  return reply.initialValue ? { ...reply, initialValue: cut(reply.initialValue) as Record<string, unknown> } : reply;
}
