/** Reading a command's input file, with the one-line reason a person understands when it fails. */
import { readFile } from 'node:fs/promises';
import { truncateText } from '../core/text/excerpt';

/** Why a file could not be read: "no such file", "is a directory", "permission denied", "the name is too long", or the error's own message (cut short: it may hold the path). */
export function readErrorReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied'
    : code === 'ENAMETOOLONG' ? 'the name is too long' : truncateText(String((err as Error).message), 200);
}

/** The file's bytes, or why it could not be read. */
export async function readInputFile(path: string): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; why: string }> {
  try {
    return { ok: true, bytes: await readFile(path) };
  } catch (err) {
    return { ok: false, why: readErrorReason(err) };
  }
}
