// The import thread's entry: a worker thread does not inherit the process's `--import tsx`, so it
// registers tsx itself before loading the TypeScript sources (import-thread.ts).
import { register } from "tsx/esm/api";

register();
await import("./import-thread.ts");
