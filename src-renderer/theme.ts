import { Badge, createTheme, Modal } from '@mantine/core';

/**
 * IBM Plex Sans Arabic carries Arabic and Latin glyphs in one family, so
 * both languages share metrics, and it ships in the bundle: the console
 * looks the same on a workstation with no internet.
 */
const FONT = '"IBM Plex Sans Arabic", "Segoe UI", Tahoma, system-ui, sans-serif';

export const theme = createTheme({
  fontFamily: FONT,
  headings: { fontFamily: FONT, fontWeight: '700' },
  primaryColor: 'teal',
  primaryShade: 7,
  defaultRadius: 'md',
  cursorType: 'pointer',
  // honour the operating system's "reduce motion" (and keeps e2e pictures free of half-faded dialogs)
  respectReducedMotion: true,
  components: {
    Modal: Modal.extend({ styles: { title: { fontWeight: 700, fontSize: 'var(--mantine-font-size-lg)' } } }),
    Badge: Badge.extend({
      // Upper case and letter spacing break Arabic joining; a badge in a table
      // cell must never be squeezed to an ellipsis ("نـ…").
      styles: { root: { textTransform: 'none', letterSpacing: 0, minWidth: 'max-content' }, label: { overflow: 'visible' } },
    }),
  },
});
