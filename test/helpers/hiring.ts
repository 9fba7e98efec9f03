import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/database';
import { addApplication } from '../../src/candidates/applications.use-cases';
import { insertCandidate } from '../../src/candidates/candidates.repository';
import { scheduleInterview } from '../../src/interviews/interviews.use-cases';
import { listStages } from '../../src/openings/openings.repository';
import { createOpening } from '../../src/openings/openings.use-cases';
import { listRoles } from '../../src/roles/roles.repository';
import { seedRolesAndRubrics } from '../../src/rubrics/seed-catalog';
import { actingAs, useCaseDeps } from './use-cases';
import { createUser } from './web';

/** Seeds roles and rubrics once per database (a no-op when they exist). */
export async function ensureCatalog(db: Kysely<Database>): Promise<void> {
  await seedRolesAndRubrics(db, 'en', new Date());
}

export async function makeOpening(db: Kysely<Database>, options: { roleKey?: string; hiringManagerId?: number; title?: string } = {}): Promise<{ id: number; hiringManagerId: number; stages: Awaited<ReturnType<typeof listStages>> }> {
  await ensureCatalog(db);
  const role = (await listRoles(db, 'en')).find((r) => r.key === (options.roleKey ?? 'ae'))!;
  const hiringManagerId = options.hiringManagerId ?? (await createUser(db, 'hiring_manager')).id;
  const id = await createOpening(useCaseDeps(db), actingAs(hiringManagerId), { title: options.title ?? `${role.name} ${Math.random().toString(36).slice(2, 7)}`, roleId: role.id, hiringManagerId, recruiterIds: [], headcount: 1, status: 'open', payPlan: '' }, 'en');
  return { id, hiringManagerId, stages: await listStages(db, id, 'en') };
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
  const actor = actingAs(interviewerIds[0]!);
  const applicationId = await addApplication(useCaseDeps(db), actor, candidateId, openingId);
  const stages = await listStages(db, openingId, 'en');
  const interviewId = await scheduleInterview(useCaseDeps(db), actor, applicationId, { stageId: stages[stageIndex]!.id, scheduledAt: null, interviewerIds });
  return { candidateId, applicationId, interviewId };
}
