import session from 'express-session';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import type { Clock } from '../clock';
import { deleteSession, extendSession, findSessionData, upsertSession } from './session.repository';

type Callback = (err?: unknown) => void;

const TOUCH_STEP_MS = 60_000;

/** express-session store kept in the application's database, so sessions survive restarts and span instances. */
export class DbSessionStore extends session.Store {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly idleTimeoutMs: number,
  ) {
    super();
  }

  /** Idle expiry, from the app's clock: every request that reaches the store pushes it forward. */
  private expiryOf(): Date {
    return new Date(this.clock.now().getTime() + this.idleTimeoutMs);
  }

  override get(sid: string, callback: (err: unknown, session?: session.SessionData | null) => void): void {
    findSessionData(this.db, sid, this.clock.now())
      .then((data) => callback(null, data ? (JSON.parse(data) as session.SessionData) : null))
      .catch((err: unknown) => callback(err));
  }

  override set(sid: string, sess: session.SessionData, callback?: Callback): void {
    const userId = (sess as { passport?: { user?: unknown } }).passport?.user;
    upsertSession(this.db, {
      sid,
      userId: typeof userId === 'number' ? userId : null,
      data: JSON.stringify(sess),
      expiresAt: this.expiryOf().toISOString(),
    })
      .then(() => callback?.())
      .catch((err: unknown) => callback?.(err));
  }

  override touch(sid: string, _sess: session.SessionData, callback?: Callback): void {
    extendSession(this.db, sid, this.expiryOf(), TOUCH_STEP_MS)
      .then(() => callback?.())
      .catch((err: unknown) => callback?.(err));
  }

  override destroy(sid: string, callback?: Callback): void {
    deleteSession(this.db, sid)
      .then(() => callback?.())
      .catch((err: unknown) => callback?.(err));
  }
}
