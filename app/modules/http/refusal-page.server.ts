// The short page a request refused before Remix gets (body-limits.server.ts): a title, a sentence of
// what to do, a link home, in the language of the reader's cookie. Plain HTML with no script or style,
// so it needs no nonce; its size does not depend on what was sent (nothing of the request is echoed).
import { parseCookie } from "cookie";
import enCommon from "../../locales/en/common.json";
import idCommon from "../../locales/id/common.json";
import type { Refusal } from "./body-limits.server";

const LANGUAGE_COOKIE = "pas_lng";

type ErrorText = (typeof idCommon)["error"];

function texts(cookieHeader: string | undefined): { lang: "id" | "en"; error: ErrorText } {
  const lang = cookieHeader && parseCookie(cookieHeader)[LANGUAGE_COOKIE] === "en" ? "en" : "id";
  return { lang, error: lang === "en" ? enCommon.error : idCommon.error };
}

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

function megabytes(bytes: number, lang: "id" | "en"): string {
  const value = bytes / (1024 * 1024);
  return `${new Intl.NumberFormat(lang === "en" ? "en-GB" : "id-ID", { maximumFractionDigits: 1 }).format(value)} MB`;
}

export function refusalPage(refusal: Refusal, cookieHeader: string | undefined): { lang: string; html: string } {
  const { lang, error } = texts(cookieHeader);
  const [title, body] =
    refusal.reason === "crossSite"
      ? [error.forbiddenTitle, error.forbiddenBody]
      : refusal.reason === "tooLarge"
        ? [error.tooLargeTitle, error.tooLargeBody.replace("{{size}}", megabytes(refusal.maxBytes ?? 0, lang))]
        : refusal.reason === "lengthRequired"
          ? [error.unsupportedTitle, error.lengthRequiredBody]
          : [error.unsupportedTitle, error.unsupportedBody];
  const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)} — PAS Tracker</title></head><body><main><h1>${escape(title)}</h1><p>${escape(body)}</p><p><a href="/">${escape(error.home)}</a></p></main></body></html>`;
  return { lang, html };
}
