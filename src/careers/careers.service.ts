/** What other features read of the careers page: an opening's posting, a candidate's applications through the page, the candidates past the retention period. */
export { findPosting, listCareersApplications, listStaleCandidates, type CareersApplicationRecord, type Posting, type StaleCandidate } from './careers.repository';
