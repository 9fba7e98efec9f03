/** What other features read of interviews and scorecards. */
export { countMyInterviews, countMySection, listInterviewsOfApplication, listMyInterviews, listSubmittedScorecards, type InterviewOnApplication, type MyInterview, type Scorecard } from './interviews.repository';
export { minutesOverdue } from './schedule';
export { findScheduledInterview, type ScheduledInterview } from './schedule.repository';
export { calendarFile, entryOf } from './calendar';
export { type CalendarFeed, findFeed } from './calendar-feed.repository';
export { viewerTimes, type ViewerTimes } from './interviews.views';
