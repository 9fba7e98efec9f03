import session from 'express-session';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import type { Clock } from '../clock';
import type { Request } from 'express';
import { deleteSession, extendSession, findSessionWithOwner, type SessionOwnerRow, upsertSession } from './session.repository';

/** Where the store leaves, on the request, the session's owner read with the session (see `sessionOwnerOf`). */
const OWNER = Symbol('session owner');

type WithOwner = { [OWNER]?: SessionOwnerRow | null };

/**
 * The person the request's session belongs to, read in the same query as the session itself (the
 * store joins the users table), so that signing the request in costs no second query. Undefined
 * when the store did not read the session on this request.
 */
export function sessionOwnerOf(req: unknown): SessionOwnerRow | null | undefined {
  return (req as WithOwner)[OWNER];
}

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
    findSessionWithOwner(this.db, sid, this.clock.now())
      .then((found) => {
        if (!found) return callback(null, null);
        const data = JSON.parse(found.data) as session.SessionData & WithOwner;
        // Carried to createSession, which hands it to the request: symbols are never copied into the session or saved.
        data[OWNER] = found.owner;
        callback(null, data);
      })
      .catch((err: unknown) => callback(err));
  }

  /** express-session builds the request's session from what `get` read: the owner read with it goes on the request. */
  override createSession(req: Request, data: session.SessionData): session.Session & session.SessionData {
    const owner = (data as WithOwner)[OWNER];
    delete (data as WithOwner)[OWNER];
    if (owner !== undefined) (req as WithOwner)[OWNER] = owner;
    return super.createSession(req, data);
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
