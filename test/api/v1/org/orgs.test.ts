import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call } from '../../../helpers/http.js';
import type { TestServer } from '../../../helpers/server.js';
import { pushAs, startWorld, type TestUser, type World } from '../../../helpers/world.js';

describe('organizations and teams', () => {
  let world: World;
  let server: TestServer;
  let adminToken: string;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;

  before(async () => {
    world = await startWorld(['alice', 'bob', 'carol']);
    ({ server, adminToken } = world);
    alice = world.users.alice!;
    bob = world.users.bob!;
    carol = world.users.carol!;
  });
  after(() => world.close());


  describe('organizations', () => {
    it('creates an organization (201) whose creator is its owner', async () => {
      const r = await call(server, 'POST', '/orgs', { token: alice.token, body: { username: 'acme', full_name: 'Acme Inc', description: 'Makers', visibility: 'public' } });
      assert.equal(r.status, 201, r.text);
      assert.deepEqual(Object.keys(r.body).sort(), ['avatar_url', 'description', 'email', 'full_name', 'id', 'location', 'name', 'repo_admin_change_team_access', 'username', 'visibility', 'website']);
      assert.equal(r.body.name, 'acme');
      const get = await call(server, 'GET', '/orgs/acme');
      assert.equal(get.body.full_name, 'Acme Inc');
      const perms = await call(server, 'GET', '/orgs/acme/permissions/alice', { token: alice.token });
      assert.equal(perms.body.is_owner, true);
      assert.equal(perms.body.can_create_repository, true);
      const teams = await call(server, 'GET', '/orgs/acme/teams', { token: alice.token });
      assert.deepEqual(teams.body.map((t: { name: string; permission: string }) => [t.name, t.permission]), [['Owners', 'owner']]);
    });

    it('shares the name space with users; reserved and taken names are 422', async () => {
      assert.equal((await call(server, 'POST', '/orgs', { token: alice.token, body: { username: 'bob' } })).status, 422);
      assert.equal((await call(server, 'POST', '/orgs', { token: alice.token, body: { username: 'ACME' } })).status, 422);
      assert.equal((await call(server, 'POST', '/orgs', { token: alice.token, body: { username: 'admin' } })).status, 422);
      assert.equal((await call(server, 'POST', '/admin/users', { token: adminToken, body: { username: 'acme', email: 'acme@example.com', password: 'password-123' } })).status, 422);
      assert.equal((await call(server, 'GET', '/orgs/bob')).status, 404, 'a user is not an organization');
    });

    it("Gogs's POST /user/orgs and the admin form create organizations too", async () => {
      assert.equal((await call(server, 'POST', '/user/orgs', { token: bob.token, body: { username: 'bobs-org' } })).status, 201);
      const r = await call(server, 'POST', '/admin/users/carol/orgs', { token: adminToken, body: { username: 'carols-org', visibility: 'private' } });
      assert.equal(r.status, 201);
      assert.equal((await call(server, 'GET', '/orgs/carols-org/permissions/carol', { token: carol.token })).body.is_owner, true);
    });

    it('private organizations are 404 to outsiders, limited ones to anonymous callers', async () => {
      assert.equal((await call(server, 'GET', '/orgs/carols-org')).status, 404);
      assert.equal((await call(server, 'GET', '/orgs/carols-org', { token: bob.token })).status, 404);
      assert.equal((await call(server, 'GET', '/orgs/carols-org', { token: carol.token })).status, 200);
      await call(server, 'PATCH', '/orgs/bobs-org', { token: bob.token, body: { visibility: 'limited' } });
      assert.equal((await call(server, 'GET', '/orgs/bobs-org')).status, 404);
      assert.equal((await call(server, 'GET', '/orgs/bobs-org', { token: alice.token })).status, 200);
      const all = await call(server, 'GET', '/orgs');
      assert.deepEqual(all.body.map((o: { name: string }) => o.name), ['acme']);
      const admin = await call(server, 'GET', '/admin/orgs', { token: adminToken });
      assert.equal(admin.body.length, 3);
    });

    it('only owners edit; lists of a user\'s organizations respect public membership', async () => {
      assert.equal((await call(server, 'PATCH', '/orgs/acme', { token: bob.token, body: { description: 'x' } })).status, 403);
      const edited = await call(server, 'PATCH', '/orgs/acme', { token: alice.token, body: { website: 'https://acme.example', location: 'Earth' } });
      assert.equal(edited.body.website, 'https://acme.example');
      assert.deepEqual((await call(server, 'GET', '/user/orgs', { token: alice.token })).body.map((o: { name: string }) => o.name), ['acme']);
      assert.deepEqual((await call(server, 'GET', '/users/alice/orgs')).body, [], 'memberships are concealed by default');
      assert.equal((await call(server, 'PUT', '/orgs/acme/public_members/alice', { token: alice.token })).status, 204);
      assert.deepEqual((await call(server, 'GET', '/users/alice/orgs')).body.map((o: { name: string }) => o.name), ['acme']);
      assert.equal((await call(server, 'GET', '/orgs/acme/public_members/alice')).status, 204);
    });
  });

  describe('repositories and teams', () => {
    it('owners create repositories in the organization; outsiders may not', async () => {
      const r = await call(server, 'POST', '/orgs/acme/repos', { token: alice.token, body: { name: 'tool', private: true, auto_init: true } });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.body.owner.login, 'acme');
      assert.equal((await call(server, 'POST', '/org/acme/repos', { token: alice.token, body: { name: 'gogs-way', auto_init: true } })).status, 201);
      assert.equal((await call(server, 'POST', '/orgs/acme/repos', { token: bob.token, body: { name: 'nope' } })).status, 403);
      assert.deepEqual((await call(server, 'GET', '/orgs/acme/repos')).body.map((x: { name: string }) => x.name), ['gogs-way']);
      assert.deepEqual((await call(server, 'GET', '/orgs/acme/repos', { token: alice.token })).body.map((x: { name: string }) => x.name), ['gogs-way', 'tool']);
    });

    it('a write team grants push on its repositories over the API and git; removal takes it back', async () => {
      const team = await call(server, 'POST', '/orgs/acme/teams', { token: alice.token, body: { name: 'devs', permission: 'write', units: ['repo.code'] } });
      assert.equal(team.status, 201, team.text);
      assert.equal(team.body.permission, 'write');
      assert.equal((await call(server, 'GET', '/repos/acme/tool', { token: bob.token })).status, 404);
      assert.equal((await call(server, 'PUT', `/teams/${team.body.id}/members/bob`, { token: alice.token })).status, 204);
      assert.equal((await call(server, 'GET', '/repos/acme/tool', { token: bob.token })).status, 404, 'the team has no repositories yet');
      assert.equal((await call(server, 'PUT', `/teams/${team.body.id}/repos/acme/tool`, { token: alice.token })).status, 204);
      const seen = await call(server, 'GET', '/repos/acme/tool', { token: bob.token });
      assert.deepEqual(seen.body.permissions, { admin: false, push: true, pull: true });
      assert.equal((await pushAs(world, bob, 'acme/tool')).code, 0);
      assert.ok((await call(server, 'GET', '/user/repos', { token: bob.token })).body.some((x: { full_name: string }) => x.full_name === 'acme/tool'));
      assert.deepEqual((await call(server, 'GET', `/teams/${team.body.id}/repos`, { token: bob.token })).body.map((x: { name: string }) => x.name), ['tool']);
      assert.deepEqual((await call(server, 'GET', `/teams/${team.body.id}/members`, { token: alice.token })).body.map((u: { login: string }) => u.login), ['bob']);
      assert.equal((await call(server, 'GET', `/teams/${team.body.id}/repos/acme/tool`, { token: bob.token })).body.name, 'tool');
      assert.equal((await call(server, 'GET', `/teams/${team.body.id}/repos/acme/gogs-way`, { token: bob.token })).status, 404);
      assert.deepEqual((await call(server, 'GET', '/user/teams', { token: bob.token })).body.map((t: { name: string; organization: { name: string } }) => `${t.organization.name}/${t.name}`).sort(), ['acme/devs', 'bobs-org/Owners']);
      assert.equal((await call(server, 'GET', '/users/bob/orgs/acme/permissions', { token: alice.token })).body.can_create_repository, false);

      assert.equal((await call(server, 'DELETE', `/teams/${team.body.id}/members/bob`, { token: alice.token })).status, 204);
      assert.equal((await call(server, 'GET', '/repos/acme/tool', { token: bob.token })).status, 404);
      assert.notEqual((await pushAs(world, bob, 'acme/tool')).code, 0);
    });

    it('a read team with includes_all_repositories reads everything, pushes nothing', async () => {
      const team = await call(server, 'POST', '/orgs/acme/teams', { token: alice.token, body: { name: 'readers', permission: 'read', includes_all_repositories: true } });
      await call(server, 'PUT', `/teams/${team.body.id}/members/carol`, { token: alice.token });
      assert.deepEqual((await call(server, 'GET', '/repos/acme/tool', { token: carol.token })).body.permissions, { admin: false, push: false, pull: true });
      assert.notEqual((await pushAs(world, carol, 'acme/tool')).code, 0);
      assert.equal((await call(server, 'GET', '/orgs/acme/members/carol', { token: alice.token })).status, 204);
      const members = await call(server, 'GET', '/orgs/acme/members', { token: carol.token });
      assert.deepEqual(members.body.map((u: { login: string }) => u.login).sort(), ['alice', 'bob', 'carol']);
      const anonymous = await call(server, 'GET', '/orgs/acme/members');
      assert.deepEqual(anonymous.body.map((u: { login: string }) => u.login), ['alice'], 'outsiders see public members only');
    });

    it('teams: rename, refuse duplicates and the Owners team changes', async () => {
      const { body: teams } = await call(server, 'GET', '/orgs/acme/teams', { token: alice.token });
      const readers = teams.find((t: { name: string }) => t.name === 'readers');
      const owners = teams.find((t: { name: string }) => t.name === 'Owners');
      assert.equal((await call(server, 'PATCH', `/teams/${readers.id}`, { token: alice.token, body: { name: 'viewers', description: 'read only' } })).body.name, 'viewers');
      assert.equal((await call(server, 'POST', '/orgs/acme/teams', { token: alice.token, body: { name: 'devs' } })).status, 422);
      assert.equal((await call(server, 'DELETE', `/teams/${owners.id}`, { token: alice.token })).status, 422);
      assert.equal((await call(server, 'DELETE', `/teams/${owners.id}/members/alice`, { token: alice.token })).status, 422, 'the last owner stays');
      assert.equal((await call(server, 'DELETE', '/orgs/acme/members/alice', { token: alice.token })).status, 422);
      assert.equal((await call(server, 'PATCH', `/teams/${readers.id}`, { token: carol.token, body: { name: 'x' } })).status, 403);
      assert.equal((await call(server, 'GET', `/teams/${readers.id}`, { token: bob.token })).status, 404, 'not a member any more');
      assert.equal((await call(server, 'DELETE', `/teams/${readers.id}`, { token: alice.token })).status, 204);
    });

    it("the last owner of an organization cannot be deleted", async () => {
      const r = await call(server, 'DELETE', '/admin/users/alice', { token: adminToken });
      assert.equal(r.status, 422);
      assert.match(r.body.message, /last owner/);
    });

    it('an organization with repositories cannot be deleted until they are gone', async () => {
      assert.equal((await call(server, 'DELETE', '/orgs/acme', { token: alice.token })).status, 422);
      assert.equal((await call(server, 'DELETE', '/orgs/acme', { token: bob.token })).status, 403);
      for (const name of ['tool', 'gogs-way']) assert.equal((await call(server, 'DELETE', `/repos/acme/${name}`, { token: alice.token })).status, 204);
      assert.equal((await call(server, 'DELETE', '/orgs/acme', { token: alice.token })).status, 204);
      assert.equal((await call(server, 'GET', '/orgs/acme')).status, 404);
    });
  });

  describe('Gogs forms, search, forks and transfers into organizations', () => {
    before(async () => {
      await call(server, 'POST', '/orgs', { token: alice.token, body: { username: 'works' } });
      await call(server, 'POST', '/user/repos', { token: bob.token, body: { name: 'bobs-tool', auto_init: true } });
    });

    it("PUT /orgs/{org}/memberships/{username} (Gogs) adds members and owners", async () => {
      assert.equal((await call(server, 'PUT', '/orgs/works/memberships/bob', { token: alice.token, body: { role: 'member' } })).status, 204);
      assert.equal((await call(server, 'GET', '/orgs/works/members/bob', { token: alice.token })).status, 204);
      assert.equal((await call(server, 'GET', '/orgs/works/permissions/bob', { token: bob.token })).body.is_owner, false);
      assert.equal((await call(server, 'PUT', '/orgs/works/memberships/carol', { token: alice.token, body: { role: 'owner' } })).status, 204);
      assert.equal((await call(server, 'GET', '/orgs/works/permissions/carol', { token: carol.token })).body.is_owner, true);
      assert.equal((await call(server, 'PUT', '/orgs/works/memberships/bob', { token: bob.token, body: { role: 'owner' } })).status, 403);
      assert.equal((await call(server, 'PUT', '/orgs/works/memberships/bob', { token: alice.token, body: { role: 'boss' } })).status, 422);
    });

    it('team search and the Gogs admin team endpoints', async () => {
      const created = await call(server, 'POST', '/admin/orgs/works/teams', { token: adminToken, body: { name: 'qa-team', description: 'quality', permission: 'read' } });
      assert.equal(created.status, 201, created.text);
      const found = await call(server, 'GET', '/orgs/works/teams/search?q=quality', { token: alice.token });
      assert.deepEqual(found.body.data.map((t: { name: string }) => t.name), ['qa-team']);
      assert.equal(found.body.ok, true);
      assert.equal((await call(server, 'PUT', `/admin/teams/${created.body.id}/members/bob`, { token: adminToken })).status, 204);
      assert.deepEqual((await call(server, 'GET', `/admin/teams/${created.body.id}/members`, { token: adminToken })).body.map((u: { login: string }) => u.login), ['bob']);
      await call(server, 'POST', '/orgs/works/repos', { token: alice.token, body: { name: 'private-work', private: true } });
      assert.equal((await call(server, 'PUT', `/admin/teams/${created.body.id}/repos/private-work`, { token: adminToken })).status, 204);
      assert.equal((await call(server, 'GET', '/repos/works/private-work', { token: bob.token })).status, 200);
      assert.equal((await call(server, 'DELETE', `/admin/teams/${created.body.id}/members/bob`, { token: adminToken })).status, 204);
      assert.equal((await call(server, 'GET', `/admin/teams/${created.body.id}/members`, { token: alice.token })).status, 403);
    });

    it('forks into an organization the caller may create repositories in', async () => {
      const fork = await call(server, 'POST', '/repos/bob/bobs-tool/forks', { token: alice.token, body: { organization: 'works' } });
      assert.equal(fork.status, 202, fork.text);
      assert.equal(fork.body.full_name, 'works/bobs-tool');
      assert.equal((await call(server, 'POST', '/repos/bob/bobs-tool/forks', { token: bob.token, body: { organization: 'works', name: 'again' } })).status, 403);
    });

    it('transfers into an organization at once for those who may create repositories there', async () => {
      await call(server, 'POST', '/user/repos', { token: bob.token, body: { name: 'bobs-other' } });
      const denied = await call(server, 'POST', '/repos/bob/bobs-other/transfer', { token: bob.token, body: { new_owner: 'works' } });
      assert.equal(denied.status, 403, 'a plain member may not create repositories in the organization');
      await call(server, 'POST', '/user/repos', { token: carol.token, body: { name: 'carols-tool' } });
      const moved = await call(server, 'POST', '/repos/carol/carols-tool/transfer', { token: carol.token, body: { new_owner: 'works' } });
      assert.equal(moved.status, 202, moved.text);
      assert.equal(moved.body.owner.login, 'works');
    });
  });
});
