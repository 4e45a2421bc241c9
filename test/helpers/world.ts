import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bootstrapAdmin, createUser } from './fixtures.js';
import { authUrl, gitSandbox, type GitResult, type GitSandbox } from './git.js';
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

/** Clones `owner/repo` as `user`, commits one file and pushes it back to main: the push's result. */
export async function pushAs(world: World, user: TestUser, path: string): Promise<GitResult> {
  const { sb, server } = world;
  const dir = `push-${user.name}-${Math.random().toString(36).slice(2)}`;
  const clone = await sb.git(['clone', '-q', authUrl(`${server.url}${path}.git`, user.name, user.password), dir]);
  if (clone.code !== 0) return clone;
  writeFileSync(join(sb.dir, dir, `${user.name}.txt`), 'x\n');
  await sb.git(['add', '.'], { cwd: join(sb.dir, dir) });
  await sb.git(['commit', '-qm', `by ${user.name}`], { cwd: join(sb.dir, dir) });
  return sb.git(['push', '-q', 'origin', 'HEAD:main'], { cwd: join(sb.dir, dir) });
}
