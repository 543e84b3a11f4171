import type { Px360Bridge } from '../src-shared/bridge.js';

declare global {
  interface Window {
    /** present in the desktop app (preload); absent when served by the headless station */
    readonly px360?: Px360Bridge;
  }
}
