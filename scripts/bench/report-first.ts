/**
 * The uncached cost of each report, in process: opens the database (DATABASE_URL or DATA_DIR as the
 * app does), then computes each report's model for the bench user RUNS times, printing the median
 * wall and CPU ms. `node dist/scripts/bench/report-first.js [report…]`.
 */
import fs from 'node:fs';
import { loadConfig } from '../../src/config';
import { openDatabase } from '../../src/db/open-database';
import { buildCalibrationReport, buildOnboardingReportFor, buildPipelineReport, buildPredictionReport, buildSourcesReport, loadPlanStages } from '../../src/reports/reports.service';

const RUNS = Number(process.env.RUNS ?? 5);

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const { db, close } = openDatabase(config.database);
  const user = await db.selectFrom('users').select(['id', 'role']).where('email', '=', process.env.BENCH_EMAIL ?? 'bench@salesbench.test').executeTakeFirstOrThrow();
  const viewer = { id: user.id, role: user.role };
  const reports: Record<string, () => Promise<unknown>> = {
    prediction: () => buildPredictionReport(db, viewer, 'Weighted', 'en'),
    calibration: () => buildCalibrationReport(db, viewer, 'en'),
    sources: () => Promise.all([buildSourcesReport(db, viewer, 'en'), loadPlanStages(db, viewer, 'en')]),
    pipeline: () => Promise.all([buildPipelineReport(db, viewer, {}, 'en'), loadPlanStages(db, viewer, 'en')]),
    onboarding: () => buildOnboardingReportFor(db, viewer, new Date().toISOString().slice(0, 10), 'en'),
  };
  const chosen = process.argv.slice(2).length > 0 ? process.argv.slice(2) : Object.keys(reports);
  for (const name of chosen) {
    const first = await reports[name]!(); // warm-up: module JIT, statement cache
    // DUMP=<dir>: writes each model as JSON, to compare the figures before and after a change.
    // eslint-disable-next-line security/detect-non-literal-fs-filename -- a directory named by whoever runs the bench
    if (process.env.DUMP) fs.writeFileSync(`${process.env.DUMP}/${config.database.dialect}-${name}.json`, JSON.stringify(first, (_k, v: unknown) => (v instanceof Map ? [...(v as Map<unknown, unknown>)] : v), 1));
    const walls: number[] = [];
    const cpus: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      const cpu = process.cpuUsage();
      await reports[name]!();
      const used = process.cpuUsage(cpu);
      walls.push(performance.now() - start);
      cpus.push((used.user + used.system) / 1000);
    }
    const med = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!.toFixed(0);
    console.log(`${config.database.dialect} ${name}: wall ${med(walls)} ms, cpu ${med(cpus)} ms (median of ${RUNS}; min wall ${Math.min(...walls).toFixed(0)})`);
  }
  await close();
}

void main();
