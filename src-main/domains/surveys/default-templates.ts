/** The shipped survey templates live in src-shared (the hub reads a shipped version's questions from there too). */
export { DEFAULT_TEMPLATES, type DefaultTemplate, shippedTemplateId, shippedVersionId } from '../../../src-shared/surveys/default-templates.js';
