/**
 * `onramp doctor`: each finding from its own temp HOME, with the file:line it points at and a fix;
 * a clean setup has none; the CLI exits 1 with findings and 0 without. The CLI cases need
 * `npm run build`.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { after, describe, it } from 'node:test';
import { formatSource } from '../core/errors.js';
import { type Finding, runDoctor } from './doctor.js';
import { onrampCredsTarget } from './doctor-process.js';
import type { Env } from './paths.js';
import { type TempHome, tempHome } from './test-user-side.js';
import { writeSsoToken } from './token-cache.js';

const SESSION =
  '[sso-session corp]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = eu-west-1\n';
const PROFILE = (name: string, session = 'corp') =>
  `[profile ${name}]\nsso_session = ${session}\nsso_account_id = 111122223333\nsso_role_name = ReadOnly\nregion = eu-central-1\n`;

const homes: TempHome[] = [];
after(() => {
  for (const h of homes) h.cleanup();
});

/** A HOME with these files (paths under it) and, unless `token: false`, a fresh token for corp. */
function home(
  files: Record<string, string>,
  opts: { token?: false | { expiresInMs: number; refreshable: boolean } } = {},
): TempHome {
  const h = tempHome();
  homes.push(h);
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(h.path(p)), { recursive: true });
    writeFileSync(h.path(p), text);
  }
  const token = opts.token ?? { expiresInMs: 3600_000, refreshable: false };
  if (token) {
    writeSsoToken(
      h.path('.aws', 'sso', 'cache'),
      { sessionName: 'corp' },
      {
        startUrl: 'https://d-1234567890.awsapps.com/start',
        region: 'eu-west-1',
        accessToken: 'tok',
        expiresAt: new Date(Date.now() + token.expiresInMs),
        ...(token.refreshable
          ? {
              clientId: 'c',
              clientSecret: 's',
              refreshToken: 'r',
              registrationExpiresAt: new Date(Date.now() + 86_400_000),
            }
          : {}),
      },
    );
  }
  return h;
}

const doctor = (h: TempHome, env: Env = {}, profile?: string) =>
  runDoctor({ env, home: h.home }, { profile }).findings;
const codes = (f: Finding[]) => f.map((x) => x.code);
const where = (f: Finding) => (f.source ? formatSource(f.source) : '');

describe('onramp doctor', () => {
  it('finds nothing in a clean SSO setup', () => {
    const h = home({ '.aws/config': SESSION + PROFILE('dev') });
    assert.deepEqual(doctor(h), []);
  });

  it('ONR-D321: AWS_ACCESS_KEY_ID in the environment (but not inside onramp exec)', () => {
    const h = home({ '.aws/config': SESSION + PROFILE('dev') });
    const [f, ...rest] = doctor(h, { AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'x' });
    assert.deepEqual(rest, []);
    assert.equal(f.code, 'ONR-D321');
    assert.equal(where(f), '$AWS_ACCESS_KEY_ID');
    assert.match(f.fix, /unset AWS_ACCESS_KEY_ID/);
    assert.deepEqual(doctor(h, { AWS_ACCESS_KEY_ID: 'ASIA', ONRAMP_EXEC_PROFILE: 'dev' }), []);
  });

  it('ONR-D322: static keys in ~/.aws/credentials for an SSO profile, and in [default]', () => {
    const h = home({
      '.aws/config': SESSION + PROFILE('dev'),
      '.aws/credentials':
        '[default]\naws_access_key_id = AKIAOLD\naws_secret_access_key = x\n\n[dev]\naws_access_key_id = AKIADEV\naws_secret_access_key = y\n',
    });
    const found = doctor(h);
    assert.deepEqual(codes(found), ['ONR-D322', 'ONR-D322']);
    assert.equal(where(found[0]), `${h.path('.aws', 'credentials')}:6`);
    assert.match(found[0].message, /profile dev uses IAM Identity Center/);
    assert.equal(where(found[1]), `${h.path('.aws', 'credentials')}:2`);
    assert.match(found[1].message, /\[default\]/);
    assert.match(found[1].fix, /comment out\) aws_access_key_id and aws_secret_access_key in \[default\]/);
  });

  it('ONR-D323 / D324: no token, or an expired one that cannot be refreshed; a refreshable one is fine', () => {
    const cfg = { '.aws/config': SESSION + PROFILE('dev') };
    const none = doctor(home(cfg, { token: false }));
    assert.deepEqual(codes(none), ['ONR-D323']);
    assert.equal(none[0].fix, 'sign in: onramp sso login --session corp');
    assert.match(where(none[0]), /config:1$/);
    const expired = doctor(home(cfg, { token: { expiresInMs: -60_000, refreshable: false } }));
    assert.deepEqual(codes(expired), ['ONR-D324']);
    assert.deepEqual(doctor(home(cfg, { token: { expiresInMs: -60_000, refreshable: true } })), []);
  });

  it('ONR-D325: region where sso_region belongs, a profile contradicting its session, a legacy profile without sso_region', () => {
    const h = home({
      '.aws/config':
        '[sso-session corp]\nsso_start_url = https://d-1234567890.awsapps.com/start\nregion = eu-west-1\n' +
        `${PROFILE('dev')}sso_region = us-east-1\n` +
        '[profile legacy]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_account_id = 1\nsso_role_name = R\nregion = eu-west-1\n',
    });
    const found = doctor(h);
    assert.deepEqual(codes(found), ['ONR-D325', 'ONR-D325']);
    assert.match(found[0].message, /\[sso-session corp\] sets region = eu-west-1 where sso_region belongs/);
    assert.match(where(found[0]), /config:3$/);
    assert.match(found[1].message, /profile legacy has sso_start_url but no sso_region \(region = eu-west-1/);
    const conflict = doctor(home({ '.aws/config': `${SESSION}${PROFILE('dev')}sso_region = us-east-1\n` }));
    assert.deepEqual(codes(conflict), ['ONR-D325']);
    assert.match(conflict[0].message, /sets sso_region = us-east-1, but its sso-session corp says eu-west-1/);
    assert.match(where(conflict[0]), /config:9$/);
  });

  it('ONR-D326: a profile naming an sso-session that does not exist', () => {
    const h = home({ '.aws/config': SESSION + PROFILE('dev', 'crop') });
    const found = doctor(h);
    assert.deepEqual(codes(found), ['ONR-D326']);
    assert.match(found[0].message, /sso_session = crop, but there is no \[sso-session crop\]/);
    assert.match(where(found[0]), /config:5$/);
  });

  it('ONR-D327: the same profile twice, or spelled two ways', () => {
    const twice = doctor(home({ '.aws/config': SESSION + PROFILE('dev') + PROFILE('dev') }));
    assert.ok(codes(twice).includes('ONR-D327'), JSON.stringify(twice));
    assert.match(where(twice.find((f) => f.code === 'ONR-D327')!), /config:9$/);
    const spelled = doctor(home({ '.aws/config': SESSION + PROFILE('dev') + PROFILE('"dev"') }));
    assert.deepEqual(codes(spelled), ['ONR-D327']);
    assert.match(spelled[0].message, /replaces/);
  });

  it('ONR-D328 / D329: credential_process loops and targets onramp cannot answer; pointing at itself is fine', () => {
    const cp = (name: string, target: string, extra = '') =>
      `[profile ${name}]\ncredential_process = onramp creds --profile ${target}\n${extra}`;
    const h = home({
      '.aws/config':
        SESSION +
        cp('self', 'self', 'sso_session = corp\nsso_account_id = 111122223333\nsso_role_name = ReadOnly\n') +
        cp('a', 'b') +
        cp('b', 'a') +
        cp('lost', 'nowhere') +
        cp('keys', 'static') +
        '[profile static]\naws_access_key_id = AKIA\naws_secret_access_key = x\n',
    });
    const found = doctor(h);
    assert.deepEqual(codes(found), ['ONR-D328', 'ONR-D329', 'ONR-D329']);
    assert.match(found[0].message, /loop: a → b → a/);
    assert.match(found[1].message, /nowhere, which does not exist/);
    assert.match(found[2].message, /static, which is not an SSO profile/);
    assert.equal(onrampCredsTarget('/usr/local/bin/onramp creds --format process --profile=x'), 'x');
    assert.equal(onrampCredsTarget('"C:\\tools\\onramp.cmd" creds --profile "my prof"'), 'my prof');
    assert.equal(onrampCredsTarget('granted credential-process --profile x'), undefined);
  });

  it('--profile narrows the check to that profile (and [default])', () => {
    const h = home({ '.aws/config': SESSION + PROFILE('dev') + PROFILE('broken', 'missing') });
    assert.deepEqual(codes(doctor(h)), ['ONR-D326']);
    assert.deepEqual(doctor(h, {}, 'dev'), []);
    assert.throws(() => doctor(h, {}, 'nope'), /ONR-E320|not in/);
  });

  it('the CLI exits 1 with findings (code, place, fix) and 0 without; --json lists them', async () => {
    const bad = home({ '.aws/config': SESSION + PROFILE('dev', 'crop') });
    const r = await bad.cli(['doctor']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^ONR-D326 .*config:5: profile dev uses sso_session = crop/m);
    assert.match(r.stdout, /^ {2}fix: create it with onramp sso configure --session crop/m);
    const json = await bad.cli(['doctor', '--json']);
    assert.equal(json.code, 1);
    const report = JSON.parse(json.stdout);
    assert.equal(report.ok, false);
    assert.equal(report.findings[0].code, 'ONR-D326');
    assert.deepEqual(report.findings[0].source, { kind: 'file', file: bad.path('.aws', 'config'), line: 5 });
    const good = home({ '.aws/config': SESSION + PROFILE('dev') });
    const ok = await good.cli(['doctor']);
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    assert.match(ok.stdout, /No problems found/);
  });
});
