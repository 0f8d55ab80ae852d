export { MAX_DISTRIBUTION_FILE_LENGTH, parseDistributionFile } from './distribution-file.ts';
export type { DistributionFile } from './distribution-file.ts';
export type { FileKind } from './distribution-file-forms.ts';
export { fileLocation, formatFileLocation, parseFileLocation } from './file-location.ts';
export type { FileLocation } from './file-location.ts';
export { filterJsonApi } from './json-api-filter.ts';
export type { FilteredJsonApi, JsonApiFilterOptions } from './json-api-filter.ts';
export { parsePypiPath } from './project-path.ts';
export type { PypiRequest, PypiRequestResult } from './project-path.ts';
export { createPypiApp, pypiErrorBody } from './pypi-app.ts';
export type { PypiAppOptions } from './pypi-app.ts';
export {
  LEGACY_HTML_CONTENT_TYPE,
  negotiateSimpleContentType,
  negotiateSimpleFormat,
  SIMPLE_HTML_CONTENT_TYPE,
  SIMPLE_JSON_CONTENT_TYPE,
} from './simple-format.ts';
export type { SimpleFormat } from './simple-format.ts';
export type { ProjectStatus, SimpleFile, SimpleMeta, SimplePage } from './simple-page.ts';
export { filterSimplePage } from './simple-page-filter.ts';
export type { FilteredSimplePage, SimplePageFilterOptions } from './simple-page-filter.ts';
export { renderSimpleHtml } from './simple-page-html-render.ts';
export { parseSimpleHtml } from './simple-page-html.ts';
export { renderSimpleJson } from './simple-page-json-render.ts';
export { parseSimpleJson } from './simple-page-json.ts';
export { rewriteFileUrls } from './simple-page-urls.ts';
export type { RewriteFileUrlsOptions, RewrittenSimplePage } from './simple-page-urls.ts';
export { filterSimplePageText } from './simple-page-text-filter.ts';
export type { FilteredSimplePageText, ResolvedLink, SimplePageTextOptions } from './simple-page-text-filter.ts';
export { FileVersionReader, fileVersion } from './file-version.ts';
export { withVerifiableMetadata } from './simple-page-metadata.ts';
