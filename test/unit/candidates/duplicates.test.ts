import { canonicalEmail, canonicalLinkedIn, duplicateKeys, duplicateReasons, type MatchableCandidate, mergedDetails, phoneDigits, sameOpeningOutcome } from '../../../src/candidates/duplicates';

const person = (overrides: Partial<MatchableCandidate> = {}): MatchableCandidate => ({ nameLower: 'john smith', emailKey: '', phoneKey: '', linkedinKey: '', ...overrides });

describe('canonical keys of a candidate', () => {
  it.each([
    ['John.Smith+jobs@Gmail.com', 'johnsmith@gmail.com'],
    ['  j.o.h.n@example.test ', 'john@example.test'],
    ['john+a+b@example.test', 'john@example.test'],
    ['first.last@sub.example.test', 'firstlast@sub.example.test'],
    ['', ''],
    ['   ', ''],
    ['no-at-sign', ''],
    ['@example.test', ''],
    ['john@', ''],
    ['+tag@example.test', ''],
    ['...@example.test', ''],
    ['a@b@example.test', 'a@b@example.test'],
  ])('when the e-mail is %p, then its key is %p', (email, key) => {
    expect(canonicalEmail(email)).toBe(key);
  });

  it.each([
    ['+7 (912) 555-01-02', '79125550102'],
    ['8.912.555.01.02', '89125550102'],
    ['', ''],
    ['()-. +', ''],
  ])('when the phone is %p, then its digits are %p', (phone, digits) => {
    expect(phoneDigits(phone)).toBe(digits);
  });

  it.each([
    ['https://www.linkedin.com/in/Olga-Petrova/', 'linkedin.com/in/olga-petrova'],
    ['https://de.linkedin.com/in/olga-petrova?trk=abc#top', 'linkedin.com/in/olga-petrova'],
    ['linkedin.com/in/olga-petrova', 'linkedin.com/in/olga-petrova'],
    ['http://linkedin.com/in/%C3%B6lga', 'linkedin.com/in/ölga'],
    ['https://linkedin.com/in/%E0%A4%A', 'linkedin.com/in/%e0%a4%a'],
    ['https://example.com/in/olga', ''],
    ['https://linkedin.com/', ''],
    ['http://[bad', ''],
    ['  https://linkedin.com/in/spaced  ', 'linkedin.com/in/spaced'],
    ['linkedin.com/in/see-http://x', 'linkedin.com/in/see-http://x'],
    ['https://notlinkedin.com/in/x', ''],
    ['https://linkedin.com.evil.test/in/x', ''],
    ['https://linkedin.com/in/x//', 'linkedin.com/in/x'],
    ['   ', ''],
    ['', ''],
  ])('when the LinkedIn address is %p, then its key is %p', (url, key) => {
    expect(canonicalLinkedIn(url)).toBe(key);
  });

  it('when a record is read for matching, then all three keys come from its fields', () => {
    expect(duplicateKeys({ email: 'A.B+x@Example.test', phone: '+1 (202) 555-0100', linkedinUrl: 'https://www.linkedin.com/in/ab/' })).toEqual({ emailKey: 'ab@example.test', phoneKey: '12025550100', linkedinKey: 'linkedin.com/in/ab' });
  });
});

describe('why two records look like one person', () => {
  it('when the canonical e-mails are equal, then the reason is the e-mail', () => {
    expect(duplicateReasons(person({ emailKey: 'johnsmith@gmail.com' }), person({ nameLower: 'other', emailKey: 'johnsmith@gmail.com' }))).toEqual(['email']);
  });

  it('when the name and the phone digits are equal, then the reason is the name and phone', () => {
    expect(duplicateReasons(person({ phoneKey: '79125550102' }), person({ phoneKey: '79125550102' }))).toEqual(['name_phone']);
  });

  it('when the name is the same but the phone differs, or the phone the same under another name, then they do not match', () => {
    expect(duplicateReasons(person({ phoneKey: '79125550102' }), person({ phoneKey: '79125550103' }))).toEqual([]);
    expect(duplicateReasons(person({ phoneKey: '79125550102' }), person({ nameLower: 'jane smith', phoneKey: '79125550102' }))).toEqual([]);
  });

  it('when the e-mails or LinkedIn profiles differ, then they do not match', () => {
    expect(duplicateReasons(person({ nameLower: 'a', emailKey: 'a@x.test', linkedinKey: 'linkedin.com/in/a' }), person({ nameLower: 'b', emailKey: 'b@x.test', linkedinKey: 'linkedin.com/in/b' }))).toEqual([]);
  });

  it('when the LinkedIn keys are equal, then the reason is LinkedIn', () => {
    expect(duplicateReasons(person({ linkedinKey: 'linkedin.com/in/js' }), person({ nameLower: 'x', linkedinKey: 'linkedin.com/in/js' }))).toEqual(['linkedin']);
  });

  it('when every key matches, then every reason is given, in a fixed order', () => {
    const keys = { emailKey: 'js@x.test', phoneKey: '123456', linkedinKey: 'linkedin.com/in/js' };
    expect(duplicateReasons(person(keys), person(keys))).toEqual(['email', 'name_phone', 'linkedin']);
  });

  it('when both records have empty values, then the empty values never match each other', () => {
    expect(duplicateReasons(person(), person())).toEqual([]);
    expect(duplicateReasons(person({ nameLower: '' }), person({ nameLower: '' }))).toEqual([]);
    expect(duplicateReasons(person({ nameLower: '', phoneKey: '123456' }), person({ nameLower: '', phoneKey: '123456' }))).toEqual([]);
  });
});

describe('the kept record after a merge', () => {
  const empty = { name: 'Kept', email: '', phone: '', linkedinUrl: '', notes: '' };

  it('when the kept record lacks details, then the merged one fills them and its notes follow the header', () => {
    expect(mergedDetails(empty, { name: 'Other', email: 'o@x.test', phone: '+1 2', linkedinUrl: 'https://linkedin.com/in/o', notes: ' met at a fair ' }, 'HEADER')).toEqual({
      email: 'o@x.test',
      phone: '+1 2',
      linkedinUrl: 'https://linkedin.com/in/o',
      notes: 'HEADER\nmet at a fair',
    });
  });

  it('when the kept record has its own details, then they stay and the merged ones are kept in the notes under the header', () => {
    const kept = { name: 'Kept', email: 'k@x.test', phone: '+1 1', linkedinUrl: 'https://linkedin.com/in/k', notes: 'Strong closer.\n' };
    expect(mergedDetails(kept, { name: 'Other', email: 'o@x.test', phone: '+1 2', linkedinUrl: 'https://linkedin.com/in/o', notes: '' }, 'HEADER')).toEqual({
      email: 'k@x.test',
      phone: '+1 1',
      linkedinUrl: 'https://linkedin.com/in/k',
      notes: 'Strong closer.\n\nHEADER\no@x.test\n+1 2\nhttps://linkedin.com/in/o',
    });
  });

  it('when the merged record has no details and no notes, then only the header is added, after the kept notes (blank kept notes are replaced)', () => {
    const kept = { name: 'Kept', email: 'k@x.test', phone: '+1 1', linkedinUrl: 'https://linkedin.com/in/k', notes: 'n' };
    expect(mergedDetails(kept, empty, 'HEADER')).toEqual({ email: 'k@x.test', phone: '+1 1', linkedinUrl: 'https://linkedin.com/in/k', notes: 'n\n\nHEADER' });
    expect(mergedDetails({ ...kept, notes: ' \n ' }, empty, 'HEADER').notes).toBe('HEADER');
  });

  it('when the merged record repeats the kept details, then they are not repeated in the notes', () => {
    const kept = { name: 'Kept', email: 'k@x.test', phone: '+1 1', linkedinUrl: '', notes: 'n' };
    expect(mergedDetails(kept, { ...kept, notes: '   ' }, 'HEADER').notes).toBe('n\n\nHEADER');
  });
});

describe('two applications to one opening', () => {
  it('when the merged one has nothing but its history, then it folds; anything else refuses', () => {
    expect(sameOpeningOutcome({ interviews: 0, decisions: 0, plans: 0 })).toBe('fold');
    expect(sameOpeningOutcome({ interviews: 1, decisions: 0, plans: 0 })).toBe('refuse');
    expect(sameOpeningOutcome({ interviews: 0, decisions: 1, plans: 0 })).toBe('refuse');
    expect(sameOpeningOutcome({ interviews: 0, decisions: 0, plans: 1 })).toBe('refuse');
  });
});
