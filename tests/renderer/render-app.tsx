import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../renderer/src/app/App';
import { Providers } from '../../renderer/src/app/Providers';
import { syncRouteFromLocation } from '../../renderer/src/app/router';

/** Renders the whole app at a fragment path, as the window would open it. */
export function renderApp(path: string) {
  history.replaceState(null, '', `/#${path}`);
  syncRouteFromLocation();
  // No pause between keystrokes: the debounces under test are the app's, not the typist's.
  const user = userEvent.setup({ delay: null });
  const view = render(
    <Providers env="test">
      <App />
    </Providers>,
  );
  return { user, ...view };
}

/** The path the app shows now, e.g. `/vendors/3`. */
export function currentPath(): string {
  return window.location.hash.replace(/^#/, '');
}
