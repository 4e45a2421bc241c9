import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call } from '../../../helpers/http.js';
import { startWorld, type World } from '../../../helpers/world.js';

const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('issue templates and configuration', () => {
  let world: World;
  const as = () => ({ token: world.users.dev!.token });

  before(async () => {
    world = await startWorld(['dev']);
    assert.equal((await call(world.server, 'POST', '/user/repos', { ...as(), body: { name: 'forms', auto_init: true } })).status, 201);
    const files = [
      ['.gitea/ISSUE_TEMPLATE/bug.md', '---\nname: Bug report\nabout: Something is broken\ntitle: "[bug] "\nlabels: [bug, triage]\n---\n\n## What happened?\n'],
      ['.gitea/ISSUE_TEMPLATE/feature.yaml', 'name: Feature request\ndescription: Ask for something new\nlabels: enhancement\nbody:\n  - type: textarea\n    id: details\n    attributes:\n      label: Details\n    validations:\n      required: true\n'],
      ['.gitea/ISSUE_TEMPLATE/broken.md', 'no front matter at all\n'],
      ['.gitea/ISSUE_TEMPLATE/config.yaml', 'blank_issues_enabled: false\ncontact_links:\n  - name: Forum\n    url: https://forum.example.com\n    about: Questions go here\n'],
    ];
    const posted = await call(world.server, 'POST', '/repos/dev/forms/contents', { ...as(), body: { message: 'templates', files: files.map(([path, text]) => ({ operation: 'create', path, content: b64(text!) })) } });
    assert.equal(posted.status, 201, posted.text);
  });
  after(() => world.close());

  it('lists the valid Markdown and YAML templates of the default branch', async () => {
    const templates = (await call(world.server, 'GET', '/repos/dev/forms/issue_templates', as())).body;
    assert.deepEqual(templates.map((t: { name: string; file_name: string }) => [t.name, t.file_name]), [['Bug report', 'bug.md'], ['Feature request', 'feature.yaml']]);
    const [bug, feature] = templates;
    assert.deepEqual(bug.labels, ['bug', 'triage']);
    assert.equal(bug.title, '[bug] ');
    assert.match(bug.content, /What happened\?/);
    assert.deepEqual(feature.labels, ['enhancement']);
    assert.equal(feature.about, 'Ask for something new');
    assert.deepEqual(feature.body[0], { type: 'textarea', id: 'details', attributes: { label: 'Details' }, validations: { required: true }, visible: [] });
  });

  it('reads and validates config.yaml; a bad one falls back to the defaults', async () => {
    assert.deepEqual((await call(world.server, 'GET', '/repos/dev/forms/issue_config', as())).body, { blank_issues_enabled: false, contact_links: [{ name: 'Forum', url: 'https://forum.example.com', about: 'Questions go here' }] });
    assert.deepEqual((await call(world.server, 'GET', '/repos/dev/forms/issue_config/validate', as())).body, { valid: true, message: '' });
    const current = await call(world.server, 'GET', '/repos/dev/forms/contents/.gitea/ISSUE_TEMPLATE/config.yaml', as());
    const updated = await call(world.server, 'PUT', '/repos/dev/forms/contents/.gitea/ISSUE_TEMPLATE/config.yaml', { ...as(), body: { message: 'break it', sha: current.body.sha, content: b64('contact_links:\n  - name: Bad\n    url: ftp://nowhere\n') } });
    assert.equal(updated.status, 200, updated.text);
    const validation = (await call(world.server, 'GET', '/repos/dev/forms/issue_config/validate', as())).body;
    assert.equal(validation.valid, false);
    assert.match(validation.message, /url/);
    assert.deepEqual((await call(world.server, 'GET', '/repos/dev/forms/issue_config', as())).body, { blank_issues_enabled: true, contact_links: [] });
  });

  it('an empty repository has no templates and the default configuration', async () => {
    assert.equal((await call(world.server, 'POST', '/user/repos', { ...as(), body: { name: 'bare' } })).status, 201);
    assert.deepEqual((await call(world.server, 'GET', '/repos/dev/bare/issue_templates', as())).body, []);
    assert.deepEqual((await call(world.server, 'GET', '/repos/dev/bare/issue_config', as())).body, { blank_issues_enabled: true, contact_links: [] });
  });
});
