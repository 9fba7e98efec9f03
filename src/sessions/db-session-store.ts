import session from 'express-session';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import type { Clock } from '../clock';
import { deleteSession, extendSession, findSessionData, upsertSession } from './session.repository';

type Callback = (err?: unknown) => void;

const TOUCH_STEP_MS = 60_000;

/** express-session store kept in the application's database, so sessions survive restarts and span instances. */
export class DbSessionStore extends session.Store {
  /** When this process last pushed each session's expiry forward: spares a write on most requests. */
  private readonly extendedAt = new Map<string, number>();

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
    this.extendedAt.set(sid, this.clock.now().getTime());
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
    const now = this.clock.now().getTime();
    const last = this.extendedAt.get(sid);
    // The expiry moves in steps of a minute: within a step there is nothing to write.
    if (last !== undefined && now - last >= 0 && now - last < TOUCH_STEP_MS) {
      callback?.();
      return;
    }
    if (this.extendedAt.size > 10_000) this.forgetOldTouches(now);
    this.extendedAt.set(sid, now);
    extendSession(this.db, sid, this.expiryOf(), TOUCH_STEP_MS)
      .then(() => callback?.())
      .catch((err: unknown) => callback?.(err));
  }

  private forgetOldTouches(now: number): void {
    for (const [sid, at] of this.extendedAt) if (now - at >= TOUCH_STEP_MS) this.extendedAt.delete(sid);
  }

  override destroy(sid: string, callback?: Callback): void {
    this.extendedAt.delete(sid);
    deleteSession(this.db, sid)
      .then(() => callback?.())
      .catch((err: unknown) => callback?.(err));
  }
}
