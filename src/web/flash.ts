import type { Request } from 'express';
import { isMessageKey, type Translate } from '../i18n/i18n';
import type { FlashMessage } from './session-data';

/** A flash message as the page shows it. */
export interface ShownFlash {
  readonly kind: FlashMessage['kind'];
  readonly text: string;
  readonly value?: string;
}

/** A stage's name as a message's value: a seeded name is worded when shown, in the reader's language; an edited one as written. */
export function stageParam(name: string, stage: { name: string; seedKey: string | null }): Pick<FlashMessage, 'params' | 'keyedParams'> {
  return stage.seedKey !== null && isMessageKey(stage.seedKey) ? { keyedParams: { [name]: stage.seedKey } } : { params: { [name]: stage.name } };
}

export function addFlash(req: Request, message: FlashMessage): void {
  req.session.flash = [...(req.session.flash ?? []), message];
}

/** Returns and clears the pending messages, worded by the reader's translator. */
export function takeFlash(req: Request, t: Translate): ShownFlash[] {
  const messages = req.session?.flash ?? [];
  if (req.session?.flash) delete req.session.flash;
  return messages.flatMap((m) => {
    // A session written before messages were kept as keys still holds the worded text.
    const legacy = (m as { text?: unknown }).text;
    if (!isMessageKey(m.message)) return typeof legacy === 'string' ? [{ kind: m.kind, text: legacy, ...(m.value ? { value: m.value } : {}) }] : [];
    const keyed = Object.fromEntries(Object.entries(m.keyedParams ?? {}).map(([name, key]) => [name, t(key)]));
    return [{ kind: m.kind, text: t(m.message, { ...m.params, ...keyed }), ...(m.value ? { value: m.value } : {}) }];
  });
}
