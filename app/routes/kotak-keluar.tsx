// The demo's outbox: messages that a configured mail or SMS gateway would have sent (codes, reset
// links, notes to mentors). Exists only with PAS_DEMO=1; elsewhere it is 404.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useText } from "~/components/text";
import { notFound } from "~/modules/access/guards.server";
import { getDb } from "~/modules/db.server";
import { latestMessages, outboxVisible } from "~/modules/outbox/outbox.server";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = { text: ["account"], title: (t) => t("demoOutbox.title") };

export async function loader(_: LoaderFunctionArgs) {
  if (!outboxVisible()) throw notFound();
  return { messages: latestMessages(getDb()) };
}

export default function DemoOutbox() {
  const { t } = useText();
  const { messages } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-2xl font-bold text-slate-900">{t("demoOutbox.title")}</h1>
      <p className="mt-1 text-sm text-slate-700">{t("demoOutbox.intro")}</p>
      {messages.length === 0 ? <p className="mt-4 text-sm text-slate-700">{t("demoOutbox.empty")}</p> : null}
      <ul className="mt-4 space-y-3">
        {messages.map((message) => (
          <li key={message.id} className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
            <p className="font-semibold text-slate-900">{message.subject}</p>
            <p className="text-slate-700">
              {t("demoOutbox.to")}: <span className="break-all">{message.recipient}</span> · {message.channel === "email" ? t("demoOutbox.channelEmail") : t("demoOutbox.channelPhone")}
            </p>
            <p className="mt-2 break-words whitespace-pre-line text-slate-800">{message.body ?? t("demoOutbox.notKept")}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
