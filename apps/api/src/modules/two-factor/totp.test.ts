import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, matchTotp, otpauthUri, timeStepAt, totpAt } from './totp';

// RFC 6238 appendix B: the seeds are ASCII "1234567890" repeated to the hash's key length.
const SEEDS = {
  sha1: Buffer.from('12345678901234567890'),
  sha256: Buffer.from('12345678901234567890123456789012'),
  sha512: Buffer.from('1234567890123456789012345678901234567890123456789012345678901234'),
};

const RFC6238_VECTORS: [number, string, string, string][] = [
  // [unix seconds, SHA1, SHA256, SHA512] (8 digits)
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
];

describe('TOTP (RFC 6238)', () => {
  it.each(RFC6238_VECTORS)('at %i s gives the RFC codes for SHA1, SHA256 and SHA512', (seconds, sha1, sha256, sha512) => {
    const step = timeStepAt(new Date(seconds * 1000));
    expect(hotp(SEEDS.sha1, step, 8, 'sha1')).toBe(sha1);
    expect(hotp(SEEDS.sha256, step, 8, 'sha256')).toBe(sha256);
    expect(hotp(SEEDS.sha512, step, 8, 'sha512')).toBe(sha512);
  });

  it('gives the RFC 4226 appendix D HOTP values for counters 0-9', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    expect(expected.map((_, counter) => hotp(SEEDS.sha1, counter))).toEqual(expected);
  });

  it('round-trips base32 (RFC 4648 test vector)', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('MZXW6YTBOI').toString()).toBe('foobar');
    expect(base32Decode('mzxw 6ytb oi======').toString()).toBe('foobar');
  });

  it('accepts the current step and one either side, and refuses steps already used', () => {
    const secret = base32Encode(SEEDS.sha1);
    const at = new Date(1234567890 * 1000);
    const step = timeStepAt(at);
    expect(matchTotp(secret, totpAt(secret, at), at, null)).toBe(step);
    expect(matchTotp(secret, totpAt(secret, new Date(at.getTime() - 30_000)), at, null)).toBe(step - 1);
    expect(matchTotp(secret, totpAt(secret, new Date(at.getTime() + 30_000)), at, null)).toBe(step + 1);
    expect(matchTotp(secret, totpAt(secret, new Date(at.getTime() - 90_000)), at, null)).toBeNull();
    expect(matchTotp(secret, totpAt(secret, at), at, step)).toBeNull();
    expect(matchTotp(secret, totpAt(secret, new Date(at.getTime() + 30_000)), at, step)).toBe(step + 1);
    expect(matchTotp(secret, 'abcdef', at, null)).toBeNull();
  });

  it('writes the otpauth URI authenticator apps read', () => {
    const uri = otpauthUri({ issuer: 'TRITIQ ERP', account: 'a@b.in', secret: 'JBSWY3DPEHPK3PXP' });
    expect(uri).toBe('otpauth://totp/TRITIQ%20ERP:a%40b.in?secret=JBSWY3DPEHPK3PXP&issuer=TRITIQ+ERP&algorithm=SHA1&digits=6&period=30');
  });
});
