import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call } from '../../../helpers/http.js';
import { startWorld, type World } from '../../../helpers/world.js';

type IssueJson = { number: number; title: string; state: string; labels: { name: string }[]; milestone: { title: string; open_issues: number; closed_issues: number } | null; assignees: { login: string }[] | null; comments: number; closed_at: string | null; body: string; repository: { full_name: string } };

describe('issues, comments, issue labels and milestones', () => {
  let world: World;
  const as = (name: string) => ({ token: world.users[name]!.token });
  const titles = (list: IssueJson[]) => list.map((i) => i.title);

  before(async () => {
    world = await startWorld(['maint', 'helper', 'reader', 'outsider']);
    const { server } = world;
    assert.equal((await call(server, 'POST', '/user/repos', { ...as('maint'), body: { name: 'proj' } })).status, 201);
    assert.equal((await call(server, 'POST', '/user/repos', { ...as('maint'), body: { name: 'secret', private: true } })).status, 201);
    assert.equal((await call(server, 'PUT', '/repos/maint/proj/collaborators/helper', { ...as('maint'), body: { permission: 'write' } })).status, 204);
  });
  after(() => world.close());

  it('numbers issues per repository; readers open issues but writer-only fields are ignored for them', async () => {
    const label = await call(world.server, 'POST', '/repos/maint/proj/labels', { ...as('maint'), body: { name: 'bug', color: 'ee0701' } });
    const first = await call(world.server, 'POST', '/repos/maint/proj/issues', { ...as('reader'), body: { title: 'Crash on start', body: 'The kettle whistles @helper', labels: [label.body.id] } });
    assert.equal(first.status, 201, first.text);
    assert.equal(first.body.number, 1);
    assert.deepEqual(first.body.labels, [], 'readers cannot label');
    assert.equal(first.body.state, 'open');
    assert.equal(first.body.assignees, null);
    assert.equal(first.body.url, `${world.server.api}/repos/maint/proj/issues/1`);
    assert.deepEqual(first.body.repository, { id: first.body.repository.id, name: 'proj', owner: 'maint', full_name: 'maint/proj' });
    const second = await call(world.server, 'POST', '/repos/maint/proj/issues', { ...as('helper'), body: { title: 'Teapot too small', labels: [label.body.id], assignees: ['maint'] } });
    assert.equal(second.body.number, 2);
    assert.deepEqual(second.body.labels.map((l: { name: string }) => l.name), ['bug']);
    assert.deepEqual(second.body.assignees.map((u: { login: string }) => u.login), ['maint']);
    assert.equal((await call(world.server, 'GET', '/repos/maint/proj', as('maint'))).body.open_issues_count, 2);
    assert.equal((await call(world.server, 'POST', '/repos/maint/proj/issues', { ...as('helper'), body: { title: 'x', assignees: ['reader'] } })).status, 422, 'only writers can be assigned');
    assert.equal((await call(world.server, 'POST', '/repos/maint/proj/issues', { ...as('helper'), body: { title: '  ' } })).status, 422);
    assert.equal((await call(world.server, 'POST', '/repos/maint/proj/issues', { ...as('helper'), body: { title: 'x', labels: [99999] } })).status, 422);
  });

  it('filters by state, label, keyword, poster, assignee, mention and type', async () => {
    const list = async (query: string) => (await call(world.server, 'GET', `/repos/maint/proj/issues?${query}`, as('maint'))).body as IssueJson[];
    assert.deepEqual(titles(await list('')), ['Teapot too small', 'Crash on start']);
    assert.deepEqual(titles(await list('labels=bug')), ['Teapot too small']);
    assert.deepEqual(titles(await list('labels=nonexistent')), []);
    assert.deepEqual(titles(await list('q=kettle')), ['Crash on start'], 'full-text search over bodies');
    assert.deepEqual(titles(await list('q=TEAPOT')), ['Teapot too small']);
    assert.deepEqual(titles(await list('created_by=reader')), ['Crash on start']);
    assert.deepEqual(titles(await list('assigned_by=maint')), ['Teapot too small']);
    assert.deepEqual(titles(await list('mentioned_by=helper')), ['Crash on start']);
    assert.deepEqual(titles(await list('type=pulls')), []);
    assert.deepEqual(titles(await list('since=2100-01-01T00:00:00Z')), []);
    assert.deepEqual(titles(await list('before=2000-01-01T00:00:00Z')), []);
    assert.deepEqual(titles(await list(`since=${encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString())}`)), ['Teapot too small', 'Crash on start']);
    assert.equal((await call(world.server, 'GET', '/repos/maint/proj/issues?since=yesterday', as('maint'))).status, 422);
    assert.equal((await call(world.server, 'GET', '/repos/maint/proj/issues?created_by=nobody-at-all', as('maint'))).status, 404);
    const paged = await call(world.server, 'GET', '/repos/maint/proj/issues?limit=1', as('maint'));
    assert.equal(paged.headers.get('x-total-count'), '2');
    assert.equal(paged.body.length, 1);
  });

  it('posters and writers edit; readers may not touch others\' issues; closing is recorded', async () => {
    assert.equal((await call(world.server, 'PATCH', '/repos/maint/proj/issues/2', { ...as('reader'), body: { title: 'mine now' } })).status, 403);
    const retitled = await call(world.server, 'PATCH', '/repos/maint/proj/issues/1', { ...as('reader'), body: { title: 'Crash on boot' } });
    assert.equal(retitled.status, 201);
    assert.equal(retitled.body.title, 'Crash on boot');
    assert.equal((await call(world.server, 'PATCH', '/repos/maint/proj/issues/1', { ...as('reader'), body: { assignees: ['maint'] } })).status, 403);
    const closed = await call(world.server, 'PATCH', '/repos/maint/proj/issues/2', { ...as('helper'), body: { state: 'closed' } });
    assert.equal(closed.body.state, 'closed');
    assert.ok(closed.body.closed_at);
    assert.equal((await call(world.server, 'PATCH', '/repos/maint/proj/issues/2', { ...as('reader'), body: { state: 'open' } })).status, 403, 'a reader cannot reopen someone else\'s issue');
    assert.equal((await call(world.server, 'GET', '/repos/maint/proj', as('maint'))).body.open_issues_count, 1);
    const events = await world.server.query(`select type from comments where issue_id = (select id from issues where title = 'Crash on boot')`);
    assert.deepEqual(events.map((e) => Number(e.type)), [10], 'the title change is on the timeline');
    assert.deepEqual(titles((await call(world.server, 'GET', '/repos/maint/proj/issues?state=closed', as('maint'))).body), ['Teapot too small']);
    assert.deepEqual(titles((await call(world.server, 'GET', '/repos/maint/proj/issues?q=boot', as('maint'))).body), ['Crash on boot'], 'the search index follows edits');
    assert.deepEqual(titles((await call(world.server, 'GET', '/repos/maint/proj/issues?q=start', as('maint'))).body), []);
  });

  it('issue labels: add, replace, remove one, clear; exclusive scopes keep one label each', async () => {
    const mk = async (name: string, exclusive = false) => (await call(world.server, 'POST', '/repos/maint/proj/labels', { ...as('maint'), body: { name, color: '00aa00', exclusive } })).body.id as number;
    const [high, low, docs] = [await mk('priority/high', true), await mk('priority/low', true), await mk('docs')];
    const path = '/repos/maint/proj/issues/1/labels';
    const names = (r: { body: { name: string }[] }) => r.body.map((l) => l.name);
    assert.equal((await call(world.server, 'POST', path, { ...as('reader'), body: { labels: [docs] } })).status, 403);
    assert.deepEqual(names(await call(world.server, 'POST', path, { ...as('helper'), body: { labels: [docs, high] } })), ['docs', 'priority/high']);
    assert.deepEqual(names(await call(world.server, 'POST', path, { ...as('helper'), body: { labels: ['priority/low'] } })), ['docs', 'priority/low'], 'an exclusive label replaces its scope sibling');
    assert.deepEqual(names(await call(world.server, 'PUT', path, { ...as('helper'), body: { labels: ['bug'] } })), ['bug']);
    assert.equal((await call(world.server, 'POST', path, { ...as('helper'), body: { labels: ['no-such-label'] } })).status, 422);
    assert.equal((await call(world.server, 'DELETE', `${path}/${low}`, as('helper'))).status, 404, 'a label the issue does not carry');
    const bug = (await call(world.server, 'GET', path, as('reader'))).body[0].id;
    assert.equal((await call(world.server, 'DELETE', `${path}/${bug}`, as('helper'))).status, 204);
    await call(world.server, 'POST', path, { ...as('helper'), body: { labels: [docs] } });
    assert.equal((await call(world.server, 'DELETE', path, as('helper'))).status, 204);
    assert.deepEqual((await call(world.server, 'GET', path, as('reader'))).body, []);
  });

  it('milestones: CRUD, lookup by name, issue counts, and no milestone of another repository', async () => {
    const created = await call(world.server, 'POST', '/repos/maint/proj/milestones', { ...as('helper'), body: { title: 'v1.0', description: 'First', due_on: '2030-01-01T00:00:00Z' } });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.body.state, 'open');
    assert.equal(created.body.due_on, '2030-01-01T00:00:00Z');
    assert.equal((await call(world.server, 'POST', '/repos/maint/proj/milestones', { ...as('reader'), body: { title: 'nope' } })).status, 403);
    const other = await call(world.server, 'POST', '/repos/maint/secret/milestones', { ...as('maint'), body: { title: 'elsewhere' } });
    assert.equal((await call(world.server, 'PATCH', '/repos/maint/proj/issues/1', { ...as('helper'), body: { milestone: other.body.id } })).status, 422);
    for (const n of [1, 2]) assert.equal((await call(world.server, 'PATCH', `/repos/maint/proj/issues/${n}`, { ...as('helper'), body: { milestone: created.body.id } })).status, 201);
    const byName = await call(world.server, 'GET', '/repos/maint/proj/milestones/v1.0', as('reader'));
    assert.equal(byName.body.id, created.body.id);
    assert.equal(byName.body.open_issues, 1);
    assert.equal(byName.body.closed_issues, 1);
    assert.deepEqual(titles((await call(world.server, 'GET', '/repos/maint/proj/issues?state=all&milestones=v1.0', as('maint'))).body).sort(), ['Crash on boot', 'Teapot too small']);
    const closed = await call(world.server, 'PATCH', `/repos/maint/proj/milestones/${created.body.id}`, { ...as('helper'), body: { state: 'closed' } });
    assert.equal(closed.body.state, 'closed');
    assert.ok(closed.body.closed_at);
    assert.deepEqual((await call(world.server, 'GET', '/repos/maint/proj/milestones?state=closed', as('reader'))).body.map((m: { title: string }) => m.title), ['v1.0']);
    assert.equal((await call(world.server, 'DELETE', `/repos/maint/proj/milestones/${created.body.id}`, as('helper'))).status, 204);
    assert.equal((await call(world.server, 'GET', '/repos/maint/proj/issues/1', as('reader'))).body.milestone, null);
  });

  it('comments: post, list, edit by poster or writer, delete; the count stays exact under concurrency', async () => {
    const path = '/repos/maint/proj/issues/1/comments';
    const posted = await call(world.server, 'POST', path, { ...as('outsider'), body: { body: 'Same here' } });
    assert.equal(posted.status, 201, posted.text);
    assert.equal(posted.body.issue_url, `${world.server.url}maint/proj/issues/1`);
    assert.equal((await call(world.server, 'PATCH', `/repos/maint/proj/issues/comments/${posted.body.id}`, { ...as('reader'), body: { body: 'hijack' } })).status, 403);
    const edited = await call(world.server, 'PATCH', `/repos/maint/proj/issues/comments/${posted.body.id}`, { ...as('outsider'), body: { body: 'Same here, on 1.2' } });
    assert.equal(edited.body.body, 'Same here, on 1.2');
    assert.equal((await call(world.server, 'GET', `/repos/maint/proj/issues/comments/${posted.body.id}`, as('reader'))).body.body, 'Same here, on 1.2');
    assert.equal((await call(world.server, 'GET', '/repos/maint/proj/issues/comments/999999', as('reader'))).status, 404);
    assert.equal((await call(world.server, 'PATCH', `/repos/maint/proj/issues/1/comments/${posted.body.id}`, { ...as('helper'), body: { body: 'moderated' } })).body.body, 'moderated', 'Gogs\'s form, by a writer');
    await Promise.all(Array.from({ length: 12 }, (_, i) => call(world.server, 'POST', path, { ...as('reader'), body: { body: `me too ${i}` } })));
    const issue = await call(world.server, 'GET', '/repos/maint/proj/issues/1', as('reader'));
    assert.equal(issue.body.comments, 13);
    const listed = await call(world.server, 'GET', `${path}?limit=50`, as('reader'));
    assert.equal(listed.body.length, 13);
    assert.equal(listed.body[0].body, 'moderated');
    assert.equal((await call(world.server, 'GET', '/repos/maint/proj/issues/comments?limit=5', as('reader'))).headers.get('x-total-count'), '13');
    assert.equal((await call(world.server, 'DELETE', `/repos/maint/proj/issues/comments/${posted.body.id}`, as('outsider'))).status, 204);
    assert.equal((await call(world.server, 'GET', '/repos/maint/proj/issues/1', as('reader'))).body.comments, 12);
    const last = listed.body.at(-1);
    assert.equal((await call(world.server, 'DELETE', `/repos/maint/proj/issues/1/comments/${last.id}`, as('reader'))).status, 204, 'Gogs\'s form');
    assert.equal((await call(world.server, 'GET', '/repos/maint/proj/issues/1', as('reader'))).body.comments, 11);
    assert.equal((await call(world.server, 'POST', path, { ...as('reader'), body: { body: '   ' } })).status, 422);
    assert.equal((await call(world.server, 'POST', path, { ...as('reader'), body: { body: 'x'.repeat(70_000) } })).status, 422);
  });

  it('locked issues take comments from writers only', async () => {
    assert.equal((await call(world.server, 'PUT', '/repos/maint/proj/issues/1/lock', { ...as('reader'), body: {} })).status, 403);
    assert.equal((await call(world.server, 'PUT', '/repos/maint/proj/issues/1/lock', { ...as('helper'), body: { lock_reason: 'heated' } })).status, 204);
    assert.equal((await call(world.server, 'GET', '/repos/maint/proj/issues/1', as('reader'))).body.is_locked, true);
    assert.equal((await call(world.server, 'POST', '/repos/maint/proj/issues/1/comments', { ...as('reader'), body: { body: 'let me in' } })).status, 403);
    assert.equal((await call(world.server, 'POST', '/repos/maint/proj/issues/1/comments', { ...as('helper'), body: { body: 'calm down' } })).status, 201);
    assert.equal((await call(world.server, 'DELETE', '/repos/maint/proj/issues/1/lock', as('helper'))).status, 204);
  });

  it('searches across the repositories the caller may see; Gogs\'s /issues and /user/issues', async () => {
    assert.equal((await call(world.server, 'POST', '/repos/maint/secret/issues', { ...as('maint'), body: { title: 'Hidden teapot', assignees: ['maint'] } })).status, 201);
    const search = async (token?: string) => titles((await call(world.server, 'GET', '/repos/issues/search?q=teapot&state=all', { token })).body);
    assert.deepEqual(await search(world.users.maint!.token), ['Hidden teapot', 'Teapot too small']);
    assert.deepEqual(await search(world.users.outsider!.token), ['Teapot too small']);
    assert.deepEqual(await search(), ['Teapot too small']);
    assert.deepEqual(titles((await call(world.server, 'GET', '/repos/issues/search?created=true&state=all', as('reader'))).body), ['Crash on boot']);
    assert.deepEqual(titles((await call(world.server, 'GET', '/repos/issues/search?assigned=true&state=all', as('maint'))).body), ['Hidden teapot', 'Teapot too small']);
    assert.deepEqual(titles((await call(world.server, 'GET', '/repos/issues/search?mentioned=true&state=all', as('helper'))).body), ['Crash on boot']);
    assert.deepEqual(titles((await call(world.server, 'GET', '/repos/issues/search?labels=docs&state=all', as('maint'))).body), []);
    assert.deepEqual(titles((await call(world.server, 'GET', '/repos/issues/search?owner=maint&type=issues&state=closed', as('maint'))).body), ['Teapot too small']);
    assert.deepEqual(titles((await call(world.server, 'GET', '/repos/issues/search?since=2100-01-01T00:00:00Z&state=all', as('maint'))).body), []);
    assert.equal((await call(world.server, 'GET', '/repos/issues/search?owner=nobody-here', as('maint'))).status, 404);
    assert.deepEqual(titles((await call(world.server, 'GET', '/issues?state=all', as('maint'))).body), ['Hidden teapot', 'Teapot too small']);
    assert.equal((await call(world.server, 'GET', '/user/issues?state=all', as('maint'))).body.length, 3);
    assert.equal((await call(world.server, 'GET', '/repos/maint/secret/issues/1', as('outsider'))).status, 404);
  });

  it('no internal tracker, no issues (404); only admins delete issues', async () => {
    assert.equal((await call(world.server, 'DELETE', '/repos/maint/proj/issues/2', as('helper'))).status, 403);
    assert.equal((await call(world.server, 'DELETE', '/repos/maint/proj/issues/2', as('maint'))).status, 204);
    assert.equal((await call(world.server, 'GET', '/repos/maint/proj/issues/2', as('maint'))).status, 404);
    assert.equal((await call(world.server, 'PATCH', '/repos/maint/proj', { ...as('maint'), body: { has_issues: false } })).status, 200);
    assert.equal((await call(world.server, 'GET', '/repos/maint/proj/issues', as('maint'))).status, 404);
    assert.equal((await call(world.server, 'POST', '/repos/maint/proj/issues', { ...as('maint'), body: { title: 'x' } })).status, 404);
  });
});
