/** RFC 3339 in UTC without fractional seconds, from Unix seconds. */
export function rfc3339(unixSeconds: number): string {
  // toISOString() is 'YYYY-MM-DDTHH:mm:ss.sssZ' for all years 0..9999.
  return `${new Date(unixSeconds * 1000).toISOString().slice(0, 19)}Z`;
}
