export { ABBREVIATED_PACKUMENT_TYPE, FULL_PACKUMENT_TYPE, packumentFormat } from './packument-format.ts';
export { parseNpmRequest } from './request.ts';
export type { NpmRequest, NpmRequestResult } from './request.ts';
