/**
 * The blueprints verify's tests use: one with every kind of access path, and two slices of it
 * (management-account roles only; Identity Center only). Excluded from the build (test-*.ts).
 */

export const VENDOR = '017059471480';
export const EXTERNAL_ID = 'orchestera-7f3c';

/** Every path kind: caller, account, specific role, third party, SSO user/group, SSO → role, access role. */
export function fixtureYaml(): string {
  return `version: 1
name: verify-fixture
params:
  m1: {}
  m2: {}
  externalId: { secret: true }
accounts:
  management:
    id: \${caller.account}
    iam:
      roles:
        fractal-cloud-initializer:
          trust: { caller: true }
          managedPolicies: [AdministratorAccess]
        ci-runner:
          trust: { account: management }
        ci-deployer:
          trust: { role: { account: management, name: ci-runner } }
          managedPolicies: [ReadOnlyAccess]
  m1:
    id: \${params.m1}
    iam:
      roles:
        Workbench-ExecutionRole:
          trust: { ssoPermissionSet: { permissionSet: DataScientist } }
        OrchesteraAccessRole:
          trust: { thirdParty: { account: "${VENDOR}", externalId: "\${params.externalId}" } }
          managedPolicies: [ReadOnlyAccess]
  m2:
    id: \${params.m2}
    iam:
      roles:
        Workbench-ExecutionRole:
          trust: { ssoPermissionSet: { permissionSet: DataScientist } }
identityCenter:
  users:
    alice: { displayName: Alice Example, givenName: Alice, familyName: Example, email: alice@example.com }
  groups:
    data-scientists: { displayName: DataScientists, members: [alice] }
  permissionSets:
    AdministratorAccess: { managedPolicies: [AdministratorAccess] }
    DataScientist:
      sessionDuration: PT8H
      inlinePolicy:
        Version: "2012-10-17"
        Statement:
          - Sid: AssumeWorkbenchRoles
            Effect: Allow
            Action: sts:AssumeRole
            Resource:
              - arn:aws:iam::\${params.m1}:role/Workbench-ExecutionRole
              - arn:aws:iam::\${params.m2}:role/Workbench-ExecutionRole
  assignments:
    - { principal: { user: alice }, permissionSet: AdministratorAccess, accounts: [management] }
    - { principal: { group: data-scientists }, permissionSet: DataScientist, accounts: [m1, m2] }
`;
}

/** Only the management account's roles: caller, account and role trusts (no members, no Identity Center). */
export function managementYaml(): string {
  return `version: 1
name: verify-management
accounts:
  management:
    id: \${caller.account}
    iam:
      roles:
        fractal-cloud-initializer:
          trust: { caller: true }
          managedPolicies: [AdministratorAccess]
        ci-runner:
          trust: { account: management }
        ci-deployer:
          trust: { role: { account: management, name: ci-runner } }
          managedPolicies: [ReadOnlyAccess]
`;
}

/** Only Identity Center: users, groups, permission sets and assignments (in the members, or in `accounts`). */
export function identityCenterYaml(accounts = ['m1', 'm2']): string {
  const members = accounts.filter((a) => a !== 'management');
  return `version: 1
name: verify-identity-center
${members.length ? `params:\n${members.map((m) => `  ${m}: {}`).join('\n')}\n` : ''}accounts:
  management:
    id: \${caller.account}
${members.map((m) => `  ${m}:\n    id: \${params.${m}}`).join('\n')}
identityCenter:
  users:
    alice: { displayName: Alice Example, givenName: Alice, familyName: Example, email: alice@example.com }
  groups:
    data-scientists: { displayName: DataScientists, members: [alice] }
  permissionSets:
    AdministratorAccess: { managedPolicies: [AdministratorAccess] }
    DataScientist:
      sessionDuration: PT8H
      inlinePolicy:
        Version: "2012-10-17"
        Statement: [{ Effect: Allow, Action: "s3:GetObject", Resource: "*" }]
  assignments:
    - { principal: { user: alice }, permissionSet: AdministratorAccess, accounts: [management] }
    - { principal: { group: data-scientists }, permissionSet: DataScientist, accounts: [${accounts.join(', ')}] }
`;
}
