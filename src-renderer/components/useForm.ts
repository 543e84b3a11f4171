import { useCallback, useState, type ChangeEvent } from 'react';
import type { CallInput, CallName, CallOutput } from '../../src-shared/contract/index.js';
import type { FieldError } from '../../src-shared/errors.js';
import type { Bilingual } from '../../src-shared/messages.js';
import { isApiError, validateInput } from '../api/client.js';
import { pick, useLanguage } from '../i18n/index.js';

export type Values = Record<string, string>;

/** Props binding a TextInput (or PasswordInput) to one value of a form. */
export interface TextBinding {
  value: string;
  onChange: (event: ChangeEvent<HTMLInputElement>) => void;
  error: string | undefined;
}

/** Props binding a Select to one value of a form ('' means nothing chosen). */
export interface ChoiceBinding {
  value: string | null;
  onChange: (value: string | null) => void;
  error: string | undefined;
}

/** What a shared group of inputs needs of a form: the values of the fields it names, and inputs bound to them. */
export interface FieldsOf<K extends string> {
  values: Record<K, string>;
  set(name: K, value: string): void;
  text(name: K): TextBinding;
  choice(name: K): ChoiceBinding;
}

/**
 * State of one modal form: the typed values, the field errors (bilingual,
 * so they follow a language switch), and a failure no field explains.
 * Field errors come from the call's own input schema before sending, and
 * from the station's answer after.
 */
export function useForm<V extends Values>(initial: V) {
  const language = useLanguage();
  const [values, setValues] = useState<V>(initial);
  const [fieldErrors, setFieldErrors] = useState<readonly FieldError[]>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const set = useCallback(<K extends keyof V & string>(name: K, value: V[K]) => {
    setValues((previous) => ({ ...previous, [name]: value }));
    setFieldErrors((previous) => previous.filter((error) => error.path !== name));
  }, []);

  const errorFor = (path: string): string | undefined => {
    const found = fieldErrors.find((error) => error.path === path);
    return found ? pick(found.message, language) : undefined;
  };

  const text = (name: keyof V & string): TextBinding => ({
    value: values[name] ?? '',
    onChange: (event: ChangeEvent<HTMLInputElement>) => set(name, event.currentTarget.value as V[typeof name]),
    error: errorFor(name),
  });

  const choice = (name: keyof V & string): ChoiceBinding => ({
    value: values[name] ? values[name] : null,
    onChange: (value: string | null) => set(name, (value ?? '') as V[typeof name]),
    error: errorFor(name),
  });

  const reset = useCallback((next: V) => {
    setValues(next);
    setFieldErrors([]);
    setFailure(null);
  }, []);

  /** Field errors on paths this form has no input for: shown in the general alert instead. */
  const unplaced = fieldErrors.filter((error) => !Object.hasOwn(values, error.path));
  const generalText = unplaced.map((error) => `${error.path}: ${pick(error.message, language)}`).join(' ');

  /**
   * Check, then send. Answers the output, or null when a field or the
   * station said no (the form then shows why).
   */
  async function submit<N extends CallName>(
    name: N,
    input: CallInput<N>,
    send: (input: CallInput<N>) => Promise<CallOutput<N>>,
    extraErrors: readonly FieldError[] = [],
  ): Promise<CallOutput<N> | null> {
    setFailure(null);
    const local = [...extraErrors, ...validateInput(name, input)];
    if (local.length > 0) {
      setFieldErrors(local);
      return null;
    }
    setBusy(true);
    try {
      const output = await send(input);
      setFieldErrors([]);
      return output;
    } catch (error) {
      if (isApiError(error) && error.fields.length > 0) {
        setFieldErrors(error.fields);
      } else {
        setFailure(error);
      }
      return null;
    } finally {
      setBusy(false);
    }
  }

  return { values, set, text, choice, reset, submit, busy, failure, generalText, errorFor };
}

/** A field error the console raises itself (e.g. the two passwords differ). */
export function consoleFieldError(path: string, message: Bilingual): FieldError {
  return { path, key: 'field.invalid', message };
}

/**
 * The values a form opens with: each field from the record being edited (a
 * missing value as ''), or from `blank` for a new record and for fields the
 * record does not have (a password, a default hospital).
 */
export function formValues<V extends Values>(blank: V, record: Partial<Record<keyof V, string | null>> | null): V {
  if (!record) return blank;
  const values: Values = { ...blank };
  for (const name of Object.keys(blank)) {
    if (Object.hasOwn(record, name)) values[name] = record[name] ?? '';
  }
  return values as V;
}
