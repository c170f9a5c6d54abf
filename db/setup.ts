// Prepares the database before the server listens: applies migrations, then seeds the demo data
// once (only into an empty database). Run by `npm start`; tests call setupDatabase() directly.
import { count } from "drizzle-orm";
import { pathToFileURL } from "node:url";
import { openDatabase, databasePath } from "./client";
import { migrateDatabase } from "./migrate";
import { users } from "./schema";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo, type SeedOptions } from "./seed";

export async function setupDatabase(path: string, options: SeedOptions & { seed?: number } = {}) {
  const db = openDatabase(path);
  try {
    migrateDatabase(db);
    const [{ n }] = db.select({ n: count() }).from(users).all() as [{ n: number }];
    if (n > 0) return { seeded: false as const };
    const summary = await seedDemo(db, options);
    return { seeded: true as const, summary };
  } finally {
    db.$client.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const path = databasePath();
  const started = Date.now();
  const result = await setupDatabase(path);
  if (result.seeded) {
    const s = result.summary;
    console.log(
      `Demo database ready at ${path}: ${s.participants} participants, ${s.cohorts} cohorts, ${s.logEntries} log entries (${((Date.now() - started) / 1000).toFixed(1)} s).`,
    );
  } else {
    console.log(`Database at ${path} is migrated (demo data already present).`);
  }
  console.log(`\nDemo accounts (password for all: ${DEMO_PASSWORD}):`);
  for (const account of DEMO_ACCOUNTS) console.log(`  ${account.email.padEnd(30)} ${account.role.padEnd(13)} ${account.who}`);
  console.log("");
}
