import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';
import type { Config } from '../config/index.js';
import type { RemoteAuth } from '../git/remote.js';
import { invalid } from './errors.js';

/** A remote git address, checked, with any credentials taken out of it. */
export interface RemoteAddress {
  url: string;
  /** The address without credentials, as stored and shown (equal to url). */
  display: string;
  auth: RemoteAuth | null;
}

function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.toLowerCase().replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
}

/**
 * Accepts http(s) and git URLs whose host the migration rules allow: ALLOWED_DOMAINS and
 * BLOCKED_DOMAINS globs, and no loopback, private or otherwise non-public address unless
 * ALLOW_LOCALNETWORKS. Credentials in the URL (or given apart) come back separately.
 */
export async function checkRemoteAddress(config: Config['migrations'], address: string, given: RemoteAuth | null): Promise<RemoteAddress> {
  let url: URL;
  try {
    url = new URL(address.trim());
  } catch {
    throw invalid(`[CloneAddr]: invalid clone address: ${address.replace(/\/\/[^@/]*@/, '//')}`);
  }
  if (!['http:', 'https:', 'git:'].includes(url.protocol)) throw invalid(`[CloneAddr]: unsupported scheme ${url.protocol} (http, https and git are)`);
  const inUrl = url.username || url.password ? { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) } : null;
  url.username = '';
  url.password = '';
  await checkHost(config, url.hostname);
  return { url: url.toString(), display: url.toString(), auth: given ?? inUrl };
}

async function checkHost(config: Config['migrations'], hostname: string): Promise<void> {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (config.allowedDomains.length && !config.allowedDomains.some((d) => globToRegExp(d).test(host))) throw invalid(`You can not import from disallowed hosts: ${host} is not allowed`);
  if (config.blockedDomains.some((d) => globToRegExp(d).test(host))) throw invalid(`You can not import from disallowed hosts: ${host} is blocked`);
  if (config.allowLocalNetworks) return;
  let addresses: string[];
  try {
    addresses = ipaddr.isValid(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  } catch {
    throw invalid(`[CloneAddr]: the host cannot be resolved: ${host}`);
  }
  for (const address of addresses) {
    let ip = ipaddr.parse(address);
    if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
    if (ip.range() !== 'unicast') throw invalid(`You can not import from disallowed hosts: ${host} is in a local or private network`);
  }
}

/**
 * Whether a webhook may be delivered to `hostname`, by Gitea's [webhook] ALLOWED_HOST_LIST:
 * `*`, host globs, CIDR ranges, and the words `external` (public addresses), `loopback` and
 * `private`. Every address the name resolves to must be allowed, unless a host glob matches.
 */
export async function webhookHostAllowed(allowList: string[], hostname: string): Promise<boolean> {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (allowList.includes('*')) return true;
  const words = new Set(['external', 'loopback', 'private']);
  if (allowList.some((entry) => !words.has(entry) && !entry.includes('/') && globToRegExp(entry).test(host))) return true;
  let addresses: string[];
  try {
    addresses = ipaddr.isValid(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  } catch {
    return false;
  }
  return addresses.length > 0 && addresses.every((address) => {
    let ip = ipaddr.parse(address);
    if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
    const range = ip.range();
    return allowList.some((entry) => {
      if (entry === 'external') return range === 'unicast';
      if (entry === 'loopback') return range === 'loopback';
      if (entry === 'private') return range === 'private' || range === 'uniqueLocal';
      if (!entry.includes('/')) return false;
      try {
        const cidr = ipaddr.parseCIDR(entry);
        return ip.kind() === cidr[0].kind() && ip.match(cidr);
      } catch {
        return false;
      }
    });
  });
}
