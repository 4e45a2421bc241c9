import type { Command } from 'commander';
import { connect } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { defaultConfigFile, loadConfig } from '../config/index.js';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('Apply pending database migrations')
    .action(async (_opts: unknown, command: Command) => {
      const { config: file } = command.optsWithGlobals<{ config?: string }>();
      const config = loadConfig(file ?? defaultConfigFile());
      const db = connect(config.database);
      try {
        const applied = await migrateToLatest(db);
        console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
      } finally {
        await db.close();
      }
    });
}
