import type { Role } from "../../../db/schema";

/** Where each role starts. Coordinators use the participant list until their dashboard exists. */
export function homePath(role: Role): string {
  switch (role) {
    case "mentor":
    case "coordinator":
      return "/peserta";
    case "entrepreneur":
      return "/saya";
    case "partner":
      return "/mitra";
  }
}
