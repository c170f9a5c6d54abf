// A small seeded random source, so that the demo data and the scale generator are deterministic.
import { SECTORS as SECTOR_VALUES, type Sector } from "../machines/vocabulary";

/** mulberry32: tiny, fast, good enough for test data (not for secrets). */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    /** Integer in [min, max]. */
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}

export type Random = ReturnType<typeof seededRandom>;

export const FIRST_NAMES = [
  "Siti", "Dewi", "Rina", "Nur", "Ayu", "Putri", "Lestari", "Wati", "Fitri", "Yuliana",
  "Budi", "Agus", "Rudi", "Andi", "Joko", "Hendra", "Eko", "Bambang", "Dedi", "Rizky",
  "Indah", "Ratna", "Sri", "Maya", "Nia", "Tuti", "Yanti", "Ahmad", "Fajar", "Irfan",
];

export const LAST_NAMES = [
  "Rahmawati", "Santoso", "Wijaya", "Saputra", "Hidayat", "Kurniawan", "Pratama", "Lestari",
  "Setiawan", "Nugroho", "Purnama", "Susanti", "Hartono", "Siregar", "Simanjuntak", "Nasution",
  "Halim", "Gunawan", "Permata", "Maharani",
];

/** The business-name word that goes with each sector (a Record: every sector has one). */
const SECTOR_WORD: Record<Sector, string> = {
  kuliner: "Dapur",
  fesyen: "Butik",
  kriya: "Kriya",
  jasa: "Jasa",
  pertanian_perkotaan: "Kebun",
  perdagangan: "Toko",
};
/** The sectors in the vocabulary's order, each with its business-name word. */
export const SECTORS = SECTOR_VALUES.map((sector) => ({ sector, word: SECTOR_WORD[sector] }));
