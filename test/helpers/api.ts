import type { Express } from 'express';
import type { Kysely } from 'kysely';
import request from 'supertest';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Role } from '../../src/auth/permissions';
import type { Database } from '../../src/db/database';
import { insertToken } from '../../src/api/tokens.repository';
import type { TokenScope } from '../../src/api/tokens';
import { createUser } from './web';

type Doc = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: { $ref: string } }> }> }>> };

/**
 * Checks answers against the app's own OpenAPI document: the operation is found by method and path
 * template, the status must be documented for it, and the body must match the documented schema.
 */
export class OpenApiValidator {
  private readonly ajv: Ajv2020;
  private readonly operations: { method: string; pattern: RegExp; template: string }[];
  checked = 0;

  constructor(private readonly doc: Doc) {
    this.ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(this.ajv);
    this.ajv.addSchema(doc as object, 'openapi.json');
    this.operations = Object.entries(doc.paths).flatMap(([template, methods]) =>
      Object.keys(methods).map((method) => ({ method, template, pattern: new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+')}$`) })),
    );
  }

  /** Throws with the reason when the answer is not as documented. */
  check(method: string, url: string, status: number, body: unknown, text: string): void {
    const path = url.split('?')[0]!;
    const op = this.operations.find((o) => o.method === method.toLowerCase() && o.pattern.test(path));
    let ref: string;
    if (!op) {
      // A path the API does not have: its 404 (or a refusal before routing) is still the documented error body.
      if (status < 400) throw new Error(`${method} ${path} answered ${status} but is not in the OpenAPI document`);
      ref = '#/components/schemas/Error';
    } else {
      const response = this.doc.paths[op.template]![op.method]!.responses[String(status)];
      if (!response) throw new Error(`${method} ${path}: status ${status} is not documented`);
      if (status === 304) {
        if (text !== '') throw new Error(`${method} ${path}: a 304 with a body`);
        this.checked += 1;
        return;
      }
      ref = response.content!['application/json']!.schema.$ref;
    }
    const validate = this.ajv.getSchema(`openapi.json${ref}`);
    if (!validate) throw new Error(`no schema ${ref}`);
    if (!validate(body)) throw new Error(`${method} ${path} ${status}: the body does not match ${ref}: ${this.ajv.errorsText(validate.errors)}\n${JSON.stringify(body)}`);
    this.checked += 1;
  }
}

export interface ApiResponse {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  headers: Record<string, string>;
  text: string;
}

/** A client of the API with one token; every answer is checked against the OpenAPI document before the test sees it. */
export class ApiClient {
  constructor(
    private readonly app: Express,
    readonly token: string | undefined,
    private readonly validator: OpenApiValidator,
  ) {}

  async send(method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse> {
    let req = method === 'GET' ? request(this.app).get(url) : method === 'POST' ? request(this.app).post(url) : request(this.app).patch(url);
    if (this.token) req = req.set('Authorization', `Bearer ${this.token}`);
    for (const [name, value] of Object.entries(headers)) req = req.set(name, value);
    const res = body === undefined ? await req : await req.send(body as object);
    this.validator.check(method, url, res.status, res.body, res.text);
    return { status: res.status, body: res.body, headers: res.headers as Record<string, string>, text: res.text };
  }

  get(url: string, headers?: Record<string, string>) {
    return this.send('GET', url, undefined, headers);
  }
  post(url: string, body: unknown = {}) {
    return this.send('POST', url, body);
  }
  patch(url: string, body: unknown) {
    return this.send('PATCH', url, body);
  }
}

/** The app's OpenAPI document, fetched as a client would, and a validator over it. */
export async function openApiValidator(app: Express): Promise<OpenApiValidator> {
  const res = await request(app).get('/api/v1/openapi.json');
  if (res.status !== 200) throw new Error(`openapi.json answered ${res.status}`);
  return new OpenApiValidator(res.body as Doc);
}

/** A token straight into the database (as the account page would make it). */
export async function makeToken(db: Kysely<Database>, userId: number, options: { scopes?: readonly TokenScope[]; expiresAt?: Date; now?: Date } = {}): Promise<string> {
  const now = options.now ?? new Date();
  const expiresAt = options.expiresAt ?? new Date(now.getTime() + 30 * 86_400_000);
  const { token } = await insertToken(db, { userId, kind: 'personal', name: 'test', scopes: options.scopes ?? ['read', 'write'], createdBy: userId, expiresAt: expiresAt.toISOString() }, now);
  return token;
}

/** A new user of the role and a client with a token of theirs. */
export async function apiAs(app: Express, db: Kysely<Database>, validator: OpenApiValidator, role: Role, options: { scopes?: readonly TokenScope[]; now?: Date } = {}): Promise<{ api: ApiClient; user: { id: number; email: string; name: string } }> {
  const user = await createUser(db, role);
  return { api: new ApiClient(app, await makeToken(db, user.id, options), validator), user };
}
