import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call } from '../../../helpers/http.js';
import type { TestServer } from '../../../helpers/server.js';
import { pushAs, startWorld, type TestUser, type World } from '../../../helpers/world.js';

describe('collaborators, stars, watches and topics', () => {
  let world: World;
  let server: TestServer;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;

  before(async () => {
    world = await startWorld(['alice', 'bob', 'carol']);
    ({ server } = world);
    alice = world.users.alice!;
    bob = world.users.bob!;
    carol = world.users.carol!;
    await call(server, 'POST', '/user/repos', { token: alice.token, body: { name: 'team', private: true, auto_init: true } });
    await call(server, 'POST', '/user/repos', { token: alice.token, body: { name: 'open', auto_init: true } });
  });
  after(() => world.close());


  describe('collaborators', () => {
    it('a read collaborator sees the private repository and clones it, but cannot push', async () => {
      assert.equal((await call(server, 'GET', '/repos/alice/team', { token: bob.token })).status, 404);
      assert.equal((await call(server, 'PUT', '/repos/alice/team/collaborators/bob', { token: alice.token, body: { permission: 'read' } })).status, 204);
      const seen = await call(server, 'GET', '/repos/alice/team', { token: bob.token });
      assert.equal(seen.status, 200);
      assert.deepEqual(seen.body.permissions, { admin: false, push: false, pull: true });
      const push = await pushAs(world, bob, 'alice/team');
      assert.notEqual(push.code, 0, 'read access cannot push');
      const perm = await call(server, 'GET', '/repos/alice/team/collaborators/bob/permission', { token: alice.token });
      assert.equal(perm.body.permission, 'read');
      assert.equal(perm.body.user.login, 'bob');
    });

    it('write access pushes; admin access manages; removal takes it all back', async () => {
      await call(server, 'PUT', '/repos/alice/team/collaborators/bob', { token: alice.token, body: { permission: 'write' } });
      const push = await pushAs(world, bob, 'alice/team');
      assert.equal(push.code, 0, push.stderr);
      assert.equal((await call(server, 'PUT', '/repos/alice/team/collaborators/carol', { token: bob.token })).status, 403, 'writers do not manage collaborators');
      await call(server, 'PUT', '/repos/alice/team/collaborators/bob', { token: alice.token, body: { permission: 'admin' } });
      assert.equal((await call(server, 'PUT', '/repos/alice/team/collaborators/carol', { token: bob.token })).status, 204);
      const list = await call(server, 'GET', '/repos/alice/team/collaborators', { token: alice.token });
      assert.deepEqual(list.body.map((u: { login: string }) => u.login), ['bob', 'carol']);
      assert.equal(list.headers.get('x-total-count'), '2');
      assert.equal((await call(server, 'GET', '/repos/alice/team/collaborators/carol', { token: alice.token })).status, 204);
      assert.equal((await call(server, 'GET', '/user/repos', { token: carol.token })).body.some((r: { name: string }) => r.name === 'team'), true);

      assert.equal((await call(server, 'DELETE', '/repos/alice/team/collaborators/bob', { token: alice.token })).status, 204);
      assert.equal((await call(server, 'GET', '/repos/alice/team/collaborators/bob', { token: alice.token })).status, 404);
      assert.equal((await call(server, 'GET', '/repos/alice/team', { token: bob.token })).status, 404);
      assert.notEqual((await pushAs(world, bob, 'alice/team')).code, 0);
    });

    it('refuses bad permissions, the owner and unknown users', async () => {
      assert.equal((await call(server, 'PUT', '/repos/alice/team/collaborators/carol', { token: alice.token, body: { permission: 'god' } })).status, 422);
      assert.equal((await call(server, 'PUT', '/repos/alice/team/collaborators/alice', { token: alice.token })).status, 422);
      assert.equal((await call(server, 'PUT', '/repos/alice/team/collaborators/nobody', { token: alice.token })).status, 404);
      const none = await call(server, 'GET', '/repos/alice/open/collaborators/bob/permission', { token: alice.token });
      assert.equal(none.body.permission, 'read', 'everyone reads a public repository');
    });
  });

  describe('stars and watches', () => {
    it('stars: put, check, list, count; unstar', async () => {
      assert.equal((await call(server, 'GET', '/user/starred/alice/open', { token: bob.token })).status, 404);
      assert.equal((await call(server, 'PUT', '/user/starred/alice/open', { token: bob.token })).status, 204);
      assert.equal((await call(server, 'PUT', '/user/starred/alice/open', { token: bob.token })).status, 204, 'starring twice is harmless');
      assert.equal((await call(server, 'PUT', '/user/starred/alice/open', { token: carol.token })).status, 204);
      assert.equal((await call(server, 'GET', '/user/starred/alice/open', { token: bob.token })).status, 204);
      assert.equal((await call(server, 'GET', '/repos/alice/open')).body.stars_count, 2);
      assert.deepEqual((await call(server, 'GET', '/repos/alice/open/stargazers')).body.map((u: { login: string }) => u.login), ['bob', 'carol']);
      assert.deepEqual((await call(server, 'GET', '/user/starred', { token: bob.token })).body.map((r: { name: string }) => r.name), ['open']);
      assert.deepEqual((await call(server, 'GET', '/users/bob/starred')).body.map((r: { name: string }) => r.name), ['open']);
      assert.equal((await call(server, 'GET', '/users/bob')).body.starred_repos_count, 1);
      assert.equal((await call(server, 'DELETE', '/user/starred/alice/open', { token: bob.token })).status, 204);
      assert.equal((await call(server, 'GET', '/repos/alice/open')).body.stars_count, 1);
      assert.equal((await call(server, 'PUT', '/user/starred/alice/team', { token: bob.token })).status, 404, 'cannot star what you cannot see');
    });

    it('watches: subscription on and off, subscribers, counts', async () => {
      assert.equal((await call(server, 'GET', '/repos/alice/open/subscription', { token: bob.token })).status, 404);
      const on = await call(server, 'PUT', '/repos/alice/open/subscription', { token: bob.token });
      assert.equal(on.status, 200);
      assert.equal(on.body.subscribed, true);
      assert.equal(on.body.repository_url, `${server.url}api/v1/repos/alice/open`);
      assert.equal((await call(server, 'GET', '/repos/alice/open/subscription', { token: bob.token })).status, 200);
      assert.equal((await call(server, 'GET', '/repos/alice/open')).body.watchers_count, 2);
      assert.deepEqual((await call(server, 'GET', '/repos/alice/open/subscribers')).body.map((u: { login: string }) => u.login), ['alice', 'bob']);
      assert.deepEqual((await call(server, 'GET', '/user/subscriptions', { token: bob.token })).body.map((r: { name: string }) => r.name), ['open']);
      assert.equal((await call(server, 'DELETE', '/repos/alice/open/subscription', { token: bob.token })).status, 204);
      assert.equal((await call(server, 'GET', '/repos/alice/open')).body.watchers_count, 1);
    });

    it('whoever creates or forks a repository watches it (AUTO_WATCH_NEW_REPOS), and may stop', async () => {
      const created = await call(server, 'POST', '/user/repos', { token: carol.token, body: { name: 'watched', auto_init: true } });
      assert.equal(created.status, 201);
      assert.equal(created.body.watchers_count, 1);
      assert.equal((await call(server, 'GET', '/repos/carol/watched/subscription', { token: carol.token })).body.subscribed, true);
      const fork = await call(server, 'POST', '/repos/carol/watched/forks', { token: bob.token, body: {} });
      assert.equal(fork.status, 202);
      assert.equal(fork.body.watchers_count, 1);
      assert.deepEqual((await call(server, 'GET', '/repos/bob/watched/subscribers')).body.map((u: { login: string }) => u.login), ['bob']);
      assert.equal((await call(server, 'DELETE', '/repos/carol/watched/subscription', { token: carol.token })).status, 204);
      assert.equal((await call(server, 'GET', '/repos/carol/watched')).body.watchers_count, 0);

      const quiet = await startWorld(['dave'], { service: { AUTO_WATCH_NEW_REPOS: false } });
      try {
        const made = await call(quiet.server, 'POST', '/user/repos', { token: quiet.users.dave!.token, body: { name: 'unwatched' } });
        assert.equal(made.body.watchers_count, 0);
      } finally {
        await quiet.close();
      }
    });
  });

  describe('topics', () => {
    it('replace, add, delete; shown on the repository; searchable', async () => {
      assert.equal((await call(server, 'PUT', '/repos/alice/open/topics', { token: alice.token, body: { topics: ['Go', 'web-server', 'go'] } })).status, 204);
      assert.deepEqual((await call(server, 'GET', '/repos/alice/open/topics')).body.topics, ['go', 'web-server']);
      assert.equal((await call(server, 'PUT', '/repos/alice/open/topics/api', { token: alice.token })).status, 204);
      assert.equal((await call(server, 'DELETE', '/repos/alice/open/topics/go', { token: alice.token })).status, 204);
      assert.deepEqual((await call(server, 'GET', '/repos/alice/open')).body.topics, ['api', 'web-server']);
      const found = await call(server, 'GET', '/topics/search?q=web');
      assert.deepEqual(found.body.topics.map((t: { topic_name: string; repo_count: number }) => [t.topic_name, t.repo_count]), [['web-server', 1]]);
      const byTopic = await call(server, 'GET', '/repos/search?q=api&topic=true');
      assert.deepEqual(byTopic.body.data.map((r: { name: string }) => r.name), ['open']);
    });

    it('refuses invalid topics (422) and non-admins (403)', async () => {
      assert.equal((await call(server, 'PUT', '/repos/alice/open/topics', { token: alice.token, body: { topics: ['no spaces'] } })).status, 422);
      assert.equal((await call(server, 'PUT', '/repos/alice/open/topics/-bad', { token: alice.token })).status, 422);
      assert.equal((await call(server, 'PUT', '/repos/alice/open/topics', { token: alice.token, body: { topics: Array.from({ length: 26 }, (_, i) => `t${i}`) } })).status, 422);
      assert.equal((await call(server, 'PUT', '/repos/alice/open/topics/x', { token: carol.token })).status, 403);
      assert.deepEqual((await call(server, 'GET', '/repos/alice/open/topics')).body.topics, ['api', 'web-server'], 'unchanged');
    });
  });
});
