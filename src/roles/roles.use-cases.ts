import { requirePermission } from '../auth/permissions';
import type { Viewer } from '../auth/scopes';
import { runInUnitOfWork, type UseCaseDeps } from '../events/unit-of-work';
import { keptSeedKey, seededRole } from '../i18n/seeded-texts';
import { NotFoundError } from '../shared/errors';
import { findRoleById, updateRole } from './roles.repository';

/** Saves the texts of a sales role (what it does, whom it hands work to, its usual pay). */
export async function editRole(deps: UseCaseDeps, actor: Viewer, roleId: number, changes: { name: string; summary: string; handsOffTo: string; payModel: string }): Promise<void> {
  requirePermission(actor, 'roles:edit');
  await runInUnitOfWork(deps, async (uow) => {
    const role = await findRoleById(uow.trx, roleId, 'en');
    if (!role) throw new NotFoundError();
    // Saved unchanged, the role still follows each reader's language; changed, it shows as written.
    await updateRole(uow.trx, roleId, { ...changes, seedKey: keptSeedKey(role.seedKey, seededRole, changes) }, uow.now);
    uow.record({ type: 'SalesRoleEdited', actorId: actor.id, subject: { type: 'sales_role', id: roleId }, roleId });
  });
}
