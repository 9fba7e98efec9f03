import type { Language } from '../i18n/i18n';
import type { Role } from './permissions';

/** The signed-in person as every request sees them (`req.user`), read from the database on each request. */
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface User {
      id: number;
      name: string;
      email: string;
      role: Role;
      language: Language | null;
      /** Their own IANA zone; null: the company's. */
      timeZone: string | null;
    }
  }
}
