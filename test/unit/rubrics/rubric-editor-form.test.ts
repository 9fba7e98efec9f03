import { moveDraft, parseMoveAction, textRows } from '../../../src/rubrics/rubrics.forms';

const drafts = (...names: string[]) => names.map((name, i) => ({ name, position: String(i + 7) }));

describe('the rubric editor’s move buttons', () => {
  it('when a button says up or down with an index, then it is a move to the place before or after', () => {
    expect(parseMoveAction('up:3')).toEqual({ from: 3, to: 2 });
    expect(parseMoveAction('down:0')).toEqual({ from: 0, to: 1 });
    expect(parseMoveAction('down:999')).toEqual({ from: 999, to: 1000 });
  });

  it('when the action is anything else, then it is no move', () => {
    for (const action of ['', 'save', 'add', 'up', 'up:', 'up:-1', 'up:1.5', 'up:1000', ' up:1', 'up:1 ', 'UP:1', 'left:1', 'up:1:2', 'xup:1']) {
      expect(parseMoveAction(action)).toBeUndefined();
    }
  });

  it('when a dimension moves down or up, then it swaps with its neighbour, takes its flag along, and every position becomes its place', () => {
    const down = moveDraft(drafts('a', 'b', 'c'), [true, false, true], { from: 0, to: 1 });
    expect(down.drafts).toEqual([{ name: 'b', position: '1' }, { name: 'a', position: '2' }, { name: 'c', position: '3' }]);
    expect(down.existing).toEqual([false, true, true]);
    expect(down.moved).toBe(1);
    const up = moveDraft(drafts('a', 'b', 'c'), [true, true, false], { from: 2, to: 1 });
    expect(up.drafts.map((d) => d.name)).toEqual(['a', 'c', 'b']);
    expect(up.existing).toEqual([true, false, true]);
    expect(up.moved).toBe(1);
  });

  it('when a move would leave either end or names no dimension, then the order stays, positions still become places, and nothing is marked moved', () => {
    for (const move of [{ from: 0, to: -1 }, { from: 2, to: 3 }, { from: 3, to: 2 }, { from: 5, to: 6 }]) {
      const same = moveDraft(drafts('a', 'b', 'c'), [true, true, true], move);
      expect(same.drafts).toEqual([{ name: 'a', position: '1' }, { name: 'b', position: '2' }, { name: 'c', position: '3' }]);
      expect(same.moved).toBeUndefined();
    }
    expect(moveDraft(drafts('a', 'b'), [true], { from: 0, to: 1 }).existing).toEqual([false, true]);
  });
});

describe('rows of a text box', () => {
  it('when the text is short, then the box keeps its minimum; long, it gets a row per wrapped line up to the maximum', () => {
    expect(textRows('', 4, 16)).toBe(4);
    expect(textRows('x'.repeat(36 * 4), 4, 16)).toBe(4);
    expect(textRows('x'.repeat(36 * 4 + 1), 4, 16)).toBe(5);
    expect(textRows('x'.repeat(36 * 16), 4, 16)).toBe(16);
    expect(textRows('x'.repeat(36 * 16 + 1), 4, 16)).toBe(16);
    expect(textRows('a\nb\nc\nd\ne', 4, 16)).toBe(5);
    expect(textRows('a\n\n\n\n\nb', 2, 16)).toBe(6);
    expect(textRows('x'.repeat(91), 2, 8, 90)).toBe(2);
    expect(textRows('x'.repeat(181), 2, 8, 90)).toBe(3);
  });
});
