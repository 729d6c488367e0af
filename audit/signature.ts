// How checkpoints are signed: Ed25519 (Node's crypto), or SM2 (GB/T 32918, 商用密码) with the standard signer id
// '1234567812345678' (GM/T 0009). Node 20's OpenSSL 3.0 can make SM2 keys but cannot sign or verify with that id,
// so the SM2 arithmetic is the maintained `sm-crypto` package's; the keys stay standard PKCS#8 / SPKI PEM files
// (readable by `openssl`), and the per-signature nonce comes from OpenSSL's random generator, not the package's.
import { createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { BigInteger } from 'jsbn';
import { sm2, type KeyPairPoint } from 'sm-crypto';
import type { HashAlgorithm } from '../db/chain-hash';

export const SIGNATURE_ALGORITHMS = ['ed25519', 'sm2'] as const;
export type SignatureAlgorithm = (typeof SIGNATURE_ALGORITHMS)[number];

/** The signer's distinguishing identifier of GM/T 0009 that every SM2 verifier assumes unless told otherwise. */
export const SM2_USER_ID = '1234567812345678';

/** The hash of a checkpoint's Merkle tree: SM3 with an SM2 signature, so a 商用密码 checkpoint uses no other algorithm. */
export function merkleHashFor(algorithm: SignatureAlgorithm): HashAlgorithm {
  return algorithm === 'sm2' ? 'sm3' : 'sha256';
}

export function generateSigningKey(algorithm: SignatureAlgorithm): { privateKey: KeyObject; publicKey: KeyObject } {
  return algorithm === 'sm2' ? generateKeyPairSync('ec', { namedCurve: 'SM2' }) : generateKeyPairSync('ed25519');
}

// DER layouts of an SM2 key as OpenSSL writes them: SPKI (id-ecPublicKey, curve 1.2.156.10197.1.301, then the
// uncompressed point), and PKCS#8 wrapping an ECPrivateKey (version 1, then the 32-byte private scalar). Node 20 names
// no key type for an SM2 key read from a file (and aborts exporting one as SEC1), so the DER is read instead.
const SM2_SPKI_PREFIX = '3059301306072a8648ce3d020106082a811ccf5501822d034200';
const SM2_CURVE_OID = '06082a811ccf5501822d';
const EC_PRIVATE_KEY_SCALAR = '0201010420';

const publicOf = (key: KeyObject): KeyObject => (key.type === 'public' ? key : createPublicKey(key));

/** The uncompressed point 04‖x‖y in hex, as sm-crypto takes a public key; null for a key that is not SM2. */
function sm2PublicHexOrNull(key: KeyObject): string | null {
  if (key.asymmetricKeyType !== undefined && key.asymmetricKeyType !== 'ec') return null;
  const der = publicOf(key).export({ type: 'spki', format: 'der' }).toString('hex');
  return der.startsWith(SM2_SPKI_PREFIX) && der.length === SM2_SPKI_PREFIX.length + 130 ? der.slice(SM2_SPKI_PREFIX.length) : null;
}

function sm2PublicHex(key: KeyObject): string {
  const hex = sm2PublicHexOrNull(key);
  if (!hex) throw new Error('not an SM2 key');
  return hex;
}

function sm2PrivateHex(key: KeyObject): string {
  const der = key.export({ type: 'pkcs8', format: 'der' }).toString('hex');
  const at = der.indexOf(EC_PRIVATE_KEY_SCALAR, der.indexOf(SM2_CURVE_OID));
  if (der.indexOf(SM2_CURVE_OID) < 0 || at < 0 || at % 2 !== 0) throw new Error('not an SM2 private key');
  return der.slice(at + EC_PRIVATE_KEY_SCALAR.length, at + EC_PRIVATE_KEY_SCALAR.length + 64);
}

/** What a key (private or public) signs with, or null for any other kind of key. */
export function signatureAlgorithmOf(key: KeyObject): SignatureAlgorithm | null {
  if (key.asymmetricKeyType === 'ed25519') return 'ed25519';
  return sm2PublicHexOrNull(key) ? 'sm2' : null;
}

/** A fresh nonce k with the x of k·G, from an ephemeral key OpenSSL generates (sm-crypto's own generator is RC4). */
function freshNonce(): KeyPairPoint {
  const { privateKey, publicKey } = generateSigningKey('sm2');
  const k = sm2PrivateHex(privateKey);
  const point = sm2PublicHex(publicKey);
  return { privateKey: k, publicKey: point, k: new BigInteger(k, 16), x1: new BigInteger(point.slice(2, 66), 16) } as unknown as KeyPairPoint;
}

/** The signature of `payload`, base64: raw Ed25519, or the DER SEQUENCE { r, s } of SM2 (what `openssl` reads). */
export function signPayload(algorithm: SignatureAlgorithm, privateKey: KeyObject, payload: Buffer): string {
  if (signatureAlgorithmOf(privateKey) !== algorithm) throw new Error(`the checkpoint signing key is not an ${algorithm} key`);
  if (algorithm === 'ed25519') return sign(null, payload, privateKey).toString('base64');
  const der = sm2.doSignature([...payload], sm2PrivateHex(privateKey), {
    der: true, hash: true, publicKey: sm2PublicHex(privateKey), userId: SM2_USER_ID, pointPool: [freshNonce()],
  });
  return Buffer.from(der, 'hex').toString('base64');
}

/** Whether `signature` (base64) is `publicKey`'s over `payload`; false for a key of another algorithm. */
export function verifyPayload(algorithm: SignatureAlgorithm, publicKey: KeyObject, payload: Buffer, signature: string): boolean {
  if (signatureAlgorithmOf(publicKey) !== algorithm) return false;
  const bytes = Buffer.from(signature, 'base64');
  if (algorithm === 'ed25519') return verify(null, payload, publicKey, bytes);
  return sm2.doVerifySignature([...payload], bytes.toString('hex'), sm2PublicHex(publicKey), { der: true, hash: true, userId: SM2_USER_ID });
}
