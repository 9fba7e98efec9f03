import { medianOfCounts, mergeCounts, ratio } from './statistics';

type Histogram = readonly { value: number; count: number }[];

export interface PipelineInput {
  readonly openings: readonly { openingId: number; title: string; roleId: number; roleName: string; stages: number }[];
  /** Applications per opening by the position of the furthest stage they reached and status. */
  readonly positions: readonly { openingId: number; position: number; status: string; count: number }[];
  /** Days (to the hour) spent in a stage before the next move, per opening and stage position: completed stays only. */
  readonly stageDays: readonly { openingId: number; position: number; days: number; count: number }[];
  /** Days (to the hour) from application to decision, per opening. */
  readonly decisionDays: readonly { openingId: number; days: number; count: number }[];
  readonly decisions: readonly { openingId: number; decision: string; count: number }[];
}

export interface PipelineRow {
  readonly key: number;
  readonly name: string;
  readonly roleName: string;
  readonly applications: number;
  /** Applications that reached each stage position (0 = everyone). */
  readonly reached: readonly number[];
  /**
   * Per stage position: active applications whose furthest stage is this one (work in progress, not
   * yet passed or failed), and the applications that stopped there (rejected, withdrawn, decided).
   */
  readonly stillIn: readonly number[];
  readonly didNotPass: readonly number[];
  /**
   * passThrough[k]: of the applications whose stay at stage k is over, the share that moved on to
   * stage k + 1, i.e. passed / (passed + did not pass); those still in stage k are left out. Null
   * when no stay there is over.
   */
  readonly passThrough: readonly (number | null)[];
  readonly medianDaysInStage: readonly (number | null)[];
  readonly medianDaysToDecision: number | null;
  readonly decisions: number;
  readonly hires: number;
}

interface Group {
  key: number;
  name: string;
  roleName: string;
  stages: number;
  positions: { position: number; count: number; status: string }[];
  stageDays: Map<number, Histogram[]>;
  decisionDays: Histogram[];
  decisions: { decision: string; count: number }[];
}

function toRow(g: Group): PipelineRow {
  const stages = Math.max(g.stages, ...g.positions.map((p) => p.position + 1), 1);
  const applications = g.positions.reduce((s, p) => s + p.count, 0);
  const reached = Array.from({ length: stages }, (_, k) => g.positions.filter((p) => p.position >= k).reduce((s, p) => s + p.count, 0));
  const stillIn = reached.map((_, k) => g.positions.filter((p) => p.position === k && p.status === 'active').reduce((s, p) => s + p.count, 0));
  const didNotPass = reached.map((count, k) => count - (reached[k + 1] ?? 0) - stillIn[k]!);
  return {
    key: g.key,
    name: g.name,
    roleName: g.roleName,
    applications,
    reached,
    stillIn,
    didNotPass,
    passThrough: reached.slice(1).map((passed, k) => ratio(passed, passed + didNotPass[k]!)),
    medianDaysInStage: reached.map((_, k) => medianOfCounts(mergeCounts(g.stageDays.get(k) ?? []))),
    medianDaysToDecision: medianOfCounts(mergeCounts(g.decisionDays)),
    decisions: g.decisions.reduce((s, d) => s + d.count, 0),
    hires: g.decisions.filter((d) => d.decision === 'hire').reduce((s, d) => s + d.count, 0),
  };
}

/** Rows per opening (openings without applications left out) and per role (their openings together). */
export function buildPipeline(input: PipelineInput): { openings: PipelineRow[]; roles: PipelineRow[]; total: PipelineRow | null } {
  const byOpening = new Map<number, Group>();
  const byRole = new Map<number, Group>();
  const all: Group = { key: 0, name: '', roleName: '', stages: 0, positions: [], stageDays: new Map(), decisionDays: [], decisions: [] };
  for (const o of input.openings) {
    byOpening.set(o.openingId, { key: o.openingId, name: o.title, roleName: o.roleName, stages: o.stages, positions: [], stageDays: new Map(), decisionDays: [], decisions: [] });
    const role = byRole.get(o.roleId) ?? { key: o.roleId, name: o.roleName, roleName: o.roleName, stages: 0, positions: [], stageDays: new Map(), decisionDays: [], decisions: [] };
    role.stages = Math.max(role.stages, o.stages);
    byRole.set(o.roleId, role);
  }
  const roleOf = new Map(input.openings.map((o) => [o.openingId, byRole.get(o.roleId)!]));
  const targets = (openingId: number) => [byOpening.get(openingId), roleOf.get(openingId), all].filter((g): g is Group => g !== undefined);
  for (const p of input.positions) for (const g of targets(p.openingId)) g.positions.push(p);
  for (const d of input.stageDays) {
    for (const g of targets(d.openingId)) {
      const list = g.stageDays.get(d.position) ?? [];
      list.push([{ value: d.days, count: d.count }]);
      g.stageDays.set(d.position, list);
    }
  }
  for (const d of input.decisionDays) for (const g of targets(d.openingId)) g.decisionDays.push([{ value: d.days, count: d.count }]);
  for (const d of input.decisions) for (const g of targets(d.openingId)) g.decisions.push(d);
  all.stages = Math.max(0, ...input.openings.map((o) => o.stages));
  const rows = (groups: Iterable<Group>) => [...groups].filter((g) => g.positions.length > 0).map(toRow).sort((a, b) => b.applications - a.applications || a.name.localeCompare(b.name));
  return { openings: rows(byOpening.values()), roles: rows(byRole.values()), total: all.positions.length > 0 ? toRow(all) : null };
}
