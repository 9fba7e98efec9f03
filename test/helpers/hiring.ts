import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/database';
import { translator } from '../../src/i18n/i18n';
import { insertApplication } from '../../src/candidates/applications.repository';
import { insertCandidate } from '../../src/candidates/candidates.repository';
import { insertInterview } from '../../src/interviews/interviews.repository';
import { listStages } from '../../src/openings/openings.repository';
import { createOpening } from '../../src/openings/openings.service';
import { listRoles } from '../../src/roles/roles.repository';
import { seedRolesAndRubrics } from '../../src/rubrics/seed-catalog';
import { createUser } from './web';

/** Seeds roles and rubrics once per database (a no-op when they exist). */
export async function ensureCatalog(db: Kysely<Database>): Promise<void> {
  await seedRolesAndRubrics(db, 'en', new Date());
}

export async function makeOpening(db: Kysely<Database>, options: { roleKey?: string; hiringManagerId?: number; title?: string } = {}): Promise<{ id: number; hiringManagerId: number; stages: Awaited<ReturnType<typeof listStages>> }> {
  await ensureCatalog(db);
  const role = (await listRoles(db)).find((r) => r.key === (options.roleKey ?? 'ae'))!;
  const hiringManagerId = options.hiringManagerId ?? (await createUser(db, 'hiring_manager')).id;
  const id = await createOpening(db, { title: options.title ?? `${role.name} ${Math.random().toString(36).slice(2, 7)}`, roleId: role.id, hiringManagerId, recruiterIds: [], headcount: 1, status: 'open', payPlan: '' }, hiringManagerId, translator('en'), new Date());
  return { id, hiringManagerId, stages: await listStages(db, id) };
}

let seq = 0;

export async function makeCandidate(db: Kysely<Database>, overrides: { name?: string; email?: string; source?: 'referral' | 'inbound' | 'outbound' | 'agency' | 'other' } = {}): Promise<number> {
  seq += 1;
  return insertCandidate(
    db,
    { name: overrides.name ?? `Candidate ${seq}`, email: overrides.email ?? `candidate.${seq}.${Date.now()}@example.test`, phone: '', linkedinUrl: '', source: overrides.source ?? 'outbound', sourceDetail: '', notes: '', resumeFileId: null, createdBy: null },
    new Date(),
  );
}

/** Candidate applied to the opening, with an interview at `stageIndex` for the given interviewers. */
export async function makeInterview(db: Kysely<Database>, openingId: number, interviewerIds: number[], stageIndex = 1): Promise<{ candidateId: number; applicationId: number; interviewId: number }> {
  const candidateId = await makeCandidate(db);
  const applicationId = await insertApplication(db, { candidateId, openingId, actorId: interviewerIds[0]! }, new Date());
  const stages = await listStages(db, openingId);
  const interviewId = await insertInterview(db, { applicationId, stageId: stages[stageIndex]!.id, scheduledAt: null, interviewerIds, createdBy: interviewerIds[0]! }, new Date());
  return { candidateId, applicationId, interviewId };
}
