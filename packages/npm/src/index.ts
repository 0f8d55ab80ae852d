export { ABBREVIATED_PACKUMENT_TYPE, FULL_PACKUMENT_TYPE, packumentFormat } from './packument-format.ts';
