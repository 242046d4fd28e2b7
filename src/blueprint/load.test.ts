// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${…}` is the blueprint reference syntax, not a template.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { OnrampError } from '../core/errors.js';
import { formatReport } from './format.js';
import { loadBlueprint, readVarFile, requireValid } from './load.js';
import { defineBlueprint, validateBlueprint } from './validate.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

describe('seed blueprints', () => {
  test('Fractal: initializer role trusting the caller + Identity Center admin', async () => {
    const bp = requireValid(
      await loadBlueprint(fixture('fractal.yaml'), { varFlags: ['adminEmail=ops@example.com'] }),
    );
    assert.equal(bp.name, 'fractal-cloud');
    const role = bp.accounts.main.iam?.roles['fractal-cloud-initializer'];
    assert.deepEqual(role?.trust, { caller: true });
    assert.deepEqual(role?.managedPolicies, ['AdministratorAccess']);
    assert.equal(role?.maxSessionDuration, 3600);
    assert.equal(role?.path, '/');
    assert.equal(bp.identityCenter.users['fractal-admin'].email, 'ops@example.com');
    assert.equal(bp.identityCenter.users['fractal-admin'].userName, 'fractal-admin');
    assert.equal(bp.identityCenter.permissionSets.AdministratorAccess.name, 'AdministratorAccess');
    assert.equal(bp.identityCenter.permissionSets.AdministratorAccess.sessionDuration, 'PT1H');
    assert.deepEqual(bp.identityCenter.assignments[0].accounts, ['main']);
    assert.deepEqual(bp.warnings, []);
  });

  test('Workbench: one list param expands into every account and both roles', async () => {
    const bp = requireValid(await loadBlueprint(fixture('workbench.yaml')));
    const ps = bp.identityCenter.permissionSets.DataScientist;
    const resources = (ps.inlinePolicy as { Statement: { Resource: string[] }[] }).Statement[0].Resource;
    assert.equal(resources.length, 6);
    assert.ok(resources.includes('arn:aws:iam::222222222222:role/Workbench-ReadOnlyRole'));
    assert.deepEqual(bp.identityCenter.assignments[0].accounts, [
      '111111111111',
      '222222222222',
      '333333333333',
    ]);
  });

  test('Workbench: the account list comes from --var and is checked against the pattern', async () => {
    const ok = requireValid(
      await loadBlueprint(fixture('workbench.yaml'), {
        varFlags: ['workbenchAccounts=444444444444,555555555555'],
      }),
    );
    assert.deepEqual(ok.values.workbenchAccounts, ['444444444444', '555555555555']);
    assert.deepEqual(ok.identityCenter.assignments[0].accounts, ['444444444444', '555555555555']);
    const bad = await loadBlueprint(fixture('workbench.yaml'), {
      varFlags: ['workbenchAccounts=4444,555555555555'],
    });
    assert.deepEqual(
      bad.errors.map((e) => e.code),
      ['ONR-E131'],
    );
    assert.deepEqual(bad.errors[0].source, { kind: 'flag', flag: '--var workbenchAccounts=…' });
  });

  test('Amplify: amplify-admin, amplify-policy with AmplifyBackendDeployFullAccess for PT12H', async () => {
    const bp = requireValid(
      await loadBlueprint(fixture('amplify.yaml'), { varFlags: ['email=dev@example.com'] }),
    );
    const ps = bp.identityCenter.permissionSets['amplify-policy'];
    assert.equal(ps.sessionDuration, 'PT12H');
    assert.deepEqual(ps.managedPolicies, ['AmplifyBackendDeployFullAccess']);
    assert.equal(bp.identityCenter.users['amplify-admin'].displayName, 'Amplify Admin');
  });

  test('Orchestera: member account, admin group, vendor role with ExternalId (secret)', async () => {
    const report = await loadBlueprint(fixture('orchestera.yaml'), {
      varFlags: ['externalId=orch-7f3a9c', 'memberEmail=spark@example.com', 'adminUsers=alice,bob'],
    });
    const bp = requireValid(report);
    assert.equal(bp.accounts.sparklith.create?.accessRole, 'OrganizationAccountAccessRole');
    assert.deepEqual(bp.accounts.management.iam?.groups['orchestera-admin-group'].members, ['alice', 'bob']);
    assert.deepEqual(bp.accounts.sparklith.iam?.roles.OrchesteraAccessRole.trust, {
      thirdParty: { account: '017059471480', externalId: 'orch-7f3a9c' },
    });
    assert.deepEqual(bp.secrets, ['orch-7f3a9c']);
  });
});

describe('loadBlueprint inputs', () => {
  let tmp: string;
  before(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'onramp-blueprint-'));
  });
  after(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  test('var files are read with positions; flags override them', async () => {
    const vars = join(tmp, 'vars.yaml');
    await writeFile(vars, 'externalId: from-file-1\nmemberEmail: file@example.com\n');
    const report = await loadBlueprint(fixture('orchestera.yaml'), {
      varFiles: [vars],
      varFlags: ['externalId=from-flag-2'],
    });
    const bp = requireValid(report);
    assert.equal(bp.values.externalId, 'from-flag-2');
    assert.equal(bp.values.memberEmail, 'file@example.com');
    const read = await readVarFile(vars);
    assert.deepEqual(read.vars[1].source, {
      kind: 'file',
      file: vars,
      line: 2,
      column: 14,
      path: 'memberEmail',
    });
  });

  test('a var file value of the wrong type names the file and line', async () => {
    const vars = join(tmp, 'bad-vars.yaml');
    await writeFile(vars, 'workbenchAccounts: 111111111111\n');
    const report = await loadBlueprint(fixture('workbench.yaml'), { varFiles: [vars] });
    assert.equal(report.errors[0].code, 'ONR-E129');
    assert.deepEqual(report.errors[0].source, {
      kind: 'file',
      file: vars,
      line: 1,
      column: 20,
      path: 'workbenchAccounts',
    });
  });

  test('a missing blueprint file, a bad flag and an unknown var are all reported', async () => {
    const missing = await loadBlueprint(join(tmp, 'nope.yaml'));
    assert.equal(missing.errors[0].code, 'ONR-E110');
    assert.equal(missing.errors[0].hint, 'check the path');
    const bad = await loadBlueprint(fixture('amplify.yaml'), {
      varFlags: ['novalue', 'emial=x@example.com'],
    });
    assert.deepEqual(
      bad.errors.map((e) => [e.code, e.hint]),
      [
        ['ONR-E133', 'write --var externalId=abc123; lists as --var accounts=111111111111,222222222222'],
        ['ONR-E132', 'did you mean `email`?'],
        ['ONR-E130', 'pass --var email=… or add it to a --var-file'],
      ],
    );
  });

  test('lenient validation leaves missing params unresolved with a warning', async () => {
    const report = await loadBlueprint(fixture('orchestera.yaml'), { lenient: true });
    assert.equal(report.ok, true);
    assert.deepEqual(
      report.warnings.map((w) => w.code),
      ['ONR-W104', 'ONR-W104'],
    );
    assert.deepEqual(report.blueprint?.unsetParams.sort(), ['externalId', 'memberEmail']);
    assert.equal(report.blueprint?.accounts.sparklith.create?.email, '${params.memberEmail}');
  });

  test('requireValid throws one OnrampError carrying every error', async () => {
    const report = await loadBlueprint({
      text: 'version: 1\nname: x\naccounts: { a: { id: "1" }, b: { id: "2" } }\n',
    });
    assert.throws(
      () => requireValid(report),
      (e: unknown) =>
        e instanceof OnrampError &&
        e.code === 'ONR-E119' &&
        e.exitCode === 2 &&
        Array.isArray(e.details?.errors) &&
        e.details.errors.length === 2 &&
        /2 errors/.test(e.message),
    );
  });

  test('secret values are redacted from messages', async () => {
    const text = [
      'version: 1',
      'name: s',
      'params:',
      '  token: { secret: true, default: "hunter22-secret" }',
      'accounts:',
      '  a:',
      '    id: "111111111111"',
      '    iam:',
      '      roles:',
      '        r:',
      '          trust: { account: "111111111111" }',
      '          description: "${params.token} \\u0001"',
    ].join('\n');
    const report = validateBlueprint({ text });
    assert.equal(report.errors.length, 1);
    assert.doesNotMatch(report.errors[0].message + formatReport(report), /hunter22/);
  });
});

describe('the same model from YAML, JSON and TypeScript', () => {
  test('amplify written three ways validates to the same blueprint', async () => {
    const yaml = requireValid(
      await loadBlueprint(fixture('amplify.yaml'), { varFlags: ['email=a@example.com'] }),
    );
    const json = {
      version: 1,
      name: 'amplify',
      params: { email: { description: 'Email address for the amplify-admin user' } },
      accounts: { management: { id: '${caller.account}' } },
      identityCenter: {
        users: {
          'amplify-admin': {
            displayName: 'Amplify Admin',
            givenName: 'Amplify',
            familyName: 'Admin',
            email: '${params.email}',
          },
        },
        permissionSets: {
          'amplify-policy': { sessionDuration: 'PT12H', managedPolicies: ['AmplifyBackendDeployFullAccess'] },
        },
        assignments: [
          { principal: { user: 'amplify-admin' }, permissionSet: 'amplify-policy', accounts: ['management'] },
        ],
      },
    } as const;
    const fromJson = requireValid(
      await loadBlueprint(
        { text: JSON.stringify(json, null, 2), file: 'amplify.json' },
        { varFlags: ['email=a@example.com'] },
      ),
    );
    const vars = [
      { name: 'email', value: 'a@example.com', source: { kind: 'flag' as const, flag: '--var' } },
    ];
    const fromTs = requireValid(
      validateBlueprint({ object: defineBlueprint(structuredClone(json) as never) }, { vars }),
    );
    const strip = (b: typeof yaml) => ({ ...b, file: '', sourceMap: undefined });
    assert.deepEqual(strip(fromJson), strip(yaml));
    assert.deepEqual(strip(fromTs), strip(yaml));
    const jsonText = JSON.stringify(json, null, 2).split('\n');
    const line = jsonText.findIndex((l) => l.includes('"PT12H"')) + 1;
    assert.deepEqual(
      fromJson.sourceMap.value(['identityCenter', 'permissionSets', 'amplify-policy', 'sessionDuration']),
      {
        line,
        column: jsonText[line - 1].indexOf('"PT12H"') + 1,
      },
    );
    assert.equal(fromTs.sourceMap.value(['name']), undefined);
  });

  test('positions survive param substitution', async () => {
    const bp = requireValid(await loadBlueprint(fixture('workbench.yaml')));
    const text = await readFile(fixture('workbench.yaml'), 'utf8');
    const pos = bp.sourceMap.value(['identityCenter', 'assignments', 0, 'accounts', 2]);
    assert.ok(pos);
    assert.equal(text.split('\n')[pos.line - 1].slice(pos.column - 1), '${params.workbenchAccounts}');
  });

  test('formatReport renders file:line:col, code, message and hint', () => {
    const report = validateBlueprint({ text: 'version: 1\nname: x\nacounts: {}\n', file: 'bp.yaml' });
    assert.equal(
      formatReport(report),
      'bp.yaml:3:1: error ONR-E114 acounts: unknown key `acounts`\n    hint: did you mean `accounts`?\n1 error, 0 warnings',
    );
  });
});
