// Message keys are checked at compile time against the Bahasa Indonesia messages (the reference).
import type { id } from "~/locales/messages";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "common";
    resources: { common: typeof id };
  }
}
