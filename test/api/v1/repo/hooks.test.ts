import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { call } from '../../../helpers/http.js';
import { pushAs, startWorld, type World } from '../../../helpers/world.js';

interface Received {
  headers: IncomingHttpHeaders;
  raw: string;
  body: Record<string, any>;
}

describe('webhooks', () => {
  let world: World;
  let receiver: Server;
  let url: string;
  const received: Received[] = [];

  before(async () => {
    receiver = createServer((request, response) => {
      let raw = '';
      request.on('data', (chunk) => (raw += chunk));
      request.on('end', () => {
        // Form deliveries carry the JSON in a `payload` field.
        const json = request.headers['content-type'] === 'application/x-www-form-urlencoded' ? new URLSearchParams(raw).get('payload')! : raw;
        received.push({ headers: request.headers, raw, body: JSON.parse(json) });
        response.end('thanks');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    world = await startWorld(['alice', 'bob'], { webhook: { ALLOWED_HOST_LIST: 'loopback' } });
    assert.equal((await call(world.server, 'POST', '/user/repos', { token: world.users.alice!.token, body: { name: 'hooked', auto_init: true } })).status, 201);
  });
  after(async () => {
    await world.close();
    await new Promise((resolve) => receiver.close(resolve));
  });

  /** Waits for a delivery matching `match` that arrived after `since` deliveries. */
  async function delivery(match: (r: Received) => boolean, since = 0): Promise<Received> {
    for (let i = 0; i < 100; i++) {
      const found = received.slice(since).find(match);
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('no matching delivery arrived');
  }

  const alice = () => ({ token: world.users.alice!.token });

  it('a repository hook receives a signed push with the pushed commits', async () => {
    const created = await call(world.server, 'POST', '/repos/alice/hooked/hooks', { ...alice(), body: { type: 'gitea', config: { url, content_type: 'json', secret: 's3cret' }, events: ['push', 'create', 'delete'], active: true } });
    assert.equal(created.status, 201, created.text);
    assert.deepEqual(created.body.config, { url, content_type: 'json', http_method: 'post' }, 'the secret is never shown');
    assert.deepEqual(created.body.events, ['push', 'create', 'delete']);
    assert.equal(created.body.active, true);

    const pushed = await pushAs(world, world.users.alice!, 'alice/hooked');
    assert.equal(pushed.code, 0, pushed.stderr);
    const push = await delivery((r) => r.headers['x-gitea-event'] === 'push');
    assert.equal(push.headers['x-gitea-signature'], createHmac('sha256', 's3cret').update(push.raw).digest('hex'));
    assert.equal(push.headers['x-hub-signature-256'], `sha256=${push.headers['x-gitea-signature']}`);
    assert.equal(push.headers['x-gogs-event'], 'push');
    assert.equal(push.body.ref, 'refs/heads/main');
    assert.equal(push.body.total_commits, 1);
    assert.equal(push.body.commits[0].message.trim(), 'by alice');
    assert.deepEqual(push.body.commits[0].added, ['alice.txt']);
    assert.equal(push.body.head_commit.id, push.body.after);
    assert.equal(push.body.repository.full_name, 'alice/hooked');
    assert.equal(push.body.pusher.login, 'alice');
    assert.match(push.body.compare_url, /\/alice\/hooked\/compare\/[0-9a-f]{40}\.\.\.[0-9a-f]{40}$/);
  });

  it('branch filters choose which pushes are delivered; creating a branch sends create and push', async () => {
    const hooks = await call(world.server, 'GET', '/repos/alice/hooked/hooks', alice());
    assert.equal(hooks.body.length, 1);
    const id = hooks.body[0].id;
    const edited = await call(world.server, 'PATCH', `/repos/alice/hooked/hooks/${id}`, { ...alice(), body: { branch_filter: 'release/*' } });
    assert.equal(edited.status, 200);
    assert.equal(edited.body.branch_filter, 'release/*');
    assert.equal(edited.body.config.url, url, 'an edit keeps what it does not change');
    const since = received.length;
    assert.equal((await pushAs(world, world.users.alice!, 'alice/hooked')).code, 0);
    assert.equal((await call(world.server, 'POST', '/repos/alice/hooked/branches', { ...alice(), body: { new_branch_name: 'release/1' } })).status, 201);
    const create = await delivery((r) => r.headers['x-gitea-event'] === 'create', since);
    assert.deepEqual([create.body.ref, create.body.ref_type], ['release/1', 'branch']);
    await delivery((r) => r.headers['x-gitea-event'] === 'push' && r.body.ref === 'refs/heads/release/1', since);
    assert.ok(!received.slice(since).some((r) => r.body.ref === 'refs/heads/main'), 'pushes to main are filtered out');
  });

  it('organization hooks hear about new repositories; only owners manage them', async () => {
    const bob = { token: world.users.bob!.token };
    assert.equal((await call(world.server, 'POST', '/orgs', { ...alice(), body: { username: 'hookorg' } })).status, 201);
    assert.equal((await call(world.server, 'PUT', '/orgs/hookorg/memberships/bob', { ...alice(), body: { role: 'member' } })).status, 204);
    assert.equal((await call(world.server, 'POST', '/orgs/hookorg/hooks', { ...bob, body: { type: 'gitea', config: { url }, active: true } })).status, 403);
    const hook = await call(world.server, 'POST', '/orgs/hookorg/hooks', { ...alice(), body: { type: 'gogs', config: { url }, events: ['repository'], active: true } });
    assert.equal(hook.status, 201, hook.text);
    assert.equal((await call(world.server, 'GET', `/orgs/hookorg/hooks/${hook.body.id}`, alice())).body.type, 'gogs');
    const since = received.length;
    assert.equal((await call(world.server, 'POST', '/orgs/hookorg/repos', { ...alice(), body: { name: 'fresh' } })).status, 201);
    const event = await delivery((r) => r.headers['x-gitea-event'] === 'repository', since);
    assert.equal(event.body.action, 'created');
    assert.equal(event.body.repository.full_name, 'hookorg/fresh');
    assert.equal((await call(world.server, 'DELETE', `/orgs/hookorg/hooks/${hook.body.id}`, alice())).status, 204);
  });

  it('site hooks are for site admins and hear every repository; user hooks are their owner\'s', async () => {
    assert.equal((await call(world.server, 'GET', '/admin/hooks', alice())).status, 403);
    const system = await call(world.server, 'POST', '/admin/hooks', { token: world.adminToken, body: { type: 'gitea', config: { url, content_type: 'form' }, events: ['push'], active: true } });
    assert.equal(system.status, 201, system.text);
    assert.equal((await call(world.server, 'POST', '/user/repos', { token: world.users.bob!.token, body: { name: 'bobs', auto_init: true } })).status, 201);
    const since = received.length;
    assert.equal((await pushAs(world, world.users.bob!, 'bob/bobs')).code, 0);
    const form = await delivery((r) => r.headers['content-type'] === 'application/x-www-form-urlencoded', since);
    assert.equal(form.body.repository.full_name, 'bob/bobs');
    assert.equal((await call(world.server, 'DELETE', `/admin/hooks/${system.body.id}`, { token: world.adminToken })).status, 204);

    const mine = await call(world.server, 'POST', '/user/hooks', { ...alice(), body: { type: 'gitea', config: { url }, authorization_header: 'Bearer abc' } });
    assert.equal(mine.status, 201);
    assert.equal(mine.body.active, false, 'hooks are inactive unless asked');
    assert.equal(mine.body.authorization_header, 'Bearer abc');
    assert.equal((await call(world.server, 'GET', `/user/hooks/${mine.body.id}`, { token: world.users.bob!.token })).status, 404);
    assert.deepEqual((await call(world.server, 'GET', '/user/hooks', alice())).body.map((h: { id: number }) => h.id), [mine.body.id]);
  });

  it('issue and comment events: opened, commented, closed', async () => {
    const hook = await call(world.server, 'POST', '/repos/alice/hooked/hooks', { ...alice(), body: { type: 'gitea', config: { url }, events: ['issues', 'issue_comment'], active: true } });
    assert.equal(hook.status, 201);
    const since = received.length;
    const opened = await call(world.server, 'POST', '/repos/alice/hooked/issues', { ...alice(), body: { title: 'Hook me' } });
    const first = await delivery((r) => r.headers['x-gitea-event'] === 'issues' && r.body.action === 'opened', since);
    assert.equal(first.body.number, opened.body.number);
    assert.equal(first.body.issue.title, 'Hook me');
    assert.equal(first.body.repository.full_name, 'alice/hooked');
    assert.equal(first.body.sender.login, 'alice');
    await call(world.server, 'POST', `/repos/alice/hooked/issues/${opened.body.number}/comments`, { ...alice(), body: { body: 'Noted' } });
    const commented = await delivery((r) => r.headers['x-gitea-event'] === 'issue_comment', since);
    assert.deepEqual([commented.body.action, commented.body.comment.body, commented.body.issue.number, commented.body.is_pull], ['created', 'Noted', opened.body.number, false]);
    await call(world.server, 'PATCH', `/repos/alice/hooked/issues/${opened.body.number}`, { ...alice(), body: { state: 'closed' } });
    const closed = await delivery((r) => r.headers['x-gitea-event'] === 'issues' && r.body.action === 'closed', since);
    assert.equal(closed.body.issue.state, 'closed');
    assert.equal((await call(world.server, 'DELETE', `/repos/alice/hooked/hooks/${hook.body.id}`, alice())).status, 204);
  });

  it('refuses unsupported types, missing or bad URLs and bad content types (422); readers get 403', async () => {
    const bad = async (body: unknown) => (await call(world.server, 'POST', '/repos/alice/hooked/hooks', { ...alice(), body })).status;
    assert.equal(await bad({ type: 'slack', config: { url } }), 422);
    assert.equal(await bad({ type: 'gitea', config: {} }), 422);
    assert.equal(await bad({ type: 'gitea', config: { url: 'ftp://example.com/' } }), 422);
    assert.equal(await bad({ type: 'gitea', config: { url, content_type: 'xml' } }), 422);
    assert.equal((await call(world.server, 'GET', '/repos/alice/hooked/hooks', { token: world.users.bob!.token })).status, 403);
    assert.equal((await call(world.server, 'GET', '/repos/alice/nothing/hooks', alice())).status, 404);
  });

  it('a delivery to a host outside ALLOWED_HOST_LIST is refused and recorded as failed', async () => {
    const hook = await call(world.server, 'POST', '/repos/alice/hooked/hooks', { ...alice(), body: { type: 'gitea', config: { url: 'http://10.11.12.13/hook' }, active: true } });
    assert.equal((await call(world.server, 'POST', `/repos/alice/hooked/hooks/${hook.body.id}/tests`, alice())).status, 204);
    const rows = await world.server.query(`select is_succeed, response from webhook_deliveries where hook_id = ${hook.body.id}`);
    assert.equal(rows.length, 1);
    assert.equal(Number(rows[0]!.is_succeed), 0);
    assert.match(String(rows[0]!.response), /ALLOWED_HOST_LIST/);
  });
});
