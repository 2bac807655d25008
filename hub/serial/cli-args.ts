/**
 * Every option of the reader bridge takes a value, and tokens are random base64url,
 * so one in 64 starts with a dash: `--token -x7…` is then read by util.parseArgs as
 * a missing value followed by an unknown option. Joining each option to the argument
 * after it (`--token=-x7…`) keeps the command a person copies from the dashboard
 * working whatever the token looks like.
 */
export function joinOptionValues(argv: readonly string[], valued: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const name = arg.startsWith('--') && !arg.includes('=') ? arg.slice(2) : null;
    if (name !== null && valued.has(name) && i + 1 < argv.length) {
      out.push(`${arg}=${argv[i + 1]}`);
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}
