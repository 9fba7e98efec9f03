import { checkPasswordPolicy, hashPassword, verifyPassword } from '../../../src/auth/passwords';

describe('password policy', () => {
  it.each([
    ['a'.repeat(3) + 'bcdefghi', 'password.tooShort'],
    ['elevenchars', 'password.tooShort'],
    ['twelve chars', undefined],
    ['sales bench '.repeat(10) + 'scorecar', undefined],
    ['abcd'.repeat(32) + 'e', 'password.tooLong'],
    ['password1234', 'password.tooCommon'],
    ['PASSWORD1234', 'password.tooCommon'],
    ['qwertyuiop123', 'password.tooCommon'],
    ['aaaaaaaaaaaaaaa', 'password.tooCommon'],
    ['ababababababab', 'password.tooCommon'],
    ['пароль123456', 'password.tooCommon'],
    ['ёжик в тумане идёт', undefined],
  ])('when the password is %p, then the verdict is %p', (password, expected) => {
    expect(checkPasswordPolicy(password)).toBe(expected);
  });

  it('when the password is the email address, then it is refused', () => {
    expect(checkPasswordPolicy('Someone@Example.test', { email: 'someone@example.test' })).toBe('password.sameAsEmail');
  });

  it('when length is counted, then characters count, not bytes', () => {
    expect(checkPasswordPolicy('ёжикёжикёж')).toBe('password.tooShort');
    expect(checkPasswordPolicy('ёжик ёжик ёж')).toBeUndefined();
  });

  it('when a password is hashed, then it is argon2id and verifies only with the same password', async () => {
    const hash = await hashPassword('correct pony staple orbit');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(await verifyPassword(hash, 'correct pony staple orbit')).toBe(true);
    expect(await verifyPassword(hash, 'correct pony staple orbiT')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });
});
