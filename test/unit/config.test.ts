import path from 'node:path';
import { ConfigError, DEFAULT_SQLITE_CACHE_MB, loadConfig } from '../../src/config';

describe('loadConfig', () => {
  it('when nothing is set, then it runs on SQLite under ./data with safe defaults', () => {
    const config = loadConfig({}, '/srv/app');
    expect(config).toMatchObject({
      port: 3000,
      dataDir: '/srv/app/data',
      database: { dialect: 'sqlite', filename: path.join('/srv/app/data', 'salesbench.sqlite') },
      uploadDir: '/srv/app/data/uploads',
      trustProxy: false,
      cookieSecure: false,
      logLevel: 'info',
      sessionIdleTimeoutMs: 8 * 3_600_000,
      sessionAbsoluteTimeoutMs: 7 * 24 * 3_600_000,
      publicUrl: 'http://localhost:3000',
    });
    expect(config.sessionSecret).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('when nothing says otherwise, then backups go to <DATA_DIR>/backups, none on a schedule, seven kept; BACKUP_* set them', () => {
    expect(loadConfig({}, '/srv/app').backup).toEqual({ dir: '/srv/app/data/backups', everyHours: undefined, keep: 7 });
    expect(loadConfig({ BACKUP_DIR: '/mnt/off-site', BACKUP_EVERY_HOURS: '24', BACKUP_KEEP: '14' }, '/srv/app').backup).toEqual({ dir: '/mnt/off-site', everyHours: 24, keep: 14 });
    expect(loadConfig({ BACKUP_EVERY_HOURS: '1' }).backup.everyHours).toBe(1);
    expect(loadConfig({ BACKUP_EVERY_HOURS: '8760', BACKUP_KEEP: '1000' }).backup).toMatchObject({ everyHours: 8760, keep: 1000 });
  });

  it('when WEB_CONCURRENCY is not set, then one process serves; a count or auto (one worker per CPU, at most 64) sets the workers', () => {
    expect(loadConfig({}, '/srv/app', 8).webConcurrency).toBe(1);
    expect(loadConfig({ WEB_CONCURRENCY: ' ' }, '/srv/app', 8).webConcurrency).toBe(1);
    expect(loadConfig({ WEB_CONCURRENCY: '1' }, '/srv/app', 8).webConcurrency).toBe(1);
    expect(loadConfig({ WEB_CONCURRENCY: '3' }, '/srv/app', 8).webConcurrency).toBe(3);
    expect(loadConfig({ WEB_CONCURRENCY: '64' }, '/srv/app', 8).webConcurrency).toBe(64);
    expect(loadConfig({ WEB_CONCURRENCY: 'auto' }, '/srv/app', 6).webConcurrency).toBe(6);
    expect(loadConfig({ WEB_CONCURRENCY: ' AUTO ' }, '/srv/app', 2).webConcurrency).toBe(2);
    expect(loadConfig({ WEB_CONCURRENCY: 'auto' }, '/srv/app', 128).webConcurrency).toBe(64);
    expect(loadConfig({ WEB_CONCURRENCY: 'auto' }, '/srv/app', 0).webConcurrency).toBe(1);
  });

  it('when DATABASE_URL is a postgres URL, then PostgreSQL is used', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db:5432/sb' }).database).toEqual({ dialect: 'postgres', connectionString: 'postgres://u@db:5432/sb' });
    expect(loadConfig({ DATABASE_URL: 'postgresql://u@db/sb' }).database.dialect).toBe('postgres');
    expect(loadConfig({ DATABASE_URL: 'sqlite::memory:' }).database).toEqual({ dialect: 'sqlite', filename: ':memory:', cacheMb: 64 });
  });

  it('when SQLITE_CACHE_MB is not set, then each SQLite connection caches 64 MiB of pages; a size from 2 MiB sets it, anything else is refused', () => {
    expect(loadConfig({}).database).toMatchObject({ dialect: 'sqlite', cacheMb: DEFAULT_SQLITE_CACHE_MB });
    expect(DEFAULT_SQLITE_CACHE_MB).toBe(64);
    expect(loadConfig({ SQLITE_CACHE_MB: ' ' }).database).toMatchObject({ cacheMb: 64 });
    expect(loadConfig({ SQLITE_CACHE_MB: '2' }).database).toMatchObject({ cacheMb: 2 });
    expect(loadConfig({ SQLITE_CACHE_MB: '512' }).database).toMatchObject({ cacheMb: 512 });
    expect(loadConfig({ SQLITE_CACHE_MB: '65536' }).database).toMatchObject({ cacheMb: 65536 });
    for (const bad of ['1', '0', '-64', '65537', '1.5', 'lots']) {
      expect(() => loadConfig({ SQLITE_CACHE_MB: bad })).toThrow(ConfigError);
      expect(() => loadConfig({ SQLITE_CACHE_MB: bad })).toThrow(/SQLITE_CACHE_MB must be a whole number of MiB \(2–65536\)/);
    }
    // PostgreSQL keeps its own cache: the setting means nothing there.
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db/sb', SQLITE_CACHE_MB: '512' }).database).toEqual({ dialect: 'postgres', connectionString: 'postgres://u@db/sb' });
  });

  it('when values are valid, then they are parsed', () => {
    const config = loadConfig({ PORT: '8080', TRUST_PROXY: '1', COOKIE_SECURE: 'true', LOG_LEVEL: 'warn', SESSION_SECRET: 'x'.repeat(40), UPLOAD_DIR: '/var/sb' });
    expect(config).toMatchObject({ port: 8080, trustProxy: 1, cookieSecure: true, logLevel: 'warn', sessionSecret: 'x'.repeat(40), uploadDir: '/var/sb' });
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback, 10.0.0.0/8');
  });

  it('when PUBLIC_URL is set, then links are built on it, without a trailing slash; when not, on localhost and the port', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://hiring.example.com/' }).publicUrl).toBe('https://hiring.example.com');
    expect(loadConfig({ PUBLIC_URL: 'https://example.com/salesbench/' }).publicUrl).toBe('https://example.com/salesbench');
    expect(loadConfig({ PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
  });

  it('when SMTP_URL is not set, then mail is not configured (and PUBLIC_URL is not required)', () => {
    expect(loadConfig({}).mail).toBeUndefined();
    expect(loadConfig({ SMTP_URL: '  ' }).mail).toBeUndefined();
  });

  it('when SMTP_URL is set, then host, port, TLS, user and sender are read from it; the password stays in the URL only', () => {
    const plain = loadConfig({ SMTP_URL: 'smtp://mailer%40acme.example:s%3Acret@mail.acme.example', PUBLIC_URL: 'https://hiring.acme.example' }).mail;
    expect(plain).toEqual({
      url: 'smtp://mailer%40acme.example:s%3Acret@mail.acme.example',
      host: 'mail.acme.example',
      port: 587,
      secure: false,
      user: 'mailer@acme.example',
      fromAddress: 'salesbench@hiring.acme.example',
      fromName: undefined,
      leaseMs: 120_000,
    });
    expect(loadConfig({ SMTP_URL: 'smtp://m.example', PUBLIC_URL: 'https://h.example', MAIL_LEASE_SECONDS: '5' }).mail!.leaseMs).toBe(5_000);
    const tls = loadConfig({ SMTP_URL: 'smtps://mail.acme.example', PUBLIC_URL: 'https://hiring.acme.example', MAIL_FROM: 'Acme Hiring <hiring@acme.example>' }).mail;
    expect(tls).toMatchObject({ port: 465, secure: true, user: undefined, fromAddress: 'hiring@acme.example', fromName: 'Acme Hiring' });
    expect(loadConfig({ SMTP_URL: 'smtp://mail.acme.example:2525', PUBLIC_URL: 'https://h.example', MAIL_FROM: 'hiring@acme.example' }).mail).toMatchObject({ port: 2525, fromAddress: 'hiring@acme.example', fromName: undefined });
    expect(loadConfig({ SMTP_URL: 'smtp://m.example', PUBLIC_URL: 'https://h.example', MAIL_FROM: '"Acme, Inc." <hiring@acme.example>' }).mail).toMatchObject({ fromName: 'Acme, Inc.', fromAddress: 'hiring@acme.example' });
  });

  it.each([
    [{ SMTP_URL: 'smtp://mail.acme.example' }, 'PUBLIC_URL'],
    [{ SMTP_URL: 'http://mail.acme.example', PUBLIC_URL: 'https://h.example' }, 'SMTP_URL'],
    [{ SMTP_URL: 'not a url with p4ssw0rd', PUBLIC_URL: 'https://h.example' }, 'SMTP_URL'],
    [{ SMTP_URL: 'smtp://user:p4ssw0rd@', PUBLIC_URL: 'https://h.example' }, 'SMTP_URL'],
    [{ SMTP_URL: 'smtp://m.example', PUBLIC_URL: 'https://h.example', MAIL_FROM: 'not an address' }, 'MAIL_FROM'],
    [{ SMTP_URL: 'smtp://m.example', PUBLIC_URL: 'https://h.example', MAIL_FROM: 'Acme <>' }, 'MAIL_FROM'],
    [{ SMTP_URL: 'smtp://m.example', PUBLIC_URL: 'https://h.example', MAIL_LEASE_SECONDS: '4' }, 'MAIL_LEASE_SECONDS'],
  ])('when mail settings are %p, then start-up stops with one line naming %s, never showing a password', (env, variable) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain(variable);
    expect(message).not.toContain('p4ssw0rd');
    expect(message.split('\n')).toHaveLength(1);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://localhost/sb'],
    ['COOKIE_SECURE', 'maybe'],
    ['LOG_LEVEL', 'loud'],
    ['SESSION_SECRET', 'short'],
    ['TRUST_PROXY', '<script>'],
    ['SESSION_IDLE_TIMEOUT_MINUTES', '0'],
    ['PUBLIC_URL', 'hiring.example.com'],
    ['PUBLIC_URL', 'ftp://example.com'],
    ['PUBLIC_URL', 'https://example.com/?next=x'],
    ['PUBLIC_URL', 'https://user:pw@example.com'],
    ['BACKUP_EVERY_HOURS', '0'],
    ['BACKUP_EVERY_HOURS', '1.5'],
    ['BACKUP_EVERY_HOURS', '8761'],
    ['BACKUP_KEEP', '0'],
    ['BACKUP_KEEP', 'all'],
    ['WEB_CONCURRENCY', '0'],
    ['WEB_CONCURRENCY', '2.5'],
    ['WEB_CONCURRENCY', '65'],
    ['WEB_CONCURRENCY', 'many'],
  ])('when %s is %p, then start-up stops with one line naming the variable', (variable, value) => {
    let error: unknown;
    try {
      loadConfig({ [variable]: value });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain(variable);
    expect(message).toContain(JSON.stringify(value));
    expect(message.split('\n')).toHaveLength(1);
  });

  it('when FILE_STORAGE is not set, then files are kept on disk; database is taken with PostgreSQL and refused with SQLite, naming the variable', () => {
    expect(loadConfig({}, '/srv/app').fileStorage).toBe('disk');
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db/salesbench', FILE_STORAGE: 'database' }, '/srv/app').fileStorage).toBe('database');
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db/salesbench', FILE_STORAGE: 'disk' }, '/srv/app').fileStorage).toBe('disk');
    expect(() => loadConfig({ FILE_STORAGE: 'database' }, '/srv/app')).toThrow('Invalid configuration: FILE_STORAGE must be disk with SQLite (database needs a postgres:// DATABASE_URL) (got "database")');
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u:p@db/salesbench', FILE_STORAGE: 's3' }, '/srv/app')).toThrow(ConfigError);
  });
});
