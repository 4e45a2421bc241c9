// Formatting a date is a visible cost on list endpoints, and the same few timestamps (accounts'
// creation and last sign-in) are formatted again on every request: keep the recent ones.
const formatted = new Map<number, string>();
const MAX_REMEMBERED = 10_000;

/** RFC 3339 in UTC without fractional seconds, from Unix seconds. */
export function rfc3339(unixSeconds: number): string {
  let text = formatted.get(unixSeconds);
  if (text === undefined) {
    // toISOString() is 'YYYY-MM-DDTHH:mm:ss.sssZ' for all years 0..9999.
    text = `${new Date(unixSeconds * 1000).toISOString().slice(0, 19)}Z`;
    if (formatted.size >= MAX_REMEMBERED) formatted.clear();
    formatted.set(unixSeconds, text);
  }
  return text;
}

/** Unix seconds from an RFC 3339 query or body value (already checked by the route schema). */
export function unixOf(date: string | undefined): number | undefined {
  return date ? Math.floor(Date.parse(date) / 1000) : undefined;
}
