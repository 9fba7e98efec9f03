/** What other features use of mail: a person's notification choices. */
export { isOptedOut, listOptOuts, setOptOuts } from './notifications.repository';
export { NOTIFICATION_KINDS, type NotificationKind } from './mail-kinds';
