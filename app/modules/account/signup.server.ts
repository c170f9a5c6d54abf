// Self-registration in two steps. The form comes in, is checked, and waits (in one_time_codes, its NIK
// encrypted and its password hashed) while a six-digit code goes to the phone number given: nothing
// reaches a mentor's queue until the person proves they hold that phone. Then the registration is
// made as before (participants/registration.server.ts). A taken NIK or email is never told to the
// person: every sign-up gets "a code was sent", and after the code a duplicate gets one neutral
// answer while the mentor who serves the district is told the real reason.
import { eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { districts, users } from "../../../db/schema";
import { hashPassword } from "../auth/password.server";
import { checkCode, issueCode } from "../codes/one-time.server";
import { decryptNik, encryptNik } from "../identity/identity.server";
import { hitAll } from "../limits/rate-limit.server";
import { sendMessage } from "../outbox/outbox.server";
import { duplicateSignupText, signupCodeText } from "../outbox/texts";
import { internationalPhone } from "../identity/phone";
import type { SelfRegistrationValue } from "../participants/registration";
import { registerSelf, RegistrationRefused, servingAgencyOf } from "../participants/registration.server";
import { getFileStore } from "../files/files-store.server";
import { attachSignupDocuments, discardSignupDocuments, type SignupDocument } from "./signup-documents.server";

/** The form while its code is out: the NIK encrypted, the password hashed, the documents in the store's temp area. */
type PendingSignup = Omit<SelfRegistrationValue, "password"> & { passwordHash: string; documents?: SignupDocument[] };

export type SignupStart =
  | { ok: true; ticket: number }
  | { ok: false; refusal: "limited"; retryAfterSeconds: number }
  | { ok: false; refusal: "field"; field: "districtId" | "phone"; messageKey: string };

/** `documents`: the KTP photo and business plan checked already (signup-documents.server.ts); the caller discards them on a refusal. */
export async function startSignup(db: Db, value: SelfRegistrationValue, address: string, now = Date.now(), documents: SignupDocument[] = []): Promise<SignupStart> {
  const phone = internationalPhone(value.phone);
  if (!phone) return { ok: false, refusal: "field", field: "phone", messageKey: "registration.phoneInvalid" };
  if (!servingAgencyOf(db, value.districtId)) return { ok: false, refusal: "field", field: "districtId", messageKey: "registration.districtUnknown" };
  const limited = hitAll(
    db,
    [
      ["SIGNUP_PER_ADDRESS", address],
      ["SIGNUP_GLOBAL", "all"],
      ["CODES_PER_RECIPIENT", phone],
    ],
    now,
  );
  if (!limited.ok) return { ok: false, refusal: "limited", retryAfterSeconds: limited.retryAfterSeconds };

  const { password, ...rest } = value;
  const pending: PendingSignup = { ...rest, nik: encryptNik(value.nik), passwordHash: await hashPassword(password), documents };
  const { id, code } = issueCode(db, { purpose: "signup", target: phone, payload: pending }, now);
  await sendMessage(db, { channel: "phone", to: phone, ...signupCodeText(code) }, now);
  return { ok: true, ticket: id };
}

export type SignupFinish = { ok: true; userId: number } | { ok: false; refusal: "wrong" | "expired" | "duplicate" };

export async function finishSignup(db: Db, ticket: number, code: string, now = Date.now()): Promise<SignupFinish> {
  const checked = checkCode(db, "signup", ticket, code, now);
  if (!checked.ok) return { ok: false, refusal: checked.reason };
  const { documents = [], ...pending } = checked.payload as PendingSignup;
  const value = { ...pending, nik: decryptNik(pending.nik) };
  try {
    const { userId, participantId } = await registerSelf(db, value, now);
    // The documents become the new participant's P1 documents, added by their own account.
    if (documents.length) await attachSignupDocuments(db, getFileStore(), documents, { participantId, userId }, now);
    return { ok: true, userId };
  } catch (error) {
    if (!(error instanceof RegistrationRefused)) throw error;
    discardSignupDocuments(documents);
    if (error.field === "nik" || error.field === "email") await tellServingMentor(db, value, checked.target, error.field, now);
    return { ok: false, refusal: "duplicate" };
  }
}

async function tellServingMentor(db: Db, value: PendingSignup, phone: string, reason: "nik" | "email", now: number): Promise<void> {
  const serving = servingAgencyOf(db, value.districtId);
  const mentor = serving?.mentorId == null ? undefined : db.select({ email: users.email }).from(users).where(eq(users.id, serving.mentorId)).get();
  const district = db.select({ name: districts.name }).from(districts).where(eq(districts.id, value.districtId)).get();
  if (!mentor || !district) return;
  await sendMessage(db, { channel: "email", to: mentor.email, ...duplicateSignupText({ fullName: value.fullName, phone, district: district.name, reason }) }, now);
}
