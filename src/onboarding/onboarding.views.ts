import type { Response } from 'express';
import type { UseCaseDeps } from '../events/unit-of-work';
import type { Language } from '../i18n/i18n';
import { type FieldErrors, NotFoundError } from '../shared/errors';
import { positiveInt } from '../shared/ids';
import { FILE_KINDS } from '../uploads/file-kind';
import type { FileStorage } from '../uploads/file-storage';
import { dateFormatter } from '../web/format';
import { todayOf } from './plan';

export type OnboardingRouterDeps = UseCaseDeps & { readonly storage: FileStorage; readonly uploadMaxBytes: number; readonly inviteTtlMs: number; readonly publicUrl: string; readonly mailConfigured: boolean };

/** A task form that came back refused, shown open on the page with its messages. */
export type TaskFormState = { taskId: number; errors: FieldErrors; values: Record<string, string> };

export function idParam(value: unknown): number {
  const id = positiveInt(value);
  if (id === undefined) throw new NotFoundError();
  return id;
}

/** Values every onboarding page uses: dates in the page's language, today, upload limits. */
export function commonLocals(deps: Pick<OnboardingRouterDeps, 'clock' | 'uploadMaxBytes'>, res: Response) {
  return {
    fmtDate: dateFormatter(res.locals.lang as Language),
    today: todayOf(deps.clock.now()),
    uploadMaxMb: Math.round(deps.uploadMaxBytes / (1024 * 1024)),
    fileTypes: FILE_KINDS.map((k) => k.toUpperCase()).join(', '),
  };
}
