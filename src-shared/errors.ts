import { z } from 'zod';
import { isMessageKey, renderMessage, type Bilingual, type MessageKey } from './messages.js';

/** What went wrong, in terms a transport can map to a status code. */
export const ERROR_CODES = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'LOCKED',
  'TOO_LARGE',
  'UNSUPPORTED_MEDIA',
  'RATE_LIMITED',
  /** the station is at capacity for this kind of work (sign-ins queued for hashing): try again shortly */
  'BUSY',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  LOCKED: 423,
  TOO_LARGE: 413,
  UNSUPPORTED_MEDIA: 415,
  RATE_LIMITED: 429,
  BUSY: 503,
  INTERNAL: 500,
};

export interface FieldError {
  /** dotted path into the input, e.g. `nameEn` or `patient.phone` */
  readonly path: string;
  readonly key: MessageKey;
  readonly message: Bilingual;
}

export const fieldErrorSchema = z.object({
  path: z.string(),
  key: z.string(),
  message: z.object({ en: z.string(), ar: z.string() }),
});

export const errorBodySchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    key: z.string(),
    message: z.object({ en: z.string(), ar: z.string() }),
    fields: z.array(fieldErrorSchema).optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** An error a person should read: it carries a code, a message key and both languages. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly key: MessageKey;
  readonly fields: readonly FieldError[];

  constructor(code: ErrorCode, key: MessageKey, fields: readonly FieldError[] = [], detail?: string) {
    super(detail ?? `${code}: ${renderMessage(key).en}`);
    this.name = 'AppError';
    this.code = code;
    this.key = key;
    this.fields = fields;
  }

  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        key: this.key,
        message: renderMessage(this.key),
        ...(this.fields.length > 0 ? { fields: [...this.fields] } : {}),
      },
    };
  }
}

export function fieldError(path: string, key: MessageKey, params: Record<string, string | number> = {}): FieldError {
  return { path, key, message: renderMessage(key, params) };
}

/** One bad field is a 400 with that field named. */
export function invalidField(path: string, key: MessageKey, params: Record<string, string | number> = {}): AppError {
  return new AppError('VALIDATION', 'error.validation', [fieldError(path, key, params)]);
}

/** Turn zod's issues into field errors with bilingual texts. */
export function fieldErrorsFromZod(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    // Schemas name their own message with `{ error: 'field.…' }`.
    if (isMessageKey(issue.message)) return fieldError(path, issue.message);
    switch (issue.code) {
      case 'invalid_type':
        return fieldError(path, issue.input === undefined || issue.input === null ? 'field.required' : 'field.invalid_type');
      case 'too_small':
        if (issue.origin === 'string') {
          return fieldError(path, Number(issue.minimum) <= 1 ? 'field.required' : 'field.too_short', { min: Number(issue.minimum) });
        }
        return fieldError(path, 'field.too_small', { min: Number(issue.minimum) });
      case 'too_big':
        return fieldError(path, issue.origin === 'string' ? 'field.too_long' : 'field.too_big', { max: Number(issue.maximum) });
      case 'invalid_format':
        return fieldError(path, issue.format === 'email' ? 'field.email' : 'field.invalid');
      case 'invalid_value':
        return fieldError(path, 'field.invalid_choice');
      case 'unrecognized_keys':
        return fieldError([path, ...issue.keys.slice(0, 1)].filter(Boolean).join('.'), 'field.unknown');
      default:
        return fieldError(path, 'field.invalid');
    }
  });
}

export function validationError(error: z.ZodError): AppError {
  return new AppError('VALIDATION', 'error.validation', fieldErrorsFromZod(error));
}
