import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OnrampError } from '../core/errors.js';
import { accessDeniedHint, parseAssumeInput, parseDuration, renderCredentials } from './assume-input.js';

const ARN = 'arn:aws:iam::123456789012:role/fractal-cloud-initializer';
const refused = (code: string, pattern: RegExp) => (e: unknown) =>
  e instanceof OnrampError && e.code === code && e.exitCode === 2 && pattern.test(`${e.message} ${e.hint}`);

describe('onramp assume input', () => {
  it('accepts a role ARN with a path and fills the defaults', () => {
    const input = parseAssumeInput({ roleArn: 'arn:aws:iam::123456789012:role/platform/Deploy' });
    assert.deepEqual(input, {
      roleArn: 'arn:aws:iam::123456789012:role/platform/Deploy',
      sessionName: 'onramp',
      format: 'env',
    });
  });

  it('refuses session, user and malformed ARNs with a pointed message (ONR-E154)', () => {
    assert.throws(
      () => parseAssumeInput({ roleArn: 'arn:aws:sts::123456789012:assumed-role/Admin/me' }),
      refused('ONR-E154', /session \(assumed-role\) ARN/),
    );
    assert.throws(
      () => parseAssumeInput({ roleArn: 'arn:aws:iam::123456789012:user/me' }),
      refused('ONR-E154', /not a role/),
    );
    assert.throws(() => parseAssumeInput({ roleArn: '123456789012' }), refused('ONR-E154', /account id/));
    assert.throws(
      () => parseAssumeInput({ roleArn: 'arn:aws:iam::12345:role/x' }),
      refused('ONR-E154', /not a role ARN/),
    );
  });

  it('checks duration, session name, ExternalId, source identity and format before any call', () => {
    assert.equal(parseAssumeInput({ roleArn: ARN, duration: '1h30m' }).durationSeconds, 5400);
    assert.equal(parseAssumeInput({ roleArn: ARN, duration: '43200' }).durationSeconds, 43200);
    assert.throws(() => parseAssumeInput({ roleArn: ARN, duration: '899' }), refused('ONR-E155', /900/));
    assert.throws(() => parseAssumeInput({ roleArn: ARN, duration: '13h' }), refused('ONR-E155', /12 h/));
    assert.throws(
      () => parseAssumeInput({ roleArn: ARN, duration: 'soon' }),
      refused('ONR-E155', /--duration/),
    );
    assert.throws(
      () => parseAssumeInput({ roleArn: ARN, sessionName: 'has space' }),
      refused('ONR-E156', /2-64 characters/),
    );
    assert.throws(
      () => parseAssumeInput({ roleArn: ARN, sourceIdentity: 'x' }),
      refused('ONR-E156', /source identity/),
    );
    assert.throws(() => parseAssumeInput({ roleArn: ARN, externalId: 'a b' }), refused('ONR-E157', /2-1224/));
    assert.throws(() => parseAssumeInput({ roleArn: ARN, format: 'yaml' }), refused('ONR-E158', /env, json/));
    assert.equal(parseAssumeInput({ roleArn: ARN, externalId: 'vendor:abc/1' }).externalId, 'vendor:abc/1');
  });

  it('parses durations', () => {
    assert.equal(parseDuration('900s'), 900);
    assert.equal(parseDuration('45m'), 2700);
    assert.equal(parseDuration('h'), undefined);
  });

  it('hints at the ExternalId when none was sent, and at its value when one was', () => {
    assert.match(accessDeniedHint({ roleArn: ARN }), /requires an ExternalId.*--external-id/);
    assert.match(accessDeniedHint({ roleArn: ARN, externalId: 'x' }), /ExternalId differs/);
    assert.match(
      accessDeniedHint({ roleArn: ARN }, 'arn:aws:iam::1:user/me'),
      /names you \(arn:aws:iam::1:user\/me/,
    );
  });
});

describe('credential formats', () => {
  const creds = {
    accessKeyId: 'ASIAEXAMPLE',
    secretAccessKey: 'secret',
    sessionToken: 'token',
    expiration: new Date('2030-01-02T03:04:05Z'),
  };

  it('env: export lines a shell can eval', () => {
    assert.equal(
      renderCredentials(creds, 'env'),
      [
        'export AWS_ACCESS_KEY_ID=ASIAEXAMPLE',
        'export AWS_SECRET_ACCESS_KEY=secret',
        'export AWS_SESSION_TOKEN=token',
        'export AWS_CREDENTIAL_EXPIRATION=2030-01-02T03:04:05.000Z',
      ].join('\n'),
    );
  });

  it('json: the STS Credentials shape; process: credential_process version 1', () => {
    assert.deepEqual(JSON.parse(renderCredentials(creds, 'json')), {
      AccessKeyId: 'ASIAEXAMPLE',
      SecretAccessKey: 'secret',
      SessionToken: 'token',
      Expiration: '2030-01-02T03:04:05.000Z',
    });
    const p = JSON.parse(renderCredentials(creds, 'process'));
    assert.equal(p.Version, 1);
    assert.equal(p.SessionToken, 'token');
  });
});
