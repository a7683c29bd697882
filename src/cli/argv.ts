/**
 * Splitting a command's argv: positional arguments, `--flag`s, and `--name value` / `--name=value`
 * options; `--help` or `-h` anywhere asks for the usage. The usage errors read the same in every
 * command that uses it.
 */
import { quoteExcerpt } from '../core/text/excerpt';

export interface SplitArgv<V extends string, F extends string> {
  positional: string[];
  values: Partial<Record<V, string>>;
  flags: Set<F>;
}

export function splitArgv<V extends string, F extends string>(
  argv: readonly string[], valueNames: readonly V[], flagNames: readonly F[],
): SplitArgv<V, F> | { error: string } | { help: true } {
  const out: SplitArgv<V, F> = { positional: [], values: {}, flags: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return { help: true };
    if ((flagNames as readonly string[]).includes(arg)) { out.flags.add(arg as F); continue; }
    if (!arg.startsWith('--')) { out.positional.push(arg); continue; }
    const eq = arg.indexOf('=');
    const name = (eq >= 0 ? arg.slice(0, eq) : arg) as V;
    if (!valueNames.includes(name)) return { error: `unknown option ${quoteExcerpt(arg)}` };
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) return { error: `${name} needs a value` };
    out.values[name] = value;
  }
  return out;
}
