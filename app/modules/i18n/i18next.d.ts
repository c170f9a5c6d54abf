// Message keys are checked at compile time against the Bahasa Indonesia file (the reference).
import type id from "~/locales/id/common.json";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "common";
    resources: { common: typeof id };
  }
}
