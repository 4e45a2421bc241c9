import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import type { TSchema } from 'typebox';

// Query strings and path parameters arrive as text, so they are coerced ("2" → 2), as Gitea does.
// JSON bodies are not: Gitea's binding refuses a number where a string belongs, and so do we.
const COMMON: Options = { removeAdditional: true, useDefaults: true, allErrors: false, strict: false };

function makeAjv(options: Options, shared: TSchema[]): Ajv {
  const ajv = new Ajv({ ...COMMON, ...options });
  addFormats.default(ajv);
  for (const schema of shared) ajv.addSchema(schema);
  return ajv;
}

export function validatorCompiler(shared: TSchema[]): FastifySchemaCompiler<TSchema> {
  const strict = makeAjv({ coerceTypes: false }, shared);
  const coercing = makeAjv({ coerceTypes: 'array' }, shared);
  return ({ schema, httpPart }) => (httpPart === 'body' ? strict : coercing).compile(schema);
}
