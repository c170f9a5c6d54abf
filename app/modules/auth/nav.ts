// The main navigation: which pages each role has. One table, so the header and the tests agree.
import type { Role } from "../../../machines/vocabulary";

export type NavItem = {
  to: string;
  /** A message key under "nav" ("today" is the mentor's day, whose text and count live under "today"). */
  label:
    | "today"
    | "overview"
    | "participants"
    | "bulk"
    | "report"
    | "cohorts"
    | "rules"
    | "users"
    | "organisations"
    | "import"
    | "collaboration"
    | "dataRequests"
    | "myProgress"
    | "partner";
  roles: readonly Role[];
};

export const NAV_ITEMS: readonly NavItem[] = [
  { to: "/hari-ini", label: "today", roles: ["mentor"] },
  { to: "/koordinator", label: "overview", roles: ["coordinator"] },
  { to: "/peserta", label: "participants", roles: ["mentor", "coordinator"] },
  { to: "/massal", label: "bulk", roles: ["mentor"] },
  { to: "/laporan", label: "report", roles: ["mentor"] },
  { to: "/kohort", label: "cohorts", roles: ["coordinator"] },
  { to: "/organisasi", label: "organisations", roles: ["coordinator"] },
  { to: "/aturan", label: "rules", roles: ["coordinator"] },
  { to: "/pengguna", label: "users", roles: ["coordinator"] },
  { to: "/impor", label: "import", roles: ["coordinator"] },
  { to: "/kolaborasi", label: "collaboration", roles: ["coordinator"] },
  // Mentors read their districts' survey results; opening and closing rounds is the coordinators'.
  { to: "/kolaborasi/hasil", label: "collaboration", roles: ["mentor"] },
  // Participants' requests about their data: mentors answer corrections, the province carries out erasure.
  { to: "/permintaan-data", label: "dataRequests", roles: ["mentor", "coordinator"] },
  { to: "/saya", label: "myProgress", roles: ["entrepreneur"] },
  { to: "/mitra", label: "partner", roles: ["partner"] },
];

export function navFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles.includes(role));
}
