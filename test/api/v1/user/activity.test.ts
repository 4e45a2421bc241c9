import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call } from '../../../helpers/http.js';
import { pushAs, startWorld, type World } from '../../../helpers/world.js';

type Activity = { op_type: string; act_user: { login: string }; repo: { full_name: string }; ref_name: string; content: string; is_private: boolean; user_id: number };

describe('activity feeds and heatmaps', () => {
  let world: World;
  const ops = (list: Activity[]) => list.map((a) => `${a.act_user.login}:${a.op_type}:${a.repo.full_name}`);

  before(async () => {
    world = await startWorld(['alice', 'bob']);
    const { server, users } = world;
    assert.equal((await call(server, 'POST', '/user/repos', { token: users.alice!.token, body: { name: 'diary', auto_init: true } })).status, 201);
    assert.equal((await call(server, 'POST', '/user/repos', { token: users.alice!.token, body: { name: 'secret', private: true } })).status, 201);
    assert.equal((await call(server, 'PUT', '/user/starred/alice/diary', { token: users.bob!.token })).status, 204);
    const pushed = await pushAs(world, users.alice!, 'alice/diary');
    assert.equal(pushed.code, 0, pushed.stderr);
  });
  after(() => world.close());

  /** The push's database sync may finish just after git's answer: wait for its action to land. */
  async function feedOf(path: string, token?: string, want = 0): Promise<Activity[]> {
    for (let i = 0; ; i++) {
      const r = await call(world.server, 'GET', path, { token });
      assert.equal(r.status, 200, r.text);
      if (r.body.length >= want || i > 50) return r.body;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('a user\'s feed lists what they did, newest first, with pushes described by their commits', async () => {
    const feed = await feedOf('/users/alice/activities/feeds?only-performed-by=true', world.users.alice!.token, 3);
    assert.deepEqual(ops(feed), ['alice:commit_repo:alice/diary', 'alice:create_repo:alice/secret', 'alice:create_repo:alice/diary']);
    const push = feed[0]!;
    assert.equal(push.ref_name, 'refs/heads/main');
    const content = JSON.parse(push.content);
    assert.equal(content.Len, 1);
    assert.equal(content.Commits[0].Message.trim(), 'by alice');
    assert.match(content.CompareURL, /^alice\/diary\/compare\/[0-9a-f]{40}\.\.\.[0-9a-f]{40}$/);
    assert.equal(feed[1]!.is_private, true);
    assert.equal(feed[0]!.user_id, world.users.alice!.id);
    assert.deepEqual(ops(await feedOf('/users/bob/activities/feeds', world.users.bob!.token)), ['bob:star_repo:alice/diary']);
  });

  it('others see only actions in repositories they may see; the heatmap counts the same', async () => {
    // Alice watches what she created (AUTO_WATCH_NEW_REPOS), so her feed shows Bob's star too.
    const anonymous = await feedOf('/users/alice/activities/feeds', undefined, 3);
    assert.deepEqual(ops(anonymous), ['alice:commit_repo:alice/diary', 'bob:star_repo:alice/diary', 'alice:create_repo:alice/diary']);
    const own = await call(world.server, 'GET', '/users/alice/heatmap', { token: world.users.alice!.token });
    const total = (rows: { contributions: number }[]) => rows.reduce((n, r) => n + r.contributions, 0);
    assert.equal(total(own.body), 3);
    assert.equal(own.body[0].timestamp % 900, 0, 'grouped in 15-minute periods');
    assert.equal(total((await call(world.server, 'GET', '/users/alice/heatmap')).body), 2);
  });

  it('filters by UTC day and refuses malformed dates (422)', async () => {
    const today = new Date().toISOString().slice(0, 10);
    assert.equal((await feedOf(`/users/alice/activities/feeds?date=${today}`, world.users.alice!.token)).length, 4);
    assert.equal((await feedOf('/users/alice/activities/feeds?date=2001-01-01', world.users.alice!.token)).length, 0);
    assert.equal((await call(world.server, 'GET', '/users/alice/activities/feeds?date=yesterday')).status, 422);
  });

  it('repository and organisation feeds', async () => {
    assert.deepEqual(ops(await feedOf('/repos/alice/diary/activities/feeds')), ['alice:commit_repo:alice/diary', 'bob:star_repo:alice/diary', 'alice:create_repo:alice/diary']);
    assert.equal((await call(world.server, 'GET', '/repos/alice/secret/activities/feeds', { token: world.users.bob!.token })).status, 404);
    assert.equal((await call(world.server, 'POST', '/orgs', { token: world.users.bob!.token, body: { username: 'crew' } })).status, 201);
    assert.equal((await call(world.server, 'POST', '/orgs/crew/repos', { token: world.users.bob!.token, body: { name: 'ship' } })).status, 201);
    assert.deepEqual(ops(await feedOf('/orgs/crew/activities/feeds')), ['bob:create_repo:crew/ship']);
  });

  it('a user who hides their activity shows an empty feed and heatmap to others', async () => {
    assert.equal((await call(world.server, 'PATCH', '/user/settings', { token: world.users.bob!.token, body: { hide_activity: true } })).status, 200);
    assert.deepEqual(await feedOf('/users/bob/activities/feeds'), []);
    assert.deepEqual((await call(world.server, 'GET', '/users/bob/heatmap', { token: world.users.alice!.token })).body, []);
    assert.equal((await feedOf('/users/bob/activities/feeds', world.users.bob!.token)).length, 2);
  });
});
