import type { FastifyRequest } from 'fastify';
import cronRoutes from './admin/cron.js';
import unadoptedRoutes from './admin/unadopted.js';
import adminUserRoutes from './admin/users.js';
import { authenticateRequest } from './auth.js';
import markdownRoutes from './misc/markdown.js';
import orgRoutes from './org/orgs.js';
import teamRoutes from './org/teams.js';
import branchRoutes from './repo/branches.js';
import contentRoutes from './repo/contents.js';
import gitRoutes from './repo/git.js';
import lifecycleRoutes from './repo/lifecycle.js';
import migrateRoutes from './repo/migrate.js';
import socialRoutes from './repo/social.js';
import repoRoutes from './repo/repos.js';
import settingsRoutes from './misc/settings.js';
import versionRoutes from './misc/version.js';
import type { Api } from './types.js';
import tokenRoutes from './user/tokens.js';
import keyRoutes from './user/keys.js';
import userResourceRoutes from './user/resources.js';
import twoFactorRoutes from './user/two-factor.js';
import activityRoutes from './user/activity.js';
import applicationRoutes from './user/applications.js';
import badgeRoutes from './admin/badges.js';
import hookRoutes from './repo/hooks.js';
import labelRoutes from './repo/labels.js';
import issueRoutes from './repo/issues.js';
import commentRoutes from './repo/comments.js';
import milestoneRoutes from './repo/milestones.js';
import reactionRoutes from './repo/reactions.js';
import subscriptionRoutes from './repo/subscriptions.js';
import issueExtraRoutes from './repo/issue-extras.js';
import timeRoutes from './repo/times.js';
import dependencyRoutes from './repo/dependencies.js';
import templateRoutes from './misc/templates.js';
import issueTemplateRoutes from './repo/issue-templates.js';
import assetRoutes from './repo/assets.js';
import notificationRoutes from './misc/notifications.js';
import avatarApiRoutes from './user/avatars.js';
import blockRoutes from './user/blocks.js';
import gpgKeyRoutes from './user/gpg-keys.js';
import userRoutes from './user/users.js';

/** Everything under /api/v1. */
export default async function apiV1(app: Api): Promise<void> {
  app.addHook('onRequest', authenticateRequest);
  // Gitea reads a missing JSON body as an empty object (PUT /collaborators/{name} with no body).
  // Only routes that take a body need the hook.
  app.addHook('onRoute', (route) => {
    if (!route.schema?.body) return;
    const own = route.preValidation ? [route.preValidation].flat() : [];
    route.preValidation = [emptyBodyAsObject, ...own];
  });
  for (const routes of [versionRoutes, settingsRoutes, markdownRoutes, userRoutes, tokenRoutes, twoFactorRoutes, adminUserRoutes, repoRoutes, branchRoutes, contentRoutes, gitRoutes, socialRoutes, lifecycleRoutes, migrateRoutes, orgRoutes, teamRoutes, userResourceRoutes, keyRoutes, blockRoutes, avatarApiRoutes, gpgKeyRoutes, activityRoutes, applicationRoutes, badgeRoutes, hookRoutes, labelRoutes, issueRoutes, commentRoutes, milestoneRoutes, reactionRoutes, subscriptionRoutes, notificationRoutes, issueExtraRoutes, timeRoutes, dependencyRoutes, templateRoutes, issueTemplateRoutes, assetRoutes, cronRoutes, unadoptedRoutes]) {
    await app.register(routes);
  }
}

async function emptyBodyAsObject(request: FastifyRequest): Promise<void> {
  if (request.body === undefined) request.body = {};
}
