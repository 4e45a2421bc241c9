import { Type, type TSchema } from 'typebox';

export const Int64 = (options: object = {}) => Type.Integer({ format: 'int64', ...options });
export const DateTime = (options: object = {}) => Type.String({ format: 'date-time', ...options });

/**
 * A `$ref` to a shared (named) schema that keeps the target's static type, so route handlers are
 * typed while the Swagger document names the definition as Gitea does.
 */
export function ref<T extends TSchema>(schema: T): T {
  const id = (schema as { $id?: string }).$id;
  if (!id) throw new Error('ref() needs a schema with an $id');
  return Type.Ref(id) as unknown as T;
}

export const APIError = Type.Object(
  { message: Type.String(), url: Type.String() },
  { $id: 'APIError', description: 'APIError is an api error with a message' },
);

/** Error responses for a route's schema, all in Gitea's APIError shape. */
export function errorResponses(...codes: number[]): Record<number, TSchema> {
  return Object.fromEntries(codes.map((c) => [c, ref(APIError)]));
}

export const Empty = Type.Null({ description: 'APIEmpty is an empty response' });

export const PageQuery = {
  page: Type.Optional(Type.Integer({ description: 'page number of results to return (1-based)' })),
  limit: Type.Optional(Type.Integer({ description: 'page size of results' })),
};
