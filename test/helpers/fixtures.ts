import { call } from './http.js';
import type { TestServer } from './server.js';

export const ADMIN = { name: 'root', password: 'root-password-1', email: 'root@example.com' };

/**
 * Creates the first admin through the CLI (there is no other way in on a fresh install) and
 * returns a token for them.
 */
export async function bootstrapAdmin(server: TestServer, tokenName = 'bootstrap'): Promise<string> {
  const { runCli } = await import('./server.js');
  const exists = (await runCli(['admin', 'user', 'list', '--config', server.configFile])).stdout.includes(` ${ADMIN.name} `);
  const created = exists ? { code: 0, stderr: '' } : await runCli([
    'admin', 'user', 'create', '--config', server.configFile,
    '--username', ADMIN.name, '--password', ADMIN.password, '--email', ADMIN.email, '--admin', '--must-change-password=false',
  ]);
  if (created.code !== 0) throw new Error(`admin create failed: ${created.stderr}`);
  const token = await call(server, 'POST', `/users/${ADMIN.name}/tokens`, { basic: [ADMIN.name, ADMIN.password], body: { name: tokenName, scopes: ['all'] } });
  if (token.status !== 201) throw new Error(`admin token failed: ${token.status} ${token.text}`);
  return token.body.sha1;
}

let counter = 0;

/** Creates a user through the admin API; returns its name, password and an all-scopes token. */
export async function createUser(
  server: TestServer,
  adminToken: string,
  extra: Record<string, unknown> = {},
): Promise<{ name: string; password: string; email: string; id: number; token: string }> {
  counter += 1;
  const name = (extra.username as string) ?? `user${counter}${Math.random().toString(36).slice(2, 6)}`;
  const password = 'password-123';
  const email = `${name}@example.com`;
  const created = await call(server, 'POST', '/admin/users', {
    token: adminToken,
    body: { username: name, email, password, must_change_password: false, ...extra },
  });
  if (created.status !== 201) throw new Error(`create user failed: ${created.status} ${created.text}`);
  const token = await call(server, 'POST', `/users/${name}/tokens`, { basic: [name, password], body: { name: 'all', scopes: ['all'] } });
  if (token.status !== 201) throw new Error(`user token failed: ${token.status} ${token.text}`);
  return { name, password, email, id: created.body.id, token: token.body.sha1 };
}
