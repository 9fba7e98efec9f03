import type { Language } from '../i18n/i18n';

/** What the careers page records: a posting published, taken down or reworded, and an application sent through it. */
export interface CareersEvents {
  OpeningPublished: { readonly openingId: number };
  OpeningUnpublished: { readonly openingId: number };
  /** The posting's words, place, kind of work or address changed (whether published or not). */
  OpeningPostingEdited: { readonly openingId: number };
  /**
   * Someone applied through the careers page and a new application was made (for a new candidate
   * or one already known). The applicant is no user: their address, name and language travel with
   * the event so that the confirmation can be written to them.
   */
  CareersApplicationReceived: {
    readonly candidateId: number;
    readonly openingId: number;
    readonly applicationId: number;
    readonly applicantEmail: string;
    readonly applicantName: string;
    readonly language: Language;
    readonly postingTitle: string;
    readonly retentionMonths: number;
  };
}
