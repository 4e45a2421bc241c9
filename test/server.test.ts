import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { call } from './helpers/http.js';
import { startServer } from './helpers/server.js';

type LogLine = Record<string, unknown>;
const linesOf = (text: string): LogLine[] => text.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as LogLine);

describe('the access log', () => {
  it('at LEVEL=info: one JSON line per request with its request id, none lost at shutdown', async () => {
    const server = await startServer({ log: { LEVEL: 'info' } });
    try {
      assert.equal((await call(server, 'GET', '/version', { headers: { 'x-request-id': 'trace-me-123' } })).status, 200);
      assert.equal((await call(server, 'GET', '/users/search?q=%22quoted%22')).status, 200);
      assert.equal((await call(server, 'GET', '/no/such/route')).status, 404);
      assert.equal((await call(server, 'GET', '/version?token=secret-one&x=1&access_token=secret-two')).status, 401);
    } finally {
      await server.stop();
    }
    const lines = linesOf(server.log());
    const completed = lines.filter((l) => l.msg === 'completed');
    assert.deepEqual(
      completed.map((l) => [l.method, l.url, l.status]),
      [
        ['GET', '/api/v1/version', 200],
        ['GET', '/api/v1/users/search?q=%22quoted%22', 200],
        ['GET', '/api/v1/no/such/route', 404],
        ['GET', '/api/v1/version?token=***&x=1&access_token=***', 401],
      ],
    );
    assert.doesNotMatch(server.log(), /secret-one|secret-two/, 'credentials in the query never reach the log');
    const first = completed[0]!;
    assert.equal(first.reqId, 'trace-me-123');
    assert.equal(first.level, 30);
    assert.equal(typeof first.ms, 'number');
    assert.equal(typeof first.time, 'number');
    assert.equal(first.pid, lines[0]!.pid, 'the same base fields as the logger’s own lines');
    assert.notEqual(completed[1]!.reqId, completed[2]!.reqId);
    assert.equal(lines.at(-1)!.msg, 'shutting down', 'the last line, written as the process exits');
  });

  it('at LEVEL=warn: no line per request', async () => {
    const server = await startServer({ log: { LEVEL: 'warn' } });
    try {
      assert.equal((await call(server, 'GET', '/version')).status, 200);
    } finally {
      await server.stop();
    }
    assert.deepEqual(linesOf(server.log()), []);
  });
});
