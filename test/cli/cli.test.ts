import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call } from '../helpers/http.js';
import { createWorkspace, runCli, spawnServer, type Workspace } from '../helpers/server.js';

describe('samovar CLI', () => {
  let ws: Workspace;
  const cli = (...args: string[]) => runCli(['--config', ws.configFile, ...args]);

  before(async () => {
    ws = await createWorkspace();
  });
  after(() => ws.dispose());

  it('migrate applies the schema once, then says it is up to date', async () => {
    const first = await cli('migrate');
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /applied: 0001_users/);
    const second = await cli('migrate');
    assert.equal(second.code, 0);
    assert.match(second.stdout, /up to date/);
  });

  it('admin user create / list / change-password / generate-access-token / delete', async () => {
    const created = await cli('admin', 'user', 'create', '--username', 'cliuser', '--password', 'password-123', '--email', 'cli@example.com', '--admin', '--must-change-password=false');
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, /New user 'cliuser' has been successfully created/);

    const list = await cli('admin', 'user', 'list');
    assert.match(list.stdout, /^ID\s+Username\s+Email\s+IsActive\s+IsAdmin$/m);
    assert.match(list.stdout, /^\d+\s+cliuser\s+cli@example.com\s+true\s+true$/m);

    const changed = await cli('admin', 'user', 'change-password', '--username', 'cliuser', '--password', 'another-password');
    assert.equal(changed.code, 0, changed.stderr);

    const token = await cli('admin', 'user', 'generate-access-token', '--username', 'cliuser', '--token-name', 'cli', '--scopes', 'read:user', '--raw');
    assert.equal(token.code, 0, token.stderr);
    assert.match(token.stdout.trim(), /^[0-9a-f]{40}$/);

    // The credentials work against a server on the same data.
    const web = await spawnServer(ws);
    try {
      assert.equal((await call(web, 'GET', '/user', { token: token.stdout.trim() })).body.login, 'cliuser');
      assert.equal((await call(web, 'GET', '/user', { basic: ['cliuser', 'another-password'] })).status, 200);
      assert.equal((await call(web, 'GET', '/user', { basic: ['cliuser', 'password-123'] })).status, 401);
      assert.equal((await call(web, 'POST', '/admin/users', { token: token.stdout.trim(), body: {} })).status, 403, 'read:user only');
    } finally {
      await web.stop();
    }

    const deleted = await cli('admin', 'user', 'delete', '--username', 'cliuser');
    assert.equal(deleted.code, 0, deleted.stderr);
    assert.doesNotMatch((await cli('admin', 'user', 'list')).stdout, /cliuser/);
  });

  it('create --random-password prints the password; must-change-password defaults to true', async () => {
    const r = await cli('admin', 'user', 'create', '--username', 'randy', '--random-password', '--email', 'randy@example.com');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /generated random password is '.{8,}'/);
  });

  it('errors print one line and exit non-zero', async () => {
    const dup = await cli('admin', 'user', 'create', '--username', 'randy', '--password', 'password-123', '--email', 'other@example.com');
    assert.notEqual(dup.code, 0);
    assert.equal(dup.stderr.trim(), 'samovar: user already exists [name: randy]');
    const missing = await cli('admin', 'user', 'delete', '--username', 'nobody');
    assert.notEqual(missing.code, 0);
    assert.equal(missing.stderr.trim().split('\n').length, 1);
    assert.match(missing.stderr, /user does not exist/);
    const reserved = await cli('admin', 'user', 'create', '--username', 'admin', '--password', 'password-123', '--email', 'a@example.com');
    assert.match(reserved.stderr, /name is reserved/);
    const short = await cli('admin', 'user', 'create', '--username', 'shorty', '--password', 'x', '--email', 's@example.com');
    assert.match(short.stderr, /too short/);
    const badFlag = await cli('admin', 'user', 'create', '--username', 'x', '--password', 'password-123', '--email', 'x@example.com', '--admin=perhaps');
    assert.notEqual(badFlag.code, 0);
  });

  it('rejects a bad configuration value at start, naming the key', async () => {
    const r = await runCli(['web', '--port', '0'], { SAMOVAR__SERVER__HTTP_PORT: 'eighty', SAMOVAR__SERVER__APP_DATA_PATH: ws.dir });
    assert.notEqual(r.code, 0);
    assert.equal(r.stderr.trim(), 'samovar: [server] HTTP_PORT: expected a whole number, got "eighty"');
    const missingFile = await runCli(['--config', '/nonexistent/app.ini', 'migrate']);
    assert.notEqual(missingFile.code, 0);
    assert.match(missingFile.stderr, /config file not found/);
  });

  it('web refuses to start without git, saying so', async () => {
    const r = await runCli(['--config', ws.configFile, 'web', '--port', '0'], { PATH: '/nonexistent' });
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /samovar: git is required but could not be run/);
  });

  it('two-factor enrol prints a secret and disable removes it', async () => {
    const enrolled = await cli('admin', 'user', 'two-factor', 'enrol', '--username', 'randy');
    assert.equal(enrolled.code, 0, enrolled.stderr);
    assert.match(enrolled.stdout, /^secret: [A-Z2-7]+$/m);
    assert.match(enrolled.stdout, /^url: otpauth:\/\/totp\//m);
    assert.equal((await cli('admin', 'user', 'two-factor', 'disable', '--username', 'randy')).code, 0);
    assert.notEqual((await cli('admin', 'user', 'two-factor', 'disable', '--username', 'randy')).code, 0);
  });
});

