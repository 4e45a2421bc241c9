import { API_COMPAT_VERSION } from '../../../version.js';
import { ref } from '../schemas/common.js';
import { ServerVersion } from '../schemas/misc.js';
import type { Api } from '../types.js';

export default async function versionRoutes(app: Api): Promise<void> {
  app.get(
    '/version',
    {
      schema: { tags: ['miscellaneous'], summary: 'Returns the version of the server', operationId: 'getVersion', response: { 200: ref(ServerVersion) } },
    },
    async () => ({ version: API_COMPAT_VERSION }),
  );
}
