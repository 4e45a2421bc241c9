import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bootstrapAdmin, createUser } from '../../../helpers/fixtures.js';
import { call } from '../../../helpers/http.js';
import { runCli, startServer, testDb, type TestServer } from '../../../helpers/server.js';

describe('users', () => {
  let server: TestServer;
  let adminToken: string;
  let alice: Awaited<ReturnType<typeof createUser>>;
  let hidden: Awaited<ReturnType<typeof createUser>>;
  let limited: Awaited<ReturnType<typeof createUser>>;

  before(async () => {
    server = await startServer();
    adminToken = await bootstrapAdmin(server);
    alice = await createUser(server, adminToken, { username: 'alice', full_name: 'Alice Liddell' });
    hidden = await createUser(server, adminToken, { username: 'hidden', visibility: 'private' });
    limited = await createUser(server, adminToken, { username: 'limited', visibility: 'limited' });
    for (let i = 0; i < 5; i++) await createUser(server, adminToken, { username: `page${i}` });
  });
  after(() => server.stop());

  it('GET /user returns every field of Gitea\'s User, plus Gogs\'s username', async () => {
    const r = await call(server, 'GET', '/user', { token: alice.token });
    assert.equal(r.status, 200);
    const expected = [
      'id', 'login', 'login_name', 'source_id', 'full_name', 'email', 'avatar_url', 'html_url', 'language', 'is_admin',
      'last_login', 'created', 'restricted', 'active', 'prohibit_login', 'location', 'website', 'description', 'visibility',
      'followers_count', 'following_count', 'starred_repos_count', 'username',
    ];
    assert.deepEqual(Object.keys(r.body).sort(), expected.sort());
    assert.equal(r.body.login, 'alice');
    assert.equal(r.body.username, 'alice');
    assert.equal(r.body.full_name, 'Alice Liddell');
    assert.equal(r.body.email, alice.email);
    assert.equal(r.body.html_url, `${server.url}alice`);
    assert.equal(r.body.active, true);
    assert.match(r.body.created, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('GET /users/{username}: public profile for anyone, e-mail only for signed-in callers', async () => {
    const anon = await call(server, 'GET', '/users/ALICE');
    assert.equal(anon.status, 200);
    assert.equal(anon.body.login, 'alice');
    assert.equal(anon.body.email, 'alice@noreply.127.0.0.1');
    assert.equal(anon.body.active, false, 'account details are for the user and admins only');
    const signed = await call(server, 'GET', '/users/alice', { token: hidden.token });
    assert.equal(signed.body.email, alice.email);
    assert.equal((await call(server, 'GET', '/users/nobody-at-all')).status, 404);
  });

  it('hides private users from everyone but themselves and admins, limited ones from anonymous callers (404)', async () => {
    assert.equal((await call(server, 'GET', '/users/hidden')).status, 404);
    assert.equal((await call(server, 'GET', '/users/hidden', { token: alice.token })).status, 404);
    assert.equal((await call(server, 'GET', '/users/hidden', { token: hidden.token })).status, 200);
    assert.equal((await call(server, 'GET', '/users/hidden', { token: adminToken })).status, 200);
    assert.equal((await call(server, 'GET', '/users/limited')).status, 404);
    assert.equal((await call(server, 'GET', '/users/limited', { token: alice.token })).status, 200);
    void limited;
  });

  it('GET /users/search finds by name or full name, as {data, ok}', async () => {
    const byName = await call(server, 'GET', '/users/search?q=ali');
    assert.equal(byName.status, 200);
    assert.equal(byName.body.ok, true);
    assert.deepEqual(byName.body.data.map((u: { login: string }) => u.login), ['alice']);
    const byFullName = await call(server, 'GET', '/users/search?q=liddell');
    assert.deepEqual(byFullName.body.data.map((u: { login: string }) => u.login), ['alice']);
    const byUid = await call(server, 'GET', `/users/search?uid=${alice.id}`);
    assert.deepEqual(byUid.body.data.map((u: { login: string }) => u.login), ['alice']);
    const wildcard = await call(server, 'GET', '/users/search?q=%25');
    assert.equal(wildcard.body.data.length, 0, 'LIKE wildcards in q are literal');
  });

  it('search shows each caller the detail they may see, however often the same search is asked', async () => {
    const aliceAs = async (token?: string) => (await call(server, 'GET', '/users/search?q=alice', { token })).body.data[0];
    for (let round = 0; round < 2; round++) {
      const anon = await aliceAs();
      assert.equal(anon.email, 'alice@noreply.127.0.0.1');
      assert.equal(anon.active, false);
      const self = await aliceAs(alice.token);
      assert.equal(self.email, alice.email);
      assert.equal(self.active, true, 'the caller sees their own account details');
      const other = await aliceAs(hidden.token);
      assert.equal(other.email, alice.email);
      assert.equal(other.active, false);
      assert.equal((await aliceAs(adminToken)).active, true);
    }
    const edited = await call(server, 'PATCH', '/admin/users/alice', { token: adminToken, body: { login_name: 'alice', source_id: 0, location: 'Wonderland' } });
    assert.equal(edited.status, 200);
    assert.equal((await aliceAs()).location, 'Wonderland');
    assert.equal((await call(server, 'GET', '/user', { token: alice.token })).body.location, 'Wonderland');
  });

  it('search applies visibility in SQL, so totals agree with what is shown', async () => {
    const anon = await call(server, 'GET', '/users/search?limit=50');
    const anonNames = anon.body.data.map((u: { login: string }) => u.login);
    assert.ok(!anonNames.includes('hidden') && !anonNames.includes('limited'));
    assert.equal(Number(anon.headers.get('x-total-count')), anonNames.length);
    const signedNames = (await call(server, 'GET', '/users/search?limit=50', { token: alice.token })).body.data.map((u: { login: string }) => u.login);
    assert.ok(signedNames.includes('limited') && !signedNames.includes('hidden'));
    const selfNames = (await call(server, 'GET', '/users/search?limit=50', { token: hidden.token })).body.data.map((u: { login: string }) => u.login);
    assert.ok(selfNames.includes('hidden'));
    const adminNames = (await call(server, 'GET', '/users/search?limit=50', { token: adminToken })).body.data.map((u: { login: string }) => u.login);
    assert.ok(adminNames.includes('hidden') && adminNames.includes('limited'));
  });

  it('search results follow every write: through the API at once, by another process (the CLI) on the next request', async () => {
    const names = async () => (await call(server, 'GET', '/users/search?q=cache-probe', { token: adminToken })).body.data.map((u: { full_name: string }) => u.full_name);
    assert.deepEqual(await names(), []);
    const probe = await createUser(server, adminToken, { username: 'cache-probe', full_name: 'Before' });
    assert.deepEqual(await names(), ['Before']);
    assert.equal((await call(server, 'PATCH', '/admin/users/cache-probe', { token: adminToken, body: { login_name: 'cache-probe', source_id: 0, full_name: 'After' } })).status, 200);
    assert.deepEqual(await names(), ['After']);
    const cli = await runCli(['admin', 'user', 'create', '--config', server.configFile, '--username', 'cache-probe-2', '--password', 'a-long-password', '--email', 'probe2@example.com']);
    assert.equal(cli.code, 0, cli.stderr);
    // SQLite tells this process of other processes' commits; PostgreSQL does not, so there the
    // cached page may live for its short TTL.
    const deadline = Date.now() + (testDb === 'sqlite3' ? 0 : 3_000);
    let seen = await names();
    while (seen.length < 2 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      seen = await names();
    }
    assert.equal(seen.length, 2);
    void probe;
  });

  describe('pagination', () => {
    it('sets X-Total-Count and a Link header with next/last, keeping other parameters', async () => {
      const r = await call(server, 'GET', '/users/search?q=page&limit=2');
      assert.equal(r.headers.get('x-total-count'), '5');
      assert.equal(r.body.data.length, 2);
      const link = r.headers.get('link')!;
      assert.equal(
        link,
        [`<${server.api}/users/search?q=page&limit=2&page=2>; rel="next"`, `<${server.api}/users/search?q=page&limit=2&page=3>; rel="last"`].join(','),
      );
    });

    it('keeps the page parameter where the caller put it, and other parameters as they were', async () => {
      const r = await call(server, 'GET', '/users/search?page=1&q=page&limit=2&note=page%3Dsamovar-page-number');
      assert.equal(
        r.headers.get('link'),
        [
          `<${server.api}/users/search?page=2&q=page&limit=2&note=page%3Dsamovar-page-number>; rel="next"`,
          `<${server.api}/users/search?page=3&q=page&limit=2&note=page%3Dsamovar-page-number>; rel="last"`,
        ].join(','),
      );
      const single = await call(server, 'GET', '/users/search?q=page&limit=50');
      assert.equal(single.headers.get('link'), null, 'one page: no links');
      assert.equal(single.headers.get('x-total-count'), '5');
    });

    it('a middle page links next, last, first and prev; the last page only first and prev', async () => {
      const middle = await call(server, 'GET', '/users/search?q=page&limit=2&page=2');
      const rels = [...middle.headers.get('link')!.matchAll(/rel="(\w+)"/g)].map((m) => m[1]);
      assert.deepEqual(rels, ['next', 'last', 'first', 'prev']);
      assert.deepEqual(middle.body.data.map((u: { login: string }) => u.login), ['page2', 'page3']);
      const last = await call(server, 'GET', '/users/search?q=page&limit=2&page=3');
      assert.deepEqual([...last.headers.get('link')!.matchAll(/rel="(\w+)"/g)].map((m) => m[1]), ['first', 'prev']);
      assert.equal(last.body.data.length, 1);
    });

    it('caps limit at MAX_RESPONSE_ITEMS, defaults it to DEFAULT_PAGING_NUM, and treats page 0 as 1', async () => {
      const capped = await startServer({ api: { MAX_RESPONSE_ITEMS: 3, DEFAULT_PAGING_NUM: 2 } });
      try {
        const token = await bootstrapAdmin(capped);
        for (let i = 0; i < 4; i++) await createUser(capped, token);
        const big = await call(capped, 'GET', '/users/search?limit=1000');
        assert.equal(big.body.data.length, 3);
        assert.equal(big.headers.get('x-total-count'), '5');
        const dflt = await call(capped, 'GET', '/users/search?page=0');
        assert.equal(dflt.body.data.length, 2);
        const beyond = await call(capped, 'GET', '/users/search?page=99&limit=2');
        assert.equal(beyond.body.data.length, 0);
        const settings = await call(capped, 'GET', '/settings/api');
        assert.equal(settings.body.max_response_items, 3);
        assert.equal(settings.body.default_paging_num, 2);
      } finally {
        await capped.stop();
      }
    });

    it('rejects a non-numeric page with 422', async () => {
      const r = await call(server, 'GET', '/users/search?page=abc');
      assert.equal(r.status, 422);
      assert.match(r.body.message, /page/);
    });
  });
});
