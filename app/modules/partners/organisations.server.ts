// Partner organisations as coordinators manage them: the organisations, their cooperation
// agreements (MoU / PKS) and their attachments to stages with what they offer.
import { asc, count, eq, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { agreements, cities, districts, organisations, stagePartners } from "../../../db/schema";
import { stageNumber, type StageId } from "../../../machines/stages";
import type { OrganisationKind } from "../../../machines/vocabulary";
import type { AgreementValue, AttachmentValue, OrganisationValue } from "./forms";
import { isExpired } from "./forms";

export type { OrganisationKind };

/** A refused change: the field it concerns and the message key to show there. */
export class PartnerChangeRefused extends Error {
  constructor(
    readonly field: string,
    readonly messageKey: string,
  ) {
    super(messageKey);
  }
}

export type OrganisationListRow = {
  id: number;
  name: string;
  kind: OrganisationKind;
  contactName: string | null;
  agreements: number;
  /** Agreements still valid today. */
  validAgreements: number;
  /** Stages of the attachments whose agreement is still valid. */
  activeStages: StageId[];
};

/** The listed organisation's id inside a subquery of the selection (drizzle leaves single-table selections unqualified). */
const thisOrganisation = sql.raw(`"organisations"."id"`);

export function listOrganisations(db: Db, today: string): OrganisationListRow[] {
  const rows = db
    .select({
      id: organisations.id,
      name: organisations.name,
      kind: organisations.kind,
      contactName: organisations.contactName,
      agreements: sql<number>`(SELECT count(*) FROM agreements a WHERE a.organisation_id = ${thisOrganisation})`,
      validAgreements: sql<number>`(SELECT count(*) FROM agreements a WHERE a.organisation_id = ${thisOrganisation} AND a.valid_until >= ${today})`,
      activeStages: sql<string | null>`(SELECT group_concat(DISTINCT sp.stage) FROM stage_partners sp JOIN agreements a ON a.id = sp.agreement_id
        WHERE sp.organisation_id = ${thisOrganisation} AND a.valid_until >= ${today})`,
    })
    .from(organisations)
    .orderBy(asc(organisations.name))
    .all();
  return rows.map((row) => ({
    ...row,
    activeStages: row.activeStages ? (row.activeStages.split(",") as StageId[]).sort((a, b) => stageNumber(a) - stageNumber(b)) : [],
  }));
}

export type AgreementRow = {
  id: number;
  kind: "mou" | "pks";
  number: string;
  signedOn: string;
  validUntil: string;
  expired: boolean;
  stages: StageId[];
  /** Names of the districts covered; null: every district. */
  districtNames: string[] | null;
};

export type AttachmentRow = {
  id: number;
  stage: StageId;
  districtName: string | null;
  offer: string;
  agreementNumber: string | null;
  /** No agreement, or it has expired: the offer does not show to participants. */
  inactive: boolean;
};

export type OrganisationPage = {
  organisation: {
    id: number;
    name: string;
    kind: OrganisationKind;
    contactName: string | null;
    contactEmail: string | null;
    contactPhone: string | null;
  };
  agreements: AgreementRow[];
  attachments: AttachmentRow[];
};

export function getOrganisationPage(db: Db, organisationId: number, today: string): OrganisationPage | null {
  const organisation = db
    .select({
      id: organisations.id,
      name: organisations.name,
      kind: organisations.kind,
      contactName: organisations.contactName,
      contactEmail: organisations.contactEmail,
      contactPhone: organisations.contactPhone,
    })
    .from(organisations)
    .where(eq(organisations.id, organisationId))
    .get();
  if (!organisation) return null;
  const districtName = new Map(db.select({ id: districts.id, name: districts.name }).from(districts).all().map((d) => [d.id, d.name]));
  const agreementRows = db
    .select()
    .from(agreements)
    .where(eq(agreements.organisationId, organisationId))
    .orderBy(sql`${agreements.validUntil} DESC`, asc(agreements.id))
    .all()
    .map((a) => ({
      id: a.id,
      kind: a.kind,
      number: a.number,
      signedOn: a.signedOn,
      validUntil: a.validUntil,
      expired: isExpired(a.validUntil, today),
      stages: a.stages as StageId[],
      districtNames: a.districts ? a.districts.map((id) => districtName.get(id) ?? String(id)) : null,
    }));
  const attachments = db
    .select({
      id: stagePartners.id,
      stage: sql<StageId>`${stagePartners.stage}`,
      districtName: districts.name,
      offer: stagePartners.offer,
      agreementNumber: agreements.number,
      validUntil: agreements.validUntil,
    })
    .from(stagePartners)
    .leftJoin(districts, eq(districts.id, stagePartners.districtId))
    .leftJoin(agreements, eq(agreements.id, stagePartners.agreementId))
    .where(eq(stagePartners.organisationId, organisationId))
    .orderBy(asc(stagePartners.stage), asc(stagePartners.id))
    .all()
    .map(({ validUntil, ...row }) => ({ ...row, inactive: validUntil === null || isExpired(validUntil, today) }));
  return { organisation, agreements: agreementRows, attachments };
}

function nameTaken(db: Db, name: string, exceptId?: number): boolean {
  const row = db
    .select({ id: organisations.id })
    .from(organisations)
    .where(sql`lower(${organisations.name}) = lower(${name})`)
    .get();
  return row !== undefined && row.id !== exceptId;
}

function organisationColumns(value: OrganisationValue) {
  return {
    name: value.name,
    kind: value.kind,
    contactName: value.contactName ?? null,
    contactEmail: value.contactEmail ?? null,
    contactPhone: value.contactPhone ?? null,
  };
}

export function createOrganisation(db: Db, value: OrganisationValue): number {
  return db.transaction(
    (tx) => {
      if (nameTaken(tx as unknown as Db, value.name)) throw new PartnerChangeRefused("name", "partners.validation.nameTaken");
      return tx.insert(organisations).values(organisationColumns(value)).returning({ id: organisations.id }).get().id;
    },
    { behavior: "immediate" },
  );
}

export function updateOrganisation(db: Db, organisationId: number, value: OrganisationValue): void {
  db.transaction(
    (tx) => {
      if (nameTaken(tx as unknown as Db, value.name, organisationId)) throw new PartnerChangeRefused("name", "partners.validation.nameTaken");
      tx.update(organisations).set(organisationColumns(value)).where(eq(organisations.id, organisationId)).run();
    },
    { behavior: "immediate" },
  );
}

export function addAgreement(db: Db, organisationId: number, value: AgreementValue): number {
  const known = new Set(db.select({ id: districts.id }).from(districts).all().map((d) => d.id));
  const chosen = [...new Set(value.districts ?? [])];
  if (chosen.some((id) => !known.has(id))) throw new PartnerChangeRefused("districts", "partners.validation.districtUnknown");
  return db
    .insert(agreements)
    .values({
      organisationId,
      kind: value.kind,
      number: value.number,
      signedOn: value.signedOn,
      validUntil: value.validUntil,
      stages: [...new Set(value.stages)],
      districts: chosen.length ? chosen.sort((a, b) => a - b) : null,
    })
    .returning({ id: agreements.id })
    .get().id;
}

/**
 * Attaches the organisation to a stage (optionally in one district) under one of its agreements that
 * is still valid and covers that stage and district.
 */
export function attachToStage(db: Db, organisationId: number, value: AttachmentValue, today: string): number {
  const agreement = db.select().from(agreements).where(eq(agreements.id, value.agreementId)).get();
  if (!agreement || agreement.organisationId !== organisationId) {
    throw new PartnerChangeRefused("agreementId", "validation.choose");
  }
  if (isExpired(agreement.validUntil, today)) throw new PartnerChangeRefused("agreementId", "partners.validation.agreementExpired");
  if (!(agreement.stages as string[]).includes(value.stage)) {
    throw new PartnerChangeRefused("agreementId", "partners.validation.agreementStage");
  }
  if (value.districtId !== undefined) {
    const exists = db.select({ n: count() }).from(districts).where(eq(districts.id, value.districtId)).get()!.n;
    if (!exists) throw new PartnerChangeRefused("districtId", "partners.validation.districtUnknown");
    if (agreement.districts && !agreement.districts.includes(value.districtId)) {
      throw new PartnerChangeRefused("districtId", "partners.validation.agreementDistrict");
    }
  }
  return db
    .insert(stagePartners)
    .values({ organisationId, agreementId: agreement.id, stage: value.stage, districtId: value.districtId ?? null, offer: value.offer })
    .returning({ id: stagePartners.id })
    .get().id;
}

export type DistrictOption = { id: number; name: string; city: string };

export function districtOptions(db: Db): DistrictOption[] {
  return db
    .select({ id: districts.id, name: districts.name, city: cities.name })
    .from(districts)
    .innerJoin(cities, eq(cities.id, districts.cityId))
    .orderBy(asc(cities.name), asc(districts.name))
    .all();
}
