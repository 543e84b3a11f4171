import { useLookUp } from '../i18n/index.js';
import type { Page } from '../kit/navigation.js';

/**
 * A page's name in the reader's language. Its label is a key of its own
 * area's texts, checked when the area was defined (`defineArea`); the list
 * mixes areas, so it is looked up in the page's namespace here.
 */
export function usePageLabel(): (page: Page) => string {
  const lookUp = useLookUp();
  return (page) => lookUp(page.label, page.area);
}
