import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { CONFIG_KEYS } from '../../src/config/spec.js';

describe('README', () => {
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

  it('documents every configuration key that is read, under its section', () => {
    for (const spec of CONFIG_KEYS) {
      const heading = spec.section ? `**[${spec.section}]**` : '**root section**';
      const start = readme.indexOf(heading);
      assert.ok(start >= 0, `README lacks the section ${heading}`);
      const end = readme.indexOf('**', readme.indexOf('\n', start + heading.length));
      const section = readme.slice(start, end < 0 ? undefined : end);
      assert.ok(section.includes(`| \`${spec.key}\` |`), `README lacks ${heading} ${spec.key}`);
    }
  });

  it('shows the two commands of a fresh machine', () => {
    assert.match(readme, /npm ci && npm start/);
    assert.match(readme, /npm test/);
  });
});
