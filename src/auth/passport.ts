import { Passport } from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { findCredentialsByEmail, findUserById } from '../users/users.service';
import { verifyAgainstDummy, verifyPassword } from './passwords';
import { sessionOwnerOf } from '../sessions/sessions.service';

/** A passport instance of this app's own (never the module singleton): local strategy on email + password. */
export type AppPassport = InstanceType<typeof Passport>;

export function createPassport(db: Kysely<Database>): AppPassport {
  const passport = new Passport();

  passport.use(
    new LocalStrategy({ usernameField: 'email', passwordField: 'password' }, (email, password, done) => {
      (async () => {
        const found = await findCredentialsByEmail(db, email);
        if (!found || !found.passwordHash || found.user.status !== 'active') {
          await verifyAgainstDummy(password);
          return done(null, false);
        }
        const ok = await verifyPassword(found.passwordHash, password);
        return done(null, ok ? toSessionUser(found.user) : false);
      })().catch(done);
    }),
  );

  passport.serializeUser((user, done) => done(null, user.id));

  // A deactivated or deleted user's session stops working on their next request. The session store
  // read the user with the session (one query); a session from elsewhere is read here.
  passport.deserializeUser((req: unknown, id: unknown, done: (err: unknown, user?: Express.User | false) => void) => {
    if (typeof id !== 'number') return done(null, false);
    const owner = sessionOwnerOf(req);
    if (owner !== undefined) return done(null, owner && owner.id === id && owner.status === 'active' ? toSessionUser(owner) : false);
    findUserById(db, id)
      .then((user) => done(null, user && user.status === 'active' ? toSessionUser(user) : false))
      .catch(done);
  });

  return passport;
}

function toSessionUser(user: { id: number; name: string; email: string; role: Express.User['role']; language: Express.User['language']; timeZone: string | null }): Express.User {
  return { id: user.id, name: user.name, email: user.email, role: user.role, language: user.language, timeZone: user.timeZone };
}
