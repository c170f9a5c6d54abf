// NIK structure checks and masking (app/modules/identity/nik.ts).
import { describe, expect, it } from "vitest";
import { isDkiNik, maskNik, maskPhone, nikProblem } from "../../app/modules/identity/nik";

/** A DKI NIK: Jakarta Timur (3174), district 01, a woman born 15-08-1990 (day 55 = 15 + 40), serial 0001. */
const WOMAN_1990 = "3174015508900001";
/** Replaces the digits at [start, start + replacement.length). */
const withDigits = (nik: string, start: number, replacement: string) =>
  nik.slice(0, start) + replacement + nik.slice(start + replacement.length);
const withDay = (day: string) => withDigits(WOMAN_1990, 6, day);
const withMonth = (month: string) => withDigits(WOMAN_1990, 8, month);

describe("nikProblem", () => {
  it("accepts a valid DKI NIK of a woman (birth day + 40) and of a man", () => {
    expect(nikProblem(WOMAN_1990)).toBeNull();
    expect(nikProblem(withDay("15"))).toBeNull();
    expect(nikProblem("3201011201850003")).toBeNull(); // Jawa Barat, a man born 12-01-1985
  });

  it("refuses a wrong length", () => {
    expect(nikProblem(WOMAN_1990.slice(0, 15))).toBe("length");
    expect(nikProblem(`${WOMAN_1990}0`)).toBe("length");
  });

  it("refuses anything but digits", () => {
    expect(nikProblem("31740155O8900001")).toBe("digits"); // a letter O among the digits
    expect(nikProblem("3174 0155 0890 0001")).toBe("digits");
    expect(nikProblem("")).toBe("digits");
  });

  it("refuses an unknown province code", () => {
    expect(nikProblem(withDigits(WOMAN_1990, 0, "99"))).toBe("province");
    expect(nikProblem(withDigits(WOMAN_1990, 0, "00"))).toBe("province");
  });

  it("refuses a birth day outside 01–31 (men) and 41–71 (women)", () => {
    for (const day of ["00", "32", "40", "72", "99"]) expect(nikProblem(withDay(day)), day).toBe("birth-day");
    for (const day of ["01", "31", "41", "71"]) expect(nikProblem(withDay(day)), day).toBeNull();
  });

  it("refuses a birth month outside 01–12", () => {
    expect(nikProblem(withMonth("00"))).toBe("birth-month");
    expect(nikProblem(withMonth("13"))).toBe("birth-month");
    expect(nikProblem(withMonth("12"))).toBeNull();
  });

  it("refuses a birth date the calendar does not have: 31 February, 30 February + 40, 31 April, 29 February of a common year", () => {
    const born = (day: string, month: string, year: string) => withDigits(withDigits(withDigits(WOMAN_1990, 6, day), 8, month), 10, year);
    expect(nikProblem(born("31", "02", "90"))).toBe("birth-day");
    expect(nikProblem(born("70", "02", "90"))).toBe("birth-day"); // a woman born "30 February"
    expect(nikProblem(born("31", "04", "90"))).toBe("birth-day");
    expect(nikProblem(born("71", "11", "90"))).toBe("birth-day"); // 31 November, a woman
    expect(nikProblem(born("29", "02", "90"))).toBe("birth-day");
    expect(nikProblem(born("69", "02", "91"))).toBe("birth-day");
    // Leap years: 1988, 2000 (00), 2004; the last day of every month is fine.
    expect(nikProblem(born("29", "02", "88"))).toBeNull();
    expect(nikProblem(born("69", "02", "00"))).toBeNull();
    expect(nikProblem(born("29", "02", "04"))).toBeNull();
    expect(nikProblem(born("28", "02", "90"))).toBeNull();
    for (const [month, last] of [["01", "31"], ["04", "30"], ["06", "30"], ["09", "30"], ["11", "30"], ["12", "31"]]) {
      expect(nikProblem(born(last!, month!, "90")), `${last}-${month}`).toBeNull();
      expect(nikProblem(born(String(Number(last) + 40), month!, "90")), `woman ${last}-${month}`).toBeNull();
    }
  });
});

describe("isDkiNik", () => {
  it("is true only for NIKs starting with 31 (DKI Jakarta)", () => {
    expect(isDkiNik(WOMAN_1990)).toBe(true);
    expect(isDkiNik("3201011201850003")).toBe(false);
    expect(isDkiNik("1331011201850003")).toBe(false);
  });
});

describe("masking personal data", () => {
  it("maskNik keeps the region digits and the last four, hiding the birth date and sex", () => {
    const masked = maskNik(WOMAN_1990.slice(0, 4), WOMAN_1990.slice(-4));
    expect(masked).toBe("3174********0001");
    expect(masked).toHaveLength(16);
    expect(masked).not.toContain("5508");
  });

  it("maskPhone shows the first four and last three digits, hiding the rest", () => {
    expect(maskPhone("081234567890")).toBe("0812•••••890");
    expect(maskPhone("0812 3456 7890")).toBe("0812•••••890");
    expect(maskPhone("+6281234567890")).toBe("+628•••••••890");
    expect(maskPhone("081234567890")).not.toContain("34567");
  });

  it("maskPhone gives nothing for no phone and hides a very short one entirely", () => {
    expect(maskPhone(null)).toBe("");
    expect(maskPhone(undefined)).toBe("");
    expect(maskPhone("")).toBe("");
    expect(maskPhone("1500")).toBe("••••");
  });

  it("maskPhone hides all but the last three digits of a 5–7 character phone, without repeating any", () => {
    expect(maskPhone("12345")).toBe("••345");
    expect(maskPhone("1234567")).toBe("••••567");
    expect(maskPhone("12345678")).toBe("1234•678");
  });
});
