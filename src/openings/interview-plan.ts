import type { MessageKey } from '../i18n/i18n';
import type { RoleKey } from '../rubrics/default-content';

export interface StageDraft {
  readonly name: string;
  readonly focus: readonly string[];
  readonly interviewerIds: readonly number[];
  /** How long the stage's interviews usually last (the scheduling form starts from it). */
  readonly durationMinutes: number;
  /** The default stage it was seeded as (its name's message key) while the name is as seeded. */
  readonly seedKey?: string | null;
  /** What the stage is, whatever it is called (null: another kind of stage). Reports match stages by it. */
  readonly kind?: StageKind | null;
}

/** Kinds of stage the reports recognise by what they are, not by their place in the plan. */
export const STAGE_KINDS = ['reference_check'] as const;
export type StageKind = (typeof STAGE_KINDS)[number];

export function isStageKind(value: unknown): value is StageKind {
  return typeof value === 'string' && (STAGE_KINDS as readonly string[]).includes(value);
}

/** The kind of a seeded stage, from its seed key. */
export function kindOfSeedKey(seedKey: string | null | undefined): StageKind | null {
  return seedKey === 'stage.referenceCheck' ? 'reference_check' : null;
}

/** A stage's interviews last this long unless the plan says otherwise. */
export const DEFAULT_STAGE_MINUTES = 45;

interface DefaultStage {
  readonly name: MessageKey;
  readonly focus: readonly string[];
  /** The hiring manager interviews at this stage by default. */
  readonly withHiringManager?: boolean;
}

const SCREEN: DefaultStage = { name: 'stage.recruiterScreen', focus: ['culture_mission', 'track_record'] };
const CULTURE: DefaultStage = { name: 'stage.cultureIntegrity', focus: ['integrity', 'culture_mission'], withHiringManager: true };
const REFERENCES: DefaultStage = { name: 'stage.referenceCheck', focus: ['integrity', 'track_record'] };

/** The usual interview plan per role: a structured path that covers every rubric dimension. */
export const DEFAULT_STAGES: Readonly<Record<RoleKey, readonly DefaultStage[]>> = {
  sdr_outbound: [
    SCREEN,
    { name: 'stage.coldOutreachRolePlay', focus: ['sales_dna', 'prospecting_persistence', 'handling_rejection'] },
    { name: 'stage.writtenOutreachExercise', focus: ['written_outreach', 'qualification_discipline', 'process_focus'] },
    CULTURE,
    REFERENCES,
  ],
  sdr_inbound: [
    SCREEN,
    { name: 'stage.inboundLeadRolePlay', focus: ['sales_dna', 'response_speed_quality', 'qualification'] },
    { name: 'stage.routingExercise', focus: ['routing', 'process_focus'] },
    CULTURE,
    REFERENCES,
  ],
  ae: [
    SCREEN,
    { name: 'stage.discoveryRolePlay', focus: ['sales_dna', 'discovery'] },
    { name: 'stage.closingRolePlay', focus: ['closing_negotiation'] },
    { name: 'stage.pipelineExercise', focus: ['process_focus', 'pipeline_discipline', 'handoff_to_farmers'] },
    CULTURE,
    REFERENCES,
  ],
  farmer: [
    SCREEN,
    { name: 'stage.customerRolePlay', focus: ['sales_dna', 'customer_empathy', 'retention'] },
    { name: 'stage.accountPlanExercise', focus: ['account_growth', 'customer_feedback_to_product', 'process_focus'] },
    CULTURE,
    REFERENCES,
  ],
  vp_sales: [
    { name: 'stage.recruiterScreen', focus: ['culture_mission', 'individual_selling_record'] },
    { name: 'stage.managementDeepDive', focus: ['people_management', 'cross_functional_leadership'], withHiringManager: true },
    { name: 'stage.teamBuildingCase', focus: ['people_management', 'repeatable_process'] },
    { name: 'stage.pipelineForecastReview', focus: ['pipeline_forecasting', 'process_focus'] },
    { name: 'stage.cultureIntegrity', focus: ['integrity', 'culture_mission', 'sales_dna'], withHiringManager: true },
    { name: 'stage.referenceCheck', focus: ['integrity', 'people_management'] },
  ],
};

/**
 * The default plan for a role, named in the company language (each stage keeps its seed key, so
 * readers see it in their own), keeping only focus dimensions the pinned rubric version has (an
 * admin may have removed some).
 */
export function defaultPlan(roleKey: string, rubricKeys: readonly string[], hiringManagerId: number, translate: (key: MessageKey) => string): StageDraft[] {
  const stages = DEFAULT_STAGES[roleKey as RoleKey] ?? [SCREEN, CULTURE, REFERENCES];
  const known = new Set(rubricKeys);
  return stages.map((stage) => ({
    name: translate(stage.name),
    seedKey: stage.name,
    kind: kindOfSeedKey(stage.name),
    focus: stage.focus.filter((key) => known.has(key)),
    interviewerIds: stage.withHiringManager ? [hiringManagerId] : [],
    durationMinutes: DEFAULT_STAGE_MINUTES,
  }));
}

export interface PlanWarnings {
  /** Rubric dimensions that no stage focuses on: nobody is asked to assess them. */
  readonly uncovered: string[];
  /** Stage positions (0-based) with no focus dimension: an interview without a purpose. */
  readonly stagesWithoutFocus: number[];
}

export function planWarnings(stages: readonly Pick<StageDraft, 'focus'>[], rubricKeys: readonly string[]): PlanWarnings {
  const covered = new Set(stages.flatMap((s) => s.focus));
  return {
    uncovered: rubricKeys.filter((key) => !covered.has(key)),
    stagesWithoutFocus: stages.flatMap((s, i) => (s.focus.length === 0 ? [i] : [])),
  };
}
