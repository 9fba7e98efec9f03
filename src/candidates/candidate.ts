export const CANDIDATE_SOURCES = ['referral', 'inbound', 'outbound', 'agency', 'other'] as const;
export type CandidateSource = (typeof CANDIDATE_SOURCES)[number];
/** Where an inbound candidate came from; 'careers' is set by the careers page itself. */
export const INBOUND_CHANNELS = ['applied', 'site', 'event', 'careers'] as const;
export type InboundChannel = (typeof INBOUND_CHANNELS)[number];

/**
 * How the candidates list is ordered. "newest": candidates with an active application first, then
 * everyone else, newest first within each; "name": A to Z; "activity": the latest change to the
 * candidate or any of their applications first.
 */
export const CANDIDATE_SORTS = ['newest', 'name', 'activity'] as const;
/** While searching, "relevance" comes first (and is the default): matches in the name, e-mail or phone, then the best matches. */
export const SEARCH_SORTS = ['relevance', ...CANDIDATE_SORTS] as const;
export type CandidateSort = (typeof SEARCH_SORTS)[number];

export const APPLICATION_STATUSES = ['active', 'rejected', 'withdrawn', 'hired'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** What a line of an application's history records. */
/** 'merged': another record of the same person was merged into this application's candidate (the note names it). */
export type ApplicationEventKind = 'applied' | 'stage' | 'status' | 'decision' | 'reopened' | 'merged' | InterviewEventKind | CareersHistoryKind;

/** The history line of an application sent through the careers page: for a new candidate, or one it joined, matched by e-mail or by LinkedIn. */
export type CareersHistoryKind = 'careers' | 'careers_email' | 'careers_linkedin';

/** What happened to an interview of the application: its history shows these too (they are not moves through the pipeline). */
export type InterviewEventKind = 'interview_scheduled' | 'interview_rescheduled' | 'interview_cancelled';

/** The events that move an application through the pipeline (the pipeline report reads only these). */
export const PIPELINE_EVENT_KINDS = ['applied', 'stage', 'status', 'decision', 'reopened'] as const satisfies readonly ApplicationEventKind[];

/** Lower-cased name and last word of it, for indexed prefix search on both databases. */
export function searchKeys(name: string): { nameLower: string; lastNameLower: string } {
  const nameLower = name.trim().toLowerCase().replace(/\s+/g, ' ');
  const words = nameLower.split(' ');
  return { nameLower, lastNameLower: words[words.length - 1] ?? nameLower };
}

/** A LinkedIn profile or company URL over https (www., country subdomains and no scheme accepted). */
export function normaliseLinkedInUrl(value: string): string | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return '';
  let url: URL;
  try {
    url = new URL(/^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (!/^([a-z]{2,3}\.|www\.)?linkedin\.com$/i.test(url.hostname)) return undefined;
  if (!/^\/(in|pub|company)\/[^/]+/i.test(url.pathname)) return undefined;
  url.protocol = 'https:';
  url.hash = '';
  return url.toString();
}

/**
 * The ways one LinkedIn profile may have been recorded, from a normalised URL: with or without
 * "www.", with or without a closing slash, its path as written or lower-cased (LinkedIn ignores case
 * there). Matching an applicant against known candidates looks for any of them.
 */
export function linkedInVariants(normalised: string): string[] {
  if (normalised === '') return [];
  let url: URL;
  try {
    url = new URL(normalised);
  } catch {
    return [normalised];
  }
  const rest = `${url.pathname}${url.search}`;
  const paths = new Set([rest, rest.toLowerCase()].flatMap((p) => (p.endsWith('/') ? [p, p.replace(/\/+$/, '')] : [p, `${p}/`])));
  const hosts = new Set([url.hostname.toLowerCase(), 'linkedin.com', 'www.linkedin.com']);
  return [normalised, ...[...hosts].flatMap((host) => [...paths].map((path) => `https://${host}${path}`))].filter((v, i, all) => all.indexOf(v) === i);
}
