// How partners do with the people referred to them, for coordinators: per organisation, referrals,
// those with an outcome, the share with one and the median days from referral to first outcome.
// Counted over the referrals of participants in the coordinator's scope (a city coordinator: their city).
import { asc, eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { organisations, participants, referrals } from "../../../db/schema";
import { DAY_MS } from "../../../machines/time";
import { participantScope, type Viewer } from "../access/scope.server";

export type PartnerPerformanceRow = {
  organisationId: number;
  name: string;
  referrals: number;
  outcomes: number;
  /** outcomes / referrals, 0–1; null without referrals. */
  outcomeShare: number | null;
  /** Median whole days from referral to first outcome, over referrals with one; null when none has. */
  medianDaysToOutcome: number | null;
};

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function partnerPerformance(db: Db, viewer: Viewer): PartnerPerformanceRow[] {
  const rows = db
    .select({
      organisationId: referrals.organisationId,
      referredAt: referrals.referredAt,
      outcomeAt: referrals.outcomeAt,
    })
    .from(referrals)
    .innerJoin(participants, eq(participants.id, referrals.participantId))
    .where(participantScope(db, viewer))
    .all();
  const byOrganisation = new Map<number, { referrals: number; days: number[] }>();
  for (const row of rows) {
    const entry = byOrganisation.get(row.organisationId) ?? { referrals: 0, days: [] };
    entry.referrals++;
    if (row.outcomeAt !== null) entry.days.push(Math.floor((row.outcomeAt - row.referredAt) / DAY_MS));
    byOrganisation.set(row.organisationId, entry);
  }
  return db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .orderBy(asc(organisations.name))
    .all()
    .map(({ id, name }) => {
      const entry = byOrganisation.get(id) ?? { referrals: 0, days: [] };
      return {
        organisationId: id,
        name,
        referrals: entry.referrals,
        outcomes: entry.days.length,
        outcomeShare: entry.referrals ? entry.days.length / entry.referrals : null,
        medianDaysToOutcome: median(entry.days),
      };
    });
}
