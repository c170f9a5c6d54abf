// The routes' way to the database handle: routes pass it to module verbs and never query themselves.
export { getDb } from "../../db/client";
export type { Db } from "../../db/client";
