/**
 * Test helper: botocore (the AWS CLI's own library) as the reference reader and writer. Each call
 * runs one python3 process with a JSON request on stdin. Excluded from the build (test-*.ts).
 */
import { spawnSync } from 'node:child_process';
import type { TestContext } from 'node:test';

const SCRIPT = `
import datetime, json, sys
from dateutil.tz import tzutc
req = json.load(sys.stdin)
cmd = req['cmd']
out = None
if cmd == 'load-configs':
    import botocore.configloader as cl
    from botocore.exceptions import ConfigParseError
    out = []
    for path in req['paths']:
        try:
            out.append({'ok': True, 'config': cl.load_config(path)})
        except ConfigParseError as e:
            out.append({'ok': False, 'error': str(e)})
elif cmd == 'session':
    import botocore.session
    s = botocore.session.Session(profile=req['profile'])
    out = {'scoped': s.get_scoped_config(), 'ssoSessions': s.full_config.get('sso_sessions', {}),
           'available': list(s.available_profiles)}
elif cmd == 'sso-token-provider':
    import botocore.session
    from botocore.tokens import SSOTokenProvider
    s = botocore.session.Session(profile=req['profile'])
    frozen = SSOTokenProvider(s).load_token().get_frozen_token()
    out = {'token': frozen.token, 'expiration': frozen.expiration.isoformat()}
elif cmd == 'token-read':
    from botocore.utils import JSONFileCache, SSOTokenLoader
    out = SSOTokenLoader(cache=JSONFileCache(req['dir']))(req['startUrl'], session_name=req.get('sessionName'))
elif cmd == 'token-write':
    from botocore.utils import JSONFileCache, SSOTokenLoader
    from botocore.tokens import _sso_json_dumps
    tok = dict(req['token'])
    for k in ('expiresAt', 'registrationExpiresAt'):
        if k in req:
            tok[k] = datetime.datetime.fromtimestamp(req[k], tzutc())
    SSOTokenLoader(cache=JSONFileCache(req['dir'], dumps_func=_sso_json_dumps)).save_token(
        req['startUrl'], tok, session_name=req.get('sessionName'))
    out = {'dumps': _sso_json_dumps(tok)}
elif cmd == 'credential-key':
    from botocore.credentials import SSOCredentialFetcher
    f = SSOCredentialFetcher(req.get('startUrl'), 'us-east-1', req['roleName'], req['accountId'],
                             client_creator=None, sso_session_name=req.get('sessionName'))
    out = {'key': f._cache_key}
elif cmd == 'credential-read':
    from botocore.utils import JSONFileCache
    out = JSONFileCache(req['dir'])[req['key']]
elif cmd == 'json-dumps':
    v = req['value']
    out = {'plain': json.dumps(v), 'sorted': json.dumps(v, sort_keys=True),
           'compact': json.dumps(v, sort_keys=True, separators=(',', ':'))}
print(json.dumps(out, default=str))
`;

let available: boolean | undefined;

export function hasBotocore(): boolean {
  available ??= spawnSync('python3', ['-c', 'import botocore, dateutil'], { stdio: 'ignore' }).status === 0;
  return available;
}

/** Skips the test without botocore, except on CI where the peer is required. */
export function requireBotocore(t: TestContext): boolean {
  if (hasBotocore()) return true;
  if (process.env.CI === 'true') throw new Error('python3 with botocore is required on CI');
  t.skip('python3 with botocore is not installed');
  return false;
}

export function botocore<T = unknown>(request: Record<string, unknown>, env: Record<string, string> = {}): T {
  const run = spawnSync('python3', ['-c', SCRIPT], {
    input: JSON.stringify(request),
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', PYTHONUTF8: '1', AWS_EC2_METADATA_DISABLED: 'true', ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`botocore ${String(request.cmd)} failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}
