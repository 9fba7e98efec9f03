import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { anyUserExists } from '../users/users.service';

export interface SetupState {
  /** True once any user exists. Cached after the first yes: users are never all removed. */
  isComplete(): Promise<boolean>;
  markComplete(): void;
}

export function createSetupState(db: Kysely<Database>): SetupState {
  let complete = false;
  return {
    async isComplete() {
      if (!complete) complete = await anyUserExists(db);
      return complete;
    },
    markComplete() {
      complete = true;
    },
  };
}
