/** Flag value parsing with errors that name the flag. */
import { OnrampError } from '../core/errors.js';

export function parseNumberFlag(
  flag: string,
  value: string,
  range: { min: number; max: number; integer?: boolean },
): number {
  const n = Number(value);
  const bad =
    value.trim() === '' ||
    !Number.isFinite(n) ||
    n < range.min ||
    n > range.max ||
    (range.integer && !Number.isInteger(n));
  if (bad) {
    throw new OnrampError(
      'ONR-E100',
      `${value} is not ${range.integer ? 'a whole number' : 'a number'} from ${range.min} to ${range.max}`,
      {
        source: { kind: 'flag', flag },
        hint: `Give ${flag} a value from ${range.min} to ${range.max}.`,
      },
    );
  }
  return n;
}
