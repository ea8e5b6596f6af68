import { cleanup } from '@testing-library/react';
import { notifications } from '@mantine/notifications';
import { afterEach, vi } from 'vitest';

// jsdom has no layout engine; Mantine and the virtualizer need these browser APIs to exist.
const { getComputedStyle } = window;
window.getComputedStyle = (element: Element) => getComputedStyle(element);
Element.prototype.scrollIntoView = () => {};
Element.prototype.scrollTo = function scrollTo(this: Element, x?: number | ScrollToOptions, y?: number) {
  const options = typeof x === 'object' ? x : { left: x, top: y };
  if (options.top !== undefined) this.scrollTop = options.top;
  if (options.left !== undefined) this.scrollLeft = options.left;
};
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: (query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => {},
    removeListener: () => {},
    addEventListener: () => {},
    removeEventListener: () => {},
    dispatchEvent: () => false,
  }),
});
class NoLayoutResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
window.ResizeObserver = NoLayoutResizeObserver;
// Mantine's Textarea autosize listens for web fonts loading.
Object.defineProperty(document, 'fonts', {
  value: { addEventListener: () => {}, removeEventListener: () => {}, ready: Promise.resolve() },
});
// Mantine's ScrollArea and Combobox read these; jsdom lacks them.
window.HTMLElement.prototype.hasPointerCapture = () => false;
window.HTMLElement.prototype.releasePointerCapture = () => {};

afterEach(() => {
  // Toasts live in a module-level store: one test's must not crowd out the next one's.
  notifications.clean();
  cleanup();
  vi.restoreAllMocks();
  localStorage.clear();
  sessionStorage.clear();
  delete (window as { dpo?: unknown }).dpo;
  history.replaceState(null, '', '/');
});
