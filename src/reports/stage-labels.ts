/** How the reports name stage columns when openings have interview plans of their own. */

export interface PlanStage {
  readonly openingId: number;
  /** 0 = the plan's first stage. */
  readonly position: number;
  readonly name: string;
}

/**
 * The names used at each position 0…length−1 by the given openings, most used first (then
 * alphabetically). One name where the openings agree; several where they differ; none for a
 * position no plan has (the caller says "Stage n").
 */
export function namesByPosition(openingIds: readonly number[], stages: readonly PlanStage[], length: number): string[][] {
  const chosen = new Set(openingIds);
  return Array.from({ length }, (_, position) => {
    const counts = new Map<string, number>();
    for (const s of stages) if (s.position === position && chosen.has(s.openingId)) counts.set(s.name, (counts.get(s.name) ?? 0) + 1);
    return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name]) => name);
  });
}

/**
 * Rows grouped by plan: rows whose openings name their stages alike (the same names in the same
 * order, as `namesByPosition` reads them) share one group, so each table's columns carry the
 * stage names of every row in it. Groups keep the order of their first row.
 */
export function groupByPlan<T>(rows: readonly T[], openingsOf: (row: T) => readonly number[], length: (row: T) => number, stages: readonly PlanStage[]): { names: string[][]; rows: T[] }[] {
  const groups = new Map<string, { names: string[][]; rows: T[] }>();
  for (const row of rows) {
    const names = namesByPosition(openingsOf(row), stages, length(row));
    const key = JSON.stringify(names);
    const group = groups.get(key) ?? { names, rows: [] };
    group.rows.push(row);
    groups.set(key, group);
  }
  return [...groups.values()];
}
