import type { Command } from 'commander';
import { defaultRootUrl } from '../config/index.js';
import { assertGit } from '../git/version.js';
import { LogSink } from '../log-sink.js';
import { buildServer } from '../server.js';
import { Scheduler } from '../services/scheduler.js';
import { openRuntime } from './runtime.js';

export function registerWeb(program: Command): void {
  program
    .command('web')
    .description('Start the web server (the API and Git over HTTP)')
    .option('-p, --port <port>', 'port to listen on, overriding [server] HTTP_PORT (0: any free port)')
    .action(async (opts: { port?: string }, command: Command) => {
      const { config: file } = command.optsWithGlobals<{ config?: string }>();
      const rt = await openRuntime(file, (config) => {
        if (opts.port === undefined) return;
        if (!/^\d+$/.test(opts.port) || Number(opts.port) > 65535) throw new Error(`--port: expected a port number, got "${opts.port}"`);
        config.server.httpPort = Number(opts.port);
      });
      const { config } = rt;
      try {
        await assertGit();
      } catch (err) {
        await rt.close();
        throw err;
      }
      // Log lines go to stdout in batches; however the process ends, those still waiting are written.
      const logSink = new LogSink(1);
      process.once('exit', () => logSink.flush());
      const app = await buildServer(rt.services, logSink);
      await app.listen({ host: config.server.httpAddr, port: config.server.httpPort });
      const address = app.server.address();
      if (!config.server.rootUrlExplicit && address && typeof address === 'object') {
        // A derived ROOT_URL follows the port actually bound (matters for --port 0).
        config.server.rootUrl = defaultRootUrl(config.server.domain, address.port);
      }
      // The cron checks for due work as often as its most frequent task needs.
      const scheduler = new Scheduler(rt.services.cron, Math.min(...rt.services.cron.list().map((j) => j.everyMs)));
      scheduler.start();
      // One plain line whatever the log level: people and scripts (the tests) wait for it.
      process.stderr.write(`Samovar is ready at ${config.server.rootUrl} (database: ${config.database.type})\n`);
      let closing = false;
      const shutdown = async (signal: string) => {
        if (closing) return;
        closing = true;
        app.log.info({ signal }, 'shutting down');
        await scheduler.stop();
        await app.close();
        await rt.close();
        process.exit(0);
      };
      process.on('SIGINT', () => void shutdown('SIGINT'));
      process.on('SIGTERM', () => void shutdown('SIGTERM'));
    });
}
