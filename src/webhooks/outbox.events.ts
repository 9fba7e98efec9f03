import crypto from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '../db/database';
import type { DomainEvent } from '../events/domain-events';
import type { EventHandler } from '../events/unit-of-work';
import { findRoleById } from '../roles/roles.service';
import { getCompanySettings } from '../settings/settings.service';
import { applicationCreatedData, applicationMovedData, bodyOf, candidateHiredData, decisionRecordedData, onboardingCompletedData, scorecardSubmittedData, type ApplicationFacts, type PlanFacts } from './payloads';
import { findApplicationFacts, findApplicationFactsOfMany, findDecisionFacts, findPlanFacts, findScorecardFacts, forgetCandidateInDeliveries, insertDeliveries, listSubscribers, type NewDelivery, repointDeliveriesToCandidate } from './webhooks.repository';
import type { WebhookEvent } from './webhook';

export interface WebhooksHandlerOptions {
  /** Told after a commit that wrote deliveries, so the sender posts them at once. */
  readonly onQueued?: () => void;
}

type Facts = { trx: Transaction<Database>; roleName: (roleId: number) => Promise<string> };

async function applicationOf({ trx, roleName }: Facts, applicationId: number): Promise<ApplicationFacts | undefined> {
  const found = await findApplicationFacts(trx, applicationId);
  return found && { ...found, opening: { ...found.opening, roleName: await roleName(found.opening.roleId) } };
}

async function planOf({ trx, roleName }: Facts, by: { planId: number } | { applicationId: number }): Promise<PlanFacts | undefined> {
  const found = await findPlanFacts(trx, by);
  return found && { ...found, roleName: await roleName(found.roleId) };
}

/** The webhook events a domain event causes, each with its data. */
type Caused = { event: WebhookEvent; data: Record<string, unknown>; candidateId: number | null };

async function webhookEventsOf(facts: Facts, event: DomainEvent): Promise<Caused[]> {
  switch (event.type) {
    case 'ApplicationAdded': {
      const application = await applicationOf(facts, event.applicationId);
      return application ? [{ event: 'application.created', data: applicationCreatedData(application), candidateId: application.candidate.id }] : [];
    }
    case 'CandidatesImported': {
      // An import may add ten thousand applications: their facts are read in batches, not one by one.
      const found = await findApplicationFactsOfMany(facts.trx, event.applicationIds);
      const out: Caused[] = [];
      for (const id of event.applicationIds) {
        const application = found.get(id);
        if (application) out.push({ event: 'application.created', data: applicationCreatedData({ ...application, opening: { ...application.opening, roleName: await facts.roleName(application.opening.roleId) } }), candidateId: application.candidate.id });
      }
      return out;
    }
    case 'ApplicationMoved': {
      const application = await applicationOf(facts, event.applicationId);
      return application ? [{ event: 'application.moved', data: applicationMovedData(application), candidateId: application.candidate.id }] : [];
    }
    case 'ScorecardSubmitted': {
      const [application, scorecard] = [await applicationOf(facts, event.applicationId), await findScorecardFacts(facts.trx, event.scorecardId)];
      return application && scorecard ? [{ event: 'scorecard.submitted', data: scorecardSubmittedData(application, scorecard), candidateId: application.candidate.id }] : [];
    }
    case 'DecisionRecorded': {
      const [application, decision] = [await applicationOf(facts, event.applicationId), await findDecisionFacts(facts.trx, event.applicationId)];
      if (!application || !decision) return [];
      const recorded = { event: 'decision.recorded' as const, data: decisionRecordedData(application, decision), candidateId: application.candidate.id };
      if (decision.decision !== 'hire') return [recorded];
      // A plan may already exist when a reopened hire is decided again.
      const plan = await planOf(facts, { applicationId: application.id });
      return [recorded, { event: 'candidate.hired', data: candidateHiredData(application, decision, plan ?? null), candidateId: application.candidate.id }];
    }
    case 'OnboardingPlanCompleted': {
      const plan = await planOf(facts, { planId: event.planId });
      return plan ? [{ event: 'onboarding.completed', data: onboardingCompletedData(plan), candidateId: null }] : [];
    }
    default:
      return [];
  }
}

/**
 * Writes one delivery per event and endpoint that chose it, in the transaction of the change: the
 * change and its deliveries commit together or not at all, and the sender posts them after commit.
 * The body is built now, so every try sends the same bytes. An erased candidate's details are taken
 * out of the deliveries that carry them (found by the candidate each delivery names, which a merge re-points).
 */
export function webhooksHandler(options: WebhooksHandlerOptions = {}): EventHandler {
  return {
    name: 'webhooks',
    listensTo: ['ApplicationAdded', 'CandidatesImported', 'ApplicationMoved', 'ScorecardSubmitted', 'DecisionRecorded', 'OnboardingPlanCompleted', 'CandidatesMerged', 'CandidateErased'],
    async handle(trx, events, { at, afterCommit }) {
      for (const event of events) {
        // Merged before erased (in any later change): the kept record answers for the deliveries of both.
        if (event.type === 'CandidatesMerged') await repointDeliveriesToCandidate(trx, event.mergedCandidateId, event.candidateId);
        if (event.type === 'CandidateErased') await forgetCandidateInDeliveries(trx, event.candidateId, at);
      }
      const endpoints = (await listSubscribers(trx, null)).filter((e) => e.events.length > 0);
      if (endpoints.length === 0) return;
      const roles = new Map<number, string>();
      let language: Awaited<ReturnType<typeof getCompanySettings>>['language'] | undefined;
      const roleName = async (roleId: number): Promise<string> => {
        if (!roles.has(roleId)) {
          language ??= (await getCompanySettings(trx)).language;
          roles.set(roleId, (await findRoleById(trx, roleId, language))?.name ?? '');
        }
        return roles.get(roleId)!;
      };
      const deliveries: NewDelivery[] = [];
      for (const event of events) {
        for (const { event: name, data, candidateId } of await webhookEventsOf({ trx, roleName }, event)) {
          for (const endpoint of endpoints.filter((e) => e.events.includes(name))) {
            const deliveryId = crypto.randomUUID();
            deliveries.push({ deliveryId, endpointId: endpoint.id, event: name, payload: bodyOf(deliveryId, name, at, data), candidateId });
          }
        }
      }
      await insertDeliveries(trx, deliveries, at);
      if (deliveries.length > 0 && options.onQueued) afterCommit(options.onQueued);
    },
  };
}
