/** React side of the i18n: the language comes from the URL (`lang=en`), every component reads it from here. */
import { useMemo } from 'react';
import { useAppState } from '../url-state';
import type { Lang } from './labels';
import { translator, type Translator } from './messages';

export function useLang(): Lang {
  return useAppState().lang;
}

/** `const t = useT(); t('nav.home')`. Typed keys: a key missing from either dictionary does not compile. */
export function useT(): Translator {
  const lang = useLang();
  return useMemo(() => translator(lang), [lang]);
}
