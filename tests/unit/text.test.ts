// The interface text (app/components/text.tsx): each page's components translate through one
// function per language, which remembers plain keys. Rendered with React's server renderer, as a
// request is.
import { createElement as h } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { TextProvider, useText } from "../../app/components/text";
import { TEXT } from "../../app/locales/messages";
import { addText, createI18n, type Locale } from "../../app/modules/i18n/i18n";

function Sample() {
  const { t, i18n } = useText();
  return h(
    "p",
    null,
    [i18n.language, t("stage.training"), t("stage.training"), t("stageRules.days", { count: 1 }), t("stageRules.days", { count: 3 })].join("|"),
  );
}

const render = (i18n: ReturnType<typeof createI18n>) => renderToString(h(TextProvider, { i18n, children: h(Sample) }));

describe("interface text", () => {
  it("gives each language its own text, plain keys and plurals alike, on every render", () => {
    const instances = { id: createI18n("id", TEXT.id), en: createI18n("en", TEXT.en) } satisfies Record<Locale, unknown>;
    // Twice each, interleaved: the remembered text of one language never shows in the other.
    for (let round = 0; round < 2; round++) {
      expect(render(instances.id)).toBe("<p>id|Pelatihan|Pelatihan|1 hari|3 hari</p>");
      expect(render(instances.en)).toBe("<p>en|Training|Training|1 day|3 days</p>");
    }
  });

  it("holds only the namespaces it is given, and never remembers a key it could not translate", () => {
    const i18n = createI18n("id", { common: TEXT.id.common });
    const Rules = () => h("p", null, useText().t("stageRules.title"));
    const rules = () => renderToString(h(TextProvider, { i18n, children: h(Rules) }));
    expect(rules()).toBe("<p>stageRules.title</p>");
    addText(i18n, { admin: TEXT.id.admin });
    expect(rules()).toBe(`<p>${TEXT.id.admin.stageRules.title}</p>`);
  });

  it("refuses to run outside the provider, rather than show keys", () => {
    expect(() => renderToString(h(Sample))).toThrow(/useText outside TextProvider/);
  });
});
