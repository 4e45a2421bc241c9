import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LogSink } from '../src/log-sink.js';

describe('LogSink', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'samovar-log-sink-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  function sinkOnFile(name: string, options: ConstructorParameters<typeof LogSink>[1]) {
    const path = join(dir, name);
    const fd = openSync(path, 'w');
    return { sink: new LogSink(fd, options), read: () => readFileSync(path, 'utf8'), close: () => closeSync(fd) };
  }

  it('holds lines back until the batch is big enough, then writes them in order', () => {
    const { sink, read, close } = sinkOnFile('size', { flushBytes: 30, flushMs: 60_000 });
    sink.write('first line\n');
    sink.write('second line\n');
    assert.equal(read(), '', 'nothing written below the batch size');
    sink.write('third line\n');
    assert.equal(read(), 'first line\nsecond line\nthird line\n');
    close();
  });

  it('writes a small batch after flushMs', async () => {
    const { sink, read, close } = sinkOnFile('time', { flushBytes: 1 << 20, flushMs: 20 });
    sink.write('lonely line\n');
    assert.equal(read(), '');
    await new Promise((resolve) => setTimeout(resolve, 80));
    assert.equal(read(), 'lonely line\n');
    close();
  });

  it('flush() writes at once, multi-byte text intact, and calls back', () => {
    const { sink, read, close } = sinkOnFile('flush', { flushMs: 60_000 });
    sink.write('Самовар ☕\n');
    let called = false;
    sink.flush(() => (called = true));
    assert.equal(read(), 'Самовар ☕\n');
    assert.ok(called);
    close();
  });

  it('drops lines beyond maxBytes and says how many when it writes again', () => {
    const { sink, read, close } = sinkOnFile('drop', { flushBytes: 1 << 20, flushMs: 60_000, maxBytes: 10 });
    assert.equal(sink.write('0123456789\n'), true);
    assert.equal(sink.write('lost\n'), false);
    assert.equal(sink.write('lost too\n'), false);
    sink.flush();
    const lines = read().trim().split('\n');
    assert.equal(lines[0], '0123456789');
    assert.match(JSON.parse(lines[1]!).msg, /^2 log lines dropped/);
    close();
  });
});
