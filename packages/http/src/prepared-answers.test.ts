import { describe, expect, it } from 'vitest';
import { PreparedAnswers } from './prepared-answers.ts';

interface Answer {
  readonly text: string;
  readonly validUntil: number;
}

describe('PreparedAnswers', () => {
  it('prepares once per key, concurrent requests sharing the preparation', async () => {
    const answers = new PreparedAnswers<Answer>(1 << 20, () => 10);
    let made = 0;
    const prepare = async () => ({ text: `made ${++made}`, validUntil: Number.POSITIVE_INFINITY });
    const [a, b] = await Promise.all([answers.get('k', prepare), answers.get('k', prepare)]);
    expect([a.text, b.text, (await answers.get('k', prepare, 1e15)).text, made]).toEqual(['made 1', 'made 1', 'made 1', 1]);
  });

  it('prepares an answer again once the clock reaches its deadline', async () => {
    const answers = new PreparedAnswers<Answer>(1 << 20, () => 10, (answer) => answer.validUntil);
    let made = 0;
    const prepare = async () => ({ text: `made ${++made}`, validUntil: 100 * made });
    expect((await answers.get('k', prepare, 0)).text).toBe('made 1');
    expect((await answers.get('k', prepare, 99)).text).toBe('made 1');
    expect((await answers.get('k', prepare, 100)).text).toBe('made 2');
    expect((await answers.get('k', prepare, 150)).text).toBe('made 2');
  });

  it('keeps nothing from a failed preparation', async () => {
    const answers = new PreparedAnswers<Answer>(1 << 20, () => 10);
    await expect(answers.get('k', () => Promise.reject(new Error('upstream failed')))).rejects.toThrow('upstream failed');
    expect((await answers.get('k', async () => ({ text: 'ok', validUntil: 0 }))).text).toBe('ok');
  });
});
