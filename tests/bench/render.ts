// Server rendering of the mentor list's 50 rows: React alone rendering a bare table with the same
// columns (the floor: no app code, no translations), against the list page's own rows component,
// both on the same rows of the busiest mentor's first page, in the same run.
import { createRequire } from "node:module";
import type { Db } from "../../db/client";
import { listParticipantsInScope, type ParticipantListRow } from "../../app/modules/participants/participants.server";
import { servedContacts } from "../../app/modules/participants/phone.server";
import type { Viewer } from "../../app/modules/access/scope.server";
import { time } from "./measure";
import { timingRow, type Row } from "./table";

// React picks its development or production build when first loaded, by NODE_ENV: the server runs
// the production one, so React and everything rendering with it are loaded here, after setting it.
const load = createRequire(import.meta.url);
function react() {
  // Production only while React and the components load (React chooses its build then): left set, it
  // would turn on production-only checks elsewhere in the benchmark (the import's data key).
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV ??= "production";
  if (process.env.NODE_ENV !== "production") console.warn("render benchmark: NODE_ENV is not production, React's development build is timed");
  try {
    return {
      h: (load("react") as typeof import("react")).createElement,
      renderToString: (load("react-dom/server") as typeof import("react-dom/server")).renderToString,
      MemoryRouter: (load("react-router-dom") as typeof import("react-router-dom")).MemoryRouter,
      TextProvider: (load("../../app/components/text") as typeof import("../../app/components/text")).TextProvider,
      ParticipantTable: (load("../../app/components/participants/participant-table") as typeof import("../../app/components/participants/participant-table")).ParticipantTable,
      serverI18n: (load("../../app/modules/i18n/i18n.server") as typeof import("../../app/modules/i18n/i18n.server")).serverI18n,
    };
  } finally {
    if (before === undefined) Reflect.deleteProperty(process.env, "NODE_ENV");
    else process.env.NODE_ENV = before;
  }
}

/**
 * The same columns with the same content, each a plain element: the name linked, the business, the
 * stall's reasons, district, cohort, seven boxes for the stages, status and days since activity. No
 * classes, no translations, no app component: what React costs for these rows and nothing else.
 */
function bareTable({ h, renderToString }: ReturnType<typeof react>, rows: ParticipantListRow[]): string {
  return renderToString(
    h(
      "table",
      null,
      h("thead", null, h("tr", null, ...["", "name", "district", "cohort", "stages", "status", "last activity"].map((c) => h("th", { key: c }, c)))),
      h(
        "tbody",
        null,
        rows.map((row) =>
          h(
            "tr",
            { key: row.id },
            h("td", null, h("input", { type: "checkbox", name: "id", value: row.id })),
            h(
              "td",
              null,
              h("a", { href: `/peserta/${row.id}` }, row.fullName),
              h("div", null, row.businessName),
              row.stall.length ? h("div", null, row.stall.map((r) => `${r.kind} ${r.days}/${r.limit}`).join(" · ")) : null,
            ),
            h("td", null, row.districtName),
            h("td", null, row.cohortName ?? "-"),
            h("td", null, h("ol", null, row.stages.map((state, i) => h("li", { key: i, title: state }, i + 1)))),
            h("td", null, row.status),
            h("td", null, `${row.daysSinceActivity}`),
          ),
        ),
      ),
    ),
  );
}

/** The busiest mentor: the same viewer as the loader benchmark's mentor list. */
function busiestMentor(db: Db): Viewer {
  return db.$client
    .prepare(
      `SELECT u.id, u.role, u.city_id AS cityId, u.agency_id AS agencyId
       FROM users u JOIN mentor_districts md ON md.mentor_id = u.id
       JOIN participants p ON p.district_id = md.district_id AND p.agency_id = u.agency_id
       WHERE u.role = 'mentor' GROUP BY u.id ORDER BY count(p.id) DESC LIMIT 1`,
    )
    .get() as Viewer;
}

export function benchRender(db: Db, options: { quick?: boolean } = {}): Row[] {
  const runs = options.quick ? 100 : 500;
  const mentor = busiestMentor(db);
  const list = listParticipantsInScope(db, mentor, { status: "active" });
  const contacts = servedContacts(db, mentor, list.rows.map((row) => row.id));
  const r = react();
  const { h } = r;
  const i18n = r.serverI18n("id");
  const table = h(r.ParticipantTable, { rows: list.rows, contacts, selectable: true, caption: "Peserta" });
  const ours = () => r.renderToString(h(r.MemoryRouter, null, h(r.TextProvider, { i18n, children: table })));
  const floor = time(() => bareTable(r, list.rows), { runs });
  const own = time(ours, { runs });
  const row = timingRow(`mentor list: React render of ${list.rows.length} rows (raw: a bare table of the same columns)`, own, floor, { p95Ms: 10, maxRatio: 3 });
  row.note = `${Math.round(ours().length / 1024)} KB of rows, bare table ${Math.round(bareTable(r, list.rows).length / 1024)} KB`;
  console.log(`${row.name}: median ${row.median} ms, p95 ${row.p95} ms; bare ${floor.median} / ${floor.p95} ms; ${row.ratio}×`);
  return [row];
}
