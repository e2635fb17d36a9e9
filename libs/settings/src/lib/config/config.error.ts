/**
 * Thrown by loadConfig when the environment is unusable. The message is one
 * line per problem so a process can print it and exit without a stack trace.
 */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      problems.map((problem) => `Configuration error: ${problem}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}
