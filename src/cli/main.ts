/**
 * `npm run -s cli -- <command> ...`: Node entry point over the same core the page uses.
 * Each command lives in its own file and exports `run(argv): Promise<number>` (the exit code).
 * Exit codes: 0 success, 2 bad arguments or bad data (message on stderr), 1 a bug.
 */
const commands: Record<string, () => Promise<{ run(argv: string[]): Promise<number> }>> = {
  metrics: () => import('./metrics-command'),
  compare: () => import('./compare-command'),
  train: () => import('./train-command'),
  'learning-curve': () => import('./learning-curve-command'),
};

async function main(): Promise<number> {
  const [name, ...rest] = process.argv.slice(2);
  if (name === '--help' || name === '-h') {
    process.stdout.write(`usage: npm run -s cli -- <${Object.keys(commands).join('|')}> [options]\n` +
      'run a command with --help for its flags\n');
    return 0;
  }
  const load = name ? commands[name] : undefined;
  if (!load) {
    process.stderr.write(
      `usage: npm run -s cli -- <${Object.keys(commands).join('|')}> [options]\n` +
        (name ? `unknown command: ${name}\n` : ''),
    );
    return 2;
  }
  return (await load()).run(rest);
}

main().then(
  (code) => { process.exitCode = code; },
  (err: unknown) => {
    // A stack trace is for developers: ML_WORKBENCH_DEBUG=1 prints it; a user gets the one line.
    const debug = process.env.ML_WORKBENCH_DEBUG === '1';
    const text = err instanceof Error ? (debug ? err.stack ?? err.message : `${err.name}: ${err.message.split('\n')[0]!.slice(0, 300)}`) : String(err).slice(0, 300);
    process.stderr.write(`internal error: ${text}${debug ? '' : ' (set ML_WORKBENCH_DEBUG=1 for the stack trace)'}\n`);
    process.exitCode = 1;
  },
);
