/**
 * Hiding a mystery run's fault in a link: the fault name XOR-ed with a key stream drawn from the run's
 * seed, then base64url. Not cryptography, only so the answer is not readable from the URL (a student
 * who reverse-engineers this has learnt something too). A token that does not decode to a fault name
 * (edited, or read with another seed) reveals nothing.
 */
import { base64urlToBytes, bytesToBase64url } from '../base64url';
import { createRng } from '../random';
import { isFaultName, type FaultName } from './faults';

/** Apart from the run's own streams (runStreams), so the key says nothing about them either. */
const KEY_STREAM = 0x6d797374;
/** A check byte in front, so a token read with the wrong seed fails instead of giving a wrong name. */
const MAGIC = 0x4d;

function keyStream(seed: number, n: number): Uint8Array {
  const rng = createRng((seed ^ KEY_STREAM) >>> 0);
  return Uint8Array.from({ length: n }, () => rng.uint32() & 255);
}

/** The fault as a link-safe token that only decodes with the same seed. */
export function hideFault(fault: FaultName, seed: number): string {
  const plain = new TextEncoder().encode(fault);
  const bytes = new Uint8Array(plain.length + 1);
  bytes[0] = MAGIC;
  bytes.set(plain, 1);
  const key = keyStream(seed, bytes.length);
  return bytesToBase64url(bytes.map((b, i) => b ^ key[i]!));
}

/** The fault hidden in `token` with `seed`, or null when it does not decode to one. */
export function revealFault(token: string, seed: number): FaultName | null {
  const bytes = base64urlToBytes(token);
  if (!bytes || bytes.length < 2) return null;
  const key = keyStream(seed, bytes.length);
  const plain = bytes.map((b, i) => b ^ key[i]!);
  if (plain[0] !== MAGIC) return null;
  let name: string;
  try {
    name = new TextDecoder('utf-8', { fatal: true }).decode(plain.subarray(1));
  } catch {
    return null;
  }
  return isFaultName(name) ? name : null;
}
