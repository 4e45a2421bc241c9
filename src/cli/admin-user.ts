import { randomBytes } from 'node:crypto';
import { Command } from 'commander';
import type { User } from '../services/users.js';
import { parseBool, withRuntime, type Runtime } from './runtime.js';

const configOf = (command: Command) => command.optsWithGlobals<{ config?: string }>().config;

export function registerAdminUser(admin: Command): void {
  const user = admin.command('user').description('Manage users');

  user
    .command('create')
    .description('Create a user')
    .option('--username <name>', 'user name')
    .option('--name <name>', 'deprecated: same as --username')
    .requiredOption('--email <email>', 'e-mail address')
    .option('--password <password>', 'password')
    .option('--random-password', 'generate a random password and print it')
    .option('--admin [bool]', 'make the user a site administrator', parseBool, false)
    .option('--must-change-password [bool]', 'require a password change before the account can be used', parseBool, true)
    .option('--restricted [bool]', 'make the user restricted', parseBool, false)
    .option('--access-token', 'also create an access token with every scope and print it')
    .action(async (opts, command: Command) => {
      const username = opts.username ?? opts.name;
      if (!username) throw new Error('--username is required');
      if (!opts.password && !opts.randomPassword) throw new Error('--password or --random-password is required');
      const password: string = opts.randomPassword ? randomBytes(12).toString('base64url') : opts.password;
      await withRuntime(configOf(command), async ({ services }) => {
        const created = await services.users.create({
          username,
          email: opts.email,
          password,
          isAdmin: opts.admin,
          mustChangePassword: opts.mustChangePassword,
          restricted: opts.restricted,
        });
        if (opts.randomPassword) console.log(`generated random password is '${password}'`);
        if (opts.accessToken) {
          const { secret } = await services.tokens.create(created, 'gitea-admin', ['all']);
          console.log(`access token was successfully created... ${secret}`);
        }
        console.log(`New user '${created.name}' has been successfully created!`);
      });
    });

  user
    .command('list')
    .description('List users')
    .option('--admin', 'list only site administrators')
    .action(async (opts: { admin?: boolean }, command: Command) => {
      await withRuntime(configOf(command), async ({ services }) => {
        const rows: string[][] = [['ID', 'Username', 'Email', 'IsActive', 'IsAdmin']];
        for await (const u of allUsers(services)) {
          if (opts.admin && !u.isAdmin) continue;
          rows.push([String(u.id), u.name, u.email, String(u.isActive), String(u.isAdmin)]);
        }
        printTable(rows);
      });
    });

  user
    .command('delete')
    .description('Delete a user')
    .option('--username <name>', 'user name')
    .option('--id <id>', 'user id')
    .option('--email <email>', 'e-mail address (must match the user when given with another key)')
    .option('--purge', 'also delete the repositories the user owns')
    .action(async (opts: { username?: string; id?: string; email?: string; purge?: boolean }, command: Command) => {
      if (!opts.username && !opts.id && !opts.email) throw new Error('one of --username, --id or --email is required');
      await withRuntime(configOf(command), async (rt) => {
        const target = await findUser(rt, opts);
        await rt.services.accounts.delete(target, target, opts.purge === true);
        console.log(`user '${target.name}' has been deleted`);
      });
    });

  user
    .command('change-password')
    .description("Change a user's password")
    .requiredOption('--username <name>', 'user name')
    .requiredOption('--password <password>', 'new password')
    .option('--must-change-password [bool]', 'require another change before the account can be used', parseBool, false)
    .action(async (opts: { username: string; password: string; mustChangePassword: boolean }, command: Command) => {
      await withRuntime(configOf(command), async ({ services }) => {
        const target = await services.users.byName(opts.username);
        await services.users.changePassword(target, opts.password, opts.mustChangePassword);
        console.log(`${target.name}'s password has been successfully updated!`);
      });
    });

  user
    .command('generate-access-token')
    .description('Generate an access token for a user and print it')
    .requiredOption('--username <name>', 'user name')
    .option('--token-name <name>', 'token name', 'gitea-admin')
    .option('--scopes <scopes>', 'comma-separated scopes', 'all')
    .option('--raw', 'print only the token')
    .action(async (opts: { username: string; tokenName: string; scopes: string; raw?: boolean }, command: Command) => {
      await withRuntime(configOf(command), async ({ services }) => {
        const target = await services.users.byName(opts.username);
        const { secret } = await services.tokens.create(target, opts.tokenName, [opts.scopes]);
        console.log(opts.raw ? secret : `Access token was successfully created: ${secret}`);
      });
    });

  const twoFactor = user.command('two-factor').description("Manage a user's TOTP two-factor authentication");
  twoFactor
    .command('enrol')
    .description('Enable TOTP at once and print the secret and otpauth URI to give the user')
    .requiredOption('--username <name>', 'user name')
    .action(async (opts: { username: string }, command: Command) => {
      await withRuntime(configOf(command), async ({ services }) => {
        const target = await services.users.byName(opts.username);
        const enrolment = await services.twoFactor.enrol(target, true);
        console.log(`secret: ${enrolment.secret}`);
        console.log(`url: ${enrolment.url}`);
      });
    });
  twoFactor
    .command('disable')
    .description('Disable TOTP for a user (for a lost device)')
    .requiredOption('--username <name>', 'user name')
    .action(async (opts: { username: string }, command: Command) => {
      await withRuntime(configOf(command), async ({ services }) => {
        await services.twoFactor.disable(await services.users.byName(opts.username));
        console.log(`two-factor authentication disabled for '${opts.username}'`);
      });
    });
}

async function* allUsers(services: Runtime['services']): AsyncGenerator<User> {
  const viewer = { id: 0, isAdmin: true };
  for (let offset = 0; ; offset += 500) {
    const { users } = await services.users.search({ viewer, offset, limit: 500 });
    yield* users;
    if (users.length < 500) return;
  }
}

async function findUser({ services }: Runtime, opts: { username?: string; id?: string; email?: string }): Promise<User> {
  const user = opts.username
    ? await services.users.byName(opts.username)
    : opts.id
      ? await services.users.byId(Number(opts.id))
      : await services.users.byEmail(opts.email!);
  if (opts.email && user.email.toLowerCase() !== opts.email.toLowerCase()) {
    throw new Error(`the user's e-mail is not ${opts.email}`);
  }
  return user;
}

function printTable(rows: string[][]): void {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
}
