import type { Translate } from '../i18n/i18n';

/** What every letter needs: the recipient's words, where links point, and how dates read for them. */
export interface LetterContext {
  readonly t: Translate;
  readonly company: string;
  readonly recipientName: string;
  readonly link: (path: string) => string;
  readonly when: (moment: Date | string) => string;
  readonly day: (date: string) => string;
}

/** An interview as its messages tell it: never anyone's ratings. */
export interface InterviewLetter {
  readonly id: number;
  readonly candidate: string;
  readonly stage: string;
  /** Set while the stage is as seeded: named in the recipient's language. */
  readonly stageSeedKey?: string | null;
  readonly opening: string;
  readonly startsAt: string;
  readonly durationMinutes: number;
  readonly location: string;
  readonly note: string;
  readonly panel: readonly string[];
  readonly organizer: string;
  readonly reason: string;
}
