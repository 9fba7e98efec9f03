import type { Kysely, Selectable } from 'kysely';
import type { Database, DbOrTrx as Db, WebhookDeliveryState } from '../db/database';
import type { WebhookDeliveriesTable, WebhookEndpointsTable } from '../db/webhook-tables';
import { isPostgres } from '../db/migrations/helpers';
import { isWebhookEvent, type WebhookEvent } from './webhook';
import type { ApplicationFacts, DecisionFacts, PersonFacts, PlanFacts, ScorecardFacts } from './payloads';
import type { ValidEndpoint } from './endpoint';

/** An endpoint as the settings pages show it: never its secret. */
/** A registered endpoint: what its form holds, and when it was made and last changed. */
export interface WebhookEndpoint extends ValidEndpoint {
  readonly id: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type EndpointFields = ValidEndpoint;

export interface WebhookDelivery {
  readonly id: number;
  readonly deliveryId: string;
  readonly endpointId: number;
  readonly event: string;
  readonly state: WebhookDeliveryState;
  readonly attempts: number;
  readonly nextAttemptAt: string;
  readonly lastStatus: number | null;
  readonly lastError: string | null;
  readonly lastAttemptAt: string | null;
  readonly deliveredAt: string | null;
  readonly createdAt: string;
}

/** A claimed delivery with what sending it needs: the body, the target and its secret. */
export interface ClaimedDelivery extends WebhookDelivery {
  readonly payload: string;
  readonly url: string;
  readonly secret: string;
  readonly allowHttp: boolean;
  readonly allowPrivate: boolean;
}

function toEndpoint(row: Selectable<WebhookEndpointsTable>): WebhookEndpoint {
  const events = (JSON.parse(row.events) as unknown[]).filter(isWebhookEvent);
  return { id: row.id, url: row.url, description: row.description, events, allowHttp: Number(row.allow_http) === 1, allowPrivate: Number(row.allow_private) === 1, enabled: Number(row.enabled) === 1, createdAt: row.created_at, updatedAt: row.updated_at };
}

function toDelivery(row: Selectable<WebhookDeliveriesTable>): WebhookDelivery {
  return {
    id: row.id,
    deliveryId: row.delivery_id,
    endpointId: row.endpoint_id,
    event: row.event,
    state: row.state,
    attempts: Number(row.attempts),
    nextAttemptAt: row.next_attempt_at,
    lastStatus: row.last_status === null ? null : Number(row.last_status),
    lastError: row.last_error,
    lastAttemptAt: row.last_attempt_at,
    deliveredAt: row.delivered_at,
    createdAt: row.created_at,
  };
}

const flags = (fields: EndpointFields) => ({ url: fields.url, description: fields.description, events: JSON.stringify(fields.events), allow_http: fields.allowHttp ? 1 : 0, allow_private: fields.allowPrivate ? 1 : 0, enabled: fields.enabled ? 1 : 0 });

export async function insertEndpoint(db: Db, fields: EndpointFields, secret: string, createdBy: number, now: Date): Promise<number> {
  const at = now.toISOString();
  const { id } = await db.insertInto('webhook_endpoints').values({ ...flags(fields), secret, created_by: createdBy, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateEndpoint(db: Db, id: number, fields: EndpointFields, now: Date): Promise<void> {
  await db.updateTable('webhook_endpoints').set({ ...flags(fields), updated_at: now.toISOString() }).where('id', '=', id).execute();
}

export async function replaceSecret(db: Db, id: number, secret: string, now: Date): Promise<void> {
  await db.updateTable('webhook_endpoints').set({ secret, updated_at: now.toISOString() }).where('id', '=', id).execute();
}

export async function deleteEndpoint(db: Db, id: number): Promise<void> {
  await db.deleteFrom('webhook_deliveries').where('endpoint_id', '=', id).execute();
  await db.deleteFrom('webhook_endpoints').where('id', '=', id).execute();
}

export async function findEndpoint(db: Db, id: number): Promise<WebhookEndpoint | undefined> {
  const row = await db.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toEndpoint(row);
}

export async function listEndpoints(db: Db): Promise<WebhookEndpoint[]> {
  return (await db.selectFrom('webhook_endpoints').selectAll().orderBy('id').execute()).map(toEndpoint);
}

/** The enabled endpoints (those that chose this event, when one is named). */
export async function listSubscribers(db: Db, event: WebhookEvent | null): Promise<WebhookEndpoint[]> {
  return (await db.selectFrom('webhook_endpoints').selectAll().where('enabled', '=', 1).orderBy('id').execute()).map(toEndpoint).filter((e) => event === null || e.events.includes(event));
}

export interface NewDelivery {
  readonly deliveryId: string;
  readonly endpointId: number;
  readonly event: WebhookEvent;
  readonly payload: string;
  /** The candidate the body names, so that erasing them finds it (re-pointed when candidates are merged). */
  readonly candidateId?: number | null;
}

export async function insertDelivery(db: Db, delivery: NewDelivery, now: Date): Promise<void> {
  await insertDeliveries(db, [delivery], now);
}

/** Queues deliveries, due now: one statement per 200. */
export async function insertDeliveries(db: Db, deliveries: readonly NewDelivery[], now: Date): Promise<void> {
  const at = now.toISOString();
  for (let i = 0; i < deliveries.length; i += 200) {
    await db
      .insertInto('webhook_deliveries')
      .values(
        deliveries.slice(i, i + 200).map((delivery) => ({ delivery_id: delivery.deliveryId, endpoint_id: delivery.endpointId, candidate_id: delivery.candidateId ?? null, event: delivery.event, payload: delivery.payload, state: 'pending' as const, attempts: 0, next_attempt_at: at, lease_owner: null, lease_until: null, last_status: null, last_error: null, last_attempt_at: null, delivered_at: null, created_at: at, updated_at: at })),
      )
      .execute();
  }
}

/**
 * Claims up to `limit` deliveries due now and counts the try: pending ones whose time has come, and
 * ones whose sender's lease ran out (it died mid-send), of enabled endpoints. On PostgreSQL several instances claim at
 * once without taking each other's rows (FOR UPDATE SKIP LOCKED); SQLite has one writer at a time.
 */
export async function claimDueDeliveries(db: Kysely<Database>, owner: string, now: Date, leaseMs: number, limit: number): Promise<ClaimedDelivery[]> {
  const at = now.toISOString();
  let due = db
    .selectFrom('webhook_deliveries')
    .select('webhook_deliveries.id')
    .where((eb) => eb.or([eb.and([eb('state', '=', 'pending'), eb('next_attempt_at', '<=', at)]), eb.and([eb('state', '=', 'sending'), eb('lease_until', '<', at)])]))
    // A disabled endpoint's deliveries wait until it is enabled again.
    .where('endpoint_id', 'in', db.selectFrom('webhook_endpoints').select('id').where('enabled', '=', 1))
    .orderBy('webhook_deliveries.id')
    .limit(limit);
  if (isPostgres(db as unknown as Kysely<unknown>)) due = due.forUpdate().skipLocked();
  const claimed = await db
    .updateTable('webhook_deliveries')
    .set((eb) => ({ state: 'sending' as const, lease_owner: owner, lease_until: new Date(now.getTime() + leaseMs).toISOString(), attempts: eb('attempts', '+', 1), last_attempt_at: at, updated_at: at }))
    .where('id', 'in', due)
    .returningAll()
    .execute();
  if (claimed.length === 0) return [];
  const endpoints = new Map((await db.selectFrom('webhook_endpoints').selectAll().where('id', 'in', [...new Set(claimed.map((r) => r.endpoint_id))]).execute()).map((e) => [e.id, e]));
  return claimed
    .sort((a, b) => a.id - b.id)
    .flatMap((row) => {
      const endpoint = endpoints.get(row.endpoint_id);
      return endpoint ? [{ ...toDelivery(row), payload: row.payload, url: endpoint.url, secret: endpoint.secret, allowHttp: Number(endpoint.allow_http) === 1, allowPrivate: Number(endpoint.allow_private) === 1 }] : [];
    });
}

/**
 * Right before a post: this sender still holds the delivery (nobody took it over after the lease
 * ran out) and holds it for another `leaseMs` from now. False: do not post it.
 */
export async function renewLease(db: Db, id: number, owner: string, leaseUntil: Date, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('webhook_deliveries')
    .set({ lease_until: leaseUntil.toISOString(), updated_at: now.toISOString() })
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .where('state', '=', 'sending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A claimed delivery not tried after all (its endpoint just failed): it waits until `until`, the claim's try not counted. */
export async function postponeClaim(db: Db, id: number, owner: string, until: Date, now: Date): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set((eb) => ({ state: 'pending' as const, next_attempt_at: until.toISOString(), lease_owner: null, lease_until: null, attempts: eb('attempts', '-', 1), updated_at: now.toISOString() }))
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .where('state', '=', 'sending')
    .execute();
}

/** Records the receiver's 2xx, if this sender still holds the delivery. */
export async function markDelivered(db: Db, id: number, owner: string, status: number, now: Date): Promise<void> {
  const at = now.toISOString();
  await db.updateTable('webhook_deliveries').set({ state: 'delivered', delivered_at: at, last_status: status, last_error: null, lease_owner: null, lease_until: null, updated_at: at }).where('id', '=', id).where('lease_owner', '=', owner).execute();
}

/** Records a failed try: another one later, or failed for good; with the receiver's status when it gave one. */
export async function markFailedTry(db: Db, id: number, owner: string, outcome: { state: 'pending'; nextAttemptAt: Date } | { state: 'failed' }, failure: { status: number | null; error: string }, now: Date): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set({ state: outcome.state, ...(outcome.state === 'pending' ? { next_attempt_at: outcome.nextAttemptAt.toISOString() } : {}), last_status: failure.status, last_error: failure.error, lease_owner: null, lease_until: null, updated_at: now.toISOString() })
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .execute();
}

/** A sender stopping hands back what it holds but is not posting (`except`): pending again, the unfinished try not counted. */
export async function releaseClaims(db: Db, owner: string, now: Date, except: readonly number[] = []): Promise<number> {
  let query = db
    .updateTable('webhook_deliveries')
    .set((eb) => ({ state: 'pending' as const, lease_owner: null, lease_until: null, attempts: eb('attempts', '-', 1), updated_at: now.toISOString() }))
    .where('state', '=', 'sending')
    .where('lease_owner', '=', owner);
  if (except.length > 0) query = query.where('id', 'not in', except);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** A delivery done with (delivered, or failed for good) goes out again now, its tries counted afresh, with the same delivery id; not one waiting or being sent. */
export async function requeueDelivery(db: Db, endpointId: number, id: number, now: Date): Promise<boolean> {
  const at = now.toISOString();
  const result = await db
    .updateTable('webhook_deliveries')
    .set({ state: 'pending', attempts: 0, next_attempt_at: at, updated_at: at })
    .where('id', '=', id)
    .where('endpoint_id', '=', endpointId)
    .where('state', 'in', ['delivered', 'failed'])
    .where('payload', '!=', ERASED_PAYLOAD)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function findDelivery(db: Db, endpointId: number, id: number): Promise<WebhookDelivery | undefined> {
  const row = await db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).where('endpoint_id', '=', endpointId).executeTakeFirst();
  return row && toDelivery(row);
}

/** One page of an endpoint's deliveries, newest first; one row more than the page says whether another follows. */
export async function listDeliveries(db: Db, endpointId: number, page: { size: number; offset: number }): Promise<{ deliveries: WebhookDelivery[]; hasNext: boolean }> {
  const rows = await db.selectFrom('webhook_deliveries').selectAll().where('endpoint_id', '=', endpointId).orderBy('id', 'desc').limit(page.size + 1).offset(page.offset).execute();
  return { deliveries: rows.slice(0, page.size).map(toDelivery), hasNext: rows.length > page.size };
}

/**
 * An erased candidate's details go from every delivery that names them: the body is emptied (the
 * log keeps the event, time and outcome), and one still to be sent is not sent.
 */
export async function forgetCandidateInDeliveries(db: Db, candidateId: number, now: Date): Promise<void> {
  const at = now.toISOString();
  await db.updateTable('webhook_deliveries').set({ state: 'failed', last_error: 'candidate erased', lease_owner: null, lease_until: null, updated_at: at }).where('candidate_id', '=', candidateId).where('state', 'in', ['pending', 'sending']).execute();
  await db.updateTable('webhook_deliveries').set({ payload: ERASED_PAYLOAD, updated_at: at }).where('candidate_id', '=', candidateId).execute();
}

/** Two candidates became one: the deliveries that named the merged record now belong to the kept one (and go when it is erased). */
export async function repointDeliveriesToCandidate(db: Db, mergedCandidateId: number, keptCandidateId: number): Promise<void> {
  await db.updateTable('webhook_deliveries').set({ candidate_id: keptCandidateId }).where('candidate_id', '=', mergedCandidateId).execute();
}

/** The body of a delivery whose candidate was erased: never sent again. */
export const ERASED_PAYLOAD = '{}';

/** How long the delivery log keeps a delivery that is done with (delivered, or failed for good). */
export const DELIVERY_LOG_DAYS = 90;

/** Forgets deliveries done with more than DELIVERY_LOG_DAYS ago; one still waiting is kept however old. */
export async function deleteOldDeliveries(db: Db, now: Date): Promise<number> {
  const before = new Date(now.getTime() - DELIVERY_LOG_DAYS * 86_400_000).toISOString();
  const result = await db.deleteFrom('webhook_deliveries').where('state', 'in', ['delivered', 'failed']).where('updated_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/* What events' payloads are made of, read in the transaction that recorded them. */

const personOf = (id: number | null, name: string | null, email: string | null): PersonFacts | null => (id === null || name === null ? null : { id, name, email: email ?? '' });

type StoredApplicationFacts = Omit<ApplicationFacts, 'opening'> & { opening: Omit<ApplicationFacts['opening'], 'roleName'> & { roleId: number } };

/** Applications with their candidate, opening, stage and hiring manager; the role's stored name. One query per 500. */
export async function findApplicationFactsOfMany(db: Db, applicationIds: readonly number[]): Promise<Map<number, StoredApplicationFacts>> {
  const out = new Map<number, StoredApplicationFacts>();
  for (let i = 0; i < applicationIds.length; i += 500) {
    const rows = await db
      .selectFrom('applications as a')
      .innerJoin('candidates as c', 'c.id', 'a.candidate_id')
      .innerJoin('openings as o', 'o.id', 'a.opening_id')
      .leftJoin('interview_stages as s', 's.id', 'a.stage_id')
      .leftJoin('users as m', 'm.id', 'o.hiring_manager_id')
      .select(['a.id', 'a.status', 'a.created_at', 'c.id as candidate_id', 'c.name as candidate_name', 'c.email as candidate_email', 'c.phone as candidate_phone', 'o.id as opening_id', 'o.title as opening_title', 'o.role_id', 's.id as stage_id', 's.name as stage_name', 'm.id as manager_id', 'm.name as manager_name', 'm.email as manager_email'])
      .where('a.id', 'in', applicationIds.slice(i, i + 500))
      .execute();
    for (const row of rows) {
      out.set(row.id, {
        id: row.id,
        status: row.status,
        createdAt: row.created_at,
        candidate: { id: row.candidate_id, name: row.candidate_name, email: row.candidate_email, phone: row.candidate_phone },
        opening: { id: row.opening_id, title: row.opening_title, roleId: row.role_id, hiringManager: personOf(row.manager_id, row.manager_name, row.manager_email) },
        stage: row.stage_id === null || row.stage_name === null ? null : { id: row.stage_id, name: row.stage_name },
      });
    }
  }
  return out;
}

/** An application with its candidate, opening, stage and hiring manager; the role's stored name. */
export async function findApplicationFacts(db: Db, applicationId: number): Promise<StoredApplicationFacts | undefined> {
  return (await findApplicationFactsOfMany(db, [applicationId])).get(applicationId);
}

export async function findScorecardFacts(db: Db, scorecardId: number): Promise<ScorecardFacts | undefined> {
  const row = await db
    .selectFrom('scorecards as s')
    .leftJoin('users as u', 'u.id', 's.interviewer_id')
    .select(['s.id', 's.interview_id', 's.submitted_at', 'u.id as user_id', 'u.name', 'u.email'])
    .where('s.id', '=', scorecardId)
    .executeTakeFirst();
  return row && { id: row.id, interviewId: row.interview_id, submittedAt: row.submitted_at, interviewer: personOf(row.user_id, row.name, row.email) };
}

export async function findDecisionFacts(db: Db, applicationId: number): Promise<DecisionFacts | undefined> {
  const row = await db.selectFrom('decisions as d').leftJoin('users as u', 'u.id', 'd.decided_by').select(['d.decision', 'd.decided_at', 'u.id as user_id', 'u.name', 'u.email']).where('d.application_id', '=', applicationId).executeTakeFirst();
  return row && { decision: row.decision, decidedAt: row.decided_at, decidedBy: personOf(row.user_id, row.name, row.email) };
}

/** A plan by its id, or the plan made from an application. */
export async function findPlanFacts(db: Db, by: { planId: number } | { applicationId: number }): Promise<(Omit<PlanFacts, 'roleName'> & { roleId: number }) | undefined> {
  let query = db
    .selectFrom('onboarding_plans as p')
    .innerJoin('users as h', 'h.id', 'p.new_hire_id')
    .leftJoin('users as m', 'm.id', 'p.manager_id')
    .select(['p.id', 'p.application_id', 'p.start_date', 'p.completed_at', 'p.role_id', 'h.id as hire_id', 'h.name as hire_name', 'h.email as hire_email', 'm.id as manager_id', 'm.name as manager_name', 'm.email as manager_email']);
  query = 'planId' in by ? query.where('p.id', '=', by.planId) : query.where('p.application_id', '=', by.applicationId);
  const row = await query.orderBy('p.id').executeTakeFirst();
  return (
    row && {
      id: row.id,
      applicationId: row.application_id,
      startDate: row.start_date,
      completedAt: row.completed_at,
      roleId: row.role_id,
      newHire: { id: row.hire_id, name: row.hire_name, email: row.hire_email },
      manager: personOf(row.manager_id, row.manager_name, row.manager_email),
    }
  );
}
