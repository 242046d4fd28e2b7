/**
 * Timestamps in the AWS SSO caches. The CLI writes `2026-01-01T08:00:00Z` (strftime
 * `%Y-%m-%dT%H:%M:%SZ`, no fraction: botocore tokens.py `_serialize_utc_timestamp`); the JS SDK
 * writes `toISOString()` with milliseconds; old botocore wrote `…UTC` (`%Z`); Python's isoformat
 * gives `+00:00`. We write the CLI's form and read all of them.
 */

/** The AWS CLI's cache timestamp: UTC, seconds precision, `Z`. */
export function formatCliTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

const STAMP =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?\s*(Z|UTC|GMT|([+-])(\d{2}):?(\d{2}))?$/i;

/** Parses any of the forms above; a stamp without a zone is taken as UTC. */
export function parseAwsTimestamp(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const m = STAMP.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, , sign, oh, om] = m;
  const ms = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
  let t = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, ms);
  if (sign) t -= (sign === '-' ? -1 : 1) * (+oh * 60 + +om) * 60_000;
  return Number.isNaN(t) ? undefined : new Date(t);
}
