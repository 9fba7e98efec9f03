import type { DbOrTrx as Db } from '../db/database';

/** An uploaded spreadsheet waiting to be imported. */
export interface ImportFile {
  readonly id: number;
  readonly fileName: string;
  readonly bytes: Buffer;
}

/** Keeps an uploaded file for its user until `expiresAt`, and deletes every file whose time is up. */
export async function storeImportFile(db: Db, input: { userId: number; fileName: string; bytes: Buffer }, now: Date, expiresAt: Date): Promise<number> {
  await db.deleteFrom('candidate_imports').where('expires_at', '<', now.toISOString()).execute();
  const { id } = await db
    .insertInto('candidate_imports')
    .values({ user_id: input.userId, file_name: input.fileName, content: input.bytes.toString('base64'), created_at: now.toISOString(), expires_at: expiresAt.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** The user's own file, while it is kept; undefined for another user's, an expired or an unknown one. */
export async function findImportFile(db: Db, id: number, userId: number, now: Date): Promise<ImportFile | undefined> {
  const row = await db
    .selectFrom('candidate_imports')
    .select(['id', 'file_name', 'content'])
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
  return row && { id: row.id, fileName: row.file_name, bytes: Buffer.from(row.content, 'base64') };
}

export async function deleteImportFile(db: Db, id: number): Promise<void> {
  await db.deleteFrom('candidate_imports').where('id', '=', id).execute();
}
