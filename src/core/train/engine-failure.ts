/**
 * An engine failure (out of memory, a lost GPU device, a wasm trap, any other exception from inside
 * TensorFlow.js) as the one plain sentence a person reads: what happened and what to change. No stack
 * trace, and the engine's own text cut short (a wasm abort message can hold kilobytes). The page and the
 * CLI both go through here; before, the CLI printed "internal error: RuntimeError: memory access out of
 * bounds" with a stack, and the page showed the raw wasm text.
 */
import { truncateText } from '../text/excerpt';

/** Characters of the engine's own message kept, in parentheses, for a bug report. */
const DETAIL_CHARS = 160;

export type EngineFailureKind = 'out-of-memory' | 'device-lost' | 'engine';

const OUT_OF_MEMORY = [
  /out of (?:bounds )?memory/i, /memory access out of bounds/i, /array buffer allocation failed/i, /invalid (?:typed )?array length/i,
  /cannot allocate/i, /allocation failed/i, /failed to allocate/i, /oom\b/i, /exceeds? (?:the )?(?:max|maximum)/i, /too large/i,
  /Aborted\(/, /OutOfMemory/i, /heap/i,
];
const DEVICE_LOST = [/device (?:was |is )?lost/i, /context (?:was |is )?lost/i, /GPUDevice/i, /CONTEXT_LOST/i, /lost the (?:gpu|device)/i];

function rawMessage(err: unknown): { name: string; message: string } {
  if (err instanceof Error) return { name: err.name || err.constructor?.name || 'Error', message: String(err.message ?? '') };
  if (typeof err === 'object' && err !== null && 'message' in err) return { name: 'Error', message: String((err as { message: unknown }).message) };
  return { name: 'Error', message: String(err) };
}

/** Which kind of failure `err` is (by its name and text: the engines throw plain Errors). */
export function engineFailureKind(err: unknown): EngineFailureKind {
  const { name, message } = rawMessage(err);
  const text = `${name}: ${message}`;
  if (DEVICE_LOST.some((re) => re.test(text))) return 'device-lost';
  if (name === 'RuntimeError' || (name === 'RangeError' && /alloc|length|memory|size/i.test(message)) || OUT_OF_MEMORY.some((re) => re.test(text))) return 'out-of-memory';
  return 'engine';
}

/** The first line of the engine's message, without a stack, at most DETAIL_CHARS characters. */
export function engineDetail(err: unknown): string {
  const { name, message } = rawMessage(err);
  const firstLine = message.split('\n').map((l) => l.trim()).find((l) => l !== '' && !/^at\s/.test(l)) ?? '';
  return truncateText(`${name}: ${firstLine}`.replace(/\s+/g, ' '), DETAIL_CHARS);
}

/**
 * One plain message for an engine failure, saying what to change. `where` words the advice for the
 * page (Set-up fields) or the CLI (flags).
 */
export function describeEngineFailure(err: unknown, where: 'page' | 'cli' = 'page'): string {
  const detail = engineDetail(err);
  const smaller = where === 'cli' ? 'a smaller model (--hidden with fewer or smaller layers) or a smaller --batch-size' : 'a smaller model (fewer or smaller hidden layers) or a smaller batch size';
  const otherBackend = where === 'cli' ? '--backend cpu' : 'the wasm or cpu backend';
  switch (engineFailureKind(err)) {
    case 'out-of-memory':
      return `The training engine ran out of memory (${detail}); the run was stopped. Use ${smaller}.`;
    case 'device-lost':
      return `The GPU device was lost (the GPU was reset or reclaimed by the browser: ${detail}); the run was stopped. Start again, or choose ${otherBackend}.`;
    default:
      return `The training engine failed (${detail}); the run was stopped. Try ${otherBackend} or ${smaller}; if it happens again, please report it with these settings.`;
  }
}
