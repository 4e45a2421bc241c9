import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseIni } from 'ini';
import { CONFIG_KEYS, type KeySpec } from './spec.js';

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'critical' | 'fatal' | 'none';

export interface Config {
  appName: string;
  runMode: 'prod' | 'dev';
  /** The file the configuration came from, if any. */
  file: string | null;
  server: {
    httpAddr: string;
    httpPort: number;
    domain: string;
    /** Always ends with '/'. */
    rootUrl: string;
    /** False when ROOT_URL was derived: it then follows the port actually bound. */
    rootUrlExplicit: boolean;
    appDataPath: string;
    sshDomain: string;
    sshPort: number;
    disableSsh: boolean;
  };
  database:
    | { type: 'sqlite3'; path: string }
    | { type: 'postgres'; host: string; port: number; name: string; user: string; password: string; sslMode: string; maxOpenConns: number };
  repository: { root: string };
  security: { secretKey: string; minPasswordLength: number; importLocalPaths: boolean };
  migrations: { allowLocalNetworks: boolean; allowedDomains: string[]; blockedDomains: string[]; timeoutMs: number };
  mirror: { enabled: boolean; minIntervalMs: number; defaultIntervalMs: number; scheduleMs: number };
  service: { disableRegistration: boolean; requireSigninView: boolean; defaultKeepEmailPrivate: boolean; noReplyAddress: string; autoWatchNewRepos: boolean };
  api: { enableSwagger: boolean; maxResponseItems: number; defaultPagingNum: number; defaultGitTreesPerPage: number; defaultMaxBlobSize: number };
  cors: { enabled: boolean; allowDomain: string[]; allowCredentials: boolean };
  attachment: { enabled: boolean; allowedTypes: string; maxSize: number; maxFiles: number; path: string };
  webhook: { allowedHostList: string[]; deliverTimeoutMs: number; deliveriesKeptMs: number };
  picture: { avatarUploadPath: string; avatarMaxWidth: number; avatarMaxHeight: number; avatarMaxFileSize: number };
  ui: { defaultTheme: string; reactions: string[]; customEmojis: string[] };
  log: { level: LogLevel };
}

export class ConfigError extends Error {}

type Raw = Map<string, string>;
const id = (section: string, key: string) => `${section.toLowerCase()}.${key.toUpperCase()}`;

/** Reads app.ini (if given), then SAMOVAR__/GITEA__ environment overrides, then validates. */
export function loadConfig(file: string | null, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const raw: Raw = new Map();
  if (file) {
    if (!existsSync(file)) throw new ConfigError(`config file not found: ${file}`);
    readIniInto(raw, readFileSync(file, 'utf8'));
  }
  readEnvInto(raw, env);
  return build(raw, file ? resolve(cwd, file) : null, cwd);
}

function readIniInto(raw: Raw, text: string): void {
  // The ini package nests dotted section names ([cron.update_mirrors]); flatten them back.
  const walk = (section: string, entries: Record<string, unknown>) => {
    for (const [key, value] of Object.entries(entries)) {
      if (value !== null && typeof value === 'object') walk(section ? `${section}.${key}` : key, value as Record<string, unknown>);
      else raw.set(id(section, key), String(value));
    }
  };
  walk('', parseIni(text) as Record<string, unknown>);
}

// Gitea's form: GITEA__SECTION__KEY, with DEFAULT naming the root section.
function readEnvInto(raw: Raw, env: NodeJS.ProcessEnv): void {
  for (const prefix of ['GITEA__', 'SAMOVAR__']) {
    for (const [name, value] of Object.entries(env)) {
      if (!name.startsWith(prefix) || value === undefined) continue;
      // Gitea escapes characters of section names: _0X2E_ is '.', _0X2D_ is '-'.
      const [section, key] = name
        .slice(prefix.length)
        .replace(/_0X2E_/gi, '.')
        .replace(/_0X2D_/gi, '-')
        .split('__');
      if (!section || !key) continue;
      raw.set(id(section.toUpperCase() === 'DEFAULT' ? '' : section, key), value);
    }
  }
}

function convert(spec: KeySpec, text: string): string | number | boolean {
  const where = `${spec.section ? `[${spec.section}] ` : ''}${spec.key}`;
  const value = text.trim();
  switch (spec.kind.type) {
    case 'string':
      return value;
    case 'bool': {
      const lower = value.toLowerCase();
      if (['true', '1', 'yes', 'on'].includes(lower)) return true;
      if (['false', '0', 'no', 'off'].includes(lower)) return false;
      throw new ConfigError(`${where}: expected true or false, got "${text}"`);
    }
    case 'int': {
      if (!/^-?\d+$/.test(value)) throw new ConfigError(`${where}: expected a whole number, got "${text}"`);
      const n = Number(value);
      const { min, max } = spec.kind;
      if ((min !== undefined && n < min) || (max !== undefined && n > max)) {
        throw new ConfigError(`${where}: ${n} is outside ${min ?? '-∞'}..${max ?? '∞'}`);
      }
      return n;
    }
    case 'enum': {
      const lower = value.toLowerCase();
      if (!spec.kind.values.includes(lower)) {
        throw new ConfigError(`${where}: expected one of ${spec.kind.values.join(', ')}, got "${text}"`);
      }
      return lower;
    }
  }
}

function build(raw: Raw, file: string | null, cwd: string): Config {
  const values = new Map<string, string | number | boolean>();
  for (const spec of CONFIG_KEYS) {
    const given = raw.get(id(spec.section, spec.key));
    values.set(id(spec.section, spec.key), convert(spec, given ?? spec.fallback));
  }
  const s = (section: string, key: string) => values.get(id(section, key)) as string;
  const n = (section: string, key: string) => values.get(id(section, key)) as number;
  const b = (section: string, key: string) => values.get(id(section, key)) as boolean;
  const list = (text: string) => text.split(',').map((x) => x.trim()).filter(Boolean);

  const appDataPath = resolve(cwd, s('server', 'APP_DATA_PATH'));
  const domain = s('server', 'DOMAIN');
  const httpPort = n('server', 'HTTP_PORT');
  const explicitRoot = s('server', 'ROOT_URL');
  if (explicitRoot && !/^https?:\/\/[^/]+/.test(explicitRoot)) {
    throw new ConfigError(`[server] ROOT_URL: expected an http(s) URL, got "${explicitRoot}"`);
  }

  return {
    appName: s('', 'APP_NAME'),
    runMode: s('', 'RUN_MODE') as Config['runMode'],
    file,
    server: {
      httpAddr: s('server', 'HTTP_ADDR'),
      httpPort,
      domain,
      rootUrl: explicitRoot ? withSlash(explicitRoot) : defaultRootUrl(domain, httpPort),
      rootUrlExplicit: Boolean(explicitRoot),
      appDataPath,
      sshDomain: s('server', 'SSH_DOMAIN') || domain,
      sshPort: n('server', 'SSH_PORT'),
      disableSsh: b('server', 'DISABLE_SSH'),
    },
    database: buildDatabase(s, n, appDataPath, cwd),
    repository: { root: resolve(appDataPath, s('repository', 'ROOT') || 'repositories') },
    security: { secretKey: s('security', 'SECRET_KEY'), minPasswordLength: n('security', 'MIN_PASSWORD_LENGTH'), importLocalPaths: b('security', 'IMPORT_LOCAL_PATHS') },
    migrations: {
      allowLocalNetworks: b('migrations', 'ALLOW_LOCALNETWORKS'),
      allowedDomains: list(s('migrations', 'ALLOWED_DOMAINS')),
      blockedDomains: list(s('migrations', 'BLOCKED_DOMAINS')),
      timeoutMs: durationOf('migrations', 'TIMEOUT', s('migrations', 'TIMEOUT')),
    },
    mirror: {
      enabled: b('mirror', 'ENABLED'),
      minIntervalMs: durationOf('mirror', 'MIN_INTERVAL', s('mirror', 'MIN_INTERVAL')),
      defaultIntervalMs: durationOf('mirror', 'DEFAULT_INTERVAL', s('mirror', 'DEFAULT_INTERVAL')),
      scheduleMs: durationOf('cron.update_mirrors', 'SCHEDULE', s('cron.update_mirrors', 'SCHEDULE').replace(/^@every\s+/, '')),
    },
    service: {
      disableRegistration: b('service', 'DISABLE_REGISTRATION'),
      requireSigninView: b('service', 'REQUIRE_SIGNIN_VIEW'),
      defaultKeepEmailPrivate: b('service', 'DEFAULT_KEEP_EMAIL_PRIVATE'),
      noReplyAddress: s('service', 'NO_REPLY_ADDRESS') || `noreply.${domain}`,
      autoWatchNewRepos: b('service', 'AUTO_WATCH_NEW_REPOS'),
    },
    api: {
      enableSwagger: b('api', 'ENABLE_SWAGGER'),
      maxResponseItems: n('api', 'MAX_RESPONSE_ITEMS'),
      defaultPagingNum: n('api', 'DEFAULT_PAGING_NUM'),
      defaultGitTreesPerPage: n('api', 'DEFAULT_GIT_TREES_PER_PAGE'),
      defaultMaxBlobSize: n('api', 'DEFAULT_MAX_BLOB_SIZE'),
    },
    cors: { enabled: b('cors', 'ENABLED'), allowDomain: list(s('cors', 'ALLOW_DOMAIN')), allowCredentials: b('cors', 'ALLOW_CREDENTIALS') },
    webhook: {
      allowedHostList: s('webhook', 'ALLOWED_HOST_LIST').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean),
      deliverTimeoutMs: n('webhook', 'DELIVER_TIMEOUT') * 1000,
      deliveriesKeptMs: durationOf('cron.cleanup_hook_task_table', 'OLDER_THAN', s('cron.cleanup_hook_task_table', 'OLDER_THAN')),
    },
    picture: {
      avatarUploadPath: resolve(appDataPath, s('picture', 'AVATAR_UPLOAD_PATH') || 'avatars'),
      avatarMaxWidth: n('picture', 'AVATAR_MAX_WIDTH'),
      avatarMaxHeight: n('picture', 'AVATAR_MAX_HEIGHT'),
      avatarMaxFileSize: n('picture', 'AVATAR_MAX_FILE_SIZE'),
    },
    attachment: {
      enabled: b('attachment', 'ENABLED'),
      allowedTypes: s('attachment', 'ALLOWED_TYPES'),
      maxSize: n('attachment', 'MAX_SIZE'),
      maxFiles: n('attachment', 'MAX_FILES'),
      path: resolve(appDataPath, s('attachment', 'PATH') || 'attachments'),
    },
    ui: { defaultTheme: s('ui', 'DEFAULT_THEME'), reactions: list(s('ui', 'REACTIONS')), customEmojis: list(s('ui', 'CUSTOM_EMOJIS')) },
    log: { level: s('log', 'LEVEL') as LogLevel },
  };
}

function buildDatabase(
  s: (section: string, key: string) => string,
  n: (section: string, key: string) => number,
  appDataPath: string,
  cwd: string,
): Config['database'] {
  if (s('database', 'DB_TYPE') === 'sqlite3') {
    const path = s('database', 'PATH');
    return { type: 'sqlite3', path: path ? resolve(cwd, path) : resolve(appDataPath, 'samovar.db') };
  }
  const hostText = s('database', 'HOST');
  // Gitea's HOST is host[:port]; a leading '/' is a Unix socket directory.
  const match = /^(.*?)(?::(\d+))?$/.exec(hostText);
  const host = hostText.startsWith('/') ? hostText : (match?.[1] ?? hostText);
  const port = !hostText.startsWith('/') && match?.[2] ? Number(match[2]) : 5432;
  return {
    type: 'postgres',
    host,
    port,
    name: s('database', 'NAME'),
    user: s('database', 'USER'),
    password: s('database', 'PASSWD'),
    sslMode: s('database', 'SSL_MODE'),
    maxOpenConns: n('database', 'MAX_OPEN_CONNS'),
  };
}

function durationOf(section: string, key: string, text: string): number {
  const ms = parseDuration(text);
  if (ms === null || ms <= 0) throw new ConfigError(`[${section}] ${key}: expected a duration such as 10m or 8h30m, got "${text}"`);
  return ms;
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Go's time.ParseDuration subset Gitea uses: "8h", "1h30m", "10m0s", "500ms". Null when malformed. */
export function parseDuration(text: string): number | null {
  const trimmed = text.trim();
  if (!/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(trimmed)) return null;
  let total = 0;
  for (const [, value, , unit] of trimmed.matchAll(/(\d+(\.\d+)?)(ms|s|m|h)/g)) total += Number(value) * UNITS[unit!]!;
  return Math.round(total);
}

/** The Go form of a duration, as Gitea prints mirror intervals: "8h0m0s". */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 3600)}h${Math.floor((seconds % 3600) / 60)}m${seconds % 60}s`;
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

export function defaultRootUrl(domain: string, port: number): string {
  return port === 80 ? `http://${domain}/` : `http://${domain}:${port}/`;
}

/** The config file used when --config is absent: Gitea's custom/conf/app.ini, if present. */
export function defaultConfigFile(cwd = process.cwd()): string | null {
  const candidate = resolve(cwd, 'custom/conf/app.ini');
  return existsSync(candidate) ? candidate : null;
}
