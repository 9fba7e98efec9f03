export const CANDIDATE_SOURCES = ['referral', 'inbound', 'outbound', 'agency', 'other'] as const;
export type CandidateSource = (typeof CANDIDATE_SOURCES)[number];
export const INBOUND_CHANNELS = ['applied', 'site', 'event'] as const;

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
export type ApplicationEventKind = 'applied' | 'stage' | 'status' | 'decision' | 'reopened' | InterviewEventKind;

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
