import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import {
  Form,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useLocation,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { TFunction } from "i18next";
import { useEffect, type ReactNode } from "react";
import { useText } from "~/components/text";
import appCss from "./app.css?url";
import { buttonClass } from "./components/ui/button";
import { useNonce } from "./components/nonce";
import { getOptionalUser } from "./modules/access/guards.server";
import { navFor } from "./modules/auth/nav";
import type { Role } from "../machines/vocabulary";
import { getLocale } from "./modules/i18n/i18n.server";
import type { Namespace } from "./modules/i18n/i18n";
import { loadText, textUrl } from "./modules/i18n/load-text";
import { pageNamespaces } from "./modules/i18n/namespaces";
import { getDb } from "./modules/db.server";
import { todayTotal } from "./modules/today/today.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: appCss },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  // Only for the header: who is signed in. Every route checks access for itself.
  const user = await getOptionalUser(request);
  // A mentor's count of "Hari ini" items, on every page: indexed reads only (today.server.ts).
  const todayCount = user?.role === "mentor" ? todayTotal(getDb(), user.id) : null;
  return { locale: getLocale(request), user: user ? { name: user.name, role: user.role } : null, todayCount };
}

/**
 * What a route tells the page: its title (translated here, so it follows the language), and the
 * message files its components use besides "common" (modules/i18n/namespaces.ts).
 */
export type RouteHandle = { title?: (t: TFunction, data: unknown) => string; text?: readonly Namespace[] };

function usePageTitle(): string {
  const { t } = useText();
  const matches = useMatches();
  for (const match of [...matches].reverse()) {
    const handle = match.handle as RouteHandle | undefined;
    if (handle?.title && match.data != null) return `${handle.title(t, match.data)} · ${t("app.name")}`;
  }
  return t("app.name");
}

function LanguageSwitch() {
  const { t, i18n } = useText();
  const location = useLocation();
  const other = i18n.language === "en" ? "id" : "en";
  return (
    // A plain POST form: works without JavaScript; the whole page reloads in the new language.
    <form method="post" action="/bahasa">
      <input type="hidden" name="lng" value={other} />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <button type="submit" aria-label={t("language.switchLabel")} className={buttonClass("ghost", "min-h-9 px-2 text-xs")}>
        <span lang={other}>{t("language.switchTo")}</span>
      </button>
    </form>
  );
}

function Header({ user, todayCount }: { user: { name: string; role: Role } | null; todayCount: number | null }) {
  const { t } = useText();
  const navClass = ({ isActive }: { isActive: boolean }) =>
    `rounded-md px-3 py-2 text-sm font-medium ${isActive ? "bg-brand-50 text-brand-800" : "text-slate-700 hover:bg-slate-100"}`;
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-2 gap-y-2 px-4 py-2">
        <Link to="/" className="mr-auto flex items-center gap-2 py-1 font-bold whitespace-nowrap text-brand-800">
          <span aria-hidden="true" className="flex h-8 w-8 items-center justify-center rounded-md bg-brand-700 text-sm text-white">
            PAS
          </span>
          <span>{t("app.name")}</span>
        </Link>
        <LanguageSwitch />
        {user ? (
          <Form method="post" action="/keluar">
            <button type="submit" className={buttonClass("secondary", "min-h-9 px-3 text-xs")}>
              {t("nav.signOut")}
            </button>
          </Form>
        ) : null}
      </div>
      {user ? (
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-1 px-4 pb-2">
          <nav aria-label={t("nav.label")} className="flex flex-wrap gap-1">
            {navFor(user.role).map((item) => (
              <NavLink key={item.to} to={item.to} className={navClass}>
                {item.label === "today" && todayCount ? t("nav.todayCount", { count: todayCount }) : t(`nav.${item.label}`)}
              </NavLink>
            ))}
          </nav>
          <p className="ml-auto text-xs text-slate-600">
            {t("nav.signedInAs", { name: user.name })} · {t(`role.${user.role}` as "role.mentor")} ·{" "}
            <Link to="/akun/sandi" className="underline">
              {t("nav.password")}
            </Link>
            {user.role === "coordinator" ? (
              <>
                {" · "}
                <Link to="/akun/autentikator" className="underline">
                  {t("nav.authenticator")}
                </Link>
              </>
            ) : null}
          </p>
        </div>
      ) : null}
    </header>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const { t, i18n } = useText();
  const nonce = useNonce();
  const data = useRouteLoaderData<typeof loader>("root");
  const title = usePageTitle();
  return (
    <html lang={i18n.language} className="h-full">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{title}</title>
        <Meta />
        <Links />
      </head>
      <body className="flex min-h-full flex-col">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-10 focus:rounded focus:bg-white focus:px-3 focus:py-2">
          {t("app.skipToContent")}
        </a>
        <Header user={data?.user ?? null} todayCount={data?.todayCount ?? null} />
        <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6">
          {children}
        </main>
        <footer className="border-t border-slate-200 bg-white">
          <p className="mx-auto max-w-6xl px-4 py-4 text-xs text-slate-600">{t("app.footer")}</p>
        </footer>
        <PageText />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

/**
 * The page's message files, for the browser to start from (entry.client.tsx): their names, and a
 * preload of each, so they arrive with the scripts. They are the hashed files a client navigation
 * fetches too: cached for good, never repeated in every page's HTML.
 */
function PageText() {
  const { i18n } = useText();
  const nonce = useNonce();
  const namespaces = pageNamespaces(useMatches());
  return (
    <>
      {namespaces.map((namespace) => (
        <link key={namespace} rel="preload" as="fetch" crossOrigin="anonymous" href={textUrl(i18n.language, namespace)} />
      ))}
      <script id="page-text" type="application/json" nonce={nonce} dangerouslySetInnerHTML={{ __html: JSON.stringify(namespaces) }} />
    </>
  );
}

export default function App() {
  const { i18n } = useText();
  const matches = useMatches();
  const locale = useRouteLoaderData<typeof loader>("root")?.locale;
  // A client navigation to a route whose namespaces the browser does not hold yet waits for them:
  // navigations render in a transition, so the previous page stays until the new one has its text.
  const loading = loadText(i18n, pageNamespaces(matches));
  if (loading) throw loading;
  // A page holds one language's text: should the language cookie change without a full page load,
  // the server renders the page again in the new language.
  useEffect(() => {
    if (locale && locale !== i18n.language) window.location.reload();
  }, [locale, i18n]);
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useText();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  // Never a stack trace: say what happened and what to do next.
  const [title, body] =
    status === 404
      ? [t("error.notFoundTitle"), t("error.notFoundBody")]
      : status === 403
        ? [t("error.forbiddenTitle"), t("error.forbiddenBody")]
        : [t("error.genericTitle"), t("error.genericBody")];
  return (
    <div className="mx-auto max-w-lg rounded-lg border border-slate-200 bg-white p-6">
      <h1 className="text-xl font-bold text-slate-900">{title}</h1>
      <p className="mt-2 text-slate-700">{body}</p>
      <p className="mt-4">
        <a href="/" className={buttonClass("primary")}>
          {t("error.home")}
        </a>
      </p>
    </div>
  );
}
