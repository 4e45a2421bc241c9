import type { Config } from '../config/index.js';
import type { Db } from '../db/connect.js';
import { AccountService } from './accounts.js';
import { AuthCache } from './auth-cache.js';
import { AuthService, type Principal } from './auth.js';
import type { ServiceContext } from './context.js';
import { ActivityService } from './activity.js';
import { AttachmentService } from './attachments.js';
import { AvatarService } from './avatars.js';
import { BadgeService } from './badges.js';
import { OAuth2AppService } from './oauth2-apps.js';
import { GpgKeyService } from './gpg-keys.js';
import { BlockService } from './blocks.js';
import { BranchService } from './branches.js';
import { ContentService } from './contents.js';
import { Events } from './events.js';
import { GitDataService } from './git-data.js';
import { GitHttpService } from './git-http.js';
import { RepoService } from './repositories.js';
import { MigrationService } from './migrations.js';
import { OrgService } from './orgs.js';
import { PublicKeyService } from './public-keys.js';
import { PushMirrorService } from './push-mirrors.js';
import { RepoLifecycleService } from './repo-lifecycle.js';
import { Cron } from './scheduler.js';
import { SecretBox } from './secrets.js';
import { SocialService } from './social.js';
import { TokenService } from './tokens.js';
import { TwoFactorService } from './two-factor.js';
import { UserResourceService } from './user-resources.js';
import { CommentService } from './comments.js';
import { IssueReferenceService } from './issue-refs.js';
import { IssueTemplateService } from './issue-templates.js';
import { IssueService } from './issues.js';
import { LabelService } from './labels.js';
import { MilestoneService } from './milestones.js';
import { NotificationService } from './notifications.js';
import { ReactionService } from './reactions.js';
import { TimeService } from './times.js';
import { LocalStorage } from './storage.js';
import { UserService } from './users.js';
import { WebhookService } from './webhooks.js';

/** The services the API and the CLI use, built once per process. */
export interface Services {
  config: Config;
  events: Events;
  users: UserService;
  tokens: TokenService;
  twoFactor: TwoFactorService;
  auth: AuthService;
  repos: RepoService;
  gitHttp: GitHttpService;
  branches: BranchService;
  contents: ContentService;
  gitData: GitDataService;
  social: SocialService;
  lifecycle: RepoLifecycleService;
  migrations: MigrationService;
  accounts: AccountService;
  pushMirrors: PushMirrorService;
  orgs: OrgService;
  userResources: UserResourceService;
  publicKeys: PublicKeyService;
  blocks: BlockService;
  avatars: AvatarService;
  gpgKeys: GpgKeyService;
  activity: ActivityService;
  badges: BadgeService;
  oauth2Apps: OAuth2AppService;
  webhooks: WebhookService;
  labels: LabelService;
  issues: IssueService;
  comments: CommentService;
  milestones: MilestoneService;
  reactions: ReactionService;
  notifications: NotificationService;
  times: TimeService;
  issueTemplates: IssueTemplateService;
  attachments: AttachmentService;
  cron: Cron;
}

/** Where work done in the background (after a push, on a schedule) reports failures. */
export type BackgroundErrorSink = (what: string, err: unknown) => void;

const logToStderr: BackgroundErrorSink = (what, err) => {
  process.stderr.write(`${JSON.stringify({ level: 50, time: Date.now(), msg: `${what} failed`, err: String(err) })}\n`);
};

export function createServices(config: Config, db: Db, onBackgroundError: BackgroundErrorSink = logToStderr): Services {
  const authCache = new AuthCache<Principal>(db.versions);
  const ctx: ServiceContext = { config, db, q: db.kysely, credentialsChanged: () => authCache.clear() };
  const tokens = new TokenService(ctx);
  const box = new SecretBox(config.security.secretKey, config.server.appDataPath);
  const twoFactor = new TwoFactorService(ctx, box);
  const events = new Events();
  const activity = new ActivityService(ctx);
  const attachmentStorage = new LocalStorage(config.attachment.path);
  const repos = new RepoService(ctx, events, activity, attachmentStorage);
  const users = new UserService(ctx);
  const social = new SocialService(ctx, activity);
  const orgs = new OrgService(ctx);
  const migrations = new MigrationService(ctx, repos, box);
  const pushMirrors = new PushMirrorService(ctx, repos, box, events, onBackgroundError);
  const notifications = new NotificationService(ctx, onBackgroundError);
  const issues = new IssueService(ctx, notifications, attachmentStorage, events);
  // Listens to pushes on its own; nothing calls it.
  new IssueReferenceService(ctx, events, (owner, repo) => repos.path(owner.name, repo.name), onBackgroundError);
  const webhooks = new WebhookService(ctx, box, events, (owner, repo) => repos.path(owner.name, repo.name), onBackgroundError, (list) => issues.views(list));
  const cron = new Cron(
    [
      { name: 'update_mirrors', everyMs: config.mirror.scheduleMs, run: () => Promise.all([migrations.syncDue((id, err) => onBackgroundError(`mirror sync of repository ${id}`, err)), pushMirrors.syncDue()]) },
      { name: 'git_fsck', everyMs: 24 * 3_600_000, run: () => repos.checkHealth((path, problem) => onBackgroundError(`git fsck of ${path}`, problem)) },
      { name: 'cleanup_hook_task_table', everyMs: 24 * 3_600_000, run: () => webhooks.cleanupDeliveries() },
    ],
    onBackgroundError,
  );
  return {
    config,
    events,
    cron,
    repos,
    gitHttp: new GitHttpService(repos),
    branches: new BranchService(ctx, repos),
    contents: new ContentService(repos),
    gitData: new GitDataService(ctx, repos),
    social,
    lifecycle: new RepoLifecycleService(ctx, repos, social, orgs, activity),
    migrations,
    pushMirrors,
    orgs,
    userResources: new UserResourceService(ctx),
    publicKeys: new PublicKeyService(ctx),
    blocks: new BlockService(ctx),
    avatars: new AvatarService(ctx),
    gpgKeys: new GpgKeyService(ctx),
    activity,
    badges: new BadgeService(ctx),
    oauth2Apps: new OAuth2AppService(ctx),
    webhooks,
    labels: new LabelService(ctx),
    issues,
    comments: new CommentService(ctx, issues, notifications, attachmentStorage, events),
    attachments: new AttachmentService(ctx, issues, attachmentStorage),
    notifications,
    milestones: new MilestoneService(ctx, issues),
    reactions: new ReactionService(ctx, issues),
    times: new TimeService(ctx, issues),
    issueTemplates: new IssueTemplateService(repos),
    users,
    accounts: new AccountService(ctx, users, repos),
    tokens,
    twoFactor,
    auth: new AuthService(ctx, tokens, twoFactor, authCache),
  };
}
