/** An error as a log line gives it: its stack when it has one, else its message or text. */
export const errorText = (error: unknown): string => (error instanceof Error ? (error.stack ?? error.message) : String(error));
