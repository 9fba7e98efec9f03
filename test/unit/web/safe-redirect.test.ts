import { safeLocalPath } from '../../../src/web/safe-redirect';
import { navigationFor } from '../../../src/web/navigation';

describe('safeLocalPath', () => {
  it.each([
    ['/users', '/users'],
    ['/users?x=1#top', '/users?x=1#top'],
    ['//evil.example', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example', '/'],
    ['javascript:alert(1)', '/'],
    ['/ok\r\nSet-Cookie: x', '/'],
    [undefined, '/'],
    [['/users'], '/'],
  ])('when asked to return to %p, then it goes to %p', (value, expected) => {
    expect(safeLocalPath(value)).toBe(expected);
  });
});

describe('navigationFor', () => {
  it('when the user is an admin, then People is offered; otherwise not', () => {
    expect(navigationFor('admin', '/users').map((i) => [i.href, i.current])).toEqual([
      ['/', false],
      ['/users', true],
    ]);
    for (const role of ['recruiter', 'hiring_manager', 'interviewer', 'new_hire'] as const) {
      expect(navigationFor(role, '/').map((i) => i.href)).toEqual(['/']);
    }
  });
});
