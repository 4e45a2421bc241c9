import { bootstrapAdmin, createUser } from './fixtures.js';
import { gitSandbox, type GitSandbox } from './git.js';
import { startServer, type Ini, type TestServer } from './server.js';

export type TestUser = Awaited<ReturnType<typeof createUser>>;

/** A server with an admin, named users and a git sandbox: what the git-backed tests start from. */
export interface World {
  server: TestServer;
  adminToken: string;
  users: Record<string, TestUser>;
  sb: GitSandbox;
  close(): Promise<void>;
}

export async function startWorld(usernames: string[], ini: Ini = {}): Promise<World> {
  const server = await startServer(ini);
  try {
    const adminToken = await bootstrapAdmin(server);
    const users: Record<string, TestUser> = {};
    for (const name of usernames) users[name] = await createUser(server, adminToken, { username: name });
    const sb = await gitSandbox();
    return {
      server,
      adminToken,
      users,
      sb,
      async close() {
        await server.stop();
        await sb.dispose();
      },
    };
  } catch (err) {
    await server.stop();
    throw err;
  }
}
