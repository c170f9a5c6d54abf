// Protecting the NIK: a keyed HMAC to match duplicates, AES-256-GCM to keep the number itself.
// An NIK encodes region, birth date and sex, so a plain hash of it protects nothing.
import { createCipheriv, createDecipheriv, createHmac, randomBytes, scryptSync } from "node:crypto";
import { maskNik } from "./nik";

const DEV_KEY = "pas-tracker-development-key-change-me";

let warned = false;
function secret(): string {
  const key = process.env.PAS_DATA_KEY;
  if (key) return key;
  // A real deployment must bring its own key; only the demo (`npm start`, PAS_DEMO=1) may run on this one.
  if (process.env.NODE_ENV === "production" && process.env.PAS_DEMO !== "1") {
    throw new Error("PAS_DATA_KEY must be set in production (or PAS_DEMO=1 for the demo database)");
  }
  if (!warned && !process.env.VITEST) {
    warned = true;
    console.warn("PAS_DATA_KEY is not set: using the development key (demo data only).");
  }
  return DEV_KEY;
}

let cached: { secret: string; hmacKey: Buffer; encKey: Buffer } | undefined;
function keys() {
  const s = secret();
  if (cached?.secret !== s) {
    cached = {
      secret: s,
      hmacKey: scryptSync(s, "pas-tracker:nik-hmac", 32),
      encKey: scryptSync(s, "pas-tracker:nik-enc", 32),
    };
  }
  return cached;
}

export function nikHmac(nik: string): string {
  return createHmac("sha256", keys().hmacKey).update(nik).digest("base64url");
}

// Initialisation vectors come from a pool of random bytes filled 4 KiB at a time: one call into the
// system's random source per 341 encryptions instead of one each (an import encrypts thousands).
// Each IV is used once; a used-up pool is replaced, never refilled, so no IV handed out changes.
const IV_BYTES = 12;
let ivPool = Buffer.alloc(0);
let ivNext = 0;
function freshIv(): Buffer {
  if (ivNext + IV_BYTES > ivPool.length) {
    ivPool = randomBytes(IV_BYTES * 341);
    ivNext = 0;
  }
  ivNext += IV_BYTES;
  return ivPool.subarray(ivNext - IV_BYTES, ivNext);
}

export function encryptNik(nik: string): string {
  const iv = freshIv();
  const cipher = createCipheriv("aes-256-gcm", keys().encKey, iv);
  const body = Buffer.concat([cipher.update(nik, "utf8"), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString("base64url")).join(".");
}

export function decryptNik(stored: string): string {
  const [iv, tag, body] = stored.split(".").map((part) => Buffer.from(part, "base64url"));
  const decipher = createDecipheriv("aes-256-gcm", keys().encKey, iv!);
  decipher.setAuthTag(tag!);
  return Buffer.concat([decipher.update(body!), decipher.final()]).toString("utf8");
}

/** The identity columns stored for one NIK (its HMAC passed in when the caller already has it). */
export function nikColumns(nik: string, hmac = nikHmac(nik)) {
  return {
    nikHmac: hmac,
    nikCipher: encryptNik(nik),
    nikLast4: nik.slice(-4),
    nikMasked: maskNik(nik.slice(0, 4), nik.slice(-4)),
  };
}
