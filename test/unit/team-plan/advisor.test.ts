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

describe('lead flow at its edges', () => {
  it('when leads are exactly 3 months, 10 a month on average and 30 % variation, then the flow is predictable', () => {
    expect(assessLeadFlow([10, 10, 10]).predictable).toBe(true);
    // mean 10, standard deviation 3
    expect(assessLeadFlow([7, 13, 7, 13])).toEqual({ months: 4, mean: 10, variation: 0.3, predictable: true });
  });

  it('when the average is just under 10 or the variation just over 30 %, then it is not predictable', () => {
    expect(assessLeadFlow([9, 10, 10]).predictable).toBe(false);
    expect(assessLeadFlow([6.9, 13.1, 6.9, 13.1])).toMatchObject({ mean: 10, predictable: false });
  });

  it('when leads vary, then variation is the standard deviation over the mean', () => {
    const flow = assessLeadFlow([8, 12, 10]);
    expect(flow.mean).toBe(10);
    expect(flow.variation).toBeCloseTo(Math.sqrt(8 / 3) / 10, 10);
  });

  it('when a month had no leads at all, then the flow is not predictable even if the rest is steady', () => {
    // Twelve steady months around one empty month keep the variation under 30 %.
    const leads = [...Array<number>(12).fill(20), 0];
    expect(assessLeadFlow(leads).variation).toBeLessThan(0.3);
    expect(assessLeadFlow(leads).predictable).toBe(false);
  });

  it('when every month is zero or nothing is known, then mean and variation are zero, not undefined', () => {
    expect(assessLeadFlow([0, 0, 0])).toEqual({ months: 3, mean: 0, variation: 0, predictable: false });
    expect(assessLeadFlow([])).toEqual({ months: 0, mean: 0, variation: 0, predictable: false });
  });
});

describe('advice is given when it applies, and withheld when it does not', () => {
  const STEADY = [40, 40, 40];
  const advice = (team: Partial<Team>) => adviseNextHires({ ...EMPTY, ...team }).advice;

  it('when the only qualifier is an inbound SDR, then no qualifier is asked for first', () => {
    expect(rules({ sdrInbound: 1, leadsPerMonth: [3, 20, 8] })).toEqual(['wait:ae-wait-leads', 'note:steady']);
  });

  it('when there are no customers, then no farmer is advised', () => {
    const r = rules({ sdrOutbound: 1, leadsPerMonth: [5, 5, 5] });
    expect(r).not.toContain('hire:farmer-first');
    expect(r).not.toContain('hire:more-farmers');
    expect(r).not.toContain('wait:ae-wait-farmers');
  });

  it('when leads are steady and there are no customers yet, then the AE does not wait for a farmer', () => {
    expect(rules({ sdrOutbound: 1, leadsPerMonth: STEADY })).toEqual(['hire:ae-when-ready']);
  });

  it('when customers arrive and nobody looks after them, then a farmer is advised with the count of customers', () => {
    expect(advice({ sdrOutbound: 1, customers: 12, leadsPerMonth: [3, 20, 8] }).find((a) => a.rule === 'farmer-first')).toEqual({ rule: 'farmer-first', kind: 'hire', role: 'farmer', messageKey: 'advice.farmerFirst', params: { customers: 12 } });
  });

  it('when an AE closes, then the founder is not told to close', () => {
    expect(rules({ founderCloses: false, aes: 1 })).not.toContain('note:founder-closes');
    expect(rules({ founderCloses: true })).not.toContain('note:founder-closes');
  });

  it('when lead flow is not predictable, then the wait says why in figures', () => {
    expect(advice({ sdrOutbound: 1, leadsPerMonth: [3, 20, 8] })[0]).toEqual({
      rule: 'ae-wait-leads',
      kind: 'wait',
      role: 'ae',
      messageKey: 'advice.aeWaitLeads',
      params: { months: 3, mean: 10.3, variation: 69, minMonths: 3, minLeads: 10, maxVariation: 30 },
    });
  });

  it('when there is no qualifier, then no advice about AEs is given yet', () => {
    expect(rules({ leadsPerMonth: STEADY }).filter((r) => r.includes(':ae-'))).toEqual([]);
    expect(rules({ leadsPerMonth: [3, 20, 8] }).filter((r) => r.includes(':ae-'))).toEqual([]);
    expect(rules({ customers: 200, farmers: 1, leadsPerMonth: STEADY }).filter((r) => r.includes(':ae-'))).toEqual([]);
  });

  it('when one farmer has 40 customers, then they are covered; at 41 a second farmer is needed', () => {
    expect(rules({ sdrOutbound: 1, farmers: 1, customers: 40, leadsPerMonth: [8, 8, 8] })).toEqual(['wait:ae-wait-leads', 'note:steady']);
    expect(advice({ sdrOutbound: 1, farmers: 1, customers: 41, leadsPerMonth: STEADY })).toEqual([
      { rule: 'ae-wait-farmers', kind: 'wait', role: 'ae', messageKey: 'advice.aeWaitFarmers', params: { farmers: 1, needed: 2 } },
      { rule: 'more-farmers', kind: 'hire', role: 'farmer', messageKey: 'advice.moreFarmers', params: { customers: 41, farmers: 1, perFarmer: 40 } },
    ]);
  });

  it('when there is a single customer and no farmer, then the AE waits for one farmer', () => {
    expect(advice({ sdrOutbound: 1, customers: 1, leadsPerMonth: STEADY }).find((a) => a.rule === 'ae-wait-farmers')?.params).toEqual({ farmers: 0, needed: 1 });
  });

  it('when the founder can still close the leads (8 a month), then no AE is advised; at 9 a month, one is', () => {
    expect(rules({ sdrOutbound: 1, leadsPerMonth: [8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8] })).toEqual(['wait:ae-wait-leads', 'note:steady']);
    expect(rules({ sdrOutbound: 1, leadsPerMonth: [10, 10, 10] })).toEqual(['hire:ae-when-ready']);
    expect(advice({ sdrOutbound: 1, leadsPerMonth: [10, 10, 10] })[0]).toEqual({ rule: 'ae-when-ready', kind: 'hire', role: 'ae', messageKey: 'advice.aeWhenReady', params: { mean: 10, capacity: 8 } });
  });

  it('when two AEs and the founder can close 38 leads a month, then no AE is advised at 38; at 39 one is', () => {
    const team = { sdrOutbound: 2, aes: 2, farmers: 1, customers: 10 };
    expect(rules({ ...team, leadsPerMonth: [38, 38, 38] })).toEqual(['note:steady']);
    expect(advice({ ...team, leadsPerMonth: [39, 39, 39] })[0]).toEqual({ rule: 'ae-when-ready', kind: 'hire', role: 'ae', messageKey: 'advice.aeWhenReady', params: { mean: 39, capacity: 38 } });
  });

  it('when the founder no longer closes, then two AEs close 30 leads a month', () => {
    const team = { sdrOutbound: 2, aes: 2, farmers: 1, customers: 10, founderCloses: false };
    expect(rules({ ...team, leadsPerMonth: [30, 30, 30] })).toEqual(['note:steady']);
    expect(advice({ ...team, leadsPerMonth: [31, 31, 31] })[0]?.params).toEqual({ mean: 31, capacity: 30 });
  });

  it('when AEs get less than 70 % of the leads they can work, then more qualifiers are advised; at 70 % they are not', () => {
    const team = { sdrOutbound: 1, aes: 2, farmers: 1, customers: 10, founderCloses: false };
    // Two AEs work 30 leads a month; 70 % of that is 21.
    expect(advice({ ...team, leadsPerMonth: [20, 20, 20, 2] }).find((a) => a.rule === 'more-qualifiers')).toEqual({ rule: 'more-qualifiers', kind: 'hire', role: 'sdr_outbound', messageKey: 'advice.moreQualifiers', params: { mean: 15.5, capacity: 30 } });
    expect(rules({ ...team, leadsPerMonth: [21, 21, 21] })).not.toContain('hire:more-qualifiers');
    expect(rules({ ...team, leadsPerMonth: [20.9, 20.9, 20.9] })).toContain('hire:more-qualifiers');
  });

  it('when there is no AE, no qualifier, or no lead numbers, then more qualifiers are not advised', () => {
    expect(rules({ sdrOutbound: 1, aes: 0, leadsPerMonth: [1, 1, 1] })).not.toContain('hire:more-qualifiers');
    expect(rules({ aes: 2, farmers: 1, customers: 10, leadsPerMonth: [1, 1, 1] })).not.toContain('hire:more-qualifiers');
    expect(rules({ sdrOutbound: 1, aes: 2, farmers: 1, customers: 10, leadsPerMonth: [] })).not.toContain('hire:more-qualifiers');
  });

  it('when the team has 7 reps, then no VP Sales yet; inbound SDRs count toward the 8', () => {
    expect(rules({ sdrOutbound: 2, sdrInbound: 1, aes: 2, farmers: 2, customers: 60, leadsPerMonth: STEADY })).not.toContain('hire:vp-sales');
    expect(advice({ sdrOutbound: 2, sdrInbound: 2, aes: 2, farmers: 2, customers: 60, leadsPerMonth: STEADY }).find((a) => a.rule === 'vp-sales')).toEqual({ rule: 'vp-sales', kind: 'hire', role: 'vp_sales', messageKey: 'advice.vpSales', params: { reps: 8 } });
  });

  it('when AEs are exactly twice the farmers, then no balance note; one AE more and it appears', () => {
    const team = { sdrOutbound: 2, farmers: 1, customers: 30, leadsPerMonth: [45, 45, 45] };
    expect(rules({ ...team, aes: 2 })).not.toContain('note:balance');
    expect(advice({ ...team, aes: 3 }).find((a) => a.rule === 'balance')).toEqual({ rule: 'balance', kind: 'note', messageKey: 'advice.balance', params: { aes: 3, farmers: 1 } });
  });

  it('when four AEs have two farmers, then the team is balanced; a fifth AE tips it', () => {
    const team = { sdrOutbound: 2, farmers: 2, customers: 60, leadsPerMonth: [70, 70, 70] };
    expect(rules({ ...team, aes: 4 })).not.toContain('note:balance');
    expect(rules({ ...team, aes: 5 })).toContain('note:balance');
  });

  it('when there are no customers yet, then AEs without farmers get no balance note', () => {
    expect(rules({ sdrOutbound: 2, aes: 3, leadsPerMonth: [45, 45, 45] })).not.toContain('note:balance');
  });

  it('when a hire is advised, then the team is not called steady', () => {
    expect(rules({ sdrOutbound: 1, leadsPerMonth: [10, 10, 10] })).not.toContain('note:steady');
    expect(rules({})).not.toContain('note:steady');
  });

  it('when only waits and notes are given, then the team is called steady', () => {
    expect(advice({ sdrOutbound: 1, founderCloses: false, leadsPerMonth: [3, 20, 8] }).at(-1)).toEqual({ rule: 'steady', kind: 'note', messageKey: 'advice.steady', params: {} });
  });

  it('when there is a qualifier-first advice, then it asks for an outbound SDR', () => {
    expect(advice({})[0]).toEqual({ rule: 'qualifier-first', kind: 'hire', role: 'sdr_outbound', messageKey: 'advice.qualifierFirst', params: {} });
    expect(advice({ founderCloses: false }).find((a) => a.rule === 'founder-closes')).toEqual({ rule: 'founder-closes', kind: 'note', messageKey: 'advice.founderCloses', params: {} });
  });

  it('when lead flow is assessed, then it is returned beside the advice', () => {
    expect(adviseNextHires({ ...EMPTY, leadsPerMonth: [10, 10, 10] }).leadFlow).toEqual({ months: 3, mean: 10, variation: 0, predictable: true });
  });
});
