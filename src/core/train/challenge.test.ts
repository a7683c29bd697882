import { describe, expect, it } from 'vitest';
import { base64urlToBytes, base64urlToText, bytesToBase64url, textToBase64url } from '../base64url';
import { hideFault, revealFault } from './challenge';
import { FAULT_NAMES } from './faults';

describe('base64url', () => {
  it('matches RFC 4648 test vectors (unpadded, url alphabet)', () => {
    const vectors: [string, string][] = [['', ''], ['f', 'Zg'], ['fo', 'Zm8'], ['foo', 'Zm9v'], ['foob', 'Zm9vYg'], ['fooba', 'Zm9vYmE'], ['foobar', 'Zm9vYmFy']];
    for (const [plain, encoded] of vectors) {
      expect(textToBase64url(plain)).toBe(encoded);
      expect(base64urlToText(encoded)).toBe(plain);
    }
    expect(bytesToBase64url(Uint8Array.from([0xfb, 0xff]))).toBe('-_8');
    expect(Array.from(base64urlToBytes('-_8')!)).toEqual([0xfb, 0xff]);
    expect(base64urlToBytes('ab+c')).toBeNull();
  });
});

describe('hidden faults in challenge links', () => {
  it('every fault round-trips with its seed and its name does not appear in the token', () => {
    for (const fault of FAULT_NAMES) {
      for (const seed of [0, 1, 42, 123456]) {
        const token = hideFault(fault, seed);
        expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(token.toLowerCase()).not.toContain(fault.split('-')[0]);
        expect(revealFault(token, seed)).toBe(fault);
      }
    }
  });

  it('the same fault hides differently under different seeds; a wrong seed or an edited token reveals nothing', () => {
    expect(hideFault('zero-init', 1)).not.toBe(hideFault('zero-init', 2));
    expect(revealFault(hideFault('zero-init', 1), 2)).toBeNull();
    expect(revealFault('not-a-token', 1)).toBeNull();
    expect(revealFault('', 1)).toBeNull();
  });
});
