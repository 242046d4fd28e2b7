/**
 * One factory for every identifier the sandbox hands out, shaped like AWS's own so that clients'
 * validators and people reading logs see familiar values: 12-digit accounts, AROA…/AIDA… ids,
 * ssoins-…, d-…, ps-…, o-…, r-…, ou-….
 */
import type { Random } from '../core/clock.js';

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';
const SECRET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export class IdFactory {
  constructor(private readonly random: Random = Math.random) {}

  private pick(alphabet: string, n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += alphabet[Math.floor(this.random() * alphabet.length)];
    return out;
  }

  hex(n: number): string {
    return this.pick(HEX, n);
  }

  /** A 12-digit account id that does not start with 0 (easier to read; AWS allows it either way). */
  accountId(): string {
    return String(1 + Math.floor(this.random() * 9)) + this.pick('0123456789', 11);
  }

  /** IAM unique ids: AROA (role), AIDA (user), AGPA (group), ANPA (policy), 21 characters. */
  iamUniqueId(prefix: 'AROA' | 'AIDA' | 'AGPA' | 'ANPA'): string {
    return prefix + this.pick(UPPER_ALNUM, 17);
  }

  /** AKIA… for long-term keys, ASIA… for temporary ones, 20 characters. */
  accessKeyId(temporary: boolean): string {
    return (temporary ? 'ASIA' : 'AKIA') + this.pick(UPPER_ALNUM, 16);
  }

  secretAccessKey(): string {
    return this.pick(SECRET, 40);
  }

  sessionToken(): string {
    return `IQoJb3JpZ2luX2Vj${this.pick(SECRET, 300)}`;
  }

  uuid(): string {
    const h = this.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  requestId(): string {
    return this.uuid();
  }

  orgId(): string {
    return `o-${this.pick(LOWER_ALNUM, 10)}`;
  }
  rootId(): string {
    return `r-${this.pick(LOWER_ALNUM, 4)}`;
  }
  ouId(rootId: string): string {
    return `ou-${rootId.slice(2)}-${this.pick(LOWER_ALNUM, 8)}`;
  }
  createAccountRequestId(): string {
    return `car-${this.hex(32)}`;
  }
  ssoInstanceId(): string {
    return `ssoins-${this.hex(16)}`;
  }
  identityStoreId(): string {
    return `d-${this.hex(10)}`;
  }
  permissionSetId(): string {
    return `ps-${this.hex(16)}`;
  }
  /** Identity Store user and group ids: an optional 10-hex prefix and a UUID, as AWS issues them. */
  identityStoreMemberId(): string {
    return `${this.hex(10)}-${this.uuid()}`;
  }
  /** The 16 hex characters AWS appends to AWSReservedSSO_<permission set>_ role names. */
  reservedSsoSuffix(): string {
    return this.hex(16);
  }
}
