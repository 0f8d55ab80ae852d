import { ECOSYSTEMS, type Ecosystem } from '../ecosystem.ts';
import { failure, success, type Result } from '../result.ts';
import { describeValue, isJsonObject, joinProblems, readChoice, refuseUnknownKeys, type JsonObject, type Problems } from './json-fields.ts';
import { parseInternalRule, parseList, parseModeRule, parseVersionRule, refuseDuplicateModes } from './parse-package-rules.ts';
import { DEFAULT_POLICY_SETTINGS, UNKNOWN_PUBLISH_TIME_CHOICES, type CooldownSettings, type PolicySettings } from './policy-settings.ts';

/** Ten years: a longer cooldown is a mistake (a number of minutes or seconds written as hours). */
export const MAX_COOLDOWN_HOURS = 87_600;

const TOP_LEVEL_KEYS = ['modes', 'allow', 'deny', 'internal', 'cooldown'];
const COOLDOWN_KEYS = [...ECOSYSTEMS, 'unknownPublishTime'];

function parseHours(value: unknown, path: string, problems: Problems): number {
  if (value === undefined) return 0;
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= MAX_COOLDOWN_HOURS) return value;
  problems.push(`${path}: expected a number of hours from 0 to ${MAX_COOLDOWN_HOURS}, found ${describeValue(value)}`);
  return 0;
}

function parseCooldown(value: unknown, problems: Problems): CooldownSettings {
  if (value === undefined) return DEFAULT_POLICY_SETTINGS.cooldown;
  if (!isJsonObject(value)) {
    problems.push(`cooldown: expected an object, found ${describeValue(value)}`);
    return DEFAULT_POLICY_SETTINGS.cooldown;
  }
  refuseUnknownKeys('cooldown', value, COOLDOWN_KEYS, problems);
  const hours = Object.fromEntries(ECOSYSTEMS.map((ecosystem) => [ecosystem, parseHours(value[ecosystem], `cooldown.${ecosystem}`, problems)]));
  const unknownPublishTime =
    value.unknownPublishTime === undefined
      ? 'allow'
      : readChoice(value.unknownPublishTime, 'cooldown.unknownPublishTime', UNKNOWN_PUBLISH_TIME_CHOICES, problems);
  return Object.freeze({
    hours: Object.freeze(hours as Record<Ecosystem, number>),
    unknownPublishTime: unknownPublishTime ?? 'allow',
  });
}

/**
 * Reads policy settings from a parsed JSON value, such as
 * `{"modes": [{"ecosystem": "npm", "package": "@corp/*", "mode": "audit"}],
 *   "allow": [{"ecosystem": "npm", "package": "left-pad", "versions": "1.3.0", "reason": "..."}],
 *   "deny": [{"ecosystem": "pypi", "package": "requestz", "reason": "..."}],
 *   "internal": [{"ecosystem": "npm", "package": "@corp/*"}],
 *   "cooldown": {"npm": 48, "pypi": 24, "go": 0, "unknownPublishTime": "allow"}}`.
 * Every key is optional. Fails on any problem, naming its key path
 * (`allow[2].versions: ...`); unknown keys are problems, with the key probably meant.
 * Never throws, whatever the value.
 */
export function parsePolicySettings(value: unknown): Result<PolicySettings> {
  if (!isJsonObject(value)) return failure(`expected a JSON object, found ${describeValue(value)}`);
  const settings: JsonObject = value;
  const problems: Problems = [];
  refuseUnknownKeys('', settings, TOP_LEVEL_KEYS, problems);
  const beforeModes = problems.length;
  const modes = parseList(settings, 'modes', parseModeRule, problems);
  // Positions in messages are those of the file only while no entry was dropped.
  if (problems.length === beforeModes) refuseDuplicateModes(modes, problems);
  const allow = parseList(settings, 'allow', parseVersionRule, problems);
  const deny = parseList(settings, 'deny', parseVersionRule, problems);
  const internal = parseList(settings, 'internal', parseInternalRule, problems);
  const cooldown = parseCooldown(settings.cooldown, problems);
  if (problems.length > 0) return failure(joinProblems(problems));
  return success(Object.freeze({ modes, allow, deny, internal, cooldown }));
}
