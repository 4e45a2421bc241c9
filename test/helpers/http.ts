import type { TestServer } from './server.js';

export interface Auth {
  token?: string;
  basic?: [string, string];
  otp?: string;
  sudo?: string;
}

export interface Reply<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export const basicHeader = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** One HTTP call to the server's API v1; JSON in and out unless told otherwise. */
export async function call<T = any>(
  server: TestServer,
  method: string,
  path: string,
  options: Auth & { body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `token ${options.token}`;
  if (options.basic) headers.authorization = basicHeader(...options.basic);
  if (options.otp) headers['x-gitea-otp'] = options.otp;
  if (options.sudo) headers.sudo = options.sudo;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = JSON.stringify(options.body);
  }
  const response = await fetch(`${server.api}${path}`, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  if ((response.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
  return { status: response.status, headers: response.headers, body: parsed as T, text };
}
