// The one display-quoting rule for shell commands the product prints (repro and rerun commands).
// The output is meant to be pasted into a POSIX shell, so anything beyond a conservative set of
// characters is single-quoted; inside single quotes nothing is special except the quote itself.

/** Characters that never need quoting in sh: shown bare so common commands stay readable. */
const BARE = /^[A-Za-z0-9_@+=:,./-]+$/;

/** One argv element as sh would need it typed. */
export function quoteToken(token: string): string {
  if (token === "") return "''";
  if (BARE.test(token)) return token;
  // A single quote cannot appear inside '…': close the quote, add an escaped one, reopen.
  return `'${token.replaceAll("'", "'\\''")}'`;
}

/** An argv array as one pasteable command line. */
export function quoteCommand(argv: readonly string[]): string {
  return argv.map(quoteToken).join(" ");
}
