import { safeLocalPath } from '../../../src/web/safe-redirect';
import { navigationFor } from '../../../src/auth/navigation';

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
  it('when the user is an admin, then every section is offered and the current one marked', () => {
    expect(navigationFor('admin', '/users').map((i) => [i.href, i.current])).toEqual([
      ['/', false],
      ['/interviews', false],
      ['/openings', false],
      ['/candidates', false],
      ['/roles', false],
      ['/rubrics', false],
      ['/team-plan', false],
      ['/onboarding', false],
      ['/reports', false],
      ['/users', true],
      ['/settings', false],
    ]);
  });

  it.each([
    ['recruiter', ['/', '/interviews', '/openings', '/candidates', '/roles', '/rubrics', '/team-plan', '/onboarding', '/reports']],
    ['hiring_manager', ['/', '/interviews', '/openings', '/candidates', '/roles', '/rubrics', '/team-plan', '/onboarding', '/reports']],
    ['interviewer', ['/', '/interviews', '/candidates', '/roles', '/rubrics', '/onboarding']],
    ['new_hire', ['/', '/onboarding']],
  ] as const)('when the user is a %s, then only what they may open is offered', (role, hrefs) => {
    expect(navigationFor(role, '/').map((i) => i.href)).toEqual(hrefs);
  });
});

describe('navigationFor onboarding', () => {
  it('when anyone is inside onboarding, then the Onboarding section is marked current', () => {
    expect(navigationFor('new_hire', '/onboarding/tasks').find((i) => i.href === '/onboarding')?.current).toBe(true);
    expect(navigationFor('admin', '/onboarding').find((i) => i.href === '/onboarding')?.current).toBe(true);
  });
});
