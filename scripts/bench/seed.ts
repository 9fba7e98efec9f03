import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { hashPassword } from '../../src/auth/passwords';
import { loadConfig } from '../../src/config';
import type { Database } from '../../src/db/database';
import { migrateToLatest } from '../../src/db/migrate';
import { openDatabase } from '../../src/db/open-database';
import { translator } from '../../src/i18n/i18n';
import { rng } from '../random';
import { indexCandidates } from '../../src/search/search.repository';
import { benchResume } from './resumes';
import { seedPlanTasks } from './plan-tasks';
import { refreshReportTotals } from '../../src/reports/report-totals';
import { defaultPlan } from '../../src/openings/interview-plan';
import { listRoles } from '../../src/roles/roles.repository';
import { findVersionDimensions, listRubrics } from '../../src/rubrics/rubrics.repository';
import { seedRolesAndRubrics } from '../../src/rubrics/seed-catalog';
import { SETTING_KEYS, putSetting } from '../../src/settings/settings.repository';
import type { Kysely } from 'kysely';

/**
 * `npm run bench:seed`: a large dataset, fast. Defaults: 100k candidates, 120k applications,
 * 500k scorecards with ratings, 200 openings, an onboarding plan with its template's tasks per hire, a 2 KB résumé text per candidate (English, Russian or
 * both; indexed for search); BENCH_CANDIDATES scales everything (1000 for the
 * small comparison). Opening 1 has exactly 30 candidates for the comparison page. Writes the
 * sign-in it created to DATA_DIR/bench-credentials.json.
 */
const CANDIDATES = Number(process.env.BENCH_CANDIDATES ?? 100_000);
const OPENINGS = 200;
const BATCH = 1000;

/** Inserts rows in batches of 1000 inside one transaction; returns how many. */
async function insertBatches<T extends keyof Database & string>(db: Kysely<Database>, table: T, rows: Iterable<Record<string, unknown>>): Promise<number> {
  return db.transaction().execute(async (trx) => {
    let batch: Record<string, unknown>[] = [];
    let count = 0;
    const flush = async () => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      if (batch.length > 0) await trx.insertInto(table).values(batch as any).execute();
      count += batch.length;
      batch = [];
    };
    for (const row of rows) {
      batch.push(row);
      if (batch.length >= BATCH) await flush();
    }
    await flush();
    return count;
  });
}

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const started = Date.now();
  const database = openDatabase(config.database);
  const db = database.db;
  await migrateToLatest(db);
  if ((await db.selectFrom('users').select('id').limit(1).execute()).length > 0) throw new Error('bench:seed needs an empty database (set DATABASE_URL or DATA_DIR to a new one)');
  const now = new Date();
  const iso = now.toISOString();
  const password = crypto.randomBytes(12).toString('base64url');
  const hash = await hashPassword(password);

  const staff = 60;
  await insertBatches(db, 'users', (function* () {
    for (let id = 1; id <= staff; id += 1) {
      const role = id === 1 ? 'admin' : id <= 11 ? 'hiring_manager' : id <= 16 ? 'recruiter' : 'interviewer';
      yield { id, email: id === 1 ? 'bench@salesbench.test' : `staff${id}@salesbench.test`, name: `Staff ${id}`, role, status: 'active', password_hash: hash, language: 'en', created_at: iso, updated_at: iso };
    }
  })());
  await putSetting(db, SETTING_KEYS.setupCompletedAt, iso);
  await putSetting(db, SETTING_KEYS.companyLanguage, 'en');
  await db.transaction().execute((trx) => seedRolesAndRubrics(trx, 'en', now));

  const roles = await listRoles(db, 'en');
  const rubrics = await listRubrics(db, 'en');
  const t = translator('en');
  const rand = rng(7);
  type OpeningInfo = { id: number; rubricId: number; stages: { id: number; focus: readonly string[] }[] };
  const openings: OpeningInfo[] = [];
  let stageId = 0;
  const stageRows: Record<string, unknown>[] = [];
  const openingRows: Record<string, unknown>[] = [];
  for (let id = 1; id <= OPENINGS; id += 1) {
    const role = roles[(id - 1) % roles.length]!;
    const rubric = rubrics.find((r) => r.roleId === role.id)!;
    const dims = (await findVersionDimensions(db, rubric.id, 1, 'en'))!;
    openingRows.push({ id, title: `${role.name} #${id}`, role_id: role.id, rubric_id: rubric.id, rubric_version: 1, hiring_manager_id: 2 + (id % 10), headcount: 2, status: 'open', pay_plan: role.payModel, created_by: 1, created_at: iso, updated_at: iso });
    const stages = defaultPlan(role.key, dims.map((d) => d.key), 2 + (id % 10), t).map((s, position) => {
      stageId += 1;
      stageRows.push({ id: stageId, opening_id: id, position, name: s.name, focus: JSON.stringify(s.focus), interviewer_ids: '[]' });
      return { id: stageId, focus: s.focus };
    });
    openings.push({ id, rubricId: rubric.id, stages });
  }
  await insertBatches(db, 'openings', openingRows);
  await insertBatches(db, 'interview_stages', stageRows);

  const first = ['Anna', 'Ben', 'Chloé', 'Daniel', 'Elena', 'Farid', 'Grace', 'Hugo', 'Irina', 'James', 'Kenji', 'Lena', 'Mateo', 'Nadia', 'Oliver', 'Priya'];
  const last = ['Smith', 'Petrova', 'Garcia', 'Okafor', 'Tanaka', 'Fischer', 'Rossi', 'Novak', 'Haddad', 'Nair', 'Brown', 'Costa', 'Laurent', 'Weiss', 'Ivanov', 'Liu'];
  const sources = ['referral', 'inbound', 'outbound', 'agency', 'other'];
  // Every candidate has a résumé whose text was read (the files themselves are not written: nothing in the bench opens them).
  const resumeRand = rng(11);
  await insertBatches(db, 'stored_files', (function* () {
    for (let id = 1; id <= CANDIDATES; id += 1) yield { id, storage_key: `bench${String(id).padStart(27, '0')}`, original_name: `cv-${id}.pdf`, mime_type: 'application/pdf', size_bytes: 40_000, sha256: '0'.repeat(64), uploaded_by: 1, created_at: iso };
  })());
  await insertBatches(db, 'resume_texts', (function* () {
    for (let id = 1; id <= CANDIDATES; id += 1) yield { file_id: id, status: 'text', reason: null, text: benchResume(resumeRand), attempts: 1, claimed_until: null, updated_at: iso };
  })());
  const noteRand = rng(13);
  await insertBatches(db, 'candidates', (function* () {
    for (let id = 1; id <= CANDIDATES; id += 1) {
      const name = `${first[id % first.length]} ${last[Math.floor(id / first.length) % last.length]}${id}`;
      const lower = name.toLowerCase();
      const notes = id % 5 === 0 ? benchResume(noteRand, 200) : '';
      const phone = `+49 30 ${String(1_000_000 + id).slice(1, 4)} ${String(id).padStart(4, '0').slice(-4)}`;
      yield { id, name, name_lower: lower, last_name_lower: lower.split(' ')[1], email: `c${id}@example.test`, phone, linkedin_url: '', source: sources[id % sources.length], source_detail: '', resume_file_id: id, notes, created_by: 1, created_at: iso, updated_at: iso };
    }
  })());
  // The search index, as the app's handlers would have written it.
  const indexStarted = Date.now();
  for (let from = 1; from <= CANDIDATES; from += BATCH) {
    const ids = Array.from({ length: Math.min(BATCH, CANDIDATES - from + 1) }, (_, i) => from + i);
    await db.transaction().execute((trx) => indexCandidates(trx, ids));
  }
  console.log(`Indexed ${CANDIDATES} candidates for search in ${((Date.now() - indexStarted) / 1000).toFixed(1)} s`);

  // Applications: opening 1 gets exactly 30; the rest spread over the other openings; 20 % apply twice.
  const applications: { id: number; candidateId: number; opening: OpeningInfo; stageIndex: number }[] = [];
  const totalApplications = Math.round(CANDIDATES * 1.2);
  for (let id = 1; id <= totalApplications; id += 1) {
    const candidateId = id <= CANDIDATES ? id : id - CANDIDATES;
    const opening = id <= 30 ? openings[0]! : openings[1 + (((candidateId * 7 + (id > CANDIDATES ? 3 : 0)) % (OPENINGS - 1)))]!;
    applications.push({ id, candidateId, opening, stageIndex: Math.floor(rand() * opening.stages.length) });
  }
  // Applications arrive over the last year; each has its stage history. One in ten reached the last
  // stage and has a decision; a fifth of those were hired, most with an onboarding plan and review.
  const appliedAt = (a: { id: number }) => new Date(now.getTime() - (1 + (a.id % 365)) * 86_400_000);
  const decided = applications.filter((a) => a.stageIndex === a.opening.stages.length - 1 && a.id % 3 === 0);
  const hired = new Set(decided.filter((a) => a.id % 5 === 0).map((a) => a.id));
  const decidedIds = new Set(decided.map((a) => a.id));
  await insertBatches(db, 'applications', applications.map((a) => ({ id: a.id, candidate_id: a.candidateId, opening_id: a.opening.id, stage_id: a.opening.stages[a.stageIndex]!.id, status: hired.has(a.id) ? 'hired' : decidedIds.has(a.id) ? 'rejected' : 'active', status_reason: '', created_at: appliedAt(a).toISOString(), updated_at: iso })));
  // The list's sort keys, as the repositories would have kept them (every row above changed "now").
  const activeCandidates = new Set(applications.filter((a) => !hired.has(a.id) && !decidedIds.has(a.id)).map((a) => a.candidateId));
  await insertBatches(db, 'candidate_activity', (function* () {
    for (let id = 1; id <= CANDIDATES; id += 1) yield { candidate_id: id, has_active: activeCandidates.has(id) ? 1 : 0, last_activity_at: iso };
  })());
  await insertBatches(db, 'application_events', (function* () {
    for (const a of applications) {
      const start = appliedAt(a).getTime();
      for (let k = 0; k <= a.stageIndex; k += 1) {
        yield { application_id: a.id, actor_id: 1, kind: k === 0 ? 'applied' : 'stage', stage_id: a.opening.stages[k]!.id, status: k === 0 ? 'active' : null, note: '', created_at: new Date(start + k * (2 + (a.id % 7)) * 86_400_000).toISOString() };
      }
    }
  })());
  const decidedAt = (a: { id: number; stageIndex: number }) => new Date(appliedAt(a).getTime() + (a.stageIndex + 1) * 8 * 86_400_000).toISOString();
  await insertBatches(db, 'decisions', decided.map((a) => ({ application_id: a.id, decision: hired.has(a.id) ? 'hire' : 'no_hire', rationale: 'Bench.', acknowledgements: '{}', flags: '[]', weighted_score: 20 + (a.id % 70), decided_by: 1, decided_at: decidedAt(a) })));
  const hires = decided.filter((a) => hired.has(a.id));
  await insertBatches(db, 'users', hires.map((a, i) => ({ id: staff + 1 + i, email: `hire${a.id}@salesbench.test`, name: `Hire ${a.id}`, role: 'new_hire', status: 'active', password_hash: null, language: 'en', created_at: iso, updated_at: iso })));
  const roleOfOpening = new Map(openingRows.map((o) => [o.id as number, o.role_id as number]));
  await insertBatches(db, 'onboarding_plans', hires.map((a, i) => ({
    new_hire_id: staff + 1 + i, role_id: roleOfOpening.get(a.opening.id)!, start_date: decidedAt(a).slice(0, 10), manager_id: 2 + (a.opening.id % 10), buddy_id: null, product_lead_id: null, cs_lead_id: null, sdr_lead_id: null,
    created_by: 1, created_at: iso, updated_at: iso, completed_at: i % 3 === 0 ? null : iso, review_rating: i % 4 === 0 ? null : 1 + (a.id % 4), review_note: null, reviewed_by: null, reviewed_at: i % 4 === 0 ? null : iso, application_id: a.id,
  })));

  const taskCount = await seedPlanTasks(db, now);

  // Scorecards: ~500k at scale; one interview per scorecard, ratings on the stage's focus. Opening 1's
  // 30 candidates get exactly 5 each (a realistic panel); the rest are spread over the other applications.
  const totalScorecards = Math.round(CANDIDATES * 5);
  const interviews: Record<string, unknown>[] = [];
  const panel: Record<string, unknown>[] = [];
  const cards: Record<string, unknown>[] = [];
  const ratings: Record<string, unknown>[] = [];
  for (let id = 1; id <= totalScorecards; id += 1) {
    const application = id <= 150 ? applications[(id - 1) % 30]! : applications[30 + Math.floor(rand() * (applications.length - 30))]!;
    const stage = application.opening.stages[Math.floor(rand() * application.opening.stages.length)]!;
    // The admin (who runs the bench) sits on every 20th interview: My interviews has something to page.
    const interviewer = id === 1 || id % 20 === 0 ? 1 : 17 + (id % (staff - 16));
    interviews.push({ id, application_id: application.id, stage_id: stage.id, scheduled_at: iso, created_by: 1, created_at: iso });
    panel.push({ interview_id: id, user_id: interviewer, scored: 1 });
    cards.push({ id, interview_id: id, application_id: application.id, interviewer_id: interviewer, rubric_id: application.opening.rubricId, rubric_version: 1, status: 'submitted', recommendation: ['strong_no', 'no', 'yes', 'strong_yes'][Math.floor(rand() * 4)], key_takeaways: '', submitted_at: iso, created_at: iso, updated_at: iso });
    for (const key of stage.focus) ratings.push({ scorecard_id: id, dimension_key: key, rating: 1 + Math.floor(rand() * 4), evidence: 'Evidence.' });
  }
  await insertBatches(db, 'interviews', interviews);
  await insertBatches(db, 'interview_interviewers', panel);
  await insertBatches(db, 'scorecards', cards);
  const ratingCount = await insertBatches(db, 'scorecard_ratings', ratings);
  // The rows above bypass the repositories, which keep the report totals: build them once.
  await db.transaction().execute((trx) => refreshReportTotals(trx, openings.map((o) => o.id)));

  if (database.dialect === 'postgres') {
    for (const table of ['users', 'stored_files', 'openings', 'interview_stages', 'candidates', 'applications', 'application_events', 'interviews', 'scorecards', 'decisions', 'onboarding_plans']) {
      await sql`select setval(pg_get_serial_sequence(${table}, 'id'), (select max(id) from ${sql.table(table)}))`.execute(db);
    }
    // As autovacuum would have by the time a database holds this much: without the visibility map it
    // sets, PostgreSQL cannot answer from an index alone and picks slower plans (the home page's
    // count of new applications bitmap-scanned 30k rows in 3.7 ms, against 0.4 ms from its index).
    await sql`vacuum analyze`.execute(db);
  } else {
    await sql`analyze`.execute(db);
  }
  await database.close();
  fs.mkdirSync(config.dataDir, { recursive: true });
  fs.writeFileSync(path.join(config.dataDir, 'bench-credentials.json'), JSON.stringify({ email: 'bench@salesbench.test', password }, null, 2));
  console.log(`Seeded ${database.dialect}: ${CANDIDATES} candidates, ${applications.length} applications, ${decided.length} decisions, ${hires.length} hires with plans (${taskCount} tasks), ${totalScorecards} scorecards, ${ratingCount} ratings, ${OPENINGS} openings in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
