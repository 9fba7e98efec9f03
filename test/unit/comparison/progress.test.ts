import { READING_FLAGS, readColumn } from '../../../src/comparison/progress';
import type { Flag } from '../../../src/comparison/scoring';

const ALL: Flag[] = ['below_bar', 'top_closer_trap', 'low_confidence', 'disagreement', 'missing'];
const STAGES = [11, 12, 13, 14, 15];

describe('readColumn', () => {
  it('when later stages are still ahead, then the column shows the stage reached of the plan and only the flags that change the reading', () => {
    expect(readColumn({ flags: ALL, stageIds: STAGES, stageId: 12, active: true })).toEqual({ progress: { reached: 2, total: 5 }, flags: ['below_bar', 'top_closer_trap', 'disagreement'] });
  });

  it('when the candidate is at the last stage but one, then progress still shows', () => {
    expect(readColumn({ flags: ['low_confidence'], stageIds: STAGES, stageId: 14, active: true })).toEqual({ progress: { reached: 4, total: 5 }, flags: [] });
  });

  it('when the candidate is at the last stage, then the plan is complete: no progress, every flag', () => {
    expect(readColumn({ flags: ALL, stageIds: STAGES, stageId: 15, active: true })).toEqual({ progress: null, flags: ALL });
  });

  it('when the application is no longer active, then nothing is ahead: no progress, every flag', () => {
    expect(readColumn({ flags: ALL, stageIds: STAGES, stageId: 11, active: false })).toEqual({ progress: null, flags: ALL });
  });

  it('when the opening has no plan, then there is no progress and every flag shows', () => {
    expect(readColumn({ flags: ['missing', 'low_confidence'], stageIds: [], stageId: null, active: true })).toEqual({ progress: null, flags: ['missing', 'low_confidence'] });
  });

  it('when the candidate is at no stage of the plan, then progress counts none reached', () => {
    expect(readColumn({ flags: ['missing'], stageIds: STAGES, stageId: null, active: true })).toEqual({ progress: { reached: 0, total: 5 }, flags: [] });
    expect(readColumn({ flags: [], stageIds: STAGES, stageId: 99, active: true })).toEqual({ progress: { reached: 0, total: 5 }, flags: [] });
  });

  it('when the plan has one stage and the candidate is at it, then the plan is complete', () => {
    expect(readColumn({ flags: ['low_confidence'], stageIds: [7], stageId: 7, active: true })).toEqual({ progress: null, flags: ['low_confidence'] });
  });

  it('the flags kept while stages are ahead are exactly below the bar, the top-closer trap and disagreement', () => {
    expect([...READING_FLAGS].sort()).toEqual(['below_bar', 'disagreement', 'top_closer_trap']);
  });
});
