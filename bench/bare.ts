// The baseline: a bare Fastify route that returns fixed user-shaped JSON, no auth, no database.
// `/users/search?n=N` returns N users, so that a baseline can carry the same payload as the case
// it is compared with.
import Fastify from 'fastify';

const user = {
  id: 1, login: 'bench', login_name: '', source_id: 0, full_name: '', email: 'bench@example.com',
  avatar_url: 'http://127.0.0.1/avatars/00000000000000000000000000000000', html_url: 'http://127.0.0.1/bench',
  language: '', is_admin: true, last_login: '1970-01-01T00:00:00Z', created: '2026-01-01T00:00:00Z', restricted: false,
  active: true, prohibit_login: false, location: '', website: '', description: '', visibility: 'public',
  followers_count: 0, following_count: 0, starred_repos_count: 0, username: 'bench',
};

const app = Fastify({ logger: false });
app.get('/api/v1/user', async () => user);
app.get<{ Querystring: { n?: string } }>('/api/v1/users/search', async (request) => ({
  data: Array.from({ length: Number(request.query.n ?? 1) }, () => user),
  ok: true,
}));
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
console.log(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 }));
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
