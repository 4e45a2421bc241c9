import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { call } from '../../../helpers/http.js';
import { startWorld, type World } from '../../../helpers/world.js';

type Thread = { id: number; unread: boolean; pinned: boolean; subject: { title: string; type: string; state: string; latest_comment_url: string }; repository: { full_name: string } };

describe('notifications and issue subscriptions', () => {
  let world: World;
  const as = (name: string) => ({ token: world.users[name]!.token });
  const titles = async (name: string, query = '') => ((await call(world.server, 'GET', `/notifications${query}`, as(name))).body as Thread[]).map((t) => t.subject.title);

  before(async () => {
    world = await startWorld(['owner', 'watcher', 'poster', 'mentioned', 'quiet']);
    const { server } = world;
    assert.equal((await call(server, 'POST', '/user/repos', { ...as('owner'), body: { name: 'forum' } })).status, 201);
    assert.equal((await call(server, 'PUT', '/repos/owner/forum/subscription', as('watcher'))).status, 200);
  });
  after(() => world.close());

  it('a new issue notifies repository watchers and mentioned users, not the poster', async () => {
    assert.equal((await call(world.server, 'POST', '/repos/owner/forum/issues', { ...as('poster'), body: { title: 'Hello', body: 'cc @mentioned' } })).status, 201);
    assert.deepEqual(await titles('watcher'), ['Hello']);
    assert.deepEqual(await titles('mentioned'), ['Hello']);
    assert.deepEqual(await titles('owner'), ['Hello'], 'the owner watches the repository they created');
    assert.deepEqual(await titles('poster'), []);
    assert.deepEqual(await titles('quiet'), []);
    assert.deepEqual((await call(world.server, 'GET', '/notifications/new', as('watcher'))).body, { new: 1 });
  });

  it('a comment brings the thread back as unread for participants, with its latest comment', async () => {
    const thread = ((await call(world.server, 'GET', '/notifications', as('watcher'))).body as Thread[])[0]!;
    const read = await call(world.server, 'PATCH', `/notifications/threads/${thread.id}`, as('watcher'));
    assert.equal(read.status, 205);
    // 205 carries no content for fetch clients (RFC 9110), so look again.
    assert.equal((await call(world.server, 'GET', `/notifications/threads/${thread.id}`, as('watcher'))).body.unread, false);
    assert.deepEqual(await titles('watcher'), [], 'read threads are not listed by default');
    assert.deepEqual(await titles('watcher', '?all=true'), ['Hello']);
    assert.equal((await call(world.server, 'PUT', '/notifications', as('owner'))).status, 205);
    const comment = await call(world.server, 'POST', '/repos/owner/forum/issues/1/comments', { ...as('owner'), body: { body: 'Welcome' } });
    const again = ((await call(world.server, 'GET', '/notifications', as('watcher'))).body as Thread[])[0]!;
    assert.equal(again.unread, true);
    assert.equal(again.subject.latest_comment_url, `${world.server.api}/repos/owner/forum/issues/comments/${comment.body.id}`);
    assert.deepEqual(await titles('poster'), ['Hello'], 'the poster takes part, and hears of the comment');
    assert.deepEqual(await titles('owner'), [], 'the commenter is not notified of their own comment');
  });

  it('others\' threads are 403; marking all read; per-repository lists; pinning', async () => {
    const mine = ((await call(world.server, 'GET', '/notifications', as('watcher'))).body as Thread[])[0]!;
    assert.equal((await call(world.server, 'GET', `/notifications/threads/${mine.id}`, as('poster'))).status, 403);
    assert.equal((await call(world.server, 'GET', '/notifications/threads/999999', as('poster'))).status, 404);
    assert.deepEqual(((await call(world.server, 'GET', '/repos/owner/forum/notifications', as('poster'))).body as Thread[]).map((t) => t.repository.full_name), ['owner/forum']);
    assert.equal((await call(world.server, 'PUT', '/repos/owner/forum/notifications?to-status=read', as('mentioned'))).status, 205);
    assert.deepEqual((await call(world.server, 'GET', '/notifications/new', as('mentioned'))).body, { new: 0 });
    // fetch drops 205 content (RFC 9110), but Gitea sends the threads and its clients read them.
    const marked = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${world.server.api}/notifications`, { method: 'PUT', headers: { authorization: `token ${world.users.poster!.token}` } }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      });
      req.on('error', reject);
      req.end();
    });
    assert.equal(marked.status, 205);
    assert.deepEqual((JSON.parse(marked.body) as Thread[]).map((t) => [t.subject.title, t.unread]), [['Hello', false]]);
    assert.deepEqual((await call(world.server, 'GET', '/notifications/new', as('poster'))).body, { new: 0 });
    assert.equal((await call(world.server, 'PATCH', `/notifications/threads/${mine.id}?to-status=pinned`, as('watcher'))).status, 205);
    assert.equal((await call(world.server, 'GET', `/notifications/threads/${mine.id}`, as('watcher'))).body.pinned, true);
    await call(world.server, 'POST', '/repos/owner/forum/issues/1/comments', { ...as('poster'), body: { body: 'still pinned?' } });
    assert.equal(((await call(world.server, 'GET', '/notifications', as('watcher'))).body as Thread[])[0]!.pinned, true, 'new activity keeps a pinned thread pinned');
    assert.equal((await call(world.server, 'GET', '/notifications')).status, 401);
  });

  it('subscriptions: subscribe and unsubscribe (201, then 200), check, list; unsubscribed participants hear nothing', async () => {
    const path = '/repos/owner/forum/issues/1/subscriptions';
    assert.equal((await call(world.server, 'PUT', `${path}/quiet`, as('quiet'))).status, 201);
    assert.equal((await call(world.server, 'PUT', `${path}/quiet`, as('quiet'))).status, 200);
    assert.equal((await call(world.server, 'PUT', `${path}/watcher`, as('quiet'))).status, 403, 'only admins subscribe others');
    assert.deepEqual((await call(world.server, 'GET', path, as('quiet'))).body.map((u: { login: string }) => u.login), ['quiet']);
    assert.equal((await call(world.server, 'GET', `${path}/check`, as('quiet'))).body.subscribed, true);
    assert.equal((await call(world.server, 'GET', `${path}/check`, as('poster'))).body.subscribed, true, 'participants follow without subscribing');
    assert.equal((await call(world.server, 'DELETE', `${path}/poster`, as('poster'))).status, 201);
    const check = (await call(world.server, 'GET', `${path}/check`, as('poster'))).body;
    assert.deepEqual([check.subscribed, check.ignored], [false, true]);
    await call(world.server, 'PUT', '/notifications?all=true', as('poster'));
    await call(world.server, 'POST', '/repos/owner/forum/issues/1/comments', { ...as('owner'), body: { body: 'ping' } });
    assert.deepEqual(await titles('poster'), []);
    assert.deepEqual(await titles('quiet'), ['Hello']);
  });

  it('closing an issue notifies; losing access stops notifications', async () => {
    await call(world.server, 'PUT', '/notifications?all=true', as('watcher'));
    assert.equal((await call(world.server, 'PATCH', '/repos/owner/forum/issues/1', { ...as('owner'), body: { state: 'closed' } })).status, 201);
    const closed = ((await call(world.server, 'GET', '/notifications', as('watcher'))).body as Thread[])[0]!;
    assert.equal(closed.subject.state, 'closed');
    await call(world.server, 'PUT', '/notifications?all=true', as('watcher'));
    assert.equal((await call(world.server, 'PATCH', '/repos/owner/forum', { ...as('owner'), body: { private: true } })).status, 200);
    await call(world.server, 'POST', '/repos/owner/forum/issues/1/comments', { ...as('owner'), body: { body: 'now private' } });
    assert.deepEqual(await titles('watcher'), []);
  });
});
