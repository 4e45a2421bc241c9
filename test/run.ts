// `npm test`: the whole suite on SQLite, then again on PostgreSQL when SAMOVAR_TEST_PG is set.
// Extra arguments name test files (compiled, under dist/test) to run instead of all of them.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const testDir = fileURLToPath(new URL('.', import.meta.url));

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return entry.name.endsWith('.test.js') ? [path] : [];
  });
}

const files = process.argv.length > 2 ? process.argv.slice(2) : testFiles(testDir).sort();
const databases = ['sqlite3', ...(process.env.SAMOVAR_TEST_PG ? ['postgres'] : [])];
let failed = false;
for (const db of databases) {
  console.log(`\n# Samovar test suite on ${db}`);
  const result = spawnSync(process.execPath, ['--test', '--test-concurrency=3', ...files], {
    stdio: 'inherit',
    env: { ...process.env, SAMOVAR_TEST_DB: db },
  });
  if (result.status !== 0) failed = true;
}
if (!process.env.SAMOVAR_TEST_PG) console.log('\n# PostgreSQL run skipped: set SAMOVAR_TEST_PG to a connection URL to run it');
process.exit(failed ? 1 : 0);
