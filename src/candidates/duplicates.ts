/**
 * Likely duplicates: two candidate records that are probably one person. Each record carries
 * canonical keys (kept in indexed columns by the repository), and two records match when a key is
 * equal and not empty. Empty values never match each other.
 */

export const DUPLICATE_REASONS = ['email', 'name_phone', 'linkedin'] as const;
export type DuplicateReason = (typeof DUPLICATE_REASONS)[number];

export interface DuplicateKeys {
  /** The e-mail, lower-cased, its local part without dots and without a `+tag`; '' when none. */
  readonly emailKey: string;
  /** The phone's digits only; '' when it has none. */
  readonly phoneKey: string;
  /** The LinkedIn address without scheme, www/country subdomain, query, fragment or trailing slash, lower-cased; '' when none. */
  readonly linkedinKey: string;
}

/** `John.Smith+jobs@Gmail.com` → `johnsmith@gmail.com`; '' for an empty or malformed address. */
export function canonicalEmail(email: string): string {
  const value = email.trim().toLowerCase();
  const at = value.lastIndexOf('@');
  if (at === -1) return '';
  const local = value.slice(0, at).split('+')[0]!.replace(/\./g, '');
  const domain = value.slice(at + 1);
  return local === '' || domain === '' ? '' : `${local}@${domain}`;
}

/** `+7 (912) 555-01-02` → `79125550102`; '' when there is no digit. */
export function phoneDigits(phone: string): string {
  return phone.replace(/\D/g, '');
}

/** `https://de.linkedin.com/in/Olga-Petrova/?trk=x` → `linkedin.com/in/olga-petrova`; '' when empty or not a LinkedIn address. */
export function canonicalLinkedIn(url: string): string {
  const trimmed = url.trim();
  let parsed: URL;
  try {
    parsed = new URL(/^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
  } catch {
    return '';
  }
  if (!/^([a-z]{2,3}\.|www\.)?linkedin\.com$/i.test(parsed.hostname)) return '';
  const path = decodeURIComponentSafe(parsed.pathname).toLowerCase().replace(/\/+$/, '');
  if (path === '') return '';
  return `linkedin.com${path}`;
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The keys a record is matched by. */
export function duplicateKeys(candidate: { readonly email: string; readonly phone: string; readonly linkedinUrl: string }): DuplicateKeys {
  return { emailKey: canonicalEmail(candidate.email), phoneKey: phoneDigits(candidate.phone), linkedinKey: canonicalLinkedIn(candidate.linkedinUrl) };
}

/** A record as matching compares it: its lower-cased name (see `searchKeys`) and its keys. */
export interface MatchableCandidate extends DuplicateKeys {
  readonly nameLower: string;
}

/**
 * Why two records look like one person, in a fixed order: the same canonical e-mail, the same name
 * and phone digits, the same LinkedIn address. Empty for records that do not match (the same name
 * with another phone is not a duplicate; nor is the same phone under another name).
 */
export function duplicateReasons(a: MatchableCandidate, b: MatchableCandidate): DuplicateReason[] {
  const reasons: DuplicateReason[] = [];
  if (a.emailKey !== '' && a.emailKey === b.emailKey) reasons.push('email');
  if (a.phoneKey !== '' && a.phoneKey === b.phoneKey && a.nameLower !== '' && a.nameLower === b.nameLower) reasons.push('name_phone');
  if (a.linkedinKey !== '' && a.linkedinKey === b.linkedinKey) reasons.push('linkedin');
  return reasons;
}

export interface MergeDetails {
  readonly name: string;
  readonly email: string;
  readonly phone: string;
  readonly linkedinUrl: string;
  readonly notes: string;
}

/**
 * The kept record's details after a merge: its empty e-mail, phone and LinkedIn filled from the
 * merged record's, and the merged record's notes appended under a line naming it (with any contact
 * detail that did not carry over, so nothing the merged record said is lost). `header` is that
 * line, already worded in the actor's language.
 */
export function mergedDetails(kept: MergeDetails, merged: MergeDetails, header: string): { email: string; phone: string; linkedinUrl: string; notes: string } {
  const email = kept.email !== '' ? kept.email : merged.email;
  const phone = kept.phone !== '' ? kept.phone : merged.phone;
  const linkedinUrl = kept.linkedinUrl !== '' ? kept.linkedinUrl : merged.linkedinUrl;
  const leftOver = [merged.email !== email ? merged.email : '', merged.phone !== phone ? merged.phone : '', merged.linkedinUrl !== linkedinUrl ? merged.linkedinUrl : ''].filter((v) => v !== '');
  const section = [header, ...leftOver, ...(merged.notes.trim() !== '' ? [merged.notes.trim()] : [])].join('\n');
  const notes = kept.notes.trim() === '' ? section : `${kept.notes.trimEnd()}\n\n${section}`;
  return { email, phone, linkedinUrl, notes };
}

/** How one opening's two applications (one per record) are resolved in a merge. */
export type SameOpeningOutcome = 'fold' | 'refuse';

/**
 * Both records apply to the same opening, and a person has one application per opening. The merged
 * record's application folds into the kept one (its history lines move over, it goes) when nothing
 * was done on it yet that a history line cannot carry: no interview, no decision, no onboarding
 * plan. Otherwise the merge is refused: those belong to an application and cannot be combined.
 */
export function sameOpeningOutcome(merged: { readonly interviews: number; readonly decisions: number; readonly plans: number }): SameOpeningOutcome {
  return merged.interviews === 0 && merged.decisions === 0 && merged.plans === 0 ? 'fold' : 'refuse';
}
