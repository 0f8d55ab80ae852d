import { describe, expect, it } from 'vitest';
import { UpstreamHealth, upstreamLabel } from './upstream-health.ts';

function setup() {
  const clock = { t: Date.parse('2030-01-01T00:00:00Z') };
  const events: { event: string; fields: Record<string, unknown> }[] = [];
  const health = new UpstreamHealth({ now: () => clock.t, log: (event, fields) => void events.push({ event, fields }) });
  return { clock, events, health };
}

const NPM = 'https://registry.npmjs.org/';

describe('UpstreamHealth', () => {
  it('is unknown until an upstream answers, then up, with its last success', () => {
    const { health, events } = setup();
    expect(health.statuses()).toEqual([]);
    health.observe('npm', NPM, 200);
    health.observe('npm', NPM, 404);
    expect(health.statuses()).toEqual([{ ecosystem: 'npm', url: NPM, state: 'up', since: '2030-01-01T00:00:00.000Z', lastSuccessAt: '2030-01-01T00:00:00.000Z' }]);
    expect(events).toEqual([]);
  });

  it('logs going down and coming back once each, however many answers come meanwhile', () => {
    const { health, events, clock } = setup();
    health.observe('npm', NPM, 200);
    health.observe('npm', NPM, 'error');
    health.observe('npm', NPM, 503);
    clock.t += 90_000;
    health.observe('npm', NPM, 429);
    health.observe('npm', NPM, 200);
    health.observe('npm', NPM, 200);
    expect(events).toEqual([
      { event: 'upstream-down', fields: { ecosystem: 'npm', upstream: NPM, problem: 'no answer' } },
      { event: 'upstream-up', fields: { ecosystem: 'npm', upstream: NPM, downSeconds: 90 } },
    ]);
    expect(health.statuses()[0]).toMatchObject({ state: 'up', lastFailure: 'status 429', lastFailureAt: '2030-01-01T00:01:30.000Z' });
  });

  it('tracks each upstream of an ecosystem on its own, and logs one that starts down', () => {
    const { health, events } = setup();
    health.observe('go', 'https://proxy.golang.org/', 200);
    health.observe('go', 'https://sum.golang.org/', 'error');
    expect(health.statuses().map((status) => [status.url, status.state])).toEqual([['https://proxy.golang.org/', 'up'], ['https://sum.golang.org/', 'down']]);
    expect(events.map((event) => event.event)).toEqual(['upstream-down']);
  });
});

describe('upstreamLabel', () => {
  it('keeps origin and path and drops credentials', () => {
    expect(upstreamLabel('https://user:secret@mirror.example/npm/')).toBe('https://mirror.example/npm/');
  });
});
