import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { bootstrapAdmin } from '../../../helpers/fixtures.js';
import { call } from '../../../helpers/http.js';
import { startServer, type TestServer } from '../../../helpers/server.js';

describe('miscellaneous endpoints and HTTP behaviour', () => {
  let server: TestServer;
  let token: string;

  before(async () => {
    server = await startServer({ cors: { ENABLED: true, ALLOW_DOMAIN: 'https://app.example' } });
    token = await bootstrapAdmin(server);
  });
  after(() => server.stop());

  it('GET /version reports the Gitea API level and Samovar', async () => {
    const r = await call(server, 'GET', '/version');
    assert.equal(r.status, 200);
    assert.match(r.body.version, /^1\.22\.\d+\+samovar-\d+\.\d+\.\d+/);
  });

  it('GET /settings/api|ui|repository|attachment', async () => {
    assert.deepEqual((await call(server, 'GET', '/settings/api')).body, {
      default_git_trees_per_page: 1000,
      default_max_blob_size: 10485760,
      default_paging_num: 30,
      max_response_items: 50,
    });
    const ui = (await call(server, 'GET', '/settings/ui')).body;
    assert.ok(ui.allowed_reactions.includes('+1'));
    assert.equal(ui.default_theme, 'gitea-auto');
    const repo = (await call(server, 'GET', '/settings/repository')).body;
    assert.deepEqual(Object.keys(repo).sort(), ['http_git_disabled', 'lfs_disabled', 'migrations_disabled', 'mirrors_disabled', 'stars_disabled', 'time_tracking_disabled']);
    const att = (await call(server, 'GET', '/settings/attachment')).body;
    assert.equal(att.enabled, true);
    assert.equal(att.max_files, 5);
  });

  describe('markdown', () => {
    it('renders GFM tables, strikethrough and autolinks, sanitised', async () => {
      const r = await call(server, 'POST', '/markdown', {
        body: { Text: '| a | b |\n|---|---|\n| 1 | ~~2~~ |\n\nsee https://example.com\n\n<script>alert(1)</script><img src=x onerror=alert(1)>', Mode: 'gfm' },
      });
      assert.equal(r.status, 200);
      assert.match(r.headers.get('content-type')!, /text\/html/);
      assert.match(r.text, /<table>/);
      assert.match(r.text, /<s>2<\/s>/);
      assert.match(r.text, /<a href="https:\/\/example.com">/);
      assert.doesNotMatch(r.text, /<script|onerror/);
    });

    it('comment mode turns line breaks into <br>; gfm mode does not', async () => {
      const comment = await call(server, 'POST', '/markdown', { body: { Text: 'one\ntwo', Mode: 'comment' } });
      assert.match(comment.text, /one<br \/>\s*two/);
      const gfm = await call(server, 'POST', '/markdown', { body: { Text: 'one\ntwo', Mode: 'gfm' } });
      assert.doesNotMatch(gfm.text, /<br/);
    });

    it('anchors relative links at Context in gfm mode', async () => {
      const r = await call(server, 'POST', '/markdown', { body: { Text: '[doc](docs/a.md) [abs](https://x.org/) ![i](img.png)', Mode: 'gfm', Context: '/owner/repo/src/branch/main' } });
      assert.match(r.text, /href="\/owner\/repo\/src\/branch\/main\/docs\/a.md"/);
      assert.match(r.text, /href="https:\/\/x.org\/"/);
      assert.match(r.text, /src="\/owner\/repo\/src\/branch\/main\/img.png"/);
    });

    it('POST /markdown/raw takes text/plain', async () => {
      const r = await call(server, 'POST', '/markdown/raw', { rawBody: '# Title\n\n*em*', headers: { 'content-type': 'text/plain' } });
      assert.equal(r.status, 200);
      assert.match(r.text, /<h1>Title<\/h1>/);
      assert.match(r.text, /<em>em<\/em>/);
    });

    it('rejects a wrongly typed field with 422', async () => {
      const r = await call(server, 'POST', '/markdown', { body: { Text: 42 } });
      assert.equal(r.status, 422);
      assert.match(r.body.message, /Text/);
    });
  });

  describe('errors', () => {
    it('unknown routes answer 404 JSON', async () => {
      const r = await call(server, 'GET', '/no/such/route');
      assert.equal(r.status, 404);
      assert.match(r.body.message, /not found/);
      assert.equal(r.body.url, `${server.url}api/swagger`);
    });

    it('malformed JSON is 400', async () => {
      const r = await call(server, 'POST', '/admin/users', { token, rawBody: '{"username": ', headers: { 'content-type': 'application/json' } });
      assert.equal(r.status, 400);
      assert.equal(typeof r.body.message, 'string');
      assert.equal(typeof r.body.url, 'string');
    });

    it('a body over the limit is 413', async () => {
      // The server answers as soon as it sees the length, before the upload ends: read that answer.
      const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request(`${server.api}/markdown/raw`, { method: 'POST', headers: { 'content-type': 'text/plain', 'content-length': String(11 * 1024 * 1024) } }, (res) => {
          let text = '';
          res.on('data', (d: Buffer) => (text += d.toString()));
          res.on('end', () => {
            resolve({ status: res.statusCode ?? 0, body: text });
            req.destroy();
          });
        });
        req.on('error', (err) => (req.destroyed ? undefined : reject(err)));
        req.write('x'.repeat(1024));
      });
      assert.equal(status, 413);
      assert.match(JSON.parse(body).message, /too large/);
    });

    it('an unsupported content type is 415', async () => {
      const r = await call(server, 'POST', '/markdown', { rawBody: 'x', headers: { 'content-type': 'application/x-unknown' } });
      assert.equal(r.status, 415);
    });
  });

  describe('CORS', () => {
    it('answers preflight for allowed origins and exposes Link and X-Total-Count', async () => {
      const pre = await fetch(`${server.api}/users/search`, {
        method: 'OPTIONS',
        headers: { origin: 'https://app.example', 'access-control-request-method': 'GET' },
      });
      assert.equal(pre.status, 204);
      assert.equal(pre.headers.get('access-control-allow-origin'), 'https://app.example');
      const get = await fetch(`${server.api}/users/search`, { headers: { origin: 'https://app.example' } });
      assert.match(get.headers.get('access-control-expose-headers') ?? '', /Link/);
      assert.match(get.headers.get('access-control-expose-headers') ?? '', /X-Total-Count/);
      const other = await fetch(`${server.api}/users/search`, { headers: { origin: 'https://evil.example' } });
      assert.equal(other.headers.get('access-control-allow-origin'), null);
    });
  });

  describe('API document', () => {
    it('serves Swagger 2.0 at /swagger.v1.json with Gitea definition names', async () => {
      const doc = (await (await fetch(`${server.url}swagger.v1.json`)).json()) as {
        swagger: string;
        basePath: string;
        paths: Record<string, Record<string, { operationId?: string }>>;
        definitions: Record<string, { properties: Record<string, unknown> }>;
      };
      assert.equal(doc.swagger, '2.0');
      assert.equal(doc.basePath, '/api/v1');
      assert.equal(doc.paths['/user']?.get?.operationId, 'userGetCurrent');
      assert.ok(doc.paths['/users/{username}/tokens']?.post);
      assert.ok(doc.definitions.User?.properties.login);
      assert.ok(doc.definitions.CreateUserOption);
      assert.ok(doc.definitions.AccessToken);
    });

    it('serves Swagger UI from the package at /api/swagger', async () => {
      const r = await fetch(`${server.url}api/swagger/`);
      assert.equal(r.status, 200);
      const html = await r.text();
      assert.match(html, /swagger-ui/i);
      assert.doesNotMatch(html, /https?:\/\/(cdn|unpkg|cdnjs)/, 'no CDN');
    });

    it('is off when ENABLE_SWAGGER=false', async () => {
      const off = await startServer({ api: { ENABLE_SWAGGER: false } });
      try {
        assert.equal((await fetch(`${off.url}swagger.v1.json`)).status, 404);
        assert.equal((await fetch(`${off.url}api/swagger`)).status, 404);
      } finally {
        await off.stop();
      }
    });
  });

  it('REQUIRE_SIGNIN_VIEW turns anonymous reads into 401', async () => {
    const locked = await startServer({ service: { REQUIRE_SIGNIN_VIEW: true } });
    try {
      assert.equal((await call(locked, 'GET', '/users/search')).status, 401);
      assert.equal((await call(locked, 'GET', '/version')).status, 200);
      const adminToken = await bootstrapAdmin(locked);
      assert.equal((await call(locked, 'GET', '/users/search', { token: adminToken })).status, 200);
    } finally {
      await locked.stop();
    }
  });
});
