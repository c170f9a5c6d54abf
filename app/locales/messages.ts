// All interface text, one namespace per language. Each feature keeps its messages in its own file
// (so features can grow without touching each other's); the files are merged here and must not
// share a top-level key (checked in locales.test.ts).
import enAdmin from "./en/admin.json";
import enBulk from "./en/bulk.json";
import enCohorts from "./en/cohorts.json";
import enCommon from "./en/common.json";
import enCoordinator from "./en/coordinator.json";
import enDormancy from "./en/dormancy.json";
import enEntrepreneur from "./en/entrepreneur.json";
import enPartners from "./en/partners.json";
import enReport from "./en/report.json";
import enToday from "./en/today.json";
import enTransfer from "./en/transfer.json";
import enWorkspace from "./en/workspace.json";
import idAdmin from "./id/admin.json";
import idBulk from "./id/bulk.json";
import idCohorts from "./id/cohorts.json";
import idCommon from "./id/common.json";
import idCoordinator from "./id/coordinator.json";
import idDormancy from "./id/dormancy.json";
import idEntrepreneur from "./id/entrepreneur.json";
import idPartners from "./id/partners.json";
import idReport from "./id/report.json";
import idToday from "./id/today.json";
import idTransfer from "./id/transfer.json";
import idWorkspace from "./id/workspace.json";

export const MESSAGE_FILES = {
  id: [idCohorts, idCommon, idWorkspace, idReport, idBulk, idEntrepreneur, idCoordinator, idAdmin, idPartners, idTransfer, idDormancy, idToday],
  en: [enCohorts, enCommon, enWorkspace, enReport, enBulk, enEntrepreneur, enCoordinator, enAdmin, enPartners, enTransfer, enDormancy, enToday],
} as const;

export const id = {
  ...idCohorts,
  ...idCommon,
  ...idWorkspace,
  ...idReport,
  ...idBulk,
  ...idEntrepreneur,
  ...idCoordinator,
  ...idAdmin,
  ...idPartners,
  ...idTransfer,
  ...idDormancy,
  ...idToday,
};

export const en = {
  ...enCohorts,
  ...enCommon,
  ...enWorkspace,
  ...enReport,
  ...enBulk,
  ...enEntrepreneur,
  ...enCoordinator,
  ...enAdmin,
  ...enPartners,
  ...enTransfer,
  ...enDormancy,
  ...enToday,
};
