import type { UnitOfWork } from '../events/unit-of-work';
import type { Language } from '../i18n/i18n';
import { insertEvent, updateApplication } from '../candidates/applications.repository';
import { insertCandidate } from '../candidates/candidates.repository';
import type { CandidateSource } from '../candidates/candidate';
import { insertDecision } from '../comparison/decisions.repository';
import { loadScorecardAggregates } from '../comparison/comparison.repository';
import { scoreAggregates } from '../comparison/scoring';
import { insertInterview, saveScorecard } from '../interviews/interviews.repository';
import { RECOMMENDATIONS } from '../interviews/scorecard';
import { listStages } from '../openings/openings.repository';
import { createOpeningIn } from '../openings/openings.use-cases';
import { listPlanTasks, markPlanTaskDone, setPlanCompletedAt, setPlanReview, signOffPlanTask } from '../onboarding/onboarding.repository';
import { createPlanIn } from '../onboarding/plans.use-cases';
import { addDays, signerOf } from '../onboarding/plan';
import { listRoles } from '../roles/roles.repository';
import { findVersionDimensions } from '../rubrics/rubrics.repository';
import type { Dimension } from '../rubrics/rubric';
import { insertUser } from '../users/users.repository';
import { applyInDemo } from './demo-writes';
import type { DemoStaff } from './hiring-demo';

const DAY = 86_400_000;

const PAST_NAMES = [
  'Aisha Bello', 'Bruno Silva', 'Carla Mendes', 'Dmitri Orlov', 'Eva Lindqvist', 'Felix Wagner', 'Gabriela Ruiz', 'Hannah Becker',
  'Ibrahim Yilmaz', 'Julia Nowak', 'Karim Benali', 'Laura Bianchi', 'Marco De Luca', 'Nora Hansen', 'Omar Farouk', 'Paula Santos',
  'Quentin Moreau', 'Rosa Jimenez', 'Stefan Kraus', 'Tara Singh', 'Ugo Ferri', 'Vera Kuznetsova', 'Will Turner', 'Xenia Popova',
  'Yusuf Demir', 'Zara Ahmed', 'Aleksei Smirnov', 'Beatriz Lopes', 'Conor Walsh', 'Dana Cohen',
];
const SOURCES: CandidateSource[] = ['referral', 'inbound', 'outbound', 'agency', 'referral', 'inbound', 'outbound', 'other', 'outbound', 'referral'];

/** Deterministic pseudo-random numbers (the demo looks the same everywhere). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

type DemoCandidate = { applicationId: number; name: string; email: string; quality: number; decidedAt: Date; reachedEnd: boolean };

/** Decides every demo candidate: the best finalists are hired, the rest get a "no hire" with the score they had. Returns the hires. */
async function decideDemoCandidates(uow: UnitOfWork, opts: { staff: DemoStaff; language: Language; dimensions: Dimension[]; candidates: DemoCandidate[]; hires: number }): Promise<Set<number>> {
  const { trx } = uow;
  const { staff, language, dimensions, candidates } = opts;
  // The best finalists are hired; the rest get a "no hire" decision with the score they had.
  const aggregates = await loadScorecardAggregates(trx, candidates.map((c) => c.applicationId));
  const scoreOf = (id: number) => scoreAggregates({ dimensions, aggregates: aggregates.get(id)!, planDimensions: [], missingScorecards: 0 });
  const ranked = [...candidates].sort((a, b) => b.quality - a.quality);
  const hired = new Set(ranked.filter((c) => c.reachedEnd).slice(0, opts.hires).map((c) => c.applicationId));
  for (const c of candidates) {
    const score = scoreOf(c.applicationId);
    const hire = hired.has(c.applicationId);
    const rationale = hire ? (language === 'ru' ? 'Сильные оценки по всем этапам.' : 'Strong ratings across the panel.') : language === 'ru' ? 'Не дотянул до планки.' : 'Below the bar for this role.';
    await insertDecision(trx, { applicationId: c.applicationId, decision: hire ? 'hire' : 'no_hire', rationale, acknowledgements: {}, flags: score.flags, weightedScore: score.weightedScore, decidedBy: staff.hiringManager }, c.decidedAt);
    await updateApplication(trx, c.applicationId, { status: hire ? 'hired' : 'rejected', statusReason: hire ? '' : rationale }, c.decidedAt);
    await insertEvent(trx, { applicationId: c.applicationId, actorId: staff.hiringManager, kind: 'decision', stageId: null, status: hire ? 'hired' : 'rejected', note: rationale }, c.decidedAt);
  }
  return hired;
}

/** Each hire gets a plan linked to their application; most are finished and reviewed. */
async function onboardDemoHires(uow: UnitOfWork, opts: { staff: DemoStaff; language: Language; rand: () => number; roleId: number; hires: DemoCandidate[] }): Promise<void> {
  const { trx } = uow;
  const { staff, language, rand } = opts;
  let hireIndex = 0;
  for (const c of opts.hires) {
    hireIndex += 1;
    const userId = await insertUser(trx, { email: c.email.replace('@example.com', '@demo.salesbench.test'), name: c.name, role: 'new_hire', status: 'active', passwordHash: null, language: null }, c.decidedAt);
    const startDate = addDays(c.decidedAt.toISOString().slice(0, 10), 21);
    const planId = await createPlanIn(uow.at(c.decidedAt), staff.hiringManager, { newHireId: userId, roleId: opts.roleId, startDate, managerId: staff.hiringManager, buddyId: staff.interviewer, productLeadId: staff.admin, csLeadId: null, sdrLeadId: staff.interviewer, applicationId: c.applicationId });
    const plan = { newHireId: userId, managerId: staff.hiringManager, buddyId: staff.interviewer, productLeadId: staff.admin, csLeadId: null, sdrLeadId: staff.interviewer };
    // A few hires are slow on some tracks: their tasks there are done a week late.
    const slowTrack = hireIndex % 3 === 0 ? 'product' : hireIndex % 4 === 0 ? 'sales_development' : null;
    let last = startDate;
    for (const task of await listPlanTasks(trx, [planId], null)) {
      const late = task.track === slowTrack ? 7 : 0;
      const doneDay = addDays(startDate, Math.max(0, task.dueDay - 1 + late));
      if (doneDay > last) last = doneDay;
      const doneAt = new Date(`${doneDay}T10:00:00Z`);
      await markPlanTaskDone(trx, task.id, { by: userId, note: task.evidenceRequired ? (language === 'ru' ? 'Готово.' : 'Done.') : null, fileId: null }, doneAt);
      const signer = signerOf(plan, task);
      if (signer !== null) await signOffPlanTask(trx, task.id, signer, new Date(doneAt.getTime() + DAY));
    }
    await setPlanCompletedAt(trx, planId, new Date(`${addDays(last, 1)}T12:00:00Z`).toISOString());
    // Two of the latest hires have no review yet.
    if (hireIndex > 7) continue;
    const review = Math.max(1, Math.min(4, Math.round(c.quality - 0.4 + (rand() - 0.5) * 1.8))) as 1 | 2 | 3 | 4;
    await setPlanReview(trx, planId, { rating: review, note: language === 'ru' ? 'Итоги первых 90 дней.' : 'Review of the first 90 days.', reviewedBy: staff.hiringManager }, new Date(`${addDays(startDate, 92)}T09:00:00Z`));
  }
}

/**
 * Last year's hiring, so every report has something to show: two closed openings whose 30
 * candidates went through the interview plan (stage history, scorecards from a lenient and a harsh
 * interviewer, decisions), and 16 hires with onboarding plans linked to their application, mostly
 * finished, 14 of them with a 90-day review that follows the interview score with some noise.
 * Call inside the demo transaction after roles, rubrics and onboarding templates are seeded.
 */
export async function seedReportsDemo(uow: UnitOfWork, staff: DemoStaff, language: Language): Promise<void> {
  const { trx, now } = uow;
  const roles = await listRoles(trx, language);
  const rand = random(7);
  // Ivan rates half a point high, Riley half a point low: the calibration report should show it.
  const bias = new Map<number, number>([[staff.interviewer, 0.6], [staff.recruiter, -0.5], [staff.hiringManager, 0], [staff.admin, 0.1]]);
  const panelOf = (stage: number) => (stage === 0 ? [staff.recruiter] : stage % 2 === 1 ? [staff.interviewer, staff.hiringManager, staff.recruiter] : [staff.hiringManager, staff.admin, staff.interviewer]);
  const specs = [
    { key: 'ae', title: language === 'ru' ? 'Account Executive (набор прошлого года)' : 'Account Executive (last year’s cohort)', candidates: 16, hires: 8, startDaysAgo: 420 },
    { key: 'sdr_outbound', title: language === 'ru' ? 'SDR — исходящие (набор прошлого года)' : 'SDR – outbound (last year’s cohort)', candidates: 14, hires: 8, startDaysAgo: 380 },
  ];
  let nameIndex = 0;
  for (const spec of specs) {
    const role = roles.find((r) => r.key === spec.key);
    if (!role) continue;
    const openedAt = new Date(now.getTime() - spec.startDaysAgo * DAY);
    const openingId = await createOpeningIn(uow.at(openedAt), staff.recruiter, { title: spec.title, roleId: role.id, hiringManagerId: staff.hiringManager, recruiterIds: [staff.recruiter], headcount: spec.hires, status: 'closed', payPlan: '' }, language);
    const stages = await listStages(trx, openingId, language);
    const opening = await trx.selectFrom('openings').select(['rubric_id', 'rubric_version']).where('id', '=', openingId).executeTakeFirstOrThrow();
    const dimensions = (await findVersionDimensions(trx, opening.rubric_id, opening.rubric_version, language)) ?? [];
    const candidates: DemoCandidate[] = [];
    for (let i = 0; i < spec.candidates; i += 1) {
      const name = PAST_NAMES[nameIndex % PAST_NAMES.length]!;
      const source = SOURCES[nameIndex % SOURCES.length]!;
      nameIndex += 1;
      const email = `${name.toLowerCase().normalize('NFD').replace(/[^a-z ]/g, '').replace(/ /g, '.')}@example.com`;
      const created = new Date(openedAt.getTime() + (i * 2 + 1) * DAY);
      // Referrals do a little better on average; quality drives both the interview and the review.
      const quality = Math.min(3.9, 1.4 + rand() * 2.4 + (source === 'referral' ? 0.3 : 0));
      const candidateId = await insertCandidate(trx, { name, email, phone: '', linkedinUrl: '', source, sourceDetail: source === 'referral' ? 'Harper Novak' : '', notes: '', resumeFileId: null, createdBy: staff.recruiter }, created);
      const applicationId = await applyInDemo(uow.at(created), { candidateId, openingId, actorId: staff.recruiter });
      // Weaker candidates leave earlier in the plan.
      const reached = quality < 1.9 ? 1 : quality < 2.4 ? Math.min(2, stages.length - 1) : stages.length - 1;
      let at = created;
      for (let s = 0; s <= reached; s += 1) {
        const stage = stages[s]!;
        at = new Date(at.getTime() + (2 + Math.floor(rand() * 6)) * DAY);
        if (s > 0) {
          await updateApplication(trx, applicationId, { stageId: stage.id }, at);
          await insertEvent(trx, { applicationId, actorId: staff.recruiter, kind: 'stage', stageId: stage.id, status: null, note: '' }, at);
        }
        const panel = panelOf(s);
        const interviewId = await insertInterview(trx, { applicationId, stageId: stage.id, scheduledAt: at.toISOString(), interviewerIds: panel, createdBy: staff.recruiter }, at);
        for (const [p, interviewerId] of panel.entries()) {
          const ratings = stage.focus.map((key, k) => {
            // Now and then a focus dimension is left unassessed.
            if ((i + p + k) % 11 === 5) return { key, rating: null, evidence: '' };
            const value = quality + (bias.get(interviewerId) ?? 0) + (rand() - 0.5) * 1.2;
            return { key, rating: Math.max(1, Math.min(4, Math.round(value))), evidence: language === 'ru' ? 'Пример из интервью подтверждает оценку.' : 'A concrete example from the interview supports this rating.' };
          });
          const rated = ratings.filter((r) => r.rating !== null);
          const mean = rated.reduce((sum, r) => sum + (r.rating ?? 0), 0) / Math.max(1, rated.length);
          // Some scorecards are written the same evening, others days later.
          const submitted = new Date(at.getTime() + (2 + ((i + p) % 4) * 20 + (interviewerId === staff.admin ? 60 : 0)) * 3_600_000);
          await saveScorecard(trx, { interviewId, applicationId, interviewerId, rubricId: opening.rubric_id, rubricVersion: opening.rubric_version, status: 'submitted', content: { ratings, keyTakeaways: '', recommendation: RECOMMENDATIONS[Math.max(0, Math.min(3, Math.round(mean) - 1))]! } }, submitted);
        }
      }
      candidates.push({ applicationId, name, email, quality, decidedAt: new Date(at.getTime() + 3 * DAY), reachedEnd: reached === stages.length - 1 });
    }

    const hired = await decideDemoCandidates(uow, { staff, language, dimensions, candidates, hires: spec.hires });
    await onboardDemoHires(uow, { staff, language, rand, roleId: role.id, hires: candidates.filter((x) => hired.has(x.applicationId)) });
  }
}
