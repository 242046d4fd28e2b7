#!/usr/bin/env node
// Test helper: a "browser" for $BROWSER that follows the sign-in redirects the way a real one
// would (the sandbox's /authorize with auto-approve answers 302 to the loopback redirect URI) and
// records each URL it was asked to open in $FAKE_BROWSER_LOG. Excluded from the build (test-*).
import { appendFileSync } from 'node:fs';

const url = process.argv[2];
if (process.env.FAKE_BROWSER_LOG) appendFileSync(process.env.FAKE_BROWSER_LOG, `${url}\n`);
if (process.env.FAKE_BROWSER_STATE) {
  // Simulates an attacker's redirect: the right path, a forged state.
  const u = new URL(url);
  const back = new URL(u.searchParams.get('redirect_uri'));
  back.searchParams.set('code', 'forged');
  back.searchParams.set('state', process.env.FAKE_BROWSER_STATE);
  await fetch(back);
} else {
  const res = await fetch(url, { redirect: 'follow' });
  await res.text();
}
