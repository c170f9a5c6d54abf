// Fixed phrases written into the database in Bahasa Indonesia, the programme's language: the
// documents statement a registration records as P1's evidence (participants/registration.ts), and
// the demo's reasons, topics, products and notes (db/seed*.ts, db/generate.ts). They are stored as
// said, so that a record and its exports read the same whoever looks; a page shows a phrase it
// recognises in the reader's language (message "phrase.<key>", whose Bahasa Indonesia is the stored
// text itself). Free text people type is not listed and is shown as typed. Safe for both sides.
import type { TFunction } from "i18next";

export const FIXED_PHRASES = {
  // The documents statement of a registration, by track.
  "Menyatakan memiliki rencana usaha.": "statementBusinessPlan",
  "Menyatakan memiliki rencana pengembangan usaha dan bukti kepemilikan usaha.": "statementDevelopmentPlan",
  "Rencana usaha terlampir": "statementPlanAttached",
  "Rencana pengembangan usaha dan bukti kepemilikan usaha terlampir": "statementDevelopmentPlanAttached",
  // Reasons: a registration refused, a pause, a withdrawal, a stage sent back or waived.
  "Dokumen rencana usaha belum lengkap": "rejectPlanIncomplete",
  "Foto KTP tidak terbaca": "rejectKtpUnreadable",
  "Surat keterangan lurah belum ada": "rejectNoLurahLetter",
  Sakit: "holdIll",
  "Pindah lokasi usaha sementara": "holdMovedTemporarily",
  "Mengurus keluarga": "holdFamily",
  "Usaha tutup sementara (renovasi)": "holdRenovation",
  "Usaha ditutup": "withdrawClosed",
  "Bekerja penuh waktu": "withdrawFullTimeJob",
  "Tidak dapat dihubungi": "withdrawUnreachable",
  "Pindah ke luar Jakarta": "withdrawMovedAway",
  "Tidak melanjutkan program": "withdrawNotContinuing",
  "Bukti belum sesuai": "sendBackEvidence",
  "Dokumen izin perlu diperbarui": "sendBackLicence",
  "Laporan belum lengkap": "sendBackReport",
  "Sudah mengikuti pelatihan sejenis": "waiveTrained",
  "Sudah didampingi program lain": "waiveMentored",
  "Sudah memiliki NIB": "waiveNib",
  "Sudah memiliki P-IRT": "waivePirt",
  "Sudah berjualan di marketplace": "waiveMarketplace",
  "Sudah rutin membuat laporan keuangan": "waiveReports",
  "Sudah berjalan sebelum program": "waiveBeforeProgramme",
  "Pindah domisili dan tempat usaha ke Cakung.": "handoffMovedToCakung",
  // Training and mentoring topics.
  "Pemasaran digital": "topicDigitalMarketing",
  "Manajemen usaha": "topicBusinessManagement",
  "Pencatatan keuangan": "topicBookkeeping",
  "Foto produk": "topicProductPhotos",
  "Tata boga": "topicCooking",
  Menjahit: "topicSewing",
  "Kriya daur ulang": "topicUpcycledCrafts",
  "Rencana usaha": "topicBusinessPlan",
  "Harga pokok produksi": "topicCostPrice",
  Kemasan: "topicPackaging",
  Perizinan: "topicLicensing",
  "Pemasaran daring": "topicOnlineMarketing",
  "Pembukuan sederhana": "topicSimpleBookkeeping",
  // Financing products (KUR's are names, the same in every language).
  "Kredit modal kerja": "productWorkingCapital",
  "Pembiayaan kelompok": "productGroupFinancing",
  // Stall notes.
  "Menunggu keputusan kredit dari Bank DKI.": "noteAwaitingBankDki",
  "Belum mengirim laporan omset bulan lalu.": "noteReportMissing",
} as const;

export type PhraseKey = (typeof FIXED_PHRASES)[keyof typeof FIXED_PHRASES];

/** The key of a fixed phrase, or null for anything else (free text). */
export function phraseKey(text: string): PhraseKey | null {
  const trimmed = text.trim();
  return Object.hasOwn(FIXED_PHRASES, trimmed) ? FIXED_PHRASES[trimmed as keyof typeof FIXED_PHRASES] : null;
}

/** Stored text for a reader: a fixed phrase in their language, anything else exactly as stored. */
export function shownText(t: TFunction, text: string): string {
  const key = phraseKey(text);
  return key ? t(`phrase.${key}`) : text;
}
