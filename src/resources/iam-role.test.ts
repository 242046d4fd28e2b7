import { describe } from 'node:test';
import { useSandbox } from '../sandbox/test-support.js';
import { roleCase } from './test-cases.js';
import { lifecycle, type Rig } from './test-lifecycle.js';

const sb = useSandbox({ seed: 'org', accounts: 1 });
const rig = (): Rig => ({ config: () => sb.current.clientConfig() });

describe('AWS::IAM::Role (sandbox)', () => {
  lifecycle(rig, roleCase);
});
