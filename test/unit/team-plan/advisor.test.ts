import { adviseNextHires, assessLeadFlow, type Team } from '../../../src/team-plan/advisor';

const EMPTY: Team = { sdrOutbound: 0, sdrInbound: 0, aes: 0, farmers: 0, hasVpSales: false, founderCloses: true, customers: 0, leadsPerMonth: [] };
const rules = (team: Partial<Team>) => adviseNextHires({ ...EMPTY, ...team }).advice.map((a) => `${a.kind}:${a.rule}`);

describe('assessLeadFlow', () => {
  it.each([
    [[12, 14, 13], true],
    [[12, 14], false],
    [[5, 6, 5], false],
    [[20, 0, 25], false],
    [[5, 30, 12], false],
    [[], false],
  ])('when monthly leads are %p, then predictable = %p', (leads, predictable) => {
    expect(assessLeadFlow(leads).predictable).toBe(predictable);
  });
});

describe('adviseNextHires', () => {
  it('when there is no qualifier, then the first advice is to hire one while the founder closes', () => {
    expect(rules({})[0]).toBe('hire:qualifier-first');
  });

  it('when there are customers and no farmer, then a farmer is advised too', () => {
    expect(rules({ customers: 12 })).toEqual(['hire:qualifier-first', 'hire:farmer-first']);
  });

  it('when nobody closes, then the advisor says the founder should', () => {
    expect(rules({ founderCloses: false })).toContain('note:founder-closes');
  });

  it('when a qualifier exists but lead flow is not predictable, then an AE is explicitly not advised yet', () => {
    expect(rules({ sdrOutbound: 1, farmers: 1, customers: 10, leadsPerMonth: [3, 20, 8] })).toEqual(['wait:ae-wait-leads', 'note:steady']);
  });

  it('when leads are predictable but farmers do not cover the customers, then AE waits for farmers', () => {
    expect(rules({ sdrOutbound: 1, farmers: 1, customers: 90, leadsPerMonth: [20, 22, 21] })).toEqual(['wait:ae-wait-farmers', 'hire:more-farmers']);
  });

  it('when leads are predictable, farmers cover customers and leads exceed closing capacity, then hire an AE', () => {
    expect(rules({ sdrOutbound: 2, farmers: 1, customers: 30, leadsPerMonth: [20, 22, 21] })).toEqual(['hire:ae-when-ready']);
  });

  it('when closers have spare capacity, then more qualifiers are advised', () => {
    expect(rules({ sdrOutbound: 1, aes: 3, farmers: 2, customers: 60, leadsPerMonth: [12, 12, 12], founderCloses: false })).toContain('hire:more-qualifiers');
  });

  it('when the team reaches 8 reps without a VP, then a VP Sales for proven management is advised', () => {
    const advice = adviseNextHires({ ...EMPTY, sdrOutbound: 3, aes: 3, farmers: 2, customers: 60, leadsPerMonth: [45, 46, 44] }).advice;
    expect(advice.map((a) => a.rule)).toContain('vp-sales');
    expect(advice.find((a) => a.rule === 'vp-sales')?.messageKey).toBe('advice.vpSales');
    expect(rules({ sdrOutbound: 3, aes: 3, farmers: 2, hasVpSales: true, customers: 60, leadsPerMonth: [45, 46, 44] })).not.toContain('hire:vp-sales');
  });

  it('when closers far outnumber farmers, then a balance note appears', () => {
    expect(rules({ sdrOutbound: 2, aes: 3, farmers: 1, customers: 30, leadsPerMonth: [45, 45, 45] })).toContain('note:balance');
  });

  it('when nothing needs hiring, then it says so', () => {
    expect(rules({ sdrOutbound: 1, farmers: 1, customers: 20, leadsPerMonth: [8, 8, 8] }).at(-1)).toBe('note:steady');
  });
});
