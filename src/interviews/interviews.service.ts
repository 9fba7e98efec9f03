/** What other features read of interviews and scorecards. */
export { listInterviewsOfApplication, listSubmittedScorecards, type InterviewOnApplication, type Scorecard } from './interviews.repository';
export { findScheduledInterview, type ScheduledInterview } from './schedule.repository';
export { calendarFile, entryOf } from './calendar';
export { type CalendarFeed, findFeed } from './calendar-feed.repository';
export { viewerTimes, type ViewerTimes } from './interviews.views';
