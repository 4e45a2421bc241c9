// Who may read, push and administer which repository, over the API and over git's own HTTP
// endpoints: anonymous, outsider, collaborators, team members per permission, org owner, site
// admin × public and private repositories of public, limited and private owners.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { basicHeader, call } from '../../helpers/http.js';
import type { TestServer } from '../../helpers/server.js';
import { startWorld, type TestUser, type World } from '../../helpers/world.js';

type Access = 'none' | 'read' | 'write' | 'admin';

const ACTORS = ['anonymous', 'outsider', 'collabRead', 'collabWrite', 'teamRead', 'teamWrite', 'teamAdmin', 'orgOwner', 'siteAdmin'] as const;
type Actor = (typeof ACTORS)[number];

// Expected access per repository, actor by actor (in ACTORS order).
const MATRIX: Record<string, Access[]> = {
  //                   anon    outsider collabR  collabW  teamR    teamW    teamA    owner    admin
  'pubco/open':       ['read', 'read',  'read',  'read',  'read',  'write', 'admin', 'admin', 'admin'],
  'pubco/closed':     ['none', 'none',  'none',  'none',  'read',  'write', 'admin', 'admin', 'admin'],
  'limco/open':       ['none', 'read',  'read',  'read',  'read',  'read',  'read',  'admin', 'admin'],
  'privco/open':      ['none', 'none',  'none',  'none',  'none',  'none',  'none',  'admin', 'admin'],
  'person/open':      ['read', 'read',  'read',  'write', 'read',  'read',  'read',  'read',  'admin'],
  'person/closed':    ['none', 'none',  'read',  'write', 'none',  'none',  'none',  'none',  'admin'],
};

describe('authorization matrix (API and git)', () => {
  let world: World;
  let server: TestServer;
  const users: Partial<Record<Actor, TestUser>> = {};

  before(async () => {
    world = await startWorld(['owner', 'person', 'outsider', 'collabRead', 'collabWrite', 'teamRead', 'teamWrite', 'teamAdmin']);
    server = world.server;
    const u = world.users;
    for (const name of ['outsider', 'collabRead', 'collabWrite', 'teamRead', 'teamWrite', 'teamAdmin'] as const) users[name] = u[name]!;
    users.orgOwner = u.owner!;
    const owner = { token: u.owner!.token };
    for (const [org, visibility] of [['pubco', 'public'], ['limco', 'limited'], ['privco', 'private']] as const) {
      assert.equal((await call(server, 'POST', '/orgs', { ...owner, body: { username: org, visibility } })).status, 201);
      assert.equal((await call(server, 'POST', `/orgs/${org}/repos`, { ...owner, body: { name: 'open', auto_init: true } })).status, 201);
    }
    assert.equal((await call(server, 'POST', '/orgs/pubco/repos', { ...owner, body: { name: 'closed', private: true, auto_init: true } })).status, 201);
    // Teams of pubco: each lists both of its repositories.
    for (const [member, permission] of [['teamRead', 'read'], ['teamWrite', 'write'], ['teamAdmin', 'admin']] as const) {
      const team = await call(server, 'POST', '/orgs/pubco/teams', { ...owner, body: { name: `t-${permission}`, permission } });
      for (const repo of ['open', 'closed']) assert.equal((await call(server, 'PUT', `/teams/${team.body.id}/repos/pubco/${repo}`, owner)).status, 204);
      assert.equal((await call(server, 'PUT', `/teams/${team.body.id}/members/${member}`, owner)).status, 204);
    }
    // A person's repositories with collaborators.
    const person = { token: u.person!.token };
    await call(server, 'POST', '/user/repos', { ...person, body: { name: 'open', auto_init: true } });
    await call(server, 'POST', '/user/repos', { ...person, body: { name: 'closed', private: true, auto_init: true } });
    for (const repo of ['open', 'closed']) {
      await call(server, 'PUT', `/repos/person/${repo}/collaborators/collabRead`, { ...person, body: { permission: 'read' } });
      await call(server, 'PUT', `/repos/person/${repo}/collaborators/collabWrite`, { ...person, body: { permission: 'write' } });
    }
  });
  after(() => world.close());

  const tokenOf = (actor: Actor) => (actor === 'anonymous' ? undefined : actor === 'siteAdmin' ? world.adminToken : users[actor]!.token);
  const basicOf = (actor: Actor): Record<string, string> =>
    actor === 'anonymous' ? {} : actor === 'siteAdmin' ? { authorization: `token ${world.adminToken}` } : { authorization: basicHeader(users[actor]!.name, users[actor]!.password) };

  for (const [repo, row] of Object.entries(MATRIX)) {
    it(`${repo}: API`, async () => {
      for (const [i, actor] of ACTORS.entries()) {
        const expected = row[i]!;
        const r = await call(server, 'GET', `/repos/${repo}`, { token: tokenOf(actor) });
        if (expected === 'none') {
          assert.equal(r.status, 404, `${actor} must not see ${repo}`);
          continue;
        }
        assert.equal(r.status, 200, `${actor} must see ${repo}`);
        assert.deepEqual(r.body.permissions, { pull: true, push: expected !== 'read', admin: expected === 'admin' }, `${actor} on ${repo}`);
      }
    });

    it(`${repo}: git`, async () => {
      for (const [i, actor] of ACTORS.entries()) {
        const expected = row[i]!;
        const fetchRefs = await fetch(`${server.url}${repo}.git/info/refs?service=git-upload-pack`, { headers: basicOf(actor) });
        const pushRefs = await fetch(`${server.url}${repo}.git/info/refs?service=git-receive-pack`, { headers: basicOf(actor) });
        await Promise.all([fetchRefs.arrayBuffer(), pushRefs.arrayBuffer()]);
        const hidden = actor === 'anonymous' ? 401 : 404;
        assert.equal(fetchRefs.status, expected === 'none' ? hidden : 200, `${actor} fetching ${repo}`);
        const pushStatus = expected === 'none' ? hidden : expected === 'read' ? (actor === 'anonymous' ? 401 : 403) : 200;
        assert.equal(pushRefs.status, pushStatus, `${actor} pushing ${repo}`);
      }
    });
  }
});
