/** Runs the command line; returns the exit code (0 verified, 1 not, 2 usage). */
export function main(argv: string[], print?: (line: string) => void): Promise<number>;
