// All interface text, by language and namespace. A namespace is one file (app/locales/<lang>/<name>.json),
// so each feature keeps its messages apart and a page's browser loads only the namespaces its routes
// use (app/modules/i18n/namespaces.ts). The server and the tests read every file from here; the
// browser never imports this module. Within a language all files form one set of keys (`t("self.title")`,
// checked at compile time against Bahasa Indonesia): no two files may share a top-level key (checked
// in locales.test.ts).
import enAccount from "./en/account.json";
import enAdmin from "./en/admin.json";
import enBulk from "./en/bulk.json";
import enCohorts from "./en/cohorts.json";
import enCommon from "./en/common.json";
import enCoordinator from "./en/coordinator.json";
import enDormancy from "./en/dormancy.json";
import enEntrepreneur from "./en/entrepreneur.json";
import enLending from "./en/lending.json";
import enPartners from "./en/partners.json";
import enReport from "./en/report.json";
import enSurvey from "./en/survey.json";
import enToday from "./en/today.json";
import enResults from "./en/results.json";
import enTransfer from "./en/transfer.json";
import enWorkspace from "./en/workspace.json";
import idAccount from "./id/account.json";
import idAdmin from "./id/admin.json";
import idBulk from "./id/bulk.json";
import idCohorts from "./id/cohorts.json";
import idCommon from "./id/common.json";
import idCoordinator from "./id/coordinator.json";
import idDormancy from "./id/dormancy.json";
import idEntrepreneur from "./id/entrepreneur.json";
import idLending from "./id/lending.json";
import idPartners from "./id/partners.json";
import idReport from "./id/report.json";
import idSurvey from "./id/survey.json";
import idToday from "./id/today.json";
import idResults from "./id/results.json";
import idTransfer from "./id/transfer.json";
import idWorkspace from "./id/workspace.json";

export const TEXT = {
  id: {
    account: idAccount,
    admin: idAdmin,
    bulk: idBulk,
    cohorts: idCohorts,
    common: idCommon,
    coordinator: idCoordinator,
    dormancy: idDormancy,
    entrepreneur: idEntrepreneur,
    lending: idLending,
    partners: idPartners,
    report: idReport,
    survey: idSurvey,
    today: idToday,
    results: idResults,
    transfer: idTransfer,
    workspace: idWorkspace,
  },
  en: {
    account: enAccount,
    admin: enAdmin,
    bulk: enBulk,
    cohorts: enCohorts,
    common: enCommon,
    coordinator: enCoordinator,
    dormancy: enDormancy,
    entrepreneur: enEntrepreneur,
    lending: enLending,
    partners: enPartners,
    report: enReport,
    survey: enSurvey,
    today: enToday,
    results: enResults,
    transfer: enTransfer,
    workspace: enWorkspace,
  },
} as const;

/** Every message of a language as one object (the keys a `t` call may name). */
export const id = {
  ...idAccount,
  ...idAdmin,
  ...idBulk,
  ...idCohorts,
  ...idCommon,
  ...idCoordinator,
  ...idDormancy,
  ...idEntrepreneur,
  ...idLending,
  ...idPartners,
  ...idReport,
  ...idSurvey,
  ...idToday,
  ...idResults,
  ...idTransfer,
  ...idWorkspace,
};

export const en = {
  ...enAccount,
  ...enAdmin,
  ...enBulk,
  ...enCohorts,
  ...enCommon,
  ...enCoordinator,
  ...enDormancy,
  ...enEntrepreneur,
  ...enLending,
  ...enPartners,
  ...enReport,
  ...enSurvey,
  ...enToday,
  ...enResults,
  ...enTransfer,
  ...enWorkspace,
};
