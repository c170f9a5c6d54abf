// The collaboration survey of the demo: the default instrument (Ansell & Gash's collaboration
// process, the factors that hold the programme back, the strategies that help) and three rounds over
// the districts where cohorts run: two closed, one open. The answers tell the story the studies
// tell: where the seed's cohorts struggle (seed.ts STRUGGLING_DISTRICTS), face-to-face dialogue and
// trust are weak too; where mentors are catching up, dialogue got better from one round to the next.
// Every answer is saved through the respondents' own verb (responses.server.ts saveResponse), so
// the group and districts are captured as the pages capture them. Deterministic: its own seeded
// random, so the rest of the demo is the same with or without it.
import { and, asc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { insertInstrument, loadInstrument, type InstrumentContent } from "../app/modules/collaboration/instruments.server";
import { placeInRound, saveResponse, type Respondent } from "../app/modules/collaboration/responses.server";
import { closeRound, loadRound, openRound } from "../app/modules/collaboration/rounds.server";
import type { ScaleValue } from "../app/modules/collaboration/forms";
import { jakartaDate } from "../app/modules/i18n/jakarta";
import { DAY_MS as DAY } from "../machines/time";
import { RESPONDENT_GROUPS } from "../machines/vocabulary";
import type { Db } from "./client";
import { seededRandom, type Random } from "./random";
import * as t from "./schema";

const s = (id: string, en: string, reverse = false) => ({ text: { id, en }, reverse });

/** The default instrument: the studies' three indicator groups, 1–3 statements per sub-indicator. */
export const DEFAULT_INSTRUMENT: InstrumentContent = {
  code: "ansell-gash",
  name: { id: "Kesehatan kolaborasi program PAS", en: "Collaboration health of the PAS programme" },
  indicators: [
    {
      label: { id: "Proses kolaborasi", en: "Collaboration process" },
      subIndicators: [
        {
          label: { id: "Dialog tatap muka", en: "Face-to-face dialogue" },
          statements: [
            s("Para pihak bertemu langsung secara rutin untuk membahas kemajuan peserta.", "The parties meet in person regularly to discuss participants' progress."),
            s("Masalah peserta dibicarakan bersama dinas, pendamping dan mitra, bukan hanya lewat surat.", "Participants' problems are discussed with the agency, mentors and partners together, not only by letter."),
            s("Saya jarang mendapat kesempatan berbicara langsung dengan pihak lain dalam program ini.", "I rarely get the chance to speak directly with the other parties in this programme.", true),
          ],
        },
        {
          label: { id: "Membangun kepercayaan", en: "Trust building" },
          statements: [
            s("Saya percaya pihak lain akan menepati apa yang sudah disepakati.", "I trust the other parties to keep what was agreed."),
            s("Informasi tentang peserta dibagikan secara terbuka dan jujur.", "Information about participants is shared openly and honestly."),
            s("Saya ragu pihak lain benar-benar peduli pada keberhasilan pelaku usaha.", "I doubt the other parties really care about the entrepreneurs' success.", true),
          ],
        },
        {
          label: { id: "Komitmen terhadap proses", en: "Commitment to the process" },
          statements: [
            s("Setiap pihak tetap menindaklanjuti peserta setelah pelatihan selesai.", "Every party keeps following up participants after the training ends."),
            s("Lembaga saya menyediakan waktu dan orang untuk program ini.", "My organisation gives this programme time and people."),
          ],
        },
        {
          label: { id: "Pemahaman bersama", en: "Shared understanding" },
          statements: [
            s("Semua pihak memahami tujuan tujuh langkah PAS dengan cara yang sama.", "All parties understand the aim of the seven PAS steps the same way."),
            s("Saya tahu peran setiap pihak pada setiap langkah.", "I know each party's role at each step."),
          ],
        },
        {
          label: { id: "Hasil antara (small wins)", en: "Intermediate outcomes (small wins)" },
          statements: [
            s("Sudah terlihat hasil nyata, misalnya peserta mendapat izin usaha atau akses pasar.", "Real results can already be seen, such as participants getting a licence or market access."),
            s("Keberhasilan kecil dirayakan dan dibagikan kepada semua pihak.", "Small successes are celebrated and shared with all parties."),
          ],
        },
      ],
    },
    {
      label: { id: "Faktor penghambat", en: "Inhibiting factors" },
      subIndicators: [
        {
          label: {
            id: "Pengetahuan, jiwa kewirausahaan dan kemandirian pelaku usaha yang rendah",
            en: "Entrepreneurs' low knowledge, entrepreneurial spirit and self-reliance",
          },
          statements: [
            s("Banyak pelaku usaha berhenti karena kurang pengetahuan mengelola usaha.", "Many entrepreneurs drop out for lack of business management knowledge.", true),
            s("Pelaku usaha mau berusaha sendiri tanpa selalu menunggu bantuan.", "Entrepreneurs are willing to act on their own without always waiting for help."),
          ],
        },
        {
          label: { id: "Kesadaran para pihak", en: "Awareness of the parties" },
          statements: [
            s("Para pihak sadar bahwa keberhasilan program bergantung pada kerja sama.", "The parties are aware that the programme's success depends on working together."),
            s("Sebagian pihak menganggap program ini bukan urusan mereka.", "Some parties regard this programme as none of their business.", true),
          ],
        },
        {
          label: { id: "Ego pribadi dan kelembagaan", en: "Personal and institutional ego" },
          statements: [
            s("Kepentingan lembaga sering didahulukan daripada kepentingan peserta.", "Institutional interests often come before the participants' interests.", true),
            s("Para pihak bersedia berbagi peran dan pengakuan.", "The parties are willing to share roles and credit."),
          ],
        },
        {
          label: { id: "Anggaran", en: "Budget" },
          statements: [
            s("Anggaran yang tersedia cukup untuk menindaklanjuti peserta.", "The budget available is enough to follow up participants."),
            s("Kegiatan sering tertunda karena anggaran belum cair.", "Activities are often delayed because funds have not been released.", true),
          ],
        },
      ],
    },
    {
      label: { id: "Strategi kolaborasi", en: "Collaboration strategies" },
      subIndicators: [
        {
          label: { id: "Pembinaan teknis oleh dinas perindustrian dan perdagangan", en: "Technical guidance by the industry and trade agency" },
          statements: [s("Pembinaan teknis dari dinas perindustrian dan perdagangan membantu mutu produk peserta.", "Technical guidance from the industry and trade agency helps the quality of participants' products.")],
        },
        {
          label: { id: "Pembinaan usaha mikro oleh dinas koperasi", en: "Micro-business guidance by the cooperatives agency" },
          statements: [s("Pembinaan dari dinas koperasi dan UKM sesuai dengan kebutuhan peserta.", "Guidance from the cooperatives and SME agency fits the participants' needs.")],
        },
        {
          label: { id: "Pendampingan komoditas oleh bank sentral", en: "Commodity assistance by the central bank" },
          statements: [s("Pendampingan klaster komoditas oleh Bank Indonesia menjangkau peserta di wilayah ini.", "Bank Indonesia's commodity cluster assistance reaches participants in this area.")],
        },
        {
          label: { id: "Inklusi keuangan oleh otoritas jasa keuangan", en: "Financial inclusion by the financial services authority" },
          statements: [
            s("Program inklusi keuangan OJK membantu peserta membuka akses ke lembaga keuangan.", "OJK's financial inclusion programme helps participants reach financial institutions."),
            s("Peserta masih sulit memahami produk pembiayaan yang ditawarkan.", "Participants still find the financing products offered hard to understand.", true),
          ],
        },
        {
          label: { id: "Perbaikan sikap mental pelaksana", en: "Improving implementers' mindset" },
          statements: [s("Pelaksana program melayani peserta dengan sikap melayani, bukan sekadar menggugurkan kewajiban.", "Programme staff serve participants willingly, not merely to tick a box.")],
        },
        {
          label: { id: "Motivasi dan contoh dari pengusaha sukses", en: "Motivation and examples from successful entrepreneurs" },
          statements: [s("Kisah dan bimbingan pengusaha sukses memotivasi peserta untuk terus berusaha.", "Successful entrepreneurs' stories and coaching motivate participants to keep going.")],
        },
      ],
    },
  ],
  bands: [
    { lowerBound: 5, code: "SB", label: { id: "Sangat Baik", en: "Very good" } },
    { lowerBound: 4, code: "B", label: { id: "Baik", en: "Good" } },
    { lowerBound: 3, code: "KB", label: { id: "Kurang Baik", en: "Fair" } },
    { lowerBound: 2, code: "TB", label: { id: "Tidak Baik", en: "Poor" } },
    { lowerBound: 0, code: "STB", label: { id: "Sangat Tidak Baik", en: "Very poor" } },
  ],
};

/** Where cohorts struggle (as seed.ts makes them): dialogue and trust are weak there. */
const WEAK_DIALOGUE_DISTRICTS = ["Kemayoran", "Cengkareng", "Pasar Minggu"];
/** Where mentors caught up on stalls lately: dialogue improved from one round to the next. */
const IMPROVING_DISTRICTS = ["Pulo Gadung", "Cilincing", "Kebayoran Baru", "Taman Sari", "Cipayung"];
/** Entrepreneurs with an account in two districts outside the story: their groups stay under 5 and the results hide them. */
const FEW_RESPONDENTS = 3;

/** The most entrepreneurs per district who answer a round. */
const ENTREPRENEURS_PER_DISTRICT = 12;

/** Positions (1-based) of the process sub-indicators the story moves. */
const DIALOGUE = 1;
const TRUST = 2;
const COMMITMENT = 3;

type Story = { districtName: string; round: number };

/** The mean answer (on the good-is-high side) of a process sub-indicator, for one district in one round. */
function meanFor(story: Story, indicatorPosition: number, subPosition: number, districtOffset: number): number {
  let mean = 3.9 + districtOffset;
  if (indicatorPosition === 2) mean -= 0.5; // the inhibiting factors weigh everywhere
  if (indicatorPosition === 1 && WEAK_DIALOGUE_DISTRICTS.includes(story.districtName)) {
    if (subPosition === DIALOGUE) mean = 2.3 - 0.1 * story.round;
    if (subPosition === TRUST) mean = 2.6 - 0.1 * story.round;
    if (subPosition === COMMITMENT) mean = 3.0;
  }
  if (indicatorPosition === 1 && subPosition === DIALOGUE && IMPROVING_DISTRICTS.includes(story.districtName)) mean = 3.1 + 0.5 * story.round;
  return mean;
}

/** A whole 1–5 answer near the mean, normally spread (Box–Muller). */
function answerNear(rng: Random, mean: number): number {
  const u = Math.max(rng.next(), 1e-9);
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
  return Math.min(5, Math.max(1, Math.round(mean + 0.75 * z)));
}

export type CollaborationSeedSummary = { rounds: number; responses: number; answers: number };

/**
 * Seeds the default instrument, accounts for a handful of participants per cohort district (the
 * entrepreneurs who answer), and three rounds over those districts. `now` is the seed's "now".
 */
export function seedCollaboration(db: Db, now: number, passwordHash: string, seed = 15): CollaborationSeedSummary {
  const rng = seededRandom(seed);
  const coordinator = db.select().from(t.users).where(and(eq(t.users.role, "coordinator"), isNull(t.users.cityId))).orderBy(asc(t.users.id)).get();
  if (!coordinator) throw new Error("The collaboration survey needs the province coordinator seeded first.");
  const instrumentId = insertInstrument(db, DEFAULT_INSTRUMENT, 1, coordinator.id, now - 400 * DAY);
  const instrument = loadInstrument(db, instrumentId)!;

  // The districts where cohorts run, by name; two of them (the last) keep only a few respondents.
  const districtRows = db
    .selectDistinct({ id: t.districts.id, name: t.districts.name })
    .from(t.districts)
    .innerJoin(t.cohorts, eq(t.cohorts.districtId, t.districts.id))
    .orderBy(asc(t.districts.id))
    .all();
  const storyDistricts = [...WEAK_DIALOGUE_DISTRICTS, ...IMPROVING_DISTRICTS, "Cakung", "Gambir", "Tanah Abang"];
  const fewDistricts = new Set(districtRows.filter((d) => !storyDistricts.includes(d.name)).slice(-2).map((d) => d.id));
  const districtName = new Map(districtRows.map((d) => [d.id, d.name]));
  const districtOffset = new Map(districtRows.map((d) => [d.id, (rng.next() - 0.5) * 0.6]));

  // Entrepreneurs who answer: an account for every other participant of each district (by id), so
  // that walk-ins without an account remain in every state, as in the programme (and the access and
  // bad-input tests pick those).
  for (const district of districtRows) {
    const wanted = fewDistricts.has(district.id) ? FEW_RESPONDENTS : rng.int(9, 12);
    const have = db.select({ id: t.participants.id }).from(t.participants).where(and(eq(t.participants.districtId, district.id), isNotNull(t.participants.userId))).all().length;
    const people = db
      .select({ id: t.participants.id, fullName: t.participants.fullName })
      .from(t.participants)
      .where(and(eq(t.participants.districtId, district.id), isNull(t.participants.userId)))
      .orderBy(asc(t.participants.id))
      .all()
      .filter((_, i) => i % 2 === 1)
      .slice(0, Math.max(0, wanted - have));
    for (const person of people) {
      const user = db
        .insert(t.users)
        .values({ email: `umkm.${person.id}@pas.demo`, name: person.fullName, role: "entrepreneur", passwordHash, createdAt: now - 420 * DAY })
        .returning({ id: t.users.id })
        .get();
      db.update(t.participants).set({ userId: user.id }).where(eq(t.participants.id, person.id)).run();
    }
  }

  // The demo accounts answer the closed rounds but leave the open one to whoever tries the demo.
  const demoEmails = new Set(["umkm@pas.demo", "mentor.cakung@pas.demo", "mentor.gambir@pas.demo", "mitra@pas.demo", "koordinator@pas.demo", "koordinator.jaktim@pas.demo"]);
  // Staff, and up to a dozen entrepreneurs with an account per district (a generated database has
  // many more accounts: a few thousand responses tell the story as well as a hundred thousand).
  const respondents = db.all<Respondent & { email: string }>(sql`
    SELECT id, email, role, city_id AS cityId, agency_id AS agencyId, organisation_id AS organisationId FROM users
    WHERE role IN ('mentor', 'partner', 'coordinator') OR email IN (${sql.join([...demoEmails].map((e) => sql`${e}`), sql`, `)}) OR id IN (
      SELECT user_id FROM (
        SELECT user_id, row_number() OVER (PARTITION BY district_id ORDER BY id) AS k FROM participants WHERE user_id IS NOT NULL
      ) WHERE k <= ${ENTREPRENEURS_PER_DISTRICT})
    ORDER BY id`);

  const rounds = [
    { name: "Putaran 1", from: 365, to: 181, opened: 178, closed: 150, answerShare: 0.9 },
    { name: "Putaran 2", from: 180, to: 31, opened: 28, closed: 8, answerShare: 0.85 },
    { name: "Putaran 3", from: 30, to: -150, opened: 6, closed: null, answerShare: 0.45 },
  ];
  let responses = 0;
  let answers = 0;
  rounds.forEach((spec, index) => {
    const openedAt = now - spec.opened * DAY;
    const roundId = openRound(
      db,
      coordinator,
      {
        name: `${spec.name} ${jakartaDate(now - spec.from * DAY).slice(0, 4)}`,
        periodStart: jakartaDate(now - spec.from * DAY),
        periodEnd: jakartaDate(now - spec.to * DAY),
        instrumentId,
        scope: "districts",
        districtIds: districtRows.map((d) => d.id),
        groups: [...RESPONDENT_GROUPS],
      },
      openedAt,
    );
    const round = loadRound(db, roundId)!;
    for (const person of respondents) {
      const respondent: Respondent = person;
      const place = placeInRound(db, respondent, round);
      if (!place) continue;
      if (spec.closed === null && demoEmails.has(person.email)) continue;
      if (!rng.chance(spec.answerShare)) continue;
      // Each answer leans on the respondent's first district's story.
      const home = place.districtIds[0]!;
      const story = { districtName: districtName.get(home) ?? "", round: index };
      const offset = districtOffset.get(home) ?? 0;
      const given = new Map<number, ScaleValue>();
      const draft = spec.closed === null && rng.chance(0.2);
      for (const indicator of instrument.indicators) {
        for (const sub of indicator.subIndicators) {
          const mean = meanFor(story, indicator.position, sub.position, offset);
          for (const statement of sub.statements) {
            if (draft && rng.chance(0.4)) continue;
            const good = answerNear(rng, mean);
            given.set(statement.id, (statement.reverse ? 6 - good : good) as ScaleValue);
          }
        }
      }
      // Within the days the round was open, never after the seed's "now".
      const openHours = (spec.opened - (spec.closed ?? 0)) * 24;
      const at = Math.min(openedAt + rng.int(1, openHours - 1) * 3_600_000, now - 3_600_000);
      saveResponse(db, respondent, roundId, { intent: draft ? "draft" : "submit", answers: given }, at);
      responses++;
      answers += given.size;
    }
    if (spec.closed !== null) closeRound(db, coordinator, roundId, now - spec.closed * DAY);
  });
  return { rounds: rounds.length, responses, answers };
}
