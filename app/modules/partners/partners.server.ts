// Partner staff. For now only who they are; referrals and recorded outcomes come later.
import { eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { organisations } from "../../../db/schema";

export function getOrganisationName(db: Db, organisationId: number | null): string | null {
  if (organisationId == null) return null;
  return db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, organisationId)).get()?.name ?? null;
}
