import { CH_ADEQUACY, EU_ADEQUACY, UK_ADEQUACY } from './adequacy';
import { EEA_EFTA_STATES, EEA_TERRITORIES, EU_MEMBER_STATES } from './eea';
import * as instruments from './transfer-instruments';

/**
 * Raise when a judgement's logic changes (not its reference data, which the hash below follows by itself), so
 * every stored verdict is judged again on the next open.
 */
const RULES_REVISION = 3;

function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * The version of the reference data and rules that stored derived facts were judged with. When it differs from
 * the one a register's rows were stamped with, the kit judges every row again.
 */
export const REFERENCE_VERSION = `${RULES_REVISION}-${fnv1a(
  JSON.stringify([
    EU_ADEQUACY,
    UK_ADEQUACY,
    CH_ADEQUACY,
    EU_MEMBER_STATES,
    EEA_EFTA_STATES,
    EEA_TERRITORIES,
    instruments,
  ]),
)}`;
