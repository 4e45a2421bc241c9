// Drives Samovar with gitea-js, a client generated from Gitea's own Swagger document, unmodified.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { giteaApi } from 'gitea-js';
import { ADMIN, bootstrapAdmin } from '../../../helpers/fixtures.js';
import { startServer, type TestServer } from '../../../helpers/server.js';

describe('gitea-js compatibility', () => {
  let server: TestServer;
  let admin: ReturnType<typeof giteaApi>;
  const root = () => server.url.replace(/\/$/, '');

  before(async () => {
    server = await startServer();
    admin = giteaApi(root(), { token: await bootstrapAdmin(server), customFetch: fetch });
  });
  after(() => server.stop());

  it('version and settings', async () => {
    assert.match((await admin.version.getVersion()).data.version!, /^1\.22/);
    assert.equal((await admin.settings.getGeneralApiSettings()).data.max_response_items, 50);
    assert.equal(typeof (await admin.settings.getGeneralUiSettings()).data.default_theme, 'string');
    assert.equal(typeof (await admin.settings.getGeneralRepositorySettings()).data.http_git_disabled, 'boolean');
    assert.equal((await admin.settings.getGeneralAttachmentSettings()).data.enabled, true);
  });

  it('current user, user lookup and search', async () => {
    const me = (await admin.user.userGetCurrent()).data;
    assert.equal(me.login, ADMIN.name);
    assert.equal(me.is_admin, true);
    assert.equal((await admin.users.userGet(ADMIN.name)).data.id, me.id);
    const found = (await admin.users.userSearch({ q: ADMIN.name.slice(0, 3) })).data;
    assert.equal(found.ok, true);
    assert.equal(found.data?.[0]?.login, ADMIN.name);
  });

  it('admin user lifecycle: create, edit, list, rename, delete', async () => {
    const created = (await admin.admin.adminCreateUser({ username: 'jsuser', email: 'jsuser@example.com', password: 'password-123', must_change_password: false })).data;
    assert.equal(created.login, 'jsuser');
    const edited = (await admin.admin.adminEditUser('jsuser', { full_name: 'JS User', login_name: 'jsuser', source_id: 0 })).data;
    assert.equal(edited.full_name, 'JS User');
    const listed = await admin.admin.adminSearchUsers({ limit: 10 });
    assert.ok(listed.data.some((u) => u.login === 'jsuser'));
    assert.equal(listed.headers.get('x-total-count'), '2');
    const renamed = await admin.admin.adminRenameUser('jsuser', { new_username: 'jsuser2' });
    assert.equal(renamed.status, 204);
    assert.equal((await admin.users.userGet('jsuser2')).data.full_name, 'JS User');
    assert.equal((await admin.admin.adminDeleteUser('jsuser2')).status, 204);
    await assert.rejects(admin.users.userGet('jsuser2'), (res: Response) => res.status === 404);
  });

  it('tokens: create with BasicAuth, use, list, delete', async () => {
    await admin.admin.adminCreateUser({ username: 'tokenuser', email: 'tokenuser@example.com', password: 'password-123', must_change_password: false });
    const basic = giteaApi(root(), { customFetch: fetch });
    const auth = { headers: { Authorization: `Basic ${Buffer.from('tokenuser:password-123').toString('base64')}` } };
    const created = (await basic.users.userCreateToken('tokenuser', { name: 'from-js', scopes: ['read:user'] }, auth)).data;
    assert.match(created.sha1!, /^[0-9a-f]{40}$/);
    const asUser = giteaApi(root(), { token: created.sha1, customFetch: fetch });
    assert.equal((await asUser.user.userGetCurrent()).data.login, 'tokenuser');
    const listed = (await basic.users.userGetTokens('tokenuser', {}, auth)).data;
    assert.deepEqual(listed.map((t) => [t.name, t.sha1]), [['from-js', '']]);
    assert.equal((await basic.users.userDeleteAccessToken('tokenuser', String(created.id), auth)).status, 204);
    await assert.rejects(asUser.user.userGetCurrent(), (res: Response) => res.status === 401);
  });

  it('markdown', async () => {
    const html = await admin.markdown.renderMarkdown({ Text: '**bold**', Mode: 'gfm' }, { format: 'text' });
    assert.match(String(html.data), /<strong>bold<\/strong>/);
  });

  it('repositories: create, read, edit, search, branches, contents, commits, tags, topics, collaborators, fork, delete', async () => {
    const created = (await admin.user.createCurrentUserRepo({ name: 'jsrepo', description: 'from gitea-js', auto_init: true, license: 'MIT', gitignores: 'Go' })).data;
    assert.equal(created.full_name, `${ADMIN.name}/jsrepo`);
    assert.equal(created.empty, false);
    assert.equal((await admin.repos.repoGet(ADMIN.name, 'jsrepo')).data.description, 'from gitea-js');
    assert.equal((await admin.repos.repoEdit(ADMIN.name, 'jsrepo', { description: 'edited', has_wiki: false })).data.has_wiki, false);
    const found = (await admin.repos.repoSearch({ q: 'jsrepo' })).data;
    assert.equal(found.ok, true);
    assert.equal(found.data?.[0]?.name, 'jsrepo');
    assert.ok((await admin.user.userCurrentListRepos()).data.some((r) => r.name === 'jsrepo'));

    const branch = (await admin.repos.repoCreateBranch(ADMIN.name, 'jsrepo', { new_branch_name: 'dev' })).data;
    assert.equal(branch.name, 'dev');
    assert.deepEqual((await admin.repos.repoListBranches(ADMIN.name, 'jsrepo')).data.map((b) => b.name).sort(), ['dev', 'main']);
    assert.equal((await admin.repos.repoGetBranch(ADMIN.name, 'jsrepo', 'dev')).data.commit?.id, branch.commit?.id);

    const file = (await admin.repos.repoCreateFile(ADMIN.name, 'jsrepo', 'docs/a.md', { content: Buffer.from('# A\n').toString('base64'), message: 'add a' })).data;
    assert.equal(file.content?.path, 'docs/a.md');
    const updated = (await admin.repos.repoUpdateFile(ADMIN.name, 'jsrepo', 'docs/a.md', { content: Buffer.from('# A2\n').toString('base64'), sha: file.content!.sha! })).data;
    assert.equal(updated.commit?.message, 'Update docs/a.md\n');
    const contents = (await admin.repos.repoGetContents(ADMIN.name, 'jsrepo', 'docs/a.md')).data as { content?: string };
    assert.equal(Buffer.from(contents.content!, 'base64').toString(), '# A2\n');
    const root = (await admin.repos.repoGetContentsList(ADMIN.name, 'jsrepo')).data;
    assert.deepEqual(root.map((e) => e.name).sort(), ['.gitignore', 'LICENSE', 'README.md', 'docs']);
    const raw = await admin.repos.repoGetRawFile(ADMIN.name, 'jsrepo', 'README.md', {}, { format: 'text' });
    assert.match(String(raw.data), /# jsrepo/);

    const commits = (await admin.repos.repoGetAllCommits(ADMIN.name, 'jsrepo', { limit: 10 })).data;
    assert.equal(commits[0]?.commit?.message, 'Update docs/a.md\n');
    assert.equal((await admin.repos.repoGetSingleCommit(ADMIN.name, 'jsrepo', commits[0]!.sha!)).data.sha, commits[0]!.sha);
    const tag = (await admin.repos.repoCreateTag(ADMIN.name, 'jsrepo', { tag_name: 'v1', message: 'first' })).data;
    assert.equal(tag.commit?.sha, commits[0]!.sha);
    assert.deepEqual((await admin.repos.repoListTags(ADMIN.name, 'jsrepo')).data.map((t) => t.name), ['v1']);

    await admin.repos.repoUpdateTopics(ADMIN.name, 'jsrepo', { topics: ['compat', 'js'] });
    assert.deepEqual((await admin.repos.repoListTopics(ADMIN.name, 'jsrepo')).data.topics, ['compat', 'js']);
    await admin.admin.adminCreateUser({ username: 'jscollab', email: 'jscollab@example.com', password: 'password-123', must_change_password: false });
    await admin.repos.repoAddCollaborator(ADMIN.name, 'jsrepo', 'jscollab', { permission: 'write' });
    assert.deepEqual((await admin.repos.repoListCollaborators(ADMIN.name, 'jsrepo')).data.map((u) => u.login), ['jscollab']);
    assert.equal(typeof (await admin.repos.repoGetLanguages(ADMIN.name, 'jsrepo')).data, 'object');

    const fork = await admin.repos.createFork(ADMIN.name, 'jsrepo', { name: 'jsfork' }, { headers: { Sudo: 'jscollab' } });
    assert.equal(fork.status, 202);
    assert.equal(fork.data.full_name, 'jscollab/jsfork');
    assert.equal((await admin.repos.repoDelete(ADMIN.name, 'jsrepo')).status, 204);
    await assert.rejects(admin.repos.repoGet(ADMIN.name, 'jsrepo'), (res: Response) => res.status === 404);
  });
});
