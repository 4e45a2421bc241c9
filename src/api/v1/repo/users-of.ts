import type { User } from '../../../models/users.js';
import type { Services } from '../../../services/index.js';

/** Users by id in one read, for rendering lists that name many. */
export async function getUsersByIdsFor(services: Services, ids: number[]): Promise<Map<number, User>> {
  return new Map((await services.users.byIds([...new Set(ids)])).map((u) => [u.id, u]));
}
