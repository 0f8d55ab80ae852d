import { readFileSync } from 'node:fs';

/** A thread's nice value, from its /proc stat file (the 19th field; the thread's name, in parentheses, may hold spaces). */
export function niceOf(statPath: string): number {
  const stat = readFileSync(statPath, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
}
