// What the messages say. They go to a phone or a mailbox, read by people in Jakarta: Bahasa
// Indonesia only (a text message has no language switch), short, and never with an NIK.

export function signupCodeText(code: string): { subject: string; body: string } {
  return {
    subject: "Kode pendaftaran PAS",
    body: `Kode pendaftaran PAS Anda: ${code}. Berlaku 10 menit. Jangan berikan kode ini kepada siapa pun, termasuk petugas.`,
  };
}

export function signInCodeText(code: string): { subject: string; body: string } {
  return {
    subject: "Kode masuk PAS Tracker",
    body: `Kode masuk PAS Tracker Anda: ${code}. Berlaku 10 menit. Jangan berikan kode ini kepada siapa pun, termasuk petugas.`,
  };
}

export function resetLinkText(link: string): { subject: string; body: string } {
  return {
    subject: "Atur ulang kata sandi PAS Tracker",
    body: `Seseorang meminta atur ulang kata sandi akun PAS Tracker Anda. Buka tautan ini dalam 1 jam untuk membuat kata sandi baru (sekali pakai): ${link}\nJika bukan Anda, abaikan pesan ini; kata sandi Anda tidak berubah.`,
  };
}

/** To the mentor who serves the district: a sign-up that proved its phone but matches someone already known. */
export function duplicateSignupText(input: { fullName: string; phone: string; district: string; reason: "nik" | "email" }): { subject: string; body: string } {
  const why = input.reason === "nik" ? "NIK-nya sudah terdaftar di lembaga Anda" : "email-nya sudah dipakai akun lain";
  return {
    subject: "Pendaftaran web yang tertahan",
    body:
      `Pendaftaran web di Kecamatan ${input.district} atas nama "${input.fullName}" (nomor HP ${input.phone}, sudah dibuktikan dengan kode) tidak dibuat karena ${why}. ` +
      "Orang itu hanya diberi tahu untuk masuk atau menghubungi kantor kecamatan. Hubungi nomor tersebut bila perlu.",
  };
}

export function claimCodeText(code: string): { subject: string; body: string } {
  return {
    subject: "Kode aktivasi akun PAS",
    body: `Kode aktivasi akun PAS Anda: ${code}. Berlaku 10 menit. Jangan berikan kode ini kepada siapa pun, termasuk petugas.`,
  };
}
