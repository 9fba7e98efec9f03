/** What other features read of interviews and scorecards. */
export { listInterviewsOfApplication, listSubmittedScorecards, type InterviewOnApplication, type Scorecard } from './interviews.repository';
