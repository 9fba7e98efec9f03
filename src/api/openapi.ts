import { z } from 'zod';
import type { ApiOperation } from './operations.routes';
import { apiSchemas, ErrorSchema } from './schemas';

type JsonSchema = Record<string, unknown>;

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });

function idOf(schema: z.ZodType): string {
  const id = apiSchemas.get(schema)?.id;
  if (!id) throw new Error('an API operation uses a schema that is not registered');
  return id;
}

/** The registry as JSON Schema (2020-12): request schemas as they are sent (input), answers as they come (output). */
function componentSchemas(requestIds: ReadonlySet<string>): Record<string, JsonSchema> {
  const options = { target: 'draft-2020-12' as const, uri: (id: string) => `#/components/schemas/${id}`, unrepresentable: 'any' as const };
  const input = z.toJSONSchema(apiSchemas, { ...options, io: 'input' }).schemas;
  const output = z.toJSONSchema(apiSchemas, { ...options, io: 'output' }).schemas;
  const out: Record<string, JsonSchema> = {};
  for (const id of Object.keys(output).sort()) {
    const { $schema: _schema, $id: _id, ...schema } = (requestIds.has(id) ? input[id] : output[id]) as JsonSchema;
    out[id] = schema;
  }
  return out;
}

/** A query schema's properties as OpenAPI parameters. */
function queryParameters(query: z.ZodType | undefined): JsonSchema[] {
  if (!(query instanceof z.ZodObject)) return [];
  const json = z.toJSONSchema(query, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, schema]) => {
    const { description, ...rest } = schema;
    return { name, in: 'query', required: (json.required ?? []).includes(name), ...(description ? { description } : {}), schema: rest };
  });
}

const ERROR_RESPONSES = {
  '400': 'Bad query, cursor or body',
  '401': 'No valid token (missing, unknown, revoked, expired; a cookie is not a credential here)',
  '403': 'The token lacks the scope, or its user’s role does not allow this',
  '404': 'Not found, or not visible to the token’s user',
  '409': 'Conflicts with the record’s current state',
  '422': 'Refused by validation; `fields` names each field',
  '413': 'The request body is too large (over 200 KB)',
  '429': 'Over the token’s rate limit; see Retry-After',
  '500': 'Not completed; the message carries an error id that is logged',
};

/** The OpenAPI 3.1 document of the operations, generated from the very schemas that check requests. */
export function buildOpenApi(operations: readonly ApiOperation[], info: { readonly version: string; readonly serverUrl: string; readonly ratePerMinute: number }): JsonSchema {
  const requestIds = new Set(operations.flatMap((op) => (op.body ? [idOf(op.body)] : [])));
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const op of operations) {
    const path = op.path.replace(/:(\w+)/g, '{$1}');
    const pathParams = [...op.path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }));
    const errorBody = { content: { 'application/json': { schema: ref(idOf(ErrorSchema)) } } };
    const responses: Record<string, JsonSchema> = {
      [String(op.status ?? 200)]: {
        description: 'OK',
        ...(op.method === 'get' ? { headers: { ETag: { schema: { type: 'string' } } } } : {}),
        content: { 'application/json': { schema: ref(idOf(op.response)) } },
      },
      ...(op.method === 'get' ? { '304': { description: 'Not modified (If-None-Match named the current ETag)' } } : {}),
      ...Object.fromEntries(Object.entries(ERROR_RESPONSES).map(([status, description]) => [status, { description, ...errorBody }])),
    };
    paths[path] ??= {};
    paths[path][op.method] = {
      operationId: op.operationId,
      summary: op.summary,
      tags: [op.tag],
      description: `Needs the \`${op.scope}\` scope${op.permission === 'any' ? '' : ` and a user whose role grants \`${op.permission}\``}.`,
      security: [{ bearer: [op.scope] }],
      parameters: [...pathParams, ...queryParameters(op.query)],
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: ref(idOf(op.body)) } } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Salesbench API',
      version: info.version,
      description: `A token acts as its user: the same permissions, opening scopes and independent-feedback rule as the pages. At most ${info.ratePerMinute} requests a minute per token.`,
    },
    servers: [{ url: info.serverUrl }],
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A personal or service token (sbt_…), made on the account page or by an admin.' } },
      schemas: componentSchemas(requestIds),
    },
    security: [{ bearer: [] }],
    paths,
  };
}
