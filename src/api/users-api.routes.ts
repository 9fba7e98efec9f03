import type { UseCaseDeps } from '../events/unit-of-work';
import { NotFoundError } from '../shared/errors';
import { findUserById, listUsers, type User as UserRecord } from '../users/users.service';
import { type ApiRoutes, decodeCursor, encodeCursor } from './operations.routes';
import { User, UserListQuery, UserPage } from './schemas';

const userOf = (u: UserRecord) => ({ id: u.id, name: u.name, email: u.email, role: u.role, status: u.status, language: u.language, time_zone: u.timeZone, created_at: u.createdAt });

export function addUserRoutes(routes: ApiRoutes, deps: UseCaseDeps): void {
  routes.add(
    { method: 'get', path: '/api/v1/users', operationId: 'listUsers', summary: 'Everyone with an account (admins), newest first', tag: 'users', permission: 'users:manage', scope: 'read', query: UserListQuery, response: UserPage },
    async (_req, { query }) => {
      const [beforeId] = (decodeCursor(query.cursor, ['number']) ?? []) as number[];
      const users = (await listUsers(deps.db)).sort((a, b) => b.id - a.id).filter((u) => beforeId === undefined || u.id < beforeId);
      const page = users.slice(0, query.limit);
      const last = page[page.length - 1];
      return { data: page.map(userOf), next_cursor: users.length > query.limit && last ? encodeCursor([last.id]) : null };
    },
  );

  routes.add(
    { method: 'get', path: '/api/v1/users/:id', operationId: 'getUser', summary: 'A person’s account (admins)', tag: 'users', permission: 'users:manage', scope: 'read', response: User },
    async (_req, { id }) => {
      const user = await findUserById(deps.db, id);
      if (!user) throw new NotFoundError();
      return userOf(user);
    },
  );
}
