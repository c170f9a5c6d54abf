// Cohorts in a chooser. Names are unique within a district only, so a list spanning districts may
// hold the same name twice: those get their district, the others stay as they are.

/** Each row with `label`: the name, with the district when another row of the list has the same name. */
export function labelCohorts<T extends { name: string; districtName: string }>(rows: T[]): (T & { label: string })[] {
  const seen = new Map<string, number>();
  for (const row of rows) seen.set(row.name.toLowerCase(), (seen.get(row.name.toLowerCase()) ?? 0) + 1);
  return rows.map((row) => ({ ...row, label: (seen.get(row.name.toLowerCase()) ?? 0) > 1 ? `${row.name} (${row.districtName})` : row.name }));
}
