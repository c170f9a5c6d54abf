import type { Role } from "../../../machines/vocabulary";

/** Where each role starts: coordinators on their overview, mentors on their day ("Hari ini"). */
export function homePath(role: Role): string {
  switch (role) {
    case "coordinator":
      return "/koordinator";
    case "mentor":
      return "/hari-ini";
    case "entrepreneur":
      return "/saya";
    case "partner":
      return "/mitra";
  }
}
