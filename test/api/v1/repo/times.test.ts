import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call } from '../../../helpers/http.js';
import { startWorld, type World } from '../../../helpers/world.js';

describe('tracked time and stopwatches', () => {
  let world: World;
  const as = (name: string) => ({ token: world.users[name]!.token });

  before(async () => {
    world = await startWorld(['boss', 'worker', 'visitor']);
    assert.equal((await call(world.server, 'POST', '/user/repos', { ...as('boss'), body: { name: 'clock' } })).status, 201);
    assert.equal((await call(world.server, 'PUT', '/repos/boss/clock/collaborators/worker', { ...as('boss'), body: { permission: 'write' } })).status, 204);
    assert.equal((await call(world.server, 'POST', '/repos/boss/clock/issues', { ...as('visitor'), body: { title: 'Tick' } })).status, 201);
  });
  after(() => world.close());

  it('writers record time; readers may not; each sees their own, admins everyone\'s', async () => {
    const path = '/repos/boss/clock/issues/1/times';
    const added = await call(world.server, 'POST', path, { ...as('worker'), body: { time: 3600 } });
    assert.equal(added.status, 200, added.text);
    assert.equal(added.body.time, 3600);
    assert.equal(added.body.user_name, 'worker');
    assert.equal(added.body.issue.number, 1);
    assert.equal((await call(world.server, 'POST', path, { ...as('visitor'), body: { time: 60 } })).status, 403);
    assert.equal((await call(world.server, 'POST', path, { ...as('worker'), body: { time: 0 } })).status, 400);
    await call(world.server, 'POST', path, { ...as('boss'), body: { time: 120 } });
    assert.deepEqual((await call(world.server, 'GET', path, as('worker'))).body.map((t: { time: number }) => t.time), [3600], 'a writer sees their own');
    assert.deepEqual((await call(world.server, 'GET', path, as('boss'))).body.map((t: { time: number }) => t.time), [3600, 120], 'the owner sees all');
    assert.equal((await call(world.server, 'GET', `${path}?user=boss`, as('worker'))).status, 403);
    assert.equal((await call(world.server, 'GET', '/repos/boss/clock/times', as('boss'))).headers.get('x-total-count'), '2');
    assert.deepEqual((await call(world.server, 'GET', '/user/times', as('worker'))).body.map((t: { time: number }) => t.time), [3600]);
    assert.deepEqual((await call(world.server, 'GET', '/repos/boss/clock/times/worker', as('boss'))).body.map((t: { time: number }) => t.time), [3600], 'the deprecated per-user form');
    assert.equal((await call(world.server, 'DELETE', `${path}/${added.body.id}`, as('boss'))).status, 403, 'not the owner of that time, not a site admin');
    assert.equal((await call(world.server, 'DELETE', `${path}/${added.body.id}`, as('worker'))).status, 204);
    assert.equal((await call(world.server, 'DELETE', path, as('boss'))).status, 204);
    assert.equal((await call(world.server, 'GET', '/repos/boss/clock/times', as('boss'))).body.length, 0);
  });

  it('stopwatches: start (409 twice), list, stop records time, cancel', async () => {
    const base = '/repos/boss/clock/issues/1/stopwatch';
    assert.equal((await call(world.server, 'POST', `${base}/start`, as('worker'))).status, 201);
    assert.equal((await call(world.server, 'POST', `${base}/start`, as('worker'))).status, 409);
    const running = await call(world.server, 'GET', '/user/stopwatches', as('worker'));
    assert.deepEqual(running.body.map((s: { issue_index: number; repo_name: string; repo_owner_name: string }) => [s.repo_owner_name, s.repo_name, s.issue_index]), [['boss', 'clock', 1]]);
    assert.match(running.body[0].duration, /^\d+h\d+m\d+s$/);
    assert.equal((await call(world.server, 'POST', `${base}/stop`, as('worker'))).status, 201);
    assert.equal((await call(world.server, 'POST', `${base}/stop`, as('worker'))).status, 409);
    const times = (await call(world.server, 'GET', '/repos/boss/clock/issues/1/times', as('worker'))).body;
    assert.equal(times.length, 1);
    assert.ok(times[0].time >= 1);
    assert.equal((await call(world.server, 'POST', `${base}/start`, as('worker'))).status, 201);
    assert.equal((await call(world.server, 'DELETE', `${base}/delete`, as('worker'))).status, 204);
    assert.equal((await call(world.server, 'DELETE', `${base}/delete`, as('worker'))).status, 409);
    assert.deepEqual((await call(world.server, 'GET', '/user/stopwatches', as('worker'))).body, []);
    assert.equal((await call(world.server, 'POST', `${base}/start`, as('visitor'))).status, 403);
  });
});
