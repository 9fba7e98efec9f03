import { ROLE_KEYS } from '../../../src/rubrics/default-content';
import { DEFAULT_TEMPLATES } from '../../../src/onboarding/default-templates';
import {
  addDays,
  buildPlanTasks,
  checkEvidence,
  checkTaskTemplate,
  compareTasks,
  daysBetween,
  isIsoDate,
  isOverdue,
  isOwnerRole,
  isPlanComplete,
  isSignOff,
  isTaskKind,
  isTrack,
  nextDueTask,
  OWNER_ROLES,
  personFor,
  type PlanPeople,
  planProgress,
  rescheduleOpenTasks,
  SIGN_OFFS,
  signerOf,
  TASK_KINDS,
  type TaskTemplate,
  taskState,
  todayOf,
  TRACKS,
} from '../../../src/onboarding/plan';

const template = (overrides: Partial<TaskTemplate> = {}): TaskTemplate => ({
  track: 'product',
  title: 'Task',
  description: '',
  ownerRole: 'new_hire',
  dueDay: 0,
  signOff: 'none',
  evidenceRequired: false,
  required: true,
  kind: 'task',
  ...overrides,
});

const done = '2025-01-10T10:00:00.000Z';

describe('due-date arithmetic', () => {
  it.each([
    ['2025-01-06', 0, '2025-01-06'],
    ['2025-01-06', 7, '2025-01-13'],
    ['2025-01-31', 1, '2025-02-01'],
    ['2025-02-28', 1, '2025-03-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-02-29', 365, '2025-02-28'],
    ['2025-12-15', 30, '2026-01-14'],
    ['2025-11-03', 90, '2026-02-01'],
    ['2025-03-30', 1, '2025-03-31'],
    ['2025-10-26', 1, '2025-10-27'],
    ['2025-01-01', -1, '2024-12-31'],
  ])('when the start is %s and the task is due %i days later, then it is due %s', (start, days, expected) => {
    expect(addDays(start, days)).toBe(expected);
    expect(daysBetween(start, expected)).toBe(days);
  });

  it.each([
    ['2025-01-31', true],
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2025-04-31', false],
    ['2025-13-01', false],
    ['2025-1-5', false],
    ['05/01/2025', false],
    ['1999-12-31', false],
    ['', false],
    ['2025-01-01T00:00:00Z', false],
  ])('when the start date is %p, then valid is %p', (text, valid) => {
    expect(isIsoDate(text)).toBe(valid);
  });

  it('when a date is not valid, then addDays refuses it instead of guessing', () => {
    expect(() => addDays('2025-02-30', 1)).toThrow('not a date');
  });
});

describe('building a plan from a template', () => {
  it('when a plan is built, then tasks are ordered by track then due day, and each is due its days after the start', () => {
    const tasks = buildPlanTasks(
      [
        { ...template({ track: 'role', dueDay: 90, kind: 'review', ownerRole: 'manager', title: 'Review' }), position: 0 },
        { ...template({ track: 'product', dueDay: 10, title: 'Demo' }), position: 1 },
        { ...template({ track: 'company', dueDay: 5, title: 'Values' }), position: 2 },
        { ...template({ track: 'product', dueDay: 3, title: 'Tour' }), position: 3 },
        { ...template({ track: 'company', dueDay: 0, title: 'Welcome' }), position: 4 },
      ],
      '2025-12-01',
    );
    expect(tasks.map((t) => [t.title, t.dueDate, t.position])).toEqual([
      ['Welcome', '2025-12-01', 0],
      ['Values', '2025-12-06', 1],
      ['Tour', '2025-12-04', 2],
      ['Demo', '2025-12-11', 3],
      ['Review', '2026-03-01', 4],
    ]);
  });

  it('when the start date moves, then only open tasks move, across month and year ends', () => {
    const tasks = [
      { id: 1, dueDay: 0, dueDate: '2025-12-29', doneAt: done },
      { id: 2, dueDay: 5, dueDate: '2026-01-03', doneAt: null },
      { id: 3, dueDay: 30, dueDate: '2026-01-28', doneAt: null },
      { id: 4, dueDay: 90, dueDate: '2026-03-29', doneAt: null },
    ];
    expect(rescheduleOpenTasks(tasks, '2026-01-30')).toEqual([
      { id: 2, dueDate: '2026-02-04' },
      { id: 3, dueDate: '2026-03-01' },
      { id: 4, dueDate: '2026-04-30' },
    ]);
    expect(rescheduleOpenTasks(tasks, '2025-12-29')).toEqual([]);
  });
});

describe('task state, overdue, progress and completion', () => {
  it.each([
    [{ doneAt: null, signOff: 'none', signedOffAt: null }, 'open'],
    [{ doneAt: done, signOff: 'none', signedOffAt: null }, 'complete'],
    [{ doneAt: done, signOff: 'owner', signedOffAt: null }, 'awaiting_sign_off'],
    [{ doneAt: done, signOff: 'manager', signedOffAt: done }, 'complete'],
    [{ doneAt: null, signOff: 'manager', signedOffAt: null }, 'open'],
  ] as const)('when a task is %p, then it is %s', (task, state) => {
    expect(taskState(task)).toBe(state);
  });

  it.each([
    ['2025-03-10', null, '2025-03-11', true],
    ['2025-03-10', null, '2025-03-10', false],
    ['2025-03-10', null, '2025-03-09', false],
    ['2025-03-10', done, '2025-04-01', false],
    ['2025-12-31', null, '2026-01-01', true],
  ])('when due %s, done %p, and today is %s, then overdue is %p', (dueDate, doneAt, today, overdue) => {
    expect(isOverdue({ dueDate, doneAt }, today)).toBe(overdue);
  });

  it('when some tasks are done, signed off or waiting, then progress counts only finished ones, per track and overall', () => {
    const tasks = [
      { track: 'company', doneAt: done, signOff: 'none', signedOffAt: null, dueDate: '2025-01-01' },
      { track: 'company', doneAt: null, signOff: 'none', signedOffAt: null, dueDate: '2025-01-05' },
      { track: 'product', doneAt: done, signOff: 'owner', signedOffAt: null, dueDate: '2025-01-03' },
      { track: 'product', doneAt: done, signOff: 'owner', signedOffAt: done, dueDate: '2025-01-04' },
      { track: 'product', doneAt: null, signOff: 'owner', signedOffAt: null, dueDate: '2025-02-01' },
      { track: 'role', doneAt: null, signOff: 'none', signedOffAt: null, dueDate: '2025-03-01' },
    ] as const;
    const progress = planProgress(tasks, '2025-01-10');
    expect(progress.overall).toEqual({ total: 6, complete: 2, awaitingSignOff: 1, overdue: 1, percent: 33 });
    expect(progress.byTrack.map((g) => [g.track, g.progress.complete, g.progress.total, g.progress.percent])).toEqual([
      ['company', 1, 2, 50],
      ['product', 1, 3, 33],
      ['role', 0, 1, 0],
    ]);
    expect(planProgress([], '2025-01-10').overall.percent).toBe(0);
  });

  it.each([
    ['every required task done, an optional one open', [{ required: true, doneAt: done, signOff: 'none', signedOffAt: null }, { required: false, doneAt: null, signOff: 'none', signedOffAt: null }], true],
    ['a required task waits for sign-off', [{ required: true, doneAt: done, signOff: 'manager', signedOffAt: null }], false],
    ['a required task signed off', [{ required: true, doneAt: done, signOff: 'manager', signedOffAt: done }], true],
    ['a required task open', [{ required: true, doneAt: null, signOff: 'none', signedOffAt: null }, { required: true, doneAt: done, signOff: 'none', signedOffAt: null }], false],
  ] as const)('when %s, then the plan complete is %p', (_label, tasks, complete) => {
    expect(isPlanComplete(tasks)).toBe(complete);
  });

  it('when several tasks are open, then the next due is the earliest open one', () => {
    const tasks = [
      { id: 1, doneAt: done, dueDate: '2025-01-01', position: 0 },
      { id: 2, doneAt: null, dueDate: '2025-01-09', position: 1 },
      { id: 3, doneAt: null, dueDate: '2025-01-05', position: 2 },
    ];
    expect(nextDueTask(tasks)?.id).toBe(3);
    expect(nextDueTask([tasks[0]!])).toBeUndefined();
  });
});

describe('people', () => {
  const people: PlanPeople = { newHireId: 1, managerId: 2, buddyId: 3, productLeadId: null, csLeadId: 5, sdrLeadId: null };

  it.each([
    ['new_hire', 1],
    ['manager', 2],
    ['buddy', 3],
    ['product_lead', 2],
    ['cs_lead', 5],
    ['sdr_lead', 2],
  ] as const)('when a task is owned by the %s, then person %i runs it (an empty role falls to the manager)', (role, id) => {
    expect(personFor(people, role)).toBe(id);
  });

  it.each([
    ['none', 'cs_lead', null],
    ['owner', 'cs_lead', 5],
    ['owner', 'product_lead', 2],
    ['manager', 'buddy', 2],
  ] as const)('when sign-off is %s and the owner is %s, then the signer is %p', (signOff, ownerRole, signer) => {
    expect(signerOf(people, { signOff, ownerRole })).toBe(signer);
  });
});

describe('template and evidence rules', () => {
  it.each([
    [template(), {}],
    [template({ ownerRole: 'new_hire', signOff: 'owner' }), { signOff: 'onboarding.error.selfSignOff' }],
    [template({ dueDay: 366 }), { dueDay: 'onboarding.error.dueDay' }],
    [template({ dueDay: -1 }), { dueDay: 'onboarding.error.dueDay' }],
    [template({ kind: 'review', ownerRole: 'buddy', signOff: 'manager' }), { ownerRole: 'onboarding.error.reviewOwner', signOff: 'onboarding.error.reviewSignOff' }],
    [template({ kind: 'review', ownerRole: 'manager' }), {}],
  ])('when a template task is %p, then the errors are %p', (task, errors) => {
    expect(checkTaskTemplate(task)).toEqual(errors);
  });

  it.each([
    [false, '', false, undefined],
    [true, '', false, 'onboarding.error.evidenceRequired'],
    [true, '   ', false, 'onboarding.error.evidenceRequired'],
    [true, 'notes', false, undefined],
    [true, '', true, undefined],
  ])('when evidence required is %p, the note %p and a file %p, then %p', (evidenceRequired, note, hasFile, error) => {
    expect(checkEvidence({ evidenceRequired }, { note, hasFile })).toBe(error);
  });
});

describe('default templates', () => {
  it.each(ROLE_KEYS)('when the %s template is read, then it has 10–16 valid tasks in every track, due within 90 days, and one 90-day review', (role) => {
    const tasks = DEFAULT_TEMPLATES[role];
    expect(tasks.length).toBeGreaterThanOrEqual(10);
    expect(tasks.length).toBeLessThanOrEqual(16);
    expect(new Set(tasks.map((t) => t.track))).toEqual(new Set(['company', 'product', 'customer_success', 'sales_development', 'role']));
    expect(tasks.every((t) => t.day >= 0 && t.day <= 90)).toBe(true);
    const reviews = tasks.filter((t) => t.kind === 'review');
    expect(reviews.map((t) => [t.owner, t.day])).toEqual([['manager', 90]]);
    for (const task of tasks) {
      const rules = checkTaskTemplate({ track: task.track, title: task.title.en, description: task.description.en, ownerRole: task.owner, dueDay: task.day, signOff: task.signOff, evidenceRequired: task.evidence, required: task.required, kind: task.kind });
      expect(`${task.title.en}: ${JSON.stringify(rules)}`).toBe(`${task.title.en}: {}`);
      expect(task.title.ru.length).toBeGreaterThan(0);
      expect(task.description.ru).toMatch(/[а-я]/);
    }
  });
});

describe('plan rules at their edges', () => {
  it.each([
    ['2000-01-01', true],
    ['2100-12-31', true],
    ['2101-01-01', false],
    ['1999-12-31', false],
    ['2025-00-10', false],
    ['2025-01-00', false],
    ['2025-02-28', true],
    ['x2025-01-01', false],
    ['2025-01-01x', false],
    ['20250-01-01', false],
  ])('when the date is %p, then valid is %p', (text, valid) => {
    expect(isIsoDate(text)).toBe(valid);
  });

  it('when today is asked for, then it is the UTC date of the moment', () => {
    expect(todayOf(new Date('2025-03-09T23:30:00-05:00'))).toBe('2025-03-10');
    expect(todayOf(new Date('2025-03-10T00:00:00Z'))).toBe('2025-03-10');
  });

  it('when values come from a form, then only the known tracks, roles, sign-offs and kinds pass', () => {
    expect(TRACKS.every(isTrack)).toBe(true);
    expect([isTrack('sales'), isTrack(3), isTrack(undefined)]).toEqual([false, false, false]);
    expect(OWNER_ROLES.every(isOwnerRole)).toBe(true);
    expect([isOwnerRole('ceo'), isOwnerRole(null)]).toEqual([false, false]);
    expect(SIGN_OFFS.every(isSignOff)).toBe(true);
    expect([isSignOff('anyone'), isSignOff(1)]).toEqual([false, false]);
    expect(TASK_KINDS.every(isTaskKind)).toBe(true);
    expect([isTaskKind('meeting'), isTaskKind({})]).toEqual([false, false]);
    expect(TRACKS).toEqual(['company', 'product', 'customer_success', 'sales_development', 'role']);
    expect(OWNER_ROLES).toEqual(['new_hire', 'manager', 'buddy', 'product_lead', 'cs_lead', 'sdr_lead']);
    expect(SIGN_OFFS).toEqual(['none', 'owner', 'manager']);
    expect(TASK_KINDS).toEqual(['task', 'review']);
  });

  it('when tasks share a track and due day, then the template order decides', () => {
    const a = { track: 'product' as const, dueDay: 5, position: 2 };
    const b = { track: 'product' as const, dueDay: 5, position: 1 };
    expect(compareTasks(a, b)).toBeGreaterThan(0);
    expect(compareTasks(b, a)).toBeLessThan(0);
    expect(compareTasks(a, a)).toBe(0);
    expect(compareTasks({ ...a, dueDay: 4 }, b)).toBeLessThan(0);
    expect(compareTasks({ ...a, track: 'company' }, { ...b, dueDay: 0 })).toBeLessThan(0);
  });

  it('when a plan is built, then each task keeps its template fields and the template is not reordered in place', () => {
    const templates = [
      { ...template({ track: 'role', dueDay: 2, title: 'Second', ownerRole: 'buddy', signOff: 'owner', evidenceRequired: true, required: false }), position: 0 },
      { ...template({ track: 'company', dueDay: 1, title: 'First' }), position: 1 },
    ];
    const tasks = buildPlanTasks(templates, '2025-01-01');
    expect(tasks[1]).toEqual({ ...templates[0], position: 1, dueDate: '2025-01-03' });
    expect(templates.map((t) => t.title)).toEqual(['Second', 'First']);
  });

  it('when the start date moves and an open task lands on its old date, then it is not listed as moved', () => {
    const tasks = [
      { id: 1, dueDay: 0, dueDate: '2025-01-10', doneAt: null },
      { id: 2, dueDay: 3, dueDate: '2025-01-01', doneAt: null },
    ];
    expect(rescheduleOpenTasks(tasks, '2025-01-10')).toEqual([{ id: 2, dueDate: '2025-01-13' }]);
  });

  it('when a task needs a sign-off but is done and signed by its owner, then it is complete', () => {
    expect(taskState({ doneAt: done, signOff: 'owner', signedOffAt: done })).toBe('complete');
    expect(taskState({ doneAt: null, signOff: 'none', signedOffAt: done })).toBe('open');
  });

  it('when two of three tasks are complete, then progress is 66 % (whole percent, rounded down)', () => {
    const task = (doneAt: string | null) => ({ track: 'role' as const, doneAt, signOff: 'none' as const, signedOffAt: null, dueDate: '2025-01-01' });
    const progress = planProgress([task(done), task(done), task(null)], '2025-01-01');
    expect(progress.overall).toEqual({ total: 3, complete: 2, awaitingSignOff: 0, overdue: 0, percent: 66 });
    expect(progress.byTrack).toEqual([{ track: 'role', progress: progress.overall }]);
  });

  it('when a plan has no required task, then it is complete; an open optional task does not hold it up', () => {
    expect(isPlanComplete([])).toBe(true);
    expect(isPlanComplete([{ required: false, doneAt: null, signOff: 'none', signedOffAt: null }])).toBe(true);
  });

  it('when open tasks are due the same day, then the one earlier in the plan comes next', () => {
    const tasks = [
      { id: 1, doneAt: null, dueDate: '2025-01-05', position: 4 },
      { id: 2, doneAt: null, dueDate: '2025-01-05', position: 1 },
      { id: 3, doneAt: null, dueDate: '2025-01-06', position: 0 },
    ];
    expect(nextDueTask(tasks)?.id).toBe(2);
    expect(nextDueTask([tasks[2]!, tasks[0]!])?.id).toBe(1);
  });

  it.each([
    [template({ dueDay: 0 }), {}],
    [template({ dueDay: 365 }), {}],
    [template({ dueDay: 1.5 }), { dueDay: 'onboarding.error.dueDay' }],
    [template({ ownerRole: 'buddy', signOff: 'owner' }), {}],
    [template({ ownerRole: 'new_hire', signOff: 'manager' }), {}],
    [template({ kind: 'review', ownerRole: 'manager', signOff: 'owner' }), { signOff: 'onboarding.error.reviewSignOff' }],
    [template({ kind: 'review', ownerRole: 'new_hire', signOff: 'none' }), { ownerRole: 'onboarding.error.reviewOwner' }],
    [template({ kind: 'task', ownerRole: 'buddy', signOff: 'manager' }), {}],
  ])('when a template task is %p, then the errors are %p', (task, errors) => {
    expect(checkTaskTemplate(task)).toEqual(errors);
  });

  it('when evidence is not required, then nothing is asked even without a note or a file', () => {
    expect(checkEvidence({ evidenceRequired: false }, { note: '   ', hasFile: false })).toBeUndefined();
    expect(checkEvidence({ evidenceRequired: true }, { note: ' done ', hasFile: true })).toBeUndefined();
  });
});

describe('real calendar dates', () => {
  it.each([
    ['2025-01-32', false],
    ['2025-06-31', false],
    ['2025-06-30', true],
    ['2025-12-31', true],
    ['2025-12-32', false],
    ['2100-02-29', false],
    ['2000-02-29', true],
    ['2025-99-99', false],
  ])('when the date is %p, then valid is %p', (text, valid) => {
    expect(isIsoDate(text)).toBe(valid);
  });
});
