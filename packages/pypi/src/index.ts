export { MAX_DISTRIBUTION_FILE_LENGTH, parseDistributionFile } from './distribution-file.ts';
export type { DistributionFile } from './distribution-file.ts';
export type { FileKind } from './distribution-file-forms.ts';
export { parsePypiPath } from './project-path.ts';
export type { PypiRequest, PypiRequestResult } from './project-path.ts';
export {
  LEGACY_HTML_CONTENT_TYPE,
  negotiateSimpleContentType,
  negotiateSimpleFormat,
  SIMPLE_HTML_CONTENT_TYPE,
  SIMPLE_JSON_CONTENT_TYPE,
} from './simple-format.ts';
export type { SimpleFormat } from './simple-format.ts';
