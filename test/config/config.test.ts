import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config/index.js';

describe('configuration', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'samovar-config-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const write = async (text: string) => {
    const file = join(dir, `app-${Math.random()}.ini`);
    await writeFile(file, text);
    return file;
  };

  it('runs with no file: SQLite under ./data, port 3000, Gitea paging defaults', () => {
    const c = loadConfig(null, {}, dir);
    assert.equal(c.database.type, 'sqlite3');
    assert.equal(c.database.type === 'sqlite3' && c.database.path, join(dir, 'data', 'samovar.db'));
    assert.equal(c.server.httpPort, 3000);
    assert.equal(c.server.rootUrl, 'http://localhost:3000/');
    assert.equal(c.server.rootUrlExplicit, false);
    assert.equal(c.repository.root, join(dir, 'data', 'repositories'));
    assert.equal(c.api.maxResponseItems, 50);
    assert.equal(c.api.defaultPagingNum, 30);
    assert.equal(c.api.enableSwagger, true);
  });

  it("reads Gitea's sections and keys from app.ini", async () => {
    const file = await write(
      [
        'APP_NAME = My Forge',
        '[server]',
        'HTTP_PORT = 8080',
        'ROOT_URL = https://git.example.com/forge',
        '[database]',
        'DB_TYPE = postgres',
        'HOST = db.internal:6543',
        'NAME = forge',
        'USER = git',
        'PASSWD = s3cret',
        '[api]',
        'MAX_RESPONSE_ITEMS = 100',
        '[cors]',
        'ENABLED = true',
        'ALLOW_DOMAIN = https://a.example, https://b.example',
        '[some_unknown_section]',
        'WHATEVER = 1',
      ].join('\n'),
    );
    const c = loadConfig(file, {}, dir);
    assert.equal(c.appName, 'My Forge');
    assert.equal(c.server.httpPort, 8080);
    assert.equal(c.server.rootUrl, 'https://git.example.com/forge/');
    assert.deepEqual(c.database, { type: 'postgres', host: 'db.internal', port: 6543, name: 'forge', user: 'git', password: 's3cret', sslMode: 'disable', maxOpenConns: 10 });
    assert.equal(c.api.maxResponseItems, 100);
    assert.deepEqual(c.cors.allowDomain, ['https://a.example', 'https://b.example']);
  });

  it('lets SAMOVAR__ and GITEA__ environment variables override the file, SAMOVAR__ winning', async () => {
    const file = await write('[server]\nHTTP_PORT = 8080\n');
    const c = loadConfig(file, { GITEA__server__HTTP_PORT: '9000', GITEA__API__DEFAULT_PAGING_NUM: '7', SAMOVAR__SERVER__DOMAIN: 'example.org', GITEA__DEFAULT__APP_NAME: 'Env' }, dir);
    assert.equal(c.server.httpPort, 9000);
    assert.equal(c.api.defaultPagingNum, 7);
    assert.equal(c.server.domain, 'example.org');
    assert.equal(c.appName, 'Env');
    const both = loadConfig(file, { GITEA__server__HTTP_PORT: '9000', SAMOVAR__server__HTTP_PORT: '9001' }, dir);
    assert.equal(both.server.httpPort, 9001);
  });

  it('reads dotted sections and durations ([cron.update_mirrors], [mirror])', async () => {
    const file = await write('[cron.update_mirrors]\nSCHEDULE = @every 30s\n[mirror]\nMIN_INTERVAL = 1h30m\n');
    const c = loadConfig(file, { GITEA__mirror__DEFAULT_INTERVAL: '2h' }, dir);
    assert.equal(c.mirror.scheduleMs, 30_000);
    assert.equal(c.mirror.minIntervalMs, 90 * 60_000);
    assert.equal(c.mirror.defaultIntervalMs, 2 * 3_600_000);
    const env = loadConfig(null, { GITEA__cron_0X2E_update_mirrors__SCHEDULE: '@every 5m' }, dir);
    assert.equal(env.mirror.scheduleMs, 300_000);
    const bad = await write('[mirror]\nMIN_INTERVAL = soon\n');
    assert.throws(() => loadConfig(bad, {}, dir), /\[mirror\] MIN_INTERVAL: expected a duration/);
  });

  it('rejects bad values, naming the key', async () => {
    const cases: Array<[string, RegExp]> = [
      ['[server]\nHTTP_PORT = abc\n', /\[server\] HTTP_PORT: expected a whole number/],
      ['[server]\nHTTP_PORT = 70000\n', /\[server\] HTTP_PORT: 70000 is outside/],
      ['[database]\nDB_TYPE = mysql\n', /\[database\] DB_TYPE: expected one of sqlite3, postgres/],
      ['[api]\nENABLE_SWAGGER = maybe\n', /\[api\] ENABLE_SWAGGER: expected true or false/],
      ['[server]\nROOT_URL = ftp://x\n', /\[server\] ROOT_URL/],
      ['[log]\nLEVEL = loud\n', /\[log\] LEVEL/],
    ];
    for (const [text, message] of cases) {
      const file = await write(text);
      assert.throws(() => loadConfig(file, {}, dir), (err: Error) => err instanceof ConfigError && message.test(err.message));
    }
  });

  it('refuses a config file that does not exist', () => {
    assert.throws(() => loadConfig(join(dir, 'missing.ini'), {}, dir), /config file not found/);
  });
});
