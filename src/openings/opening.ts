export const OPENING_STATUSES = ['open', 'on_hold', 'closed'] as const;
export type OpeningStatus = (typeof OPENING_STATUSES)[number];
