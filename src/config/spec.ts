// The configuration keys Samovar reads, with Gitea's section and key names. One table drives
// parsing, defaults, validation and the README's list, so a key cannot be documented but unread.

export type KeyKind =
  | { type: 'string' }
  | { type: 'int'; min?: number; max?: number }
  | { type: 'bool' }
  | { type: 'enum'; values: readonly string[] };

export interface KeySpec {
  section: string; // '' is the root (DEFAULT) section
  key: string;
  kind: KeyKind;
  /** Default as it would be written in app.ini; '' means empty / derived at load time. */
  fallback: string;
  doc: string;
}

const str = { type: 'string' } as const;
const bool = { type: 'bool' } as const;
const int = (min?: number, max?: number): KeyKind => ({ type: 'int', min, max });
const oneOf = (...values: string[]): KeyKind => ({ type: 'enum', values });

export const CONFIG_KEYS: readonly KeySpec[] = [
  { section: '', key: 'APP_NAME', kind: str, fallback: 'Samovar', doc: 'Name shown in pages and mails' },
  { section: '', key: 'RUN_MODE', kind: oneOf('prod', 'dev'), fallback: 'prod', doc: 'prod or dev' },
  { section: 'server', key: 'PROTOCOL', kind: oneOf('http'), fallback: 'http', doc: 'Only http for now' },
  { section: 'server', key: 'HTTP_ADDR', kind: str, fallback: '0.0.0.0', doc: 'Address to listen on' },
  { section: 'server', key: 'HTTP_PORT', kind: int(0, 65535), fallback: '3000', doc: 'Port to listen on (0: any free port)' },
  { section: 'server', key: 'DOMAIN', kind: str, fallback: 'localhost', doc: 'Host name used in URLs' },
  { section: 'server', key: 'ROOT_URL', kind: str, fallback: '', doc: 'Public URL; default http://DOMAIN:HTTP_PORT/' },
  { section: 'server', key: 'APP_DATA_PATH', kind: str, fallback: 'data', doc: 'Where data lives (relative to the working directory)' },
  { section: 'server', key: 'SSH_DOMAIN', kind: str, fallback: '', doc: 'Host name in SSH clone URLs; default DOMAIN' },
  { section: 'server', key: 'SSH_PORT', kind: int(0, 65535), fallback: '22', doc: 'Port in SSH clone URLs' },
  { section: 'server', key: 'DISABLE_SSH', kind: bool, fallback: 'false', doc: 'Hide SSH clone URLs' },
  { section: 'database', key: 'DB_TYPE', kind: oneOf('sqlite3', 'postgres'), fallback: 'sqlite3', doc: 'sqlite3 or postgres' },
  { section: 'database', key: 'PATH', kind: str, fallback: '', doc: 'SQLite file; default APP_DATA_PATH/samovar.db' },
  { section: 'database', key: 'HOST', kind: str, fallback: '127.0.0.1:5432', doc: 'PostgreSQL host[:port] or socket directory' },
  { section: 'database', key: 'NAME', kind: str, fallback: 'samovar', doc: 'PostgreSQL database' },
  { section: 'database', key: 'USER', kind: str, fallback: 'samovar', doc: 'PostgreSQL user' },
  { section: 'database', key: 'PASSWD', kind: str, fallback: '', doc: 'PostgreSQL password' },
  { section: 'database', key: 'SSL_MODE', kind: oneOf('disable', 'require', 'verify-full'), fallback: 'disable', doc: 'PostgreSQL TLS' },
  { section: 'database', key: 'MAX_OPEN_CONNS', kind: int(1, 1000), fallback: '10', doc: 'PostgreSQL pool size' },
  { section: 'repository', key: 'ROOT', kind: str, fallback: '', doc: 'Where bare repositories live; default APP_DATA_PATH/repositories' },
  { section: 'security', key: 'INSTALL_LOCK', kind: bool, fallback: 'true', doc: 'Samovar has no web installer: always locked' },
  { section: 'security', key: 'SECRET_KEY', kind: str, fallback: '', doc: 'Encrypts stored TOTP secrets; generated into APP_DATA_PATH/secret_key when empty' },
  { section: 'security', key: 'MIN_PASSWORD_LENGTH', kind: int(1, 256), fallback: '8', doc: 'Shortest password accepted' },
  { section: 'security', key: 'IMPORT_LOCAL_PATHS', kind: bool, fallback: 'false', doc: 'Let site admins migrate from local paths on the server' },
  { section: 'migrations', key: 'ALLOW_LOCALNETWORKS', kind: bool, fallback: 'false', doc: 'Allow migrating from loopback and private addresses' },
  { section: 'migrations', key: 'ALLOWED_DOMAINS', kind: str, fallback: '', doc: 'Comma-separated host globs migrations may use (empty: any)' },
  { section: 'migrations', key: 'BLOCKED_DOMAINS', kind: str, fallback: '', doc: 'Comma-separated host globs migrations may not use' },
  { section: 'migrations', key: 'TIMEOUT', kind: str, fallback: '10m', doc: 'Longest a migration clone may take (Go duration)' },
  { section: 'mirror', key: 'ENABLED', kind: bool, fallback: 'true', doc: 'Allow pull mirrors' },
  { section: 'mirror', key: 'MIN_INTERVAL', kind: str, fallback: '10m', doc: 'Shortest mirror interval a user may set (Go duration)' },
  { section: 'mirror', key: 'DEFAULT_INTERVAL', kind: str, fallback: '8h', doc: 'Mirror interval when none is given (Go duration)' },
  { section: 'cron.update_mirrors', key: 'SCHEDULE', kind: str, fallback: '@every 10m', doc: 'How often due mirrors are looked for (@every <duration>)' },
  { section: 'service', key: 'DISABLE_REGISTRATION', kind: bool, fallback: 'false', doc: 'No self sign-up (admins still create users)' },
  { section: 'service', key: 'REQUIRE_SIGNIN_VIEW', kind: bool, fallback: 'false', doc: 'Anonymous API calls get 401' },
  { section: 'service', key: 'DEFAULT_KEEP_EMAIL_PRIVATE', kind: bool, fallback: 'false', doc: 'New users hide their e-mail' },
  { section: 'service', key: 'NO_REPLY_ADDRESS', kind: str, fallback: '', doc: 'Domain of placeholder e-mails; default noreply.DOMAIN' },
  { section: 'service', key: 'AUTO_WATCH_NEW_REPOS', kind: bool, fallback: 'true', doc: 'Whoever creates, forks or migrates a repository watches it, as do team members a team gives it to' },
  { section: 'api', key: 'ENABLE_SWAGGER', kind: bool, fallback: 'true', doc: 'Serve /swagger.v1.json and /api/swagger' },
  { section: 'api', key: 'MAX_RESPONSE_ITEMS', kind: int(1, 10000), fallback: '50', doc: 'Largest page size' },
  { section: 'api', key: 'DEFAULT_PAGING_NUM', kind: int(1, 10000), fallback: '30', doc: 'Page size when limit is absent' },
  { section: 'api', key: 'DEFAULT_GIT_TREES_PER_PAGE', kind: int(1, 100000), fallback: '1000', doc: 'Page size of git trees' },
  { section: 'api', key: 'DEFAULT_MAX_BLOB_SIZE', kind: int(0), fallback: '10485760', doc: 'Largest blob returned inline' },
  { section: 'cors', key: 'ENABLED', kind: bool, fallback: 'false', doc: 'Answer CORS requests' },
  { section: 'cors', key: 'ALLOW_DOMAIN', kind: str, fallback: '*', doc: 'Comma-separated allowed origins' },
  { section: 'cors', key: 'ALLOW_CREDENTIALS', kind: bool, fallback: 'false', doc: 'Allow credentials in CORS requests' },
  { section: 'attachment', key: 'ENABLED', kind: bool, fallback: 'true', doc: 'Allow attachments' },
  { section: 'attachment', key: 'ALLOWED_TYPES', kind: str, fallback: '.avif,.cpuprofile,.csv,.dmp,.docx,.fodg,.fodp,.fods,.fodt,.gif,.gz,.jpeg,.jpg,.json,.jsonc,.log,.md,.mov,.mp4,.odf,.odg,.odp,.ods,.odt,.patch,.pdf,.png,.pptx,.svg,.tgz,.txt,.webm,.webp,.xls,.xlsx,.zip', doc: 'Accepted attachment types' },
  { section: 'attachment', key: 'MAX_SIZE', kind: int(0), fallback: '2048', doc: 'Largest attachment, MiB' },
  { section: 'attachment', key: 'PATH', kind: str, fallback: '', doc: 'Where attachments are stored; default APP_DATA_PATH/attachments' },
  { section: 'attachment', key: 'MAX_FILES', kind: int(0), fallback: '5', doc: 'Attachments per upload' },
  { section: 'picture', key: 'AVATAR_UPLOAD_PATH', kind: str, fallback: '', doc: 'Where uploaded avatars live; default APP_DATA_PATH/avatars' },
  { section: 'picture', key: 'AVATAR_MAX_WIDTH', kind: int(1), fallback: '4096', doc: 'Widest avatar accepted, pixels' },
  { section: 'picture', key: 'AVATAR_MAX_HEIGHT', kind: int(1), fallback: '4096', doc: 'Tallest avatar accepted, pixels' },
  { section: 'picture', key: 'AVATAR_MAX_FILE_SIZE', kind: int(1), fallback: '1048576', doc: 'Largest avatar accepted, bytes' },
  { section: 'webhook', key: 'ALLOWED_HOST_LIST', kind: str, fallback: 'external', doc: 'Where webhooks may be delivered: *, external, loopback, private, CIDRs and host globs, comma-separated' },
  { section: 'webhook', key: 'DELIVER_TIMEOUT', kind: int(1, 600), fallback: '5', doc: 'Seconds a delivery may take' },
  { section: 'cron.cleanup_hook_task_table', key: 'OLDER_THAN', kind: str, fallback: '168h', doc: 'Webhook deliveries older than this are deleted daily (Go duration)' },
  { section: 'ui', key: 'DEFAULT_THEME', kind: str, fallback: 'gitea-auto', doc: 'Theme name reported to clients' },
  { section: 'ui', key: 'REACTIONS', kind: str, fallback: '+1,-1,laugh,hooray,confused,heart,rocket,eyes', doc: 'Allowed reactions' },
  { section: 'ui', key: 'CUSTOM_EMOJIS', kind: str, fallback: 'gitea,codeberg,gitlab,git,github,gogs', doc: 'Custom emojis' },
  { section: 'log', key: 'LEVEL', kind: oneOf('trace', 'debug', 'info', 'warn', 'error', 'critical', 'fatal', 'none'), fallback: 'info', doc: 'Log level (case-insensitive)' },
];
