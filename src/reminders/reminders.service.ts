/** What other features read of reminders. */
export { lastRemindersFor } from './reminders.repository';
export { mayRemindAgain } from './reminder-rules';
