import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { authUrl } from '../../../helpers/git.js';
import { call } from '../../../helpers/http.js';
import { startWorld, type World } from '../../../helpers/world.js';
import { issueReferences } from '../../../../src/services/issue-refs.js';

describe('issue references from pushes, and the timeline', () => {
  let world: World;
  const alice = () => ({ token: world.users.alice!.token });

  before(async () => {
    world = await startWorld(['alice']);
    assert.equal((await call(world.server, 'POST', '/user/repos', { ...alice(), body: { name: 'app', auto_init: true } })).status, 201);
    for (const title of ['Kettle leaks', 'Lid rattles']) assert.equal((await call(world.server, 'POST', '/repos/alice/app/issues', { ...alice(), body: { title } })).status, 201);
    const { sb, server } = world;
    assert.equal((await sb.git(['clone', '-q', authUrl(`${server.url}alice/app.git`, 'alice', world.users.alice!.password), 'app'])).code, 0);
  });
  after(() => world.close());

  async function commitAndPush(message: string, branch: string): Promise<void> {
    const dir = join(world.sb.dir, 'app');
    writeFileSync(join(dir, `${Math.random()}.txt`), 'x\n');
    await world.sb.git(['add', '.'], { cwd: dir });
    assert.equal((await world.sb.git(['commit', '-qm', message], { cwd: dir })).code, 0);
    const pushed = await world.sb.git(['push', '-q', 'origin', `HEAD:${branch}`], { cwd: dir });
    assert.equal(pushed.code, 0, pushed.stderr);
  }

  async function timeline(index: number, want: (types: string[]) => boolean): Promise<{ type: string; ref_commit_sha: string; label: { name: string } | null }[]> {
    for (let i = 0; i < 60; i++) {
      const r = await call(world.server, 'GET', `/repos/alice/app/issues/${index}/timeline`, alice());
      if (want(r.body.map((c: { type: string }) => c.type))) return r.body;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the timeline never showed the expected entries');
  }

  it('reads references and closing keywords from commit messages', () => {
    assert.deepEqual(issueReferences('Fixes #12, see #3 and alice/app#4; resolved: other/repo#5'), [
      { owner: undefined, repo: undefined, index: 12, closes: true },
      { owner: undefined, repo: undefined, index: 3, closes: false },
      { owner: 'alice', repo: 'app', index: 4, closes: false },
      { owner: 'other', repo: 'repo', index: 5, closes: true },
    ]);
    assert.deepEqual(issueReferences('no issue here, just a #hashtag and C#7'), []);
  });

  it('a closing keyword on the default branch closes the issue; a mention only adds a reference', async () => {
    await commitAndPush('Mend the kettle\n\nfixes #1, see #2', 'main');
    const one = await timeline(1, (t) => t.includes('close'));
    assert.deepEqual(one.map((c) => c.type), ['commit_ref', 'close']);
    assert.match(one[0]!.ref_commit_sha, /^[0-9a-f]{40}$/);
    assert.equal((await call(world.server, 'GET', '/repos/alice/app/issues/1', alice())).body.state, 'closed');
    const two = await timeline(2, (t) => t.includes('commit_ref'));
    assert.deepEqual(two.map((c) => c.type), ['commit_ref']);
    assert.equal((await call(world.server, 'GET', '/repos/alice/app/issues/2', alice())).body.state, 'open');
  });

  it('on another branch a closing keyword only references', async () => {
    await commitAndPush('Tighten the lid, closes #2', 'feature');
    const two = await timeline(2, (t) => t.filter((x) => x === 'commit_ref').length === 2);
    assert.ok(!two.some((c) => c.type === 'close'));
    assert.equal((await call(world.server, 'GET', '/repos/alice/app/issues/2', alice())).body.state, 'open');
  });

  it('the timeline shows comments and events with what they name', async () => {
    const label = await call(world.server, 'POST', '/repos/alice/app/labels', { ...alice(), body: { name: 'hardware', color: '888888' } });
    await call(world.server, 'POST', '/repos/alice/app/issues/2/labels', { ...alice(), body: { labels: [label.body.id] } });
    await call(world.server, 'POST', '/repos/alice/app/issues/2/comments', { ...alice(), body: { body: 'Looking into it' } });
    const entries = await timeline(2, (t) => t.includes('comment'));
    const labelled = entries.find((c) => c.type === 'label')!;
    assert.equal(labelled.label!.name, 'hardware');
    assert.equal(entries.at(-1)!.type, 'comment');
  });

  it('issues and comments that mention another issue put a reference on its timeline, hidden from those who may not read the source', async () => {
    const comment = await call(world.server, 'POST', '/repos/alice/app/issues/2/comments', { ...alice(), body: { body: 'Same cause as #1' } });
    assert.equal(comment.status, 201);
    const one = await timeline(1, (t) => t.includes('issue_ref'));
    const ref = one.find((c) => c.type === 'issue_ref') as unknown as { ref_issue: { number: number; title: string }; ref_action: string };
    assert.equal(ref.ref_issue.number, 2);
    assert.equal(ref.ref_action, 'none');
    assert.equal((await call(world.server, 'POST', '/user/repos', { ...alice(), body: { name: 'secret', private: true } })).status, 201);
    assert.equal((await call(world.server, 'POST', '/repos/alice/secret/issues', { ...alice(), body: { title: 'Internal', body: 'see alice/app#2' } })).status, 201);
    const mine = await timeline(2, (t) => t.includes('issue_ref'));
    assert.equal(mine.filter((c) => c.type === 'issue_ref').length, 1);
    const anonymous = await call(world.server, 'GET', '/repos/alice/app/issues/2/timeline');
    assert.ok(!anonymous.body.some((c: { type: string }) => c.type === 'issue_ref'), 'the private source stays hidden');
  });
});
