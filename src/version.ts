import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

export const SAMOVAR_VERSION: string = pkg.version;

/**
 * The version reported at /api/v1/version. Clients (tea, go-sdk) gate features on Gitea's version,
 * so Samovar reports the Gitea release whose API it serves, with its own version as build metadata.
 */
export const API_COMPAT_VERSION = `1.22.0+samovar-${SAMOVAR_VERSION}`;
