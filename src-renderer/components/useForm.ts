import { useCallback, useState, type ChangeEvent } from 'react';
import type { CallInput, CallName, CallOutput } from '../../src-shared/contract/index.js';
import type { FieldError } from '../../src-shared/errors.js';
import type { Bilingual } from '../../src-shared/messages.js';
import { isApiError, validateInput } from '../api/client.js';
import { pick, useLanguage } from '../i18n/index.js';

type Values = Record<string, string>;

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

  /** Props for a TextInput / PasswordInput bound to one value. */
  const text = (name: keyof V & string) => ({
    value: values[name] ?? '',
    onChange: (event: ChangeEvent<HTMLInputElement>) => set(name, event.currentTarget.value as V[typeof name]),
    error: errorFor(name),
  });

  /** Props for a Select bound to one value ('' means nothing chosen). */
  const choice = (name: keyof V & string) => ({
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
