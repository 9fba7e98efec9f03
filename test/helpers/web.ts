import request from 'supertest';
import type { Express } from 'express';
import type { Kysely } from 'kysely';
import type { Role } from '../../src/auth/permissions';
import { hashPassword } from '../../src/auth/passwords';
import type { Database } from '../../src/db/database';
import { insertUser } from '../../src/users/users.repository';

export type Agent = ReturnType<typeof request.agent>;

export const STRONG_PASSWORD = 'correct pony staple orbit';

/** The `_csrf` value of the first form on a page (the agent keeps the session cookie). */
export async function csrfToken(agent: Agent, path = '/login'): Promise<string> {
  let res = await agent.get(path);
  // Home sends a new hire on to their checklist: follow a redirect within the app once.
  const next = String(res.headers.location ?? '');
  if ((res.status === 302 || res.status === 303) && next.startsWith('/') && !next.startsWith('/login')) res = await agent.get(next);
  const match = /name="_csrf" value="([^"]+)"/.exec(res.text);
  if (!match?.[1]) throw new Error(`no CSRF token on ${path} (status ${res.status})`);
  return match[1];
}

let counter = 0;

/** Inserts an active user with a known password, straight into the database. */
export async function createUser(db: Kysely<Database>, role: Role, overrides: { email?: string; name?: string; password?: string } = {}): Promise<{ id: number; email: string; password: string; name: string }> {
  counter += 1;
  const email = overrides.email ?? `${role}.${counter}.${Date.now()}@example.test`;
  const name = overrides.name ?? `${role.replace('_', ' ')} ${counter}`;
  const password = overrides.password ?? STRONG_PASSWORD;
  const id = await insertUser(db, { email, name, role, status: 'active', passwordHash: await hashPassword(password), language: null }, new Date());
  return { id, email, password, name };
}

/** A supertest agent signed in as the given user. */
export async function signIn(app: Express, email: string, password: string = STRONG_PASSWORD): Promise<Agent> {
  const agent = request.agent(app);
  const token = await csrfToken(agent, '/login');
  const res = await agent.post('/login').type('form').send({ _csrf: token, email, password });
  if (res.status !== 303) throw new Error(`sign-in as ${email} failed with ${res.status}`);
  return agent;
}

/** Creates a user of a role and returns an agent signed in as them. */
export async function signInAs(app: Express, db: Kysely<Database>, role: Role): Promise<{ agent: Agent; user: { id: number; email: string; name: string } }> {
  const user = await createUser(db, role);
  return { agent: await signIn(app, user.email, user.password), user };
}
