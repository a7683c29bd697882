/**
 * Verifiable results: a short code for a finished run that anyone can paste into their own browser to
 * re-run it and confirm the same numbers, with no server.
 *
 * The code is `MLW1.<hash>.<payload>`:
 * - payload: base64url of the canonical JSON of what is needed to re-run: the settings as their URL query
 *   (dataset, config and seed; only non-defaults), the backend the run really used, and the hidden fault
 *   token of a mystery run (challenge.ts), so the code does not give the fault away.
 * - hash: the first 12 hex digits of FNV-1a 64 over the canonical JSON of the full settings (backend
 *   preference left out), the backend used, the fault token, a hash of the data, and the final train,
 *   validation and test metrics. Runs are bit-for-bit reproducible on one backend (seeded streams), so
 *   a re-run on the same backend gives the same metrics and therefore the same hash; any difference
 *   in the numbers, the data or the settings changes it.
 * FNV-1a is not cryptographic: a code proves "these settings give these numbers", not who ran them.
 */
import { base64urlToText, textToBase64url } from '../base64url';
import type { MetricValues } from './evaluation';
import { settingsFromParams, settingsToParams, type TrainSettings } from './settings';

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK = (1n << 64n) - 1n;

/** FNV-1a 64-bit over the UTF-8 bytes of `text`, as 16 hex digits (matches the FNV reference vectors). */
export function fnv1a64(text: string): string {
  let h = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(text)) h = ((h ^ BigInt(byte)) * FNV_PRIME) & MASK;
  return h.toString(16).padStart(16, '0');
}

/**
 * JSON with object keys sorted at every level, so equal values serialise equally whatever their key
 * order. Numbers as JSON writes them (the shortest text that reads back to the same double); NaN and
 * infinities become null and undefined members are dropped, as JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (ArrayBuffer.isView(value)) return canonicalJson(Array.from(value as unknown as ArrayLike<number>));
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** Everything a result code vouches for. */
export interface ResultClaim {
  settings: TrainSettings;
  /** The backend the run used (tf.getBackend()): cpu, wasm, webgl, webgpu. */
  backend: string;
  /** A mystery run's hidden fault (challenge.ts), or null. */
  faultToken: string | null;
  /** dataHash() of the training data. */
  dataHash: string;
  final: { train: MetricValues; validation: MetricValues; test: MetricValues };
}

/** What the code carries to re-run the claim. */
export interface ResultCodePayload {
  /** The settings as their URL query (settingsToParams), without the backend. */
  query: string;
  backend: string;
  faultToken: string | null;
}

const PREFIX = 'MLW1';
const HASH_DIGITS = 12;

/** The data's fingerprint: its text for files, the generator and its parameters for synthetic data. */
export function dataHash(data: { kind: 'text'; text: string } | { kind: 'synthetic'; id: string; params: unknown }): string {
  return fnv1a64(data.kind === 'text' ? data.text : canonicalJson({ synthetic: data.id, params: data.params }));
}

/** The hash part of a claim's code. */
export function claimHash(claim: ResultClaim): string {
  const { backend: _preference, ...settings } = claim.settings;
  const doc = { v: 1, settings, backend: claim.backend, fault: claim.faultToken, data: claim.dataHash, final: claim.final };
  return fnv1a64(canonicalJson(doc)).slice(0, HASH_DIGITS);
}

function queryOf(settings: TrainSettings): string {
  const params = settingsToParams({ ...settings, backend: 'auto' });
  return params.toString();
}

/** The result code of a claim (see the file comment). */
export function resultCode(claim: ResultClaim): string {
  const payload: Record<string, string> = { q: queryOf(claim.settings), b: claim.backend };
  if (claim.faultToken) payload.f = claim.faultToken;
  return `${PREFIX}.${claimHash(claim)}.${textToBase64url(canonicalJson(payload))}`;
}

export type ParsedResultCode = { ok: true; hash: string; payload: ResultCodePayload; settings: TrainSettings; problems: string[] } | { ok: false; message: string };

/** Reads a code back: the hash to compare, and the settings to re-run (on the code's backend). */
export function parseResultCode(code: string): ParsedResultCode {
  const parts = code.trim().split('.');
  const bad = (why: string): ParsedResultCode => ({ ok: false, message: `Not a result code: ${why}. A code looks like ${PREFIX}.0123456789ab.eyJi…` });
  if (parts.length !== 3 || parts[0] !== PREFIX) return bad(`it should start with ${PREFIX}. and have three parts separated by dots`);
  const [, hash, body] = parts as [string, string, string];
  if (!new RegExp(`^[0-9a-f]{${HASH_DIGITS}}$`).test(hash)) return bad(`the second part should be ${HASH_DIGITS} hex digits`);
  const text = base64urlToText(body);
  let payload: unknown;
  try {
    payload = text === null ? null : JSON.parse(text);
  } catch {
    payload = null;
  }
  if (!payload || typeof payload !== 'object') return bad('its last part does not decode (was it cut short?)');
  const p = payload as { q?: unknown; b?: unknown; f?: unknown };
  if (typeof p.q !== 'string' || typeof p.b !== 'string') return bad('its last part lacks the settings or the backend');
  const { settings, problems } = settingsFromParams(new URLSearchParams(p.q));
  return { ok: true, hash, payload: { query: p.q, backend: p.b, faultToken: typeof p.f === 'string' ? p.f : null }, settings, problems };
}
