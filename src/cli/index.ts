#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { SAMOVAR_VERSION } from '../version.js';
import { registerAdminUser } from './admin-user.js';
import { registerMigrate } from './migrate.js';
import { registerWeb } from './web.js';

const program = new Command('samovar')
  .description('A self-hosted Git service with the Gitea / Gogs API')
  .version(SAMOVAR_VERSION)
  .option('-c, --config <file>', 'app.ini to read (default: custom/conf/app.ini when it exists)')
  .exitOverride();

registerWeb(program);
registerMigrate(program);
registerAdminUser(program.command('admin').description('Administration commands'));

try {
  await program.parseAsync(process.argv);
} catch (err) {
  // Commander has already printed its own usage errors; everything else gets one clear line.
  if (err instanceof CommanderError) process.exit(err.exitCode);
  console.error(`samovar: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
