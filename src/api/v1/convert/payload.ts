import type { Config } from '../../../config/index.js';
import { OWNER_PERMISSION } from '../../../services/permissions.js';
import type { PayloadRenderer } from '../../../services/webhooks.js';
import { toApiComment, toApiIssue } from './issue.js';
import { toApiRepository, type RepoView } from './repo.js';
import { toApiUser } from './user.js';

/** Webhook payloads carry the API's own JSON, seen as by an anonymous caller with full rights on the repository (as in Gitea). */
export function payloadRenderer(config: Config): PayloadRenderer {
  const { server } = config;
  // Built per payload: with HTTP_PORT=0 the address is known only once the server listens.
  const view = (): RepoView => ({ viewer: null, rootUrl: server.rootUrl, noReplyAddress: config.service.noReplyAddress, sshDomain: server.sshDomain, sshPort: server.sshPort, disableSsh: server.disableSsh });
  return {
    repository: (repo, owner) => toApiRepository(repo, owner, OWNER_PERMISSION, view()),
    user: (user) => toApiUser(user, view()),
    commitUrl: (owner, repo, sha) => `${server.rootUrl}${owner.name}/${repo.name}/commit/${sha}`,
    issue: (issueView) => toApiIssue(issueView, view()),
    comment: (comment, poster, index, owner, repo) => toApiComment(comment, poster, index, `${owner.name}/${repo.name}`, view()),
  };
}
