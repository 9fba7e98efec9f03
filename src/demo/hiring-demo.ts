import type { UnitOfWork } from '../events/unit-of-work';
import type { Language } from '../i18n/i18n';
import { insertEvent, updateApplication } from '../candidates/applications.repository';
import { insertCandidate } from '../candidates/candidates.repository';
import type { CandidateSource } from '../candidates/candidate';
import { insertInterview, saveScorecard } from '../interviews/interviews.repository';
import { RECOMMENDATIONS } from '../interviews/scorecard';
import { listStages, type Stage } from '../openings/openings.repository';
import { createOpeningIn } from '../openings/openings.use-cases';
import { publishDemoPostings } from './careers-demo';
import { applyInDemo } from './demo-writes';
import { listRoles } from '../roles/roles.repository';

export interface DemoStaff {
  readonly admin: number;
  readonly recruiter: number;
  readonly hiringManager: number;
  readonly interviewer: number;
}

const NAMES = [
  'Anna Kowalska', 'Ben Okafor', 'Chloé Martin', 'Daniel Weiss', 'Elena Sokolova', 'Farid Haddad', 'Grace Liu', 'Hugo Laurent',
  'Irina Volkova', 'James O’Connor', 'Kenji Tanaka', 'Lena Fischer', 'Mateo García', 'Nadia Rahman', 'Oliver Brown', 'Priya Nair',
  'Rafael Costa', 'Sofia Rossi', 'Tomás Novák', 'Yara Haddad', 'Zoe Papadopoulos', 'Viktor Ivanov',
];
const SOURCES: CandidateSource[] = ['referral', 'inbound', 'outbound', 'outbound', 'agency', 'inbound', 'referral', 'other'];

/** A small deterministic random source, so the demo looks the same on every machine. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/** The interviews of one demo candidate up to the stage they reached, with submitted and draft scorecards. */
async function interviewDemoCandidate(
  uow: UnitOfWork,
  c: { staff: DemoStaff; language: Language; rand: () => number; stages: Stage[]; rubric: { rubric_id: number; rubric_version: number }; applicationId: number; created: Date; reached: number; quality: number; index: number },
): Promise<void> {
  const { trx } = uow;
  const { staff, language, rand, stages, rubric, applicationId, created, reached, quality, index: i } = c;
  const day = 86_400_000;
  const interviewers = [staff.interviewer, staff.hiringManager, staff.recruiter, staff.admin];
  for (let s = 0; s <= reached; s += 1) {
    const stage = stages[s]!;
    const panel = s === 0 ? [staff.recruiter] : [interviewers[s % interviewers.length]!, interviewers[(s + 1) % interviewers.length]!];
    const at = new Date(created.getTime() + (s + 1) * 2 * day);
    const interviewId = await insertInterview(trx, { applicationId, stageId: stage.id, scheduledAt: at.toISOString(), interviewerIds: panel, createdBy: staff.recruiter }, at);
    for (const [p, interviewerId] of panel.entries()) {
      // The newest interview of some candidates still waits for its scorecards.
      if (s === reached && (i + p) % 3 === 0) continue;
      const draft = s === reached && (i + p) % 3 === 1;
      const ratings = stage.focus.map((key) => {
        const rating = Math.max(1, Math.min(4, Math.round(quality + (rand() - 0.5) * 1.6)));
        return { key, rating, evidence: language === 'ru' ? 'Пример из интервью подтверждает оценку.' : 'A concrete example from the interview supports this rating.' };
      });
      const mean = ratings.reduce((sum, r) => sum + r.rating, 0) / Math.max(1, ratings.length);
      await saveScorecard(
        trx,
        {
          interviewId,
          applicationId,
          interviewerId,
          rubricId: rubric.rubric_id,
          rubricVersion: rubric.rubric_version,
          status: draft ? 'draft' : 'submitted',
          content: { ratings, keyTakeaways: '', recommendation: draft ? null : RECOMMENDATIONS[Math.max(0, Math.min(3, Math.round(mean) - 1))]! },
        },
        new Date(at.getTime() + 3_600_000),
      );
    }
  }
}

/**
 * Three openings (SDR outbound, AE, VP Sales) with their default interview plans, 22 candidates at
 * different stages, interviews, and a mix of submitted and draft scorecards.
 */
export async function seedHiringDemo(uow: UnitOfWork, staff: DemoStaff, language: Language): Promise<void> {
  const { trx, now } = uow;
  const roles = await listRoles(trx, language);
  const rand = random(42);
  const day = 86_400_000;
  const specs = [
    { key: 'sdr_outbound', title: language === 'ru' ? 'SDR — исходящие (Берлин)' : 'SDR – outbound (Berlin)', candidates: 9 },
    { key: 'ae', title: language === 'ru' ? 'Account Executive (средний бизнес)' : 'Account Executive (mid-market)', candidates: 9 },
    { key: 'vp_sales', title: 'VP Sales', candidates: 4 },
  ];
  let nameIndex = 0;
  const active: { applicationId: number; stageId: number }[] = [];
  const published: { key: string; openingId: number }[] = [];
  for (const spec of specs) {
    const role = roles.find((r) => r.key === spec.key);
    if (!role) continue;
    const openingId = await createOpeningIn(uow, staff.recruiter, { title: spec.title, roleId: role.id, hiringManagerId: staff.hiringManager, recruiterIds: [staff.recruiter], headcount: spec.key === 'sdr_outbound' ? 2 : 1, status: 'open', payPlan: '' }, language);
    published.push({ key: spec.key, openingId });
    const stages = await listStages(trx, openingId, language);
    const rubric = await trx.selectFrom('openings').select(['rubric_id', 'rubric_version']).where('id', '=', openingId).executeTakeFirstOrThrow();
    for (let i = 0; i < spec.candidates; i += 1) {
      const name = NAMES[nameIndex % NAMES.length]!;
      nameIndex += 1;
      const source = SOURCES[nameIndex % SOURCES.length]!;
      const created = new Date(now.getTime() - (30 - i) * day);
      const candidateId = await insertCandidate(
        trx,
        {
          name,
          email: `${name.toLowerCase().normalize('NFD').replace(/[^a-z ]/g, '').replace(/ /g, '.')}@example.com`,
          phone: '',
          linkedinUrl: `https://www.linkedin.com/in/${name.toLowerCase().normalize('NFD').replace(/[^a-z ]/g, '').replace(/ /g, '-')}`,
          source,
          sourceDetail: source === 'referral' ? 'Alex Morgan' : source === 'inbound' ? 'applied' : '',
          notes: '',
          resumeFileId: null,
          createdBy: staff.recruiter,
        },
        created,
      );
      const applicationId = await applyInDemo(uow.at(created), { candidateId, openingId, actorId: staff.recruiter });
      // Later candidates are further along; each held stage gets an interview.
      const reached = Math.min(stages.length - 1, Math.floor(rand() * stages.length));
      const quality = 1.3 + rand() * 2.7;
      await interviewDemoCandidate(uow, { staff, language, rand, stages, rubric, applicationId, created, reached, quality, index: i });
      if (reached > 0) {
        await updateApplication(trx, applicationId, { stageId: stages[reached]!.id }, now);
        await insertEvent(trx, { applicationId, actorId: staff.recruiter, kind: 'stage', stageId: stages[reached]!.id, status: null, note: '' }, now);
      }
      if (quality < 1.8 && reached > 0) {
        const reason = language === 'ru' ? 'Не прошёл интервью о ценностях.' : 'Did not meet the integrity bar.';
        await updateApplication(trx, applicationId, { status: 'rejected', statusReason: reason }, now);
        await insertEvent(trx, { applicationId, actorId: staff.recruiter, kind: 'status', stageId: stages[reached]!.id, status: 'rejected', note: reason }, now);
      } else if (reached + 1 < stages.length) active.push({ applicationId, stageId: stages[reached + 1]!.id });
    }
  }
  await scheduleDemoInterviewsAhead(uow, staff, active);
  await publishDemoPostings(uow, published, language);
}

/** Interviews in the coming days, so everyone who interviews has one ahead on their home page. */
async function scheduleDemoInterviewsAhead(uow: UnitOfWork, staff: DemoStaff, active: readonly { applicationId: number; stageId: number }[]): Promise<void> {
  const panels = [
    [staff.interviewer, staff.hiringManager],
    [staff.recruiter, staff.admin],
    [staff.interviewer, staff.recruiter],
    [staff.hiringManager, staff.admin],
  ];
  for (const [k, next] of active.slice(-panels.length).entries()) {
    const at = new Date(uow.now.getTime() + (k + 1) * 86_400_000);
    at.setUTCHours(9 + 2 * k, 0, 0, 0);
    await insertInterview(uow.trx, { applicationId: next.applicationId, stageId: next.stageId, scheduledAt: at.toISOString(), interviewerIds: panels[k]!, createdBy: staff.recruiter, location: k % 2 === 0 ? 'https://meet.example.com/salesbench-demo' : 'Berlin office, room 4' }, uow.now);
  }
}
